"""The signal screens as a partner uses them: the upload page, the report, one signal typed in
the browser, closed intake, withdrawing, and fields a browser should never be able to set.

A file posted in the browser is queued and processed after the request commits (by Celery,
eager in the tests); ``django_capture_on_commit_callbacks(execute=True)`` runs that step.
"""
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import lifecycle
from signals.models import Signal, Upload
from signals.reader import COLUMNS
from tests.signals.conftest import csv_bytes, good_rows, signal_row, xlsx_bytes

pytestmark = pytest.mark.usefixtures("other_project_built")


def deliver_url(project) -> str:
    return reverse("signals:deliver", args=[project.pk])


def post_file(client, project, data: bytes, name="signalen.csv", commit=None, fields=None):
    """Post a file on the upload page like a browser does; run the queued processing."""
    with commit(execute=True):
        response = client.post(deliver_url(project),
                               {"file": SimpleUploadedFile(name, data), **(fields or {})})
    return response


def page(response) -> str:
    """The page as the user reads it (HTML entities decoded)."""
    return html.unescape(response.content.decode())


# --- the upload page -------------------------------------------------------------------

def test_upload_page_offers_the_file_form_the_template_and_the_columns(
    intake_project, client_for, uwv_user
):
    response = client_for(uwv_user).get(deliver_url(intake_project))

    shown = page(response)
    assert response.status_code == 200
    assert 'type="file" name="file"' in shown
    assert reverse("signals:template", args=["csv"]) in shown
    assert reverse("signals:template", args=["xlsx"]) in shown
    for column in COLUMNS:
        assert f"<code>{column}</code>" in shown
    assert "Eén signaal invoeren" in shown
    # Only the categories UWV agreed to in this project can be chosen.
    choices = [value for value, _ in response.context["entry_form"].fields["categorie"].choices if value]
    assert sorted(choices) == ["adresfraude", "uitkeringsfraude"]


def test_uploaded_file_is_stored_and_the_report_says_how_many(
    intake_project, client_for, uwv_user, django_capture_on_commit_callbacks
):
    client = client_for(uwv_user)

    response = post_file(client, intake_project, csv_bytes(good_rows(4)),
                         commit=django_capture_on_commit_callbacks)

    upload = Upload.objects.get(project=intake_project)
    assert response.status_code == 302
    assert response["Location"] == reverse("signals:upload_detail", args=[upload.pk])
    assert upload.status == Upload.Status.ACCEPTED
    assert Signal.objects.filter(project=intake_project, partner=uwv_user.partner).count() == 4
    report = page(client.get(response["Location"]))
    assert "4 signalen opgeslagen." in report
    assert upload.pending_data is None  # the file itself is not kept


def test_uploaded_xlsx_is_stored(intake_project, client_for, uwv_user,
                                 django_capture_on_commit_callbacks):
    data = xlsx_bytes([{**signal_row(), "huisnummer": 12.0}])

    post_file(client_for(uwv_user), intake_project, data, "signalen.xlsx",
              commit=django_capture_on_commit_callbacks)

    assert Signal.objects.get(project=intake_project).address_key == "8011WR-12--"


def test_refused_file_shows_every_error_and_that_nothing_was_stored(
    intake_project, client_for, uwv_user, django_capture_on_commit_callbacks
):
    client = client_for(uwv_user)
    rows = good_rows(3) + [signal_row(postcode="0123AB"), signal_row(indicatoren="Poolse afkomst")]

    response = post_file(client, intake_project, csv_bytes(rows),
                         commit=django_capture_on_commit_callbacks)

    report = page(client.get(response["Location"]))
    assert "er zijn 2 fouten gevonden. Er is niets opgeslagen." in report
    assert "<td class=\"utrecht-table__cell\">5</td><td class=\"utrecht-table__cell\">postcode</td>" \
           "<td class=\"utrecht-table__cell\">0123AB</td>" in report
    assert "Poolse afkomst" in report and "verdacht onderscheid" in report
    assert not Signal.objects.filter(project=intake_project).exists()
    upload = Upload.objects.get(project=intake_project)
    assert upload.status == Upload.Status.REJECTED
    assert upload.pending_data is None  # only the error report is kept, not the file


def test_report_mentions_addresses_that_were_already_delivered(
    intake_project, client_for, uwv_user, django_capture_on_commit_callbacks
):
    client = client_for(uwv_user)
    post_file(client, intake_project, csv_bytes(good_rows(2)), "een.csv",
              commit=django_capture_on_commit_callbacks)

    response = post_file(client, intake_project, csv_bytes(good_rows(3)), "twee.csv",
                         commit=django_capture_on_commit_callbacks)

    report = page(client.get(response["Location"]))
    assert "1 signaal opgeslagen." in report
    assert "2 regels waren al eerder aangeleverd en zijn niet opnieuw opgeslagen." in report
    assert Signal.objects.filter(project=intake_project).count() == 3


