"""Accountability: every signal keeps its history (who, when, why) and every look at signals
is written to the access log (who, which partner, what, which project, how many rows).

Stored signals get their history rows in bulk: on PostgreSQL with COPY, elsewhere with
``bulk_create_with_history``; this module runs on both (``make test`` and the SQLite run).
"""
import pytest
from django.urls import reverse

from projects.models import AccessLogEntry
from signals import information_requests, withdrawals
from signals.models import Signal
from tests.signals.conftest import csv_bytes, deliver, deliver_rows, good_rows, signal_row

pytestmark = pytest.mark.usefixtures("signals_delivered")  # see ``world`` in conftest.py

ALLOWED = AccessLogEntry.Result.ALLOWED


def creation_history(signals):
    return Signal.history.filter(id__in=[s.pk for s in signals], history_type="+")


def test_every_stored_signal_has_a_history_row_naming_the_uploader(intake_project, uwv_user):
    upload = deliver_rows(intake_project, uwv_user, good_rows(25, start=100), name="week-48.csv")
    signals = list(upload.signals.all())

    rows = creation_history(signals)

    assert len(signals) == 25
    assert rows.count() == 25
    assert {row.id for row in rows} == {s.pk for s in signals}
    assert {(row.history_user_id, row.history_change_reason) for row in rows} == {
        (uwv_user.pk, "Aangeleverd (week-48.csv)")}
    for row in rows:  # the history row is a faithful copy of what was stored
        signal = next(s for s in signals if s.pk == row.id)
        assert (row.address_key, row.grounds, row.partner_id, row.upload_id, row.status) == (
            signal.address_key, signal.grounds, signal.partner_id, upload.pk, "actief")


def test_a_signal_entered_in_the_browser_has_history_too(intake_project, client_for, svb_user):
    client_for(svb_user).post(reverse("signals:enter", args=[intake_project.pk]), {
        "postcode": "8012 AB", "huisnummer": "7", "categorie": "uitkeringsfraude",
        "indicatoren": "Kinderbijslag; kind niet op dit adres"})

    signal = Signal.objects.get(project=intake_project, source=Signal.Source.FORM)
    row = creation_history([signal]).get()
    assert row.history_user == svb_user
    assert row.history_change_reason == "Aangeleverd (formulier)"


def test_a_refused_upload_leaves_no_signal_history(intake_project, uwv_user):
    before = Signal.history.count()

    deliver(intake_project, uwv_user, csv_bytes(good_rows(5, start=100) + [signal_row(huisnummer="0")]))

    assert Signal.history.count() == before


def test_withdrawal_writes_a_history_row_with_who_and_why(world, uwv_user, client_for):
    signal = world.uwv_signals[1]

    withdrawals.withdraw(signal, uwv_user, "Bewoner is al maanden verhuisd")

    latest = signal.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_type, latest.status, latest.history_user) == ("~", "ingetrokken", uwv_user)
    assert latest.history_change_reason == "Ingetrokken: Bewoner is al maanden verhuisd"
    assert signal.history.count() == 2
    detail = client_for(uwv_user).get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert "Ingetrokken: Bewoner is al maanden verhuisd" in detail
    assert "Aangeleverd (uwv.csv)" in detail


def test_an_answer_to_an_information_request_has_history(world, projectleider, bd_mkb,
                                                         bd_mkb_user):
    request = information_requests.create_request(
        world.project, projectleider, partner=bd_mkb, address_keys=["8011WR-1--"])

    item = information_requests.answer(
        request.addresses.get(), bd_mkb_user, has_information=True, category="belastingfraude",
        grounds="Omzet past niet bij het woonadres")

    row = creation_history([item.signal]).get()
    assert (row.history_user, row.history_change_reason) == (bd_mkb_user, "Antwoord op informatieverzoek")
    assert item.history.latest().history_user == bd_mkb_user


def test_the_upload_record_keeps_its_history(intake_project, uwv_user):
    upload = deliver_rows(intake_project, uwv_user, good_rows(2, start=100))

    assert upload.history.exists()
    assert {row.history_user for row in upload.history.all()} == {uwv_user}
    assert upload.history.latest().status == "verwerkt"


