"""Writing capacity pledges: the coördinator for any partner (from the agreed agenda), a
partner's own users for their partner; whoever may enter a pledge may also delete it, with a
reason. Every change in the history, with who and why."""
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.history import delete_with, save_with
from projects.models import Partner
from projects.refusals import Refused

from .models import CapacityPledge


class PledgeRefused(Refused):
    """A pledge this user may not enter, or that is not valid."""


def pledge_problem(user, partner=None) -> str | None:
    """Why this user may not enter or change a pledge (of ``partner``), or None."""
    if not user.is_authenticated or not user.is_active:
        return _("U kunt geen capaciteit toezeggen.")
    if user.is_coordinator:
        return None
    if user.is_partner_user and (partner is None or partner.pk == user.partner_id):
        return None
    return _("Alleen de coördinator of een medewerker van de partner zelf legt een toezegging vast.")


@transaction.atomic
def set_pledge(by, *, partner, year: int, quarter: int | None, hours: int, expertise: str = "",
               reason: str = "") -> CapacityPledge:
    """Record the partner's pledge for the year (``quarter`` None) or one quarter; a second
    entry for the same period changes the first (the history keeps both)."""
    if problem := pledge_problem(by, partner):
        raise PledgeRefused(problem)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise PledgeRefused(_("Kies kwartaal 1 tot en met 4, of laat het kwartaal leeg."), "quarter")
    # The partner's row is locked first: two entries for a period that has no pledge yet wait
    # for each other (the second changes the first) instead of one failing on the unique key.
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    pledge = (CapacityPledge.objects.select_for_update()
              .filter(partner=partner, year=year, quarter=quarter).first())
    if pledge is None:
        pledge = CapacityPledge(partner=partner, year=year, quarter=quarter)
    pledge.hours, pledge.expertise, pledge.updated_by = hours, expertise.strip(), by
    save_with(pledge, by, reason.strip() or gettext_noop("Capaciteit toegezegd"))
    return pledge


@transaction.atomic
def delete_pledge(by, pledge: CapacityPledge, reason: str) -> None:
    """Delete a pledge (who may enter it may delete it): its history keeps who, when and why.
    From then on the period has no pledge of the partner, unless the year's pledge covers it."""
    if problem := pledge_problem(by, pledge.partner):
        raise PledgeRefused(problem)
    if not reason.strip():
        raise PledgeRefused(_("Geef de reden van het verwijderen op."), "reason")
    locked = CapacityPledge.objects.select_for_update().filter(pk=pledge.pk).first()
    if locked is None:
        raise PledgeRefused(_("Deze toezegging is al verwijderd."))
    delete_with(locked, by, reason.strip())
