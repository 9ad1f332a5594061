"""Who may do what with signals and information requests, and why not.

Each predicate returns the reason (translated, for the user) why ``user`` may not take the
action now, or None when they may. The service raises ``Refused`` on a reason; the view shows
or hides its button from the same call. What a user may *see* is decided in ``querysets.py``.
"""
from django.utils.translation import gettext as _

from projects.phases import Phase

from .models import RequestedAddress, Signal

# Phases in which information requests are sent and answered.
REQUEST_PHASES = frozenset({Phase.INTAKE, Phase.CASE_TABLE})


def withdraw_problem(user, signal: Signal) -> str | None:
    """Why this user may not withdraw (intrekken) this signal now, or None."""
    if not (user.is_authenticated and user.is_partner_user and user.partner_id == signal.partner_id):
        return _("Alleen de partner die het signaal aanleverde, kan het intrekken.")
    if signal.status == Signal.Status.WITHDRAWN:
        return _("Dit signaal is al ingetrokken.")
    if signal.project.phase != Phase.INTAKE:
        return _("Intrekken kan alleen tot de casustafel begint (fase signalering).")
    return None


def answer_problem(user, info_request, item: RequestedAddress | None = None) -> str | None:
    """Why this user may not answer this information request (or one address of it) now."""
    if not (user.is_authenticated and user.is_partner_user and user.partner_id == info_request.partner_id):
        return _("Alleen de gevraagde partner kan dit verzoek beantwoorden.")
    if item is not None and item.answer != RequestedAddress.Answer.OPEN:
        return _("Dit adres is al beantwoord.")
    project = info_request.project
    if project.phase not in REQUEST_PHASES:
        return _("Dit verzoek kan niet meer worden beantwoord: het project is in de fase "
                 "'%(phase)s'.") % {"phase": project.get_phase_display()}
    return None
