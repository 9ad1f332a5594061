"""Interesseverkenning: before a partner joins an area-based plan, the projectleider asks it how
many addresses in the plan's area might interest it. The partner's own users answer with a
count, or decline; the addresses never leave the partner (§3.1). Every step is in the history."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.history import save_with
from projects.models import Partner
from projects.postcodes import mentions_address
from projects.refusals import Refused

from . import rules
from .models import InterestQuestion


class InterestRefused(Refused):
    """A refused question or answer of the interesseverkenning."""


@transaction.atomic
def ask(project, by, *, partners, message: str = "") -> list[InterestQuestion]:
    """Ask each partner (once; asking again re-opens a declined question)."""
    if problem := rules.ask_problem(by, project):
        raise InterestRefused(problem)
    if not partners:
        raise InterestRefused(_("Kies ten minste één partner."), "partners")
    if mentions_address(message):
        raise InterestRefused(_("Noem geen adressen in de vraag: vraag alleen naar een aantal."), "message")
    asked = []
    for partner in partners:
        if partner.kind == Partner.Kind.ADVISORY:
            raise InterestRefused(_("%(partner)s is een adviserend lid en levert geen adressen.")
                                  % {"partner": partner.name}, "partners")
        question = (InterestQuestion.objects.select_for_update()
                    .filter(project=project, partner=partner).first())
        if question is not None and question.status != InterestQuestion.Status.DECLINED:
            continue
        question = question or InterestQuestion(project=project, partner=partner, asked_by=by)
        question.message, question.status = message.strip(), InterestQuestion.Status.OPEN
        question.address_count, question.decline_reason = None, ""
        asked.append(save_with(question, by, gettext_noop("Interesseverkenning gevraagd")))
    return asked


@transaction.atomic
def answer(question: InterestQuestion, by, *, address_count: int | None, decline: bool = False,
           reason: str = "") -> InterestQuestion:
    """The partner answers with a count, or declines (a reason is asked for, not required)."""
    question = InterestQuestion.objects.select_for_update().select_related("project").get(pk=question.pk)
    if problem := rules.answer_problem(by, question):
        raise InterestRefused(problem)
    if decline:
        if mentions_address(reason):
            raise InterestRefused(_("Noem geen adressen in de reden."), "reason")
        question.status, question.address_count = InterestQuestion.Status.DECLINED, None
        question.decline_reason = reason.strip()
        change = gettext_noop("Interesseverkenning afgeslagen")
    else:
        if address_count is None:
            raise InterestRefused(_("Geef het aantal adressen, of sla de vraag af."), "address_count")
        question.status, question.address_count = InterestQuestion.Status.ANSWERED, address_count
        question.decline_reason = ""
        change = gettext_noop("Interesseverkenning beantwoord")
    question.answered_by, question.answered_at = by, timezone.now()
    return save_with(question, by, change)
