"""Partners agreeing to a plan (art. 3 lid 8: agreeing to a plan means supplying data and
capacity). The projectleider proposes each participation (hours, categories, in ``plans``); the
partner's own users accept it, or decline it with a reason. Only a plan whose every partner
accepted can be submitted (``lifecycle.plan_gaps``). Every answer is in the participation's
history, with who and why."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .history import save_with
from .models import Participation
from .phases import Phase
from .refusals import Refused


class AgreementRefused(Refused):
    """An answer to a proposed participation that is not allowed."""


def answer_problem(user, participation: Participation) -> str | None:
    """Why this user may not accept or decline this participation now, or None."""
    if not (user.is_authenticated and user.is_active and user.is_partner_user
            and user.partner_id == participation.partner_id):
        return _("Alleen een medewerker van deze partner kan op de deelname antwoorden.")
    if participation.project.phase != Phase.CONCEPT:
        return _("Op een deelname kan alleen worden geantwoord zolang het plan in concept is.")
    return None


def _answer(participation: Participation, by, agreement: str, reason: str, default_reason: str):
    with transaction.atomic():
        participation = Participation.objects.select_for_update().select_related("project").get(
            pk=participation.pk)
        if problem := answer_problem(by, participation):
            raise AgreementRefused(problem)
        participation.agreement = agreement
        participation.agreement_reason = reason
        participation.agreement_by = by
        participation.agreement_at = timezone.now()
        save_with(participation, by, reason or default_reason,
                  update_fields=["agreement", "agreement_reason", "agreement_by", "agreement_at"])
    return participation


def accept(participation: Participation, by, reason: str = "") -> Participation:
    """The partner agrees to supply the proposed hours and data categories."""
    return _answer(participation, by, Participation.Agreement.ACCEPTED, (reason or "").strip(),
                   gettext_noop("Deelname geaccepteerd door de partner"))


def decline(participation: Participation, by, reason: str) -> Participation:
    """The partner declines the proposal; the reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise AgreementRefused(_("Geef een reden op waarom uw organisatie niet akkoord gaat."), "reason")
    return _answer(participation, by, Participation.Agreement.DECLINED, reason,
                   gettext_noop("Deelname afgewezen door de partner"))
