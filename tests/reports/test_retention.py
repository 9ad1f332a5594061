"""Retention: personal data is gone when its time is up; counts and decisions remain."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lsi.reports import figures as reports
from lsi.retention import purge as retention
from lsi.retention.models import PurgeRecord
from projects.models import AccessLogEntry, PhaseTransition
from projects.phases import Phase
from signals.importer import import_file
from signals.models import Signal
from tests.factories import walk

CSV = (
    b"postcode;huisnummer;categorie;indicatoren\r\n"
    b"8011 wr;12;uitkeringsfraude;Postretour van beschikking\r\n"
    b"8012AB;7;adresfraude;Postretour van beschikking\r\n"
)


def backdate(project, days):
    PhaseTransition.objects.filter(project=project).update(at=timezone.now() - timedelta(days=days))


@pytest.fixture
def delivered(project, uwv_user):
    walk(project, Phase.INTAKE)
    assert import_file(project, uwv_user.partner, uwv_user, CSV, "uwv.csv").rows_accepted == 2
    return project


def test_unselected_signals_are_removed_with_their_history_after_four_weeks(delivered):
    walk(delivered, Phase.EXECUTION)
    backdate(delivered, 29)
    ids = list(Signal.objects.filter(project=delivered).values_list("pk", flat=True))
    records = retention.run()
    assert [r.scope for r in records] == [PurgeRecord.Scope.UNSELECTED]
    assert not Signal.objects.filter(project=delivered).exists()
    assert not Signal.history.model.objects.filter(id__in=ids).exists()
    assert records[0].counts == {"signalen uitkeringsfraude": 1, "signalen adresfraude": 1}


def test_nothing_is_removed_before_the_period_has_passed(delivered):
    walk(delivered, Phase.EXECUTION)
    backdate(delivered, 27)
    assert retention.run() == []
    assert Signal.objects.filter(project=delivered).count() == 2


def test_the_purge_is_idempotent(delivered):
    walk(delivered, Phase.EXECUTION)
    backdate(delivered, 40)
    assert len(retention.run()) == 1
    assert retention.run() == []
    assert PurgeRecord.objects.count() == 1


def test_reports_keep_their_numbers_after_the_purge(delivered):
    walk(delivered, Phase.CLOSED)
    backdate(delivered, 800)
    before = reports.project_report(delivered)["signals"]["active"]
    retention.run()
    delivered.refresh_from_db()
    assert not Signal.objects.filter(project=delivered).exists()
    assert reports.project_report(delivered)["signals"]["active"] == before == 2


def test_a_legal_hold_pauses_the_purge_until_it_is_lifted(delivered, coordinator):
    walk(delivered, Phase.EXECUTION)
    backdate(delivered, 40)
    hold = retention.place_hold(delivered, coordinator, "Lopende beroepsprocedure")
    assert retention.run() == []
    assert Signal.objects.filter(project=delivered).count() == 2
    retention.lift_hold(hold, coordinator, "Procedure afgerond")
    assert len(retention.run()) == 1


def test_a_legal_hold_needs_a_reason_and_the_coordinator(delivered, coordinator, projectleider):
    with pytest.raises(retention.HoldRefused):
        retention.place_hold(delivered, coordinator, "  ")
    with pytest.raises(retention.HoldRefused):
        retention.place_hold(delivered, projectleider, "Omdat het moet")


def test_the_coordinator_sees_upcoming_purges_and_places_a_hold(delivered, coordinator, client_for):
    walk(delivered, Phase.EXECUTION)
    client = client_for(coordinator)
    page = client.get(reverse("retention:overview")).content.decode()
    assert delivered.name in page and "Niet-geselecteerde signalen" in page
    client.post(reverse("retention:overview"), {"project": delivered.pk, "reason": "Verzoek rechter"})
    assert delivered.legal_holds.get().reason == "Verzoek rechter"


@pytest.mark.parametrize("who", ["projectleider", "uwv_user", "steering_member", "privacy_officer"])
def test_only_the_coordinator_manages_retention(delivered, base, who, client_for):
    assert client_for(getattr(base, who)).get(reverse("retention:overview")).status_code == 404


def test_the_access_log_survives_the_purge(delivered, uwv_user, client_for):
    client_for(uwv_user).get(reverse("signals:list", args=[delivered.pk]))
    walk(delivered, Phase.CLOSED)
    backdate(delivered, 800)
    retention.run()
    assert AccessLogEntry.objects.filter(action="signalen.lijst", project=delivered).exists()
