"""What came of an intervention and of a zorgmelding, reported back by whoever carries it out.

Only a category, an amount and a date are stored: no free text about the person (sanction
outcomes can be criminal-law data, art. 10 AVG). Every change is in the history."""
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.history import save_with
from projects.refusals import Problems

from .errors import CaseTableError
from .models import WITH_AMOUNT, CareReferral, Intervention, OutcomeStatus
from .rules import care_outcome_problem, outcome_problem


@transaction.atomic
def record_outcome(intervention: Intervention, by, *, status: str, category: str = "",
                   amount: Decimal | None = None, decided_on: date | None = None) -> Intervention:
    """Record (or correct) the outcome; every problem of the submission is reported at once."""
    intervention = Intervention.objects.select_for_update().select_related("item__project").get(
        pk=intervention.pk)
    if problem := outcome_problem(by, intervention):
        raise CaseTableError(problem)
    problems = Problems(CaseTableError)
    if status not in OutcomeStatus.values:
        problems.add(_("Kies of het traject nog loopt of is afgerond."), "status")
    if category and category not in intervention.outcome_categories:
        problems.add(_("Kies een uitkomst die bij deze interventie past."), "category")
    if status == OutcomeStatus.DONE and not category:
        problems.add(_("Kies de uitkomst van het afgeronde traject."), "category")
    if amount is not None:
        if category not in WITH_AMOUNT:
            problems.add(_("Een bedrag hoort alleen bij een boete, een voorwaardelijke boete of een "
                           "terugvordering."), "amount")
        elif amount < 0:
            problems.add(_("Het bedrag kan niet negatief zijn."), "amount")
    if decided_on and decided_on > timezone.localdate():
        problems.add(_("De datum van de uitkomst kan niet in de toekomst liggen."), "decided_on")
    problems.raise_any()
    intervention.outcome_status, intervention.outcome_category = status, category
    intervention.outcome_amount, intervention.outcome_date = amount, decided_on
    intervention.outcome_by, intervention.outcome_at = by, timezone.now()
    return save_with(intervention, by, "Uitkomst vastgelegd")


@transaction.atomic
def record_care_outcome(referral: CareReferral, by, *, consent: bool | None, referral_way: str,
                        municipality_outcome: str) -> CareReferral:
    """Consent, the way of referral and what the gemeente did with the zorgmelding."""
    referral = CareReferral.objects.select_for_update().select_related("project").get(pk=referral.pk)
    if problem := care_outcome_problem(by, referral):
        raise CaseTableError(problem)
    problems = Problems(CaseTableError)
    ways = {value for value, _label in CareReferral._meta.get_field("referral_way").choices}
    outcomes = {value for value, _label in CareReferral._meta.get_field("municipality_outcome").choices}
    if consent is None:
        problems.add(_("Geef aan of de bewoner toestemming gaf."), "consent")
    if referral_way not in ways:
        problems.add(_("Kies hoe is doorverwezen."), "referral_way")
    if municipality_outcome not in outcomes:
        problems.add(_("Kies wat de gemeente met de zorgmelding deed."), "municipality_outcome")
    problems.raise_any()
    referral.consent, referral.referral_way = consent, referral_way
    referral.municipality_outcome = municipality_outcome
    referral.outcome_by, referral.outcome_at = by, timezone.now()
    return save_with(referral, by, "Uitkomst zorgmelding vastgelegd")


OUTCOME_KINDS = ("handhavingstraject", "brp_correctie", "niet_gebruik")


def remind_open_outcomes(now=None) -> int:
    """Nightly: remind each executing partner of outcomes still open ``LSI_OUTCOME_REMINDER_MONTHS``
    after the debriefing: one message per partner and project, again at most every 30 days while
    one is open. The message names the project and links to its outcomes page, never an address."""
    from datetime import timedelta

    from django.conf import settings
    from django.urls import reverse

    from projects import notifications
    from projects.models import Notification, Project, User

    now = now or timezone.now()
    due_before = now - timedelta(days=30 * settings.LSI_OUTCOME_REMINDER_MONTHS)
    open_pairs = set(Intervention.objects.filter(
        kind__in=OUTCOME_KINDS, partner__isnull=False, recorded_at__lte=due_before,
    ).exclude(outcome_status=OutcomeStatus.DONE).values_list("item__project_id", "partner_id"))
    sent = 0
    for project_id, partner_id in sorted(open_pairs):
        recently = Notification.objects.filter(kind="outcome_due", project_id=project_id,
                                               recipient__partner_id=partner_id,
                                               created_at__gte=now - timedelta(days=30))
        if recently.exists():
            continue
        users = User.objects.filter(partner_id=partner_id, role=User.Role.PARTNER, is_active=True)
        with transaction.atomic():
            sent += len(notifications.notify(
                "outcome_due", users, project=Project.objects.get(pk=project_id),
                link=reverse("casetable:outcomes", args=[project_id])))
    return sent
