"""Benchmark of the outcome figures in a project's end report, called by ``manage.py bench``
(``run(stdout, runs)``).

The casustafel benchmark's project (200,000 signals, ``lsi.devtools.bench``) gets, once, the
casustafel work of a large project: agendapunten with their decisions, the controls carried
out (or not), and the interventions with the outcomes the partners reported back, in every
category and with amounts for fines and recoveries. Then its end report is made as a PDF in
process, in turns with and without the section of outcome figures (their queries and their
tables); the difference is the section's cost. Target: less than 10 % on top of the report.

Runs on PostgreSQL only, inside the database the bench command has prepared.
"""
import random
import time
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from casetable.models import (
    Assignment,
    CaseItem,
    CaseTableSession,
    Decision,
    Intervention,
    OutcomeCategory,
    OutcomeStatus,
)
from lsi.devtools import bench as casetable_bench
from lsi.devtools.measure import Measure, alternate
from lsi.reports import figures
from projects.models import Partner
from projects.pdf import render_pdf
from projects.phases import Phase

ITEMS = 2_000  # agendapunten of the project, each with a decision
TARGET = 1.10  # the report with the outcome figures, against the report without them
ACTIONS = [(Decision.Outcome.ADMINISTRATIVE, 30), (Decision.Outcome.INVITATION, 20),
           (Decision.Outcome.DIGITAL_HEARING, 10), (Decision.Outcome.OBSERVATION, 5),
           (Decision.Outcome.HOME_VISIT, 35)]
RESULTS = [(Assignment.Result.CARRIED_OUT, 85), (Assignment.Result.NOBODY_HOME, 8),
           (Assignment.Result.NO_CONSENT, 4), (Assignment.Result.NOT_CARRIED_OUT, 3)]
# What follows a control carried out, and what came of it (weights: a few rare categories, so
# the small-number suppression has cells to hide).
KINDS = [(Intervention.Kind.ENFORCEMENT, 45), (Intervention.Kind.BRP_CORRECTION, 20),
         (Intervention.Kind.NON_USE, 5), (Intervention.Kind.NONE, 30)]
OUTCOMES = {
    Intervention.Kind.ENFORCEMENT: [
        (OutcomeCategory.NO_IRREGULARITY, 25), (OutcomeCategory.REVISION, 20),
        (OutcomeCategory.WARNING, 15), (OutcomeCategory.FINE, 10),
        (OutcomeCategory.CONDITIONAL_FINE, 3), (OutcomeCategory.RECOVERY, 15),
        (OutcomeCategory.ENDED, 10), (OutcomeCategory.CRIMINAL, 1), (OutcomeCategory.OTHER, 1)],
    Intervention.Kind.BRP_CORRECTION: [(OutcomeCategory.BRP_CORRECTED, 85),
                                       (OutcomeCategory.BRP_NOT_CORRECTED, 15)],
    Intervention.Kind.NON_USE: [(OutcomeCategory.APPLIED, 40), (OutcomeCategory.GRANTED, 50),
                                (OutcomeCategory.NOT_APPLIED, 10)],
}
AMOUNTS = {OutcomeCategory.FINE: (150, 5_000), OutcomeCategory.CONDITIONAL_FINE: (150, 2_500),
           OutcomeCategory.RECOVERY: (500, 40_000)}


def _pick(rng, weighted):
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


