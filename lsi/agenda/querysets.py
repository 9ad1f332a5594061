"""Who sees what of the programme (the one place that scopes its reads).

The uitvoeringsagenda: the stuurgroep and the coördinator. An interesseverkenning: the
projectleider of its project, the stuurgroep and the coördinator see every answer; a partner's
users see only the questions put to their own partner. The gebiedsgerichte plans and their
status (no personal data): the VNG-adviser, the stuurgroep and the coördinator.
"""
from django.db import models
from django.db.models import Q


def sees_agendas(user) -> bool:
    """The uitvoeringsagenda is the programme's: stuurgroep and coördinator."""
    return user.is_authenticated and user.is_active and user.steers_programme


class AgendaQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if sees_agendas(user) else self.none()


class InterestQuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.steers_programme:
            return self
        if not user.is_partner_user:
            return self.none()
        from projects.querysets import project_grants

        return self.filter(Q(project_id__in=project_grants(user).led) | Q(partner_id=user.partner_id))


def area_plans_visible_to(user):
    """The gebiedsgerichte plans a user may follow on the plan overview (fields without personal
    data only: the view shows name, gemeente, format, region, phase and planning)."""
    from projects.models import Project

    if not user.is_authenticated or not user.is_active or not (
            user.is_vng_adviser or user.steers_programme):
        return Project.objects.none()
    return Project.objects.filter(project_type=Project.Type.AREA)