def test_same_file_posted_again_says_so_and_stores_nothing_new(
    intake_project, client_for, uwv_user, django_capture_on_commit_callbacks
):
    client = client_for(uwv_user)
    data = csv_bytes(good_rows(2))
    post_file(client, intake_project, data, commit=django_capture_on_commit_callbacks)

    response = post_file(client, intake_project, data, commit=django_capture_on_commit_callbacks)

    report = page(client.get(response["Location"]))
    assert "Dit bestand is al eerder aangeleverd. Er is niets nieuws opgeslagen." in report
    assert Signal.objects.filter(project=intake_project).count() == 2


def test_file_over_the_size_limit_is_refused_on_the_page(
    intake_project, client_for, uwv_user, settings, django_capture_on_commit_callbacks
):
    settings.LSI_UPLOAD_MAX_BYTES = 1000
    client = client_for(uwv_user)

    response = post_file(client, intake_project, csv_bytes(good_rows(40)),
                         commit=django_capture_on_commit_callbacks)

    assert "Het bestand is te groot" in page(client.get(response["Location"]))
    assert not Signal.objects.filter(project=intake_project).exists()


# --- one signal typed in the browser ---------------------------------------------------

def test_partner_enters_one_signal_in_the_browser(intake_project, client_for, uwv_user):
    client = client_for(uwv_user)
    response = client.post(reverse("signals:enter", args=[intake_project.pk]),
                           signal_row(huisnummer="52", huisletter="a"))

    signal = Signal.objects.get(project=intake_project)
    assert (signal.address_key, signal.source, signal.delivered_by) == (
        "8011WR-52-A-", Signal.Source.FORM, uwv_user)
    assert "1 signaal opgeslagen." in page(client.get(response["Location"]))


def test_entered_signal_with_suspect_grounds_is_refused_and_explained(
    intake_project, client_for, uwv_user
):
    client = client_for(uwv_user)
    response = client.post(reverse("signals:enter", args=[intake_project.pk]),
                           signal_row(indicatoren="Bewoner heeft de Turkse nationaliteit"))

    report = page(client.get(response["Location"]))
    assert "'Turkse', 'nationaliteit'" in report and "niet toegestaan" in report
    assert not Signal.objects.filter(project=intake_project).exists()


def test_entered_signal_with_a_category_not_agreed_is_not_stored(intake_project, client_for, svb_user):
    client = client_for(svb_user)
    response = client.post(reverse("signals:enter", args=[intake_project.pk]),
                           signal_row(categorie="adresfraude"), follow=True)

    assert "Het signaal is niet opgeslagen" in page(response)
    assert not Signal.objects.filter(project=intake_project).exists()


# --- closed intake: a message, no form, nothing stored -----------------------------------

def test_on_request_partner_gets_a_message_and_no_upload_form(
    intake_project, client_for, bd_mkb_user, django_capture_on_commit_callbacks
):
    client = client_for(bd_mkb_user)

    shown = page(client.get(deliver_url(intake_project)))
    posted = post_file(client, intake_project, csv_bytes([signal_row()]),
                       commit=django_capture_on_commit_callbacks)
    entered = client.post(reverse("signals:enter", args=[intake_project.pk]),
                          signal_row(categorie="belastingfraude"), follow=True)

    assert "BD-MKB levert alleen op verzoek" in shown
    assert 'name="file"' not in shown and "Eén signaal invoeren" not in shown
    assert posted.status_code == 200 and "levert alleen op verzoek" in page(posted)
    assert "levert alleen op verzoek" in page(entered)
    assert not Upload.objects.filter(project=intake_project).exists()
    assert not Signal.objects.filter(project=intake_project).exists()


def test_after_signalering_the_upload_page_says_intake_is_closed(
    intake_project, client_for, projectleider, uwv_user, django_capture_on_commit_callbacks
):
    lifecycle.advance(intake_project, projectleider, "Intake gesloten")
    client = client_for(uwv_user)

    shown = page(client.get(deliver_url(intake_project)))
    post_file(client, intake_project, csv_bytes([signal_row()]),
              commit=django_capture_on_commit_callbacks)
    client.post(reverse("signals:enter", args=[intake_project.pk]), signal_row())

    assert "De signalering is niet open: het project is in de fase 'Casustafel'" in shown
    assert 'name="file"' not in shown
    assert not Upload.objects.filter(project=intake_project).exists()
    assert not Signal.objects.filter(project=intake_project).exists()


# --- mass assignment: the partner and user are always the logged-in user's ------------------

def test_extra_fields_in_the_single_entry_form_change_nothing(
    intake_project, other_project, client_for, uwv_user, svb_user
):
    client = client_for(uwv_user)
    client.post(reverse("signals:enter", args=[intake_project.pk]), {
        **signal_row(), "partner": svb_user.partner_id, "partner_id": svb_user.partner_id,
        "project": other_project.pk, "delivered_by": svb_user.pk, "source": "verzoek",
        "status": "ingetrokken", "address_key": "9999ZZ-1--",
    })

    signal = Signal.objects.get()
    assert (signal.project, signal.partner, signal.delivered_by) == (
        intake_project, uwv_user.partner, uwv_user)
    assert (signal.source, signal.status, signal.address_key) == (
        Signal.Source.FORM, Signal.Status.ACTIVE, "8011WR-12--")


