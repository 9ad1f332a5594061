"""What the casustafel records per address, in this order:

1. the substantiation test of every active signal (holds / does not hold / unclear + note);
2. whether the risk is still current for two or more partners (yes/no + note);
3. the decision, 4. its motivation (subsidiarity, proportionality; for a huisbezoek the concrete
   facts giving reasonable ground), 5. the executing partner(s), 6. who decided and when.

The rules, decided here and nowhere else:

* Step 2 can be recorded only when step 1 is recorded for every active signal of the address;
  a decision only when steps 1 and 2 are recorded.
* A decision other than *geen actie* needs steps 1 and 2 to be **positive**: no test
  "onduidelijk" (an unclear signal is cleared up first, never acted on), at least one test
  "houdt stand", and the risk still current for two or more partners. Otherwise a Dutch message
  and nothing is stored.
* While such a decision stands, a change to a test or to the risk check that would take away its
  ground is refused: the decision is revised first.
* A revision needs a reason; the earlier decision stays (a new ``Decision`` supersedes it).
  Open assignments of the earlier decision lapse (``vervallen``) and new ones are made.
* Optimistic locking: every change raises ``CaseItem.version``; a form that carries an older
  version gets ``Conflict`` and nothing is stored.
"""
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from projects import notifications
from projects.history import save_with
from projects.refusals import Problems

from .errors import CaseTableError, Conflict
from .models import Assignment, CaseItem, Decision, SignalTest
from .rules import lock_project, not_taking_part, require_deliberation

Result = SignalTest.Result
Outcome = Decision.Outcome



def _locked_item(item: CaseItem, by, version) -> CaseItem:
    """Lock the project (against a phase change) and the item; check who, when and the version."""
    project = lock_project(item.project)
    require_deliberation(project, by)
    item = CaseItem.objects.select_for_update().get(pk=item.pk)
    item.project = project
    try:
        seen = int(version)
    except (TypeError, ValueError):
        seen = None
    if seen != item.version:
        raise Conflict(
            _("Iemand anders heeft dit adres gewijzigd nadat u het formulier opende. Bekijk de "
              "nieuwe stand hieronder; er is niets van u opgeslagen.")
        )
    return item


def _bump(item: CaseItem, by, reason: str) -> CaseItem:
    item.version += 1
    return save_with(item, by, reason)


def active_signal_ids(item: CaseItem) -> list[int]:
    return list(item.active_signals().values_list("pk", flat=True))


def _tests(item: CaseItem) -> dict[int, str]:
    return dict(SignalTest.objects.filter(item=item).values_list("signal_id", "result"))


def order_problem(active_ids, results: dict[int, str], risk_current, *, for_decision: bool) -> str | None:
    """Why the next step cannot be recorded yet (the order of the issue), or None."""
    missing = [pk for pk in active_ids if pk not in results]
    if missing:
        return ngettext(
            "Leg eerst de toetsing van de onderbouwing vast voor elk actief signaal; nog %(n)d signaal "
            "is niet getoetst.",
            "Leg eerst de toetsing van de onderbouwing vast voor elk actief signaal; nog %(n)d signalen "
            "zijn niet getoetst.", len(missing)) % {"n": len(missing)}
    if for_decision and risk_current is None:
        return _("Leg eerst vast of het risico nog actueel is voor twee of meer partners.")
    return None


def current_step(active_ids, results: dict[int, str], risk_current, has_decision: bool) -> int | None:
    """The step of the agendapunt that is to be taken now (its form open on the page, the
    others folded): 1 while an active signal is untested, 2 while the risk is not recorded,
    3 while there is no decision; None once decided."""
    if any(pk not in results for pk in active_ids):
        return 1
    if risk_current is None:
        return 2
    if not has_decision:
        return 3
    return None


def support_problem(active_ids, results: dict[int, str], risk_current) -> str | None:
    """Why steps 1 and 2 do not carry a decision other than geen actie, or None."""
    problem = order_problem(active_ids, results, risk_current, for_decision=True)
    if problem:
        return problem
    current = [results[pk] for pk in active_ids]
    if Result.UNCLEAR in current:
        return _("De onderbouwing van een of meer signalen is onduidelijk. Zoek dat eerst uit: op "
                 "een onduidelijk signaal wordt geen actie gebaseerd. Alleen 'geen actie' is nu mogelijk.")
    if Result.HOLDS not in current:
        return _("Geen enkel signaal houdt stand bij de toetsing: het vermoeden is ontkracht. Alleen "
                 "'geen actie' is mogelijk.")
    if risk_current is not True:
        return _("Het risico is niet meer actueel voor twee of meer partners. Alleen 'geen actie' "
                 "is mogelijk.")
    return None


