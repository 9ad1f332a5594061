"""Partner-wide suspensions: the coördinator records that a partner suspends all its LSI work
(with a reason and a date) and when it is lifted. The projects it touches are listed for the
stuurgroep; nothing is put on hold automatically (each projectleider decides that)."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.history import save_with
from projects.models import Partner, Project
from projects.phases import FINAL
from projects.refusals import Refused

from .models import Suspension


class SuspensionRefused(Refused):
    """A suspension this user may not record, or that is not valid."""


def suspend_problem(user) -> str | None:
    """Why this user may not record or lift a suspension, or None."""
    if not (user.is_authenticated and user.is_active and user.is_coordinator):
        return _("Alleen de coördinator legt een opschorting vast.")
    return None


def touched_projects(partner):
    """The running projects (not closed or cancelled) the partner takes part in."""
    return (Project.objects.filter(participations__partner=partner).exclude(phase__in=FINAL)
            .order_by("name"))


@transaction.atomic
def suspend(by, *, partner, starts_on, reason: str) -> Suspension:
    if problem := suspend_problem(by):
        raise SuspensionRefused(problem)
    reason = (reason or "").strip()
    if not reason:
        raise SuspensionRefused(_("Geef de reden van de opschorting op."), "reason")
    # The partner's row is locked first, so that two suspensions recorded at once cannot both
    # find none running.
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    if Suspension.objects.filter(partner=partner, ends_on__isnull=True).exists():
        raise SuspensionRefused(
            _("%(partner)s heeft al een lopende opschorting.") % {"partner": partner.name}, "partner")
    suspension = Suspension(partner=partner, starts_on=starts_on, reason=reason, recorded_by=by)
    return save_with(suspension, by, reason)


@transaction.atomic
def lift(suspension: Suspension, by, *, ends_on=None, reason: str) -> Suspension:
    if problem := suspend_problem(by):
        raise SuspensionRefused(problem)
    suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
    reason = (reason or "").strip()
    if not reason:
        raise SuspensionRefused(_("Geef de reden van het opheffen op."), "end_reason")
    if not suspension.is_current:
        raise SuspensionRefused(_("Deze opschorting is al opgeheven."))
    ends_on = ends_on or timezone.localdate()
    if ends_on < suspension.starts_on:
        raise SuspensionRefused(
            _("Het opheffen kan niet vóór het begin van de opschorting liggen."), "ends_on")
    suspension.ends_on, suspension.end_reason = ends_on, reason
    return save_with(suspension, by, reason or gettext_noop("Opschorting opgeheven"))


def current_with_projects() -> list[dict]:
    """Every current suspension with the running projects it touches."""
    return [{"suspension": suspension, "projects": list(touched_projects(suspension.partner))}
            for suspension in Suspension.objects.filter(ends_on__isnull=True).select_related("partner")]
