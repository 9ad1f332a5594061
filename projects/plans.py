"""Writing project plans: creating and editing a plan, partners and their commitments,
projectleiders, and toetsmomenten. The only writers of these models besides ``lifecycle``.

Grants live here too: taking part gives the partner's group ``take_part_in_project`` on the
project; leading gives the user ``lead_project``. One grant per project, never per signal.
"""
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from guardian.models import GroupObjectPermission, UserObjectPermission

from . import notifications
from .history import delete_with, save_with
from .lifecycle import TransitionError
from .models import Checkpoint, Participation, Partner, Project, User
from .phases import Phase
from .roles import can_manage

PLAN_FIELDS = [
    "name", "project_type", "format", "initiator", "region", "reason", "goals", "area", "sector",
    "dpia_reference", "start_date", "intake_deadline", "case_table_date", "control_dates",
    "planned_end", "retention_days", "retention_unselected_days",
]


def plan_edit_problem(user, project: Project) -> str | None:
    """Why this user may not change the plan (its fields and partners) now, or None."""
    if not can_manage(user, project):
        return _("Alleen de projectleider of de coördinator kan het plan wijzigen.")
    if project.phase != Phase.CONCEPT:
        return _("Het plan kan alleen in de fase concept worden gewijzigd. "
                 "Een afgewezen plan gaat automatisch terug naar concept.")
    return None


def _require_editable(project: Project, by) -> None:
    if problem := plan_edit_problem(by, project):
        raise TransitionError(problem)


def may_create(user) -> bool:
    """The coördinator and the users of a formal partner can start a projectvoorstel."""
    return user.is_authenticated and (
        user.is_coordinator or (user.is_partner_user and user.partner.is_signatory)
    )


@transaction.atomic
def create_project(by, *, lead, **fields) -> Project:
    """A new plan in concept. A partner user starts it for their own partner and leads it."""
    if not may_create(by):
        raise TransitionError(_("U kunt geen nieuw project starten."))
    if not by.is_coordinator:
        fields["initiator"] = by.partner
        lead = by
    if lead is None or not lead.is_active or not lead.is_partner_user:
        raise TransitionError(_("Kies een projectleider: een actieve medewerker van een partner."))
    project = Project(**{name: fields[name] for name in PLAN_FIELDS if name in fields})
    save_with(project, by, gettext_noop("Projectvoorstel aangemaakt"))
    _grant("lead_project", lead, project, by, "Projectleider aangewezen")
    return project


@transaction.atomic
def update_plan(project: Project, by, **fields) -> Project:
    _require_editable(project, by)
    for name in PLAN_FIELDS:
        if name in fields:
            setattr(project, name, fields[name])
    save_with(project, by, gettext_noop("Projectplan gewijzigd"))
    return project


def _grant_rows(codename: str, holder, project: Project):
    """The guardian rows for one grant; their history records who granted what, when."""
    model = GroupObjectPermission if isinstance(holder, Group) else UserObjectPermission
    holder_field = "group" if isinstance(holder, Group) else "user"
    content_type = ContentType.objects.get_for_model(Project)
    permission = Permission.objects.get(content_type=content_type, codename=codename)
    return model, dict(
        permission=permission, content_type=content_type, object_pk=str(project.pk),
        **{holder_field: holder},
    )


def _grant(codename: str, holder, project: Project, by, reason: str) -> None:
    model, fields = _grant_rows(codename, holder, project)
    if not model.objects.filter(**fields).exists():
        row = model(**fields)
        save_with(row, by, reason)


def _revoke(codename: str, holder, project: Project, by, reason: str) -> None:
    model, fields = _grant_rows(codename, holder, project)
    for row in model.objects.filter(**fields):
        delete_with(row, by, reason)


def assign_lead(project: Project, user, by) -> None:
    """Make ``user`` projectleider of ``project`` (an object permission, kept in history)."""
    if not can_manage(by, project):
        raise TransitionError(_("Alleen de projectleider of de coördinator wijst een projectleider aan."))
    if not user.is_active or not user.is_partner_user:
        raise TransitionError(_("Een projectleider is een actieve medewerker van een partner."))
    _grant("lead_project", user, project, by, "Projectleider aangewezen")