def _current_decision(item: CaseItem) -> Decision | None:
    return Decision.objects.filter(pk=item.decision_id).first() if item.decision_id else None


def _keep_decision_supported(item: CaseItem, results: dict[int, str], risk_current) -> None:
    decision = _current_decision(item)
    if decision is None or not decision.is_action:
        return
    problem = support_problem(active_signal_ids(item), results, risk_current)
    if problem:
        raise CaseTableError(
            _("Dit adres heeft het besluit '%(decision)s', dat op deze toetsing steunt. Herzie eerst "
              "het besluit; er is niets opgeslagen. (%(problem)s)")
            % {"decision": decision.get_outcome_display(), "problem": problem}
        )


@transaction.atomic
def record_tests(item: CaseItem, by, *, version, results: dict[int, tuple[str, str]]) -> CaseItem:
    """Step 1: record (or change) the substantiation test of one or more active signals.

    ``results`` maps signal id to (result, note)."""
    item = _locked_item(item, by, version)
    results = {int(pk): value for pk, value in results.items() if value and value[0]}
    if not results:
        raise CaseTableError(_("Kies voor ten minste één signaal een uitkomst van de toetsing."))
    active = active_signal_ids(item)
    for pk, (result, note) in results.items():
        if pk not in active:
            raise CaseTableError(_("Een van de signalen hoort niet (meer) als actief signaal bij dit "
                                   "adres. Er is niets opgeslagen."))
        if result not in Result.values:
            raise CaseTableError(_("Kies houdt stand, houdt geen stand of onduidelijk."), f"result_{pk}")
        if not (note or "").strip():
            raise CaseTableError(_("Licht de uitkomst van de toetsing toe."), f"note_{pk}")
    existing = {t.signal_id: t for t in SignalTest.objects.filter(item=item)}
    prospective = {pk: t.result for pk, t in existing.items()}
    prospective.update({pk: result for pk, (result, _note) in results.items()})
    _keep_decision_supported(item, prospective, item.risk_current)
    for pk, (result, note) in results.items():
        test = existing.get(pk) or SignalTest(item=item, signal_id=pk)
        if test.pk and test.result == result and test.note == note.strip():
            continue
        test.result, test.note = result, note.strip()
        test.recorded_by, test.recorded_at = by, timezone.now()
        save_with(test, by, gettext_noop("Toetsing onderbouwing vastgelegd") if not existing.get(pk)
              else gettext_noop("Toetsing onderbouwing gewijzigd"))
    return _bump(item, by, gettext_noop("Toetsing onderbouwing"))


@transaction.atomic
def record_risk(item: CaseItem, by, *, version, risk_current: bool, note: str) -> CaseItem:
    """Step 2: is the risk still current for two or more partners?"""
    item = _locked_item(item, by, version)
    results = _tests(item)
    problem = order_problem(active_signal_ids(item), results, None, for_decision=False)
    if problem:
        raise CaseTableError(problem)
    if risk_current not in (True, False):
        raise CaseTableError(_("Kies ja of nee."), "risk_current")
    note = (note or "").strip()
    if not note:
        raise CaseTableError(_("Licht toe waarom het risico wel of niet actueel is."), "risk_note")
    _keep_decision_supported(item, results, risk_current)
    item.risk_current, item.risk_note = risk_current, note
    item.risk_recorded_by, item.risk_recorded_at = by, timezone.now()
    return _bump(item, by, gettext_noop("Risico vastgesteld: actueel") if risk_current
                 else gettext_noop("Risico vastgesteld: niet actueel"))


ACTION_FIELDS = ("subsidiarity", "proportionality", "executing_partner", "planned_date")


def required_for(outcome: str) -> tuple[str, ...]:
    """The fields of a decision that this outcome makes required: every action needs its
    motivation, the executing partner and the date; a huisbezoek also its reasonable ground."""
    if outcome not in Outcome.values or outcome == Outcome.NO_ACTION:
        return ()
    if outcome == Outcome.HOME_VISIT:
        return ACTION_FIELDS + ("reasonable_ground",)
    return ACTION_FIELDS