def test_extra_fields_posted_with_an_upload_change_nothing(
    intake_project, other_project, client_for, uwv_user, svb_user,
    django_capture_on_commit_callbacks
):
    post_file(client_for(uwv_user), intake_project, csv_bytes(good_rows(2)),
              commit=django_capture_on_commit_callbacks,
              fields={"partner": svb_user.partner_id, "uploaded_by": svb_user.pk,
                      "project": other_project.pk, "status": "verwerkt"})

    upload = Upload.objects.get()
    assert (upload.project, upload.partner, upload.uploaded_by) == (
        intake_project, uwv_user.partner, uwv_user)
    assert {(s.partner_id, s.delivered_by_id) for s in Signal.objects.all()} == {
        (uwv_user.partner_id, uwv_user.pk)}


# --- withdrawing -----------------------------------------------------------------------

def withdraw(client, signal, reason="Adres bleek onjuist; bewoner verhuisd"):
    return client.post(reverse("signals:withdraw", args=[signal.pk]), {"reason": reason},
                       follow=True)


def test_partner_withdraws_its_signal_with_a_reason_and_it_stays_visible(
    world, client_for, uwv_user, projectleider
):
    signal = world.uwv_signals[0]

    response = withdraw(client_for(uwv_user), signal)

    signal.refresh_from_db()
    assert "Het signaal is ingetrokken." in page(response)
    assert (signal.status, signal.withdrawn_by) == (Signal.Status.WITHDRAWN, uwv_user)
    assert signal.withdrawn_reason == "Adres bleek onjuist; bewoner verhuisd"
    detail = page(client_for(projectleider).get(reverse("signals:detail", args=[signal.pk])))
    assert "Ingetrokken" in detail and "Adres bleek onjuist; bewoner verhuisd" in detail
    assert str(uwv_user) in detail
    listed = client_for(uwv_user).get(reverse("signals:list", args=[world.project.pk]) +
                                      "?status=ingetrokken")
    assert [s.pk for s in listed.context["page"].object_list] == [signal.pk]


def test_withdrawing_needs_a_reason(world, client_for, uwv_user):
    signal = world.uwv_signals[0]

    response = withdraw(client_for(uwv_user), signal, reason="   ")

    signal.refresh_from_db()
    assert "Geef een reden op voor het intrekken." in page(response)
    assert signal.status == Signal.Status.ACTIVE


def test_another_partner_cannot_withdraw_a_signal(world, client_for, svb_user):
    signal = world.uwv_signals[0]

    response = client_for(svb_user).post(reverse("signals:withdraw", args=[signal.pk]),
                                         {"reason": "Niet van ons"})

    signal.refresh_from_db()
    assert response.status_code == 404
    assert signal.status == Signal.Status.ACTIVE


def test_projectleider_sees_but_cannot_withdraw_a_partners_signal(world, client_for, projectleider):
    signal = world.uwv_signals[0]
    client = client_for(projectleider)

    detail = page(client.get(reverse("signals:detail", args=[signal.pk])))
    response = withdraw(client, signal)

    signal.refresh_from_db()
    assert "Signaal intrekken" not in detail
    assert "Alleen de partner die het signaal aanleverde, kan het intrekken." in page(response)
    assert signal.status == Signal.Status.ACTIVE


def test_withdrawing_is_refused_once_the_casustafel_has_started(
    world, client_for, uwv_user, projectleider
):
    signal = world.uwv_signals[0]
    client = client_for(uwv_user)
    assert "Signaal intrekken" in page(client.get(reverse("signals:detail", args=[signal.pk])))
    lifecycle.advance(world.project, projectleider, "Intake gesloten")

    detail = page(client.get(reverse("signals:detail", args=[signal.pk])))
    response = withdraw(client, signal)

    signal.refresh_from_db()
    assert "Signaal intrekken" not in detail
    assert "Intrekken kan alleen tot de casustafel begint" in page(response)
    assert signal.status == Signal.Status.ACTIVE


def test_a_withdrawn_signal_cannot_be_withdrawn_again(world, client_for, uwv_user):
    signal = world.uwv_signals[0]
    client = client_for(uwv_user)
    withdraw(client, signal, reason="Eerste reden")

    response = withdraw(client, signal, reason="Tweede reden")

    signal.refresh_from_db()
    assert "Dit signaal is al ingetrokken." in page(response)
    assert signal.withdrawn_reason == "Eerste reden"


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_withdrawing_only_happens_by_post(world, client_for, uwv_user, method):
    signal = world.uwv_signals[0]

    response = getattr(client_for(uwv_user), method)(reverse("signals:withdraw", args=[signal.pk]))

    signal.refresh_from_db()
    assert response.status_code == 405
    assert signal.status == Signal.Status.ACTIVE