# --- the access log -------------------------------------------------------------------------

def log_entries():
    return list(AccessLogEntry.objects.order_by("pk"))


def logged(before, *, count=1):
    new = [entry for entry in log_entries() if entry.pk not in {e.pk for e in before}]
    assert len(new) == count, new
    return new[-1]


@pytest.mark.parametrize("page, action, rows", [
    ("list", "signalen.lijst", 3),
    ("export-csv", "signalen.export", 3),
    ("export-xlsx", "signalen.export", 3),
    ("detail", "signaal.bekijken", 1),
])
def test_looking_at_signals_is_logged_with_user_partner_project_and_rows(
    world, client_for, uwv_user, page, action, rows
):
    urls = {
        "list": reverse("signals:list", args=[world.project.pk]),
        "export-csv": reverse("signals:export", args=[world.project.pk, "csv"]),
        "export-xlsx": reverse("signals:export", args=[world.project.pk, "xlsx"]),
        "detail": reverse("signals:detail", args=[world.uwv_signals[0].pk]),
    }
    before = log_entries()

    assert client_for(uwv_user).get(urls[page]).status_code == 200

    entry = logged(before)
    assert (entry.user, entry.partner, entry.project) == (uwv_user, uwv_user.partner, world.project)
    assert (entry.action, entry.row_count, entry.result) == (action, rows, ALLOWED)
    assert entry.object_type == "signal"


def test_the_list_logs_which_signals_were_shown_and_the_filter(world, client_for, projectleider):
    before = log_entries()

    client_for(projectleider).get(reverse("signals:list", args=[world.project.pk]) + "?q=UWV")

    entry = logged(before)
    shown = {int(pk) for pk in entry.object_ids.split(",")}
    assert shown == {s.pk for s in world.uwv_signals}
    assert (entry.row_count, entry.query) == (3, "q=UWV")


def test_opening_an_upload_report_is_logged(intake_project, client_for, uwv_user):
    rows = good_rows(3, start=100) + [signal_row(postcode="0123AB"), signal_row(huisnummer="0")]
    upload = deliver(intake_project, uwv_user, csv_bytes(rows))
    before = log_entries()

    client_for(uwv_user).get(reverse("signals:upload_detail", args=[upload.pk]))

    entry = logged(before)
    assert (entry.user, entry.partner, entry.project, entry.action) == (
        uwv_user, uwv_user.partner, intake_project, "aanlevering.bekijken")
    assert (entry.object_ids, entry.row_count) == (str(upload.pk), 2)


def test_information_request_pages_are_logged(world, client_for, projectleider, bd_mkb,
                                              bd_mkb_user):
    request = information_requests.create_request(
        world.project, projectleider, partner=bd_mkb, address_keys=["8011WR-1--", "8011WR-2--"])
    client = client_for(bd_mkb_user)
    before = log_entries()

    client.get(reverse("signals:requests", args=[world.project.pk]))
    listed = logged(before)
    client.get(reverse("signals:request_detail", args=[request.pk]))
    opened = logged(before, count=2)

    assert (listed.action, listed.user, listed.partner, listed.project, listed.row_count) == (
        "informatieverzoeken.lijst", bd_mkb_user, bd_mkb, world.project, 1)
    assert (opened.action, opened.user, opened.project, opened.row_count) == (
        "informatieverzoek.bekijken", bd_mkb_user, world.project, 2)


def test_a_refused_look_at_another_partners_signal_is_not_logged_as_allowed(
    world, client_for, svb_user
):
    before = log_entries()

    client = client_for(svb_user)
    assert client.get(reverse("signals:detail", args=[world.uwv_signals[0].pk])).status_code == 404
    assert client.get(reverse("signals:upload_detail",
                              args=[world.uwv_upload.pk])).status_code == 404

    assert not AccessLogEntry.objects.filter(result=ALLOWED).exclude(
        pk__in=[e.pk for e in before]).exists()