def seed(project, stdout) -> None:
    """The casustafel work of the project with its outcomes (once; found again on later runs).
    Plain rows: benchmark data needs no history."""
    if CaseItem.objects.filter(project=project).count() > ITEMS:
        return
    started = time.perf_counter()
    rng = random.Random(16)
    lead = get_user_model().objects.get(username="bench-ct-p0")
    partners = list(Partner.objects.filter(participations__project=project).order_by("code"))
    users = {user.partner_id: user for user in
             get_user_model().objects.filter(username__startswith="bench-ct-p")}
    now, today = timezone.now(), timezone.localdate()
    session = CaseTableSession.objects.create(project=project, held_on=today - timedelta(days=60),
                                              created_by=lead, notes="Benchmark: uitkomsten")
    items = CaseItem.objects.bulk_create([
        CaseItem(project=project, session=session, address_key="{}-{}--".format(*address),
                 address_display="{} {}".format(*address), rule_min_partners=2,
                 partner_count_at_selection=2 + n % 2, partner_codes_at_selection="BENCH-CT0,BENCH-CT1",
                 added_by=lead, risk_current=True)
        for n, address in ((n, casetable_bench._address(n)) for n in range(1, ITEMS + 1))])
    decisions = Decision.objects.bulk_create([
        Decision(item=item, outcome=_pick(rng, ACTIONS), executing_partner=rng.choice(partners),
                 decided_by=lead, decided_at=now - timedelta(days=60)) for item in items])
    for item, decision in zip(items, decisions, strict=True):
        item.decision = decision
    CaseItem.objects.bulk_update(items, ["decision"], batch_size=1_000)
    assignments, interventions = [], []
    for item, decision in zip(items, decisions, strict=True):
        partner = decision.executing_partner
        result = _pick(rng, RESULTS)
        assignments.append(Assignment(
            project=project, item=item, decision=decision, partner=partner,
            address_display=item.address_display, action=decision.outcome,
            planned_date=today - timedelta(days=50), result=result, result_by=users[partner.pk],
            result_at=now - timedelta(days=45), rights_informed=True, consent=True))
        if result != Assignment.Result.CARRIED_OUT:
            continue
        kind = _pick(rng, KINDS)
        intervention = Intervention(item=item, kind=kind, partner=partner, recorded_by=lead,
                                    recorded_at=now - timedelta(days=40))
        if kind in OUTCOMES and rng.random() < 0.8:  # a fifth still open
            category = _pick(rng, OUTCOMES[kind])
            low_high = AMOUNTS.get(category)
            intervention.outcome_status = OutcomeStatus.DONE
            intervention.outcome_category = category
            intervention.outcome_amount = (Decimal(rng.randint(*low_high)) if low_high else None)
            intervention.outcome_date = today - timedelta(days=rng.randint(1, 30))
            intervention.outcome_by = users[partner.pk]
            intervention.outcome_at = now - timedelta(days=rng.randint(1, 30))
        elif kind in OUTCOMES:
            intervention.outcome_status = OutcomeStatus.OPEN
        interventions.append(intervention)
    Assignment.objects.bulk_create(assignments, batch_size=2_000)
    Intervention.objects.bulk_create(interventions, batch_size=2_000)
    with connection.cursor() as cursor:
        for model in (CaseItem, Decision, Assignment, Intervention):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    stdout.write(f"Uitkomsten gezaaid in {time.perf_counter() - started:.0f} s ({ITEMS} agendapunten, "
                 f"{len(interventions)} interventies)")


@contextmanager
def _without_outcome_figures():
    """The report as it was before the outcome figures: ``outcome_figures`` not called, so the
    template leaves out their section."""
    original = figures.outcome_figures
    figures.outcome_figures = lambda projects: {}
    try:
        yield
    finally:
        figures.outcome_figures = original


def run(stdout, runs: int = 5) -> list[Measure]:
    project = casetable_bench.build(stdout)
    seed(project, stdout)
    # The end report is the project report of a project in afronding or gesloten (the same
    # report, with that title); the phase is set on this copy only, not stored.
    project.phase = Phase.COMPLETION

    def report() -> bytes:
        return render_pdf("pdf/project_report.html", figures.project_report(project))

    def without() -> bytes:
        with _without_outcome_figures():
            return report()

    with_pdf, without_pdf = report(), without()
    if b"%PDF" not in with_pdf[:8] or len(with_pdf) <= len(without_pdf):
        raise RuntimeError("eindrapport: de PDF met uitkomsten is niet groter dan die zonder")
    shown = figures.outcome_figures([project])
    if not shown["table"] or not shown["hit_rate"]:
        raise RuntimeError("eindrapport: geen uitkomstcijfers om te tonen")
    with_ms, without_ms = alternate(report, without, runs)
    started = time.perf_counter()
    for _run in range(runs):
        figures.outcome_figures([project])
    figures_ms = (time.perf_counter() - started) * 1000 / runs
    interventions = Intervention.objects.filter(item__project=project).exclude(outcome_category="").count()
    overhead = (with_ms / without_ms - 1) * 100
    return [Measure(
        "Eindrapport PDF met uitkomstcijfers, 200.000 signalen", with_ms, without_ms,
        factor_target=TARGET,
        note=f"{overhead:+.1f} % t.o.v. zonder de uitkomsten (doel < 10 %); de cijfers zelf "
             f"{figures_ms:.0f} ms; {interventions} uitkomsten, {len(shown['table'])} categorieën; "
             "vloer: hetzelfde rapport zonder de uitkomsten")]