def _validate_decision(item: CaseItem, *, outcome, subsidiarity, proportionality, reasonable_ground,
                       executing_partner, second_partner, planned_date) -> None:
    if outcome not in Outcome.values:
        raise CaseTableError(_("Kies een besluit."), "outcome")
    results = _tests(item)
    active = active_signal_ids(item)
    if outcome == Outcome.NO_ACTION:
        problem = order_problem(active, results, item.risk_current, for_decision=True)
        if problem:
            raise CaseTableError(problem, "outcome")
        if executing_partner or second_partner or planned_date:
            raise CaseTableError(_("Bij 'geen actie' wijst u geen uitvoerende partner en geen datum aan."),
                                 "executing_partner")
        return
    # Every problem at once, so that one submit shows all that is missing.
    problems = Problems(CaseTableError)
    if problem := support_problem(active, results, item.risk_current):
        problems.add(problem, "outcome")
    if not subsidiarity:
        problems.add(_("Beschrijf welke lichtere middelen zijn overwogen en waarom die niet "
                       "volstaan (subsidiariteit)."), "subsidiarity")
    if not proportionality:
        problems.add(_("Beschrijf waarom deze actie in verhouding staat tot het doel "
                       "(proportionaliteit)."), "proportionality")
    if "reasonable_ground" in required_for(outcome) and not reasonable_ground:
        problems.add(_("Een huisbezoek kan alleen met concrete feiten die een redelijke grond "
                       "voor het bezoek geven. Beschrijf die feiten."), "reasonable_ground")
    if executing_partner is None:
        problems.add(_("Kies de uitvoerende partner."), "executing_partner")
    elif second_partner is not None and second_partner.pk == executing_partner.pk:
        problems.add(_("Kies voor het duo twee verschillende partners."), "second_partner")
    for field, message in not_taking_part(item.project, [("executing_partner", executing_partner),
                                                         ("second_partner", second_partner)]):
        problems.add(message, field)
    if planned_date is None:
        problems.add(_("Vul de geplande datum van de controle in."), "planned_date")
    problems.raise_any()


@transaction.atomic
def decide(item: CaseItem, by, *, version, outcome: str, subsidiarity: str = "",
           proportionality: str = "", reasonable_ground: str = "", executing_partner=None,
           second_partner=None, planned_date=None, revision_reason: str = "") -> Decision:
    """Steps 3-6: record the decision (or revise it, with a reason)."""
    item = _locked_item(item, by, version)
    subsidiarity, proportionality = (subsidiarity or "").strip(), (proportionality or "").strip()
    reasonable_ground, revision_reason = (reasonable_ground or "").strip(), (revision_reason or "").strip()
    previous = _current_decision(item)
    if previous is not None and not revision_reason:
        raise CaseTableError(_("Over dit adres is al besloten. Een besluit herzien kan alleen met een "
                               "reden."), "revision_reason")
    _validate_decision(item, outcome=outcome, subsidiarity=subsidiarity,
                       proportionality=proportionality, reasonable_ground=reasonable_ground,
                       executing_partner=executing_partner, second_partner=second_partner,
                       planned_date=planned_date)
    decision = save_with(Decision(
        item=item, outcome=outcome, subsidiarity=subsidiarity, proportionality=proportionality,
        reasonable_ground=reasonable_ground if outcome == Outcome.HOME_VISIT else "",
        executing_partner=executing_partner, second_partner=second_partner,
        planned_date=planned_date, decided_by=by, revision_reason=revision_reason if previous else "",
        supersedes=previous,
    ), by, "Besluit herzien: " + revision_reason if previous else "Besluit genomen")
    for assignment in Assignment.objects.select_for_update().filter(item=item, status=Assignment.Status.OPEN):
        assignment.status = Assignment.Status.CANCELLED
        assignment.cancelled_reason = _("Besluit herzien: %(reason)s") % {"reason": revision_reason}
        save_with(assignment, by, gettext_noop("Vervallen door herziening van het besluit"))
    partners = decision.partners if decision.is_action else []
    for partner in partners:
        duo = next((p for p in partners if p.pk != partner.pk), None)
        save_with(Assignment(
            project=item.project, item=item, decision=decision, partner=partner, duo_partner=duo,
            address_display=item.address_display, action=outcome,
            planned_date=planned_date,
        ), by, "Controleopdracht uit besluit")
        notifications.notify("assignment_made", partner.users.filter(role="partner"), project=item.project,
                             by=by, link=reverse("casetable:assignments", args=[item.project_id]))
    item.decision = decision
    _bump(item, by, f"Besluit: {decision.get_outcome_display()}")
    return decision
