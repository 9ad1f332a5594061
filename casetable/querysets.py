"""The one place that decides who sees what of the casustafel.

* The projectleider of a project (guardian ``projects.lead_project``) sees everything of that
  project's casustafel.
* Users of a partner taking part in the project see only their own partner's open control
  assignments (``Assignment``), and of those only what the views show: address, action,
  planned date, the other partner of the duo.
* Users of a *gemeente* taking part in the project see its zorgmeldingen (``CareReferral``);
  enforcement partners never do.
* Everyone else sees nothing: a detail view answers 404.

Decided from the project grants plus foreign keys; no permission row per object.
"""
from django.db import models
from django.db.models import Q

from projects.phases import Phase
from projects.querysets import project_grants


def led_project_ids(user) -> list[int]:
    """Projects the user leads. Only partner users can be projectleider."""
    return sorted(project_grants(user).led)


def taking_part_project_ids(user) -> list[int]:
    """Projects the user's own partner takes part in."""
    return sorted(project_grants(user).taking_part)


def municipality_project_ids(user) -> list[int]:
    """Projects in which the user's partner takes part as a gemeente."""
    from projects.models import Partner

    if not user.is_authenticated or not user.is_partner_user:
        return []
    if user.partner.kind != Partner.Kind.MUNICIPALITY:
        return []
    return taking_part_project_ids(user)


class LeadOnlyProjectQuerySet(models.QuerySet):
    """Rows with a ``project``: visible to the projectleider of that project only."""

    project_lookup = "project_id"

    def visible_to(self, user):
        led = led_project_ids(user)
        if not led:
            return self.none()
        return self.filter(**{f"{self.project_lookup}__in": led})


class LeadOnlyItemQuerySet(LeadOnlyProjectQuerySet):
    """Rows that belong to an agenda item: visible to the projectleider of its project only."""

    project_lookup = "item__project_id"


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """All assignments of the projects the user leads; the open assignments of the user's
        own partner in projects that partner takes part in."""
        led = led_project_ids(user)
        taking_part = taking_part_project_ids(user)
        if not led and not taking_part:
            return self.none()
        return self.filter(
            Q(project_id__in=led)
            | Q(project_id__in=taking_part, partner_id=user.partner_id, status=self.model.Status.OPEN)
        )

    def result_due(self, today):
        """Open assignments of projects in uitvoering whose planned date has come, without a
        result, whose executing partner has not been told yet (``controls.remind_due_results``)."""
        return self.filter(status=self.model.Status.OPEN, result="", planned_date__lte=today,
                           result_due_notified_at__isnull=True, project__phase=Phase.EXECUTION)


class CareReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Zorgmeldingen: the projectleider, and the users of a gemeente taking part. Never an
        enforcement partner."""
        led = led_project_ids(user)
        municipal = municipality_project_ids(user)
        if not led and not municipal:
            return self.none()
        return self.filter(Q(project_id__in=led) | Q(project_id__in=municipal))


class InterventionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Interventions and their outcomes: all of the projects the user leads; of other
        projects the user's partner takes part in, those that partner carries out (its own
        handhavingstraject). Nobody else."""
        led = led_project_ids(user)
        taking_part = taking_part_project_ids(user)
        if not led and not taking_part:
            return self.none()
        return self.filter(Q(item__project_id__in=led)
                           | Q(item__project_id__in=taking_part, partner_id=user.partner_id))