@transaction.atomic
def set_participation(
    project: Project, by, *, partner: Partner, capacity_hours: int, categories
) -> Participation:
    """Add a partner to the plan, or change its capacity and allowed categories."""
    _require_editable(project, by)
    if not partner.is_active_on(project.start_date or project.created_at.date()):
        raise TransitionError(_("%(partner)s is geen actieve partner.") % {"partner": partner})
    if partner.delivery == Partner.Delivery.NONE and categories:
        raise TransitionError(
            _("%(partner)s levert geen signalen; kies geen categorieën.") % {"partner": partner}
        )
    participation, created = Participation.objects.get_or_create(
        project=project, partner=partner, defaults={"capacity_hours": capacity_hours}
    )
    changed = created or participation.capacity_hours != capacity_hours or (
        set(participation.categories.values_list("pk", flat=True)) != {c.pk for c in categories})
    participation.capacity_hours = capacity_hours
    reason = gettext_noop("Deelname vastgelegd")
    if changed and by.is_partner_user and by.partner_id == partner.pk:
        # Proposed by the partner's own user: that is its agreement.
        participation.agreement, participation.agreement_reason = Participation.Agreement.ACCEPTED, ""
        participation.agreement_by, participation.agreement_at = by, timezone.now()
        reason = gettext_noop("Deelname voorgesteld door de partner zelf")
    elif changed:
        # A new or changed proposal asks the partner again.
        participation.agreement, participation.agreement_reason = Participation.Agreement.PROPOSED, ""
        participation.agreement_by, participation.agreement_at = None, None
        reason = gettext_noop("Deelname voorgesteld aan de partner")
    save_with(participation, by, reason)
    participation.categories.set(categories)
    _grant("take_part_in_project", partner.group, project, by, "Partner neemt deel")
    if participation.agreement == Participation.Agreement.PROPOSED and changed:
        # The partner's users are asked to answer (an outbox row in this transaction).
        notifications.notify(
            "participation_proposed",
            User.objects.filter(partner=partner, role=User.Role.PARTNER, is_active=True),
            project=project, by=by, link=reverse("projects:detail", args=[project.pk]))
    return participation


@transaction.atomic
def remove_participation(participation: Participation, by) -> None:
    project = participation.project
    _require_editable(project, by)
    delete_with(participation, by, gettext_noop("Deelname verwijderd"))
    _revoke("take_part_in_project", participation.partner.group, project, by,
            gettext_noop("Deelname verwijderd"))


@transaction.atomic
def record_checkpoint(project: Project, by, *, moment, checked_on, outcome, remarks="") -> Checkpoint:
    """Record a PDCA toetsmoment."""
    if not can_manage(by, project):
        raise TransitionError(_("Alleen de projectleider of de coördinator legt toetsmomenten vast."))
    if project.phase in (Phase.CONCEPT, Phase.SUBMITTED):
        raise TransitionError(_("Toetsmomenten worden vastgelegd vanaf de goedkeuring van het plan."))
    checkpoint = Checkpoint(
        project=project, moment=moment, checked_on=checked_on, outcome=outcome,
        remarks=remarks.strip(), recorded_by=by,
    )
    save_with(checkpoint, by)
    return checkpoint


def realised_problem(user, project: Project) -> str | None:
    """Why this user may not record the realised hours of the project's partners now, or None."""
    if not can_manage(user, project):
        return _("Alleen de projectleider of de coördinator legt de gerealiseerde uren vast.")
    if project.phase != Phase.COMPLETION:
        return _("De gerealiseerde uren worden vastgelegd in de fase afronding.")
    return None


@transaction.atomic
def record_realised_hours(participation: Participation, by, hours: int) -> Participation:
    """At afronding: the hours the partner actually spent, for the evaluation and the capacity
    figures."""
    participation = Participation.objects.select_for_update().select_related("project").get(
        pk=participation.pk)
    if problem := realised_problem(by, participation.project):
        raise TransitionError(problem)
    participation.realised_hours = hours
    save_with(participation, by, gettext_noop("Gerealiseerde uren vastgelegd"),
              update_fields=["realised_hours"])
    return participation
