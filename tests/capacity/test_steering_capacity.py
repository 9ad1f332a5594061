"""The stuurgroep's "capaciteit per partner" counts what is committed in the year: projects from
ingediend through afronding, their hours spread over their period; never concept or afgebroken,
never another year."""
from datetime import date

from lsi.reports import figures
from projects.phases import Phase
from tests.factories import PartnerFactory, project_in_phase


def _dates(year, start, end):
    """A plan's dates inside [start, end] of ``year`` (month, day pairs), in order."""
    first, last = date(year, *start), date(year, *end)
    middle = first + (last - first) / 3
    return {"start_date": first, "intake_deadline": middle, "case_table_date": middle + (last - first) / 3,
            "planned_end": last, "control_dates": ""}


def _capacity_rows(report) -> dict:
    return {label: values[0] for label, values in report["capacity_chart"]["rows"]}


def test_steering_capacity_counts_only_committed_hours_in_the_year(db):
    uwv, other = PartnerFactory(name="UWV"), PartnerFactory(name="Gemeente X")
    year = 2025
    # Committed in the year: 120 hours in signalering, the whole period in 2025.
    committed = project_in_phase(Phase.INTAKE, partners=[uwv, other], **_dates(year, (2, 1), (5, 31)))
    committed.participations.filter(partner=uwv).update(capacity_hours=120)
    # Not committed: a concept and a cancelled plan, and a project in another year.
    concept = project_in_phase(Phase.CONCEPT, partners=[uwv, other], **_dates(year, (3, 1), (4, 30)))
    cancelled = project_in_phase(Phase.CANCELLED, partners=[uwv, other], **_dates(year, (3, 1), (4, 30)))
    later = project_in_phase(Phase.INTAKE, partners=[uwv, other], **_dates(year + 1, (3, 1), (4, 30)))
    for project in (concept, cancelled, later):
        project.participations.filter(partner=uwv).update(capacity_hours=1000)

    rows = _capacity_rows(figures.steering_report(year))

    assert rows["UWV"] == 120


def test_steering_capacity_counts_the_part_of_a_period_inside_the_year(db):
    uwv, other = PartnerFactory(name="UWV"), PartnerFactory(name="Gemeente X")
    # 1 Dec 2025 – 31 Jan 2026: 31 of the 62 days are in 2025.
    project = project_in_phase(Phase.INTAKE, partners=[uwv, other], start_date=date(2025, 12, 1),
                               intake_deadline=date(2025, 12, 20), case_table_date=date(2026, 1, 5),
                               planned_end=date(2026, 1, 31), control_dates="")
    project.participations.filter(partner=uwv).update(capacity_hours=62)

    assert _capacity_rows(figures.steering_report(2025))["UWV"] == 31
    assert _capacity_rows(figures.steering_report(2026))["UWV"] == 31
