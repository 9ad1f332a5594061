"""Delivering signals (signals.importer): every validation rule, all or nothing, review state,
already-delivered addresses, idempotent re-upload and when intake is open.

Each refusal is checked the way the partner sees it: the upload record says "afgewezen" and
its error report names the row, the column, the value and what to do, in Dutch; and nothing
at all was stored.
"""
import hashlib
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import lifecycle
from projects.models import Partner
from signals import importer, selectors
from signals.importer import IntakeClosed
from signals.models import Signal, Upload
from signals.reader import COLUMNS
from tests.factories import UserFactory, project_in_phase, walk
from tests.signals.conftest import (
    GROUNDS,
    csv_bytes,
    deliver,
    deliver_rows,
    good_rows,
    only_error,
    signal_row,
    xlsx_bytes,
)

REJECTED = Upload.Status.REJECTED


def nothing_stored(project) -> bool:
    return (
        not Signal.objects.filter(project=project).exists()
        and not Signal.history.filter(project_id=project.pk).exists()
    )


def refused_file(upload: Upload, *fragments: str) -> str:
    """The whole file was refused with one file-level message containing every fragment."""
    error = only_error(upload)
    assert error["row"] is None
    for fragment in fragments:
        assert fragment in error["message"]
    return error["message"]


# --- every rule for a row: one wrong row after two good ones ----------------------------

ROW_RULES = [
    pytest.param({"postcode": "0123AB"}, "postcode", "0123AB", "niet met 0",
                 id="postcode-starting-with-0"),
    pytest.param({"postcode": "8011SA"}, "postcode", "8011SA", "SA, SD en SS", id="postcode-SA"),
    pytest.param({"postcode": "8011 sd"}, "postcode", "8011 sd", "SA, SD en SS", id="postcode-SD"),
    pytest.param({"postcode": "8011SS"}, "postcode", "8011SS", "worden in Nederland niet gebruikt",
                 id="postcode-SS"),
    pytest.param({"postcode": "Diezerstraat"}, "postcode", "Diezerstraat", "is ongeldig",
                 id="postcode-garbage"),
    pytest.param({"postcode": "80111WR"}, "postcode", "80111WR", "vier cijfers",
                 id="postcode-five-digits"),
    pytest.param({"postcode": ""}, "postcode", "", "Postcode ontbreekt", id="postcode-missing"),
    pytest.param({"huisnummer": "twaalf"}, "huisnummer", "twaalf", "in cijfers",
                 id="house-number-in-words"),
    pytest.param({"huisnummer": "0"}, "huisnummer", "0", "tussen 1 en 99999", id="house-number-0"),
    pytest.param({"huisnummer": "100000"}, "huisnummer", "100000", "tussen 1 en 99999",
                 id="house-number-100000"),
    pytest.param({"huisnummer": "12.5"}, "huisnummer", "12.5", "geheel getal",
                 id="house-number-fraction"),
    pytest.param({"huisnummer": ""}, "huisnummer", "", "Huisnummer ontbreekt",
                 id="house-number-missing"),
    pytest.param({"huisletter": "AB"}, "huisletter", "AB", "één letter", id="house-letter-two"),
    pytest.param({"huisnummertoevoeging": "ABCDE"}, "huisnummertoevoeging", "ABCDE",
                 "1 tot 4 letters", id="toevoeging-five"),
    pytest.param({"postcode": "9711AB"}, "postcode", "9711AB", "buiten het gebied van dit project",
                 id="outside-project-area"),
    pytest.param({"categorie": "arbeidsuitbuiting"}, "categorie", "arbeidsuitbuiting",
                 "niet afgesproken. Toegestaan: adresfraude, uitkeringsfraude",
                 id="category-not-agreed-for-partner"),
    pytest.param({"categorie": "zorg"}, "categorie", "zorg", "niet afgesproken",
                 id="category-unknown"),
    pytest.param({"categorie": ""}, "categorie", "", "Vul de categorie in", id="category-missing"),
    pytest.param({"indicatoren": ""}, "indicatoren", "", "Zonder onderbouwing",
                 id="grounds-missing"),
    pytest.param({"indicatoren": "nationaliteit"}, "indicatoren", "nationaliteit",
                 "noemen 'nationaliteit'", id="grounds-nationality"),
    pytest.param({"indicatoren": "Bewoners van Marokkaanse afkomst"}, "indicatoren",
                 "Bewoners van Marokkaanse afkomst", "noemen 'Marokkaanse', 'afkomst'",
                 id="grounds-origin"),
    pytest.param({"indicatoren": "Postretour; religie van de bewoner"}, "indicatoren",
                 "Postretour; religie van de bewoner", "'religie'", id="grounds-religion"),
    pytest.param({"datum_signaal": "31-02-2026"}, "datum_signaal", "31-02-2026", "bestaat niet",
                 id="date-that-does-not-exist"),
    pytest.param({"datum_signaal": "gisteren"}, "datum_signaal", "gisteren", "onbekende vorm",
                 id="date-in-words"),
    pytest.param({"straat": "x" * 201}, "straat", "x" * 79 + "…", "te lang", id="street-too-long"),
]


@pytest.mark.parametrize("values, column, value, advice", ROW_RULES)
def test_file_with_one_wrong_row_is_refused_naming_row_column_and_value(
    intake_project, uwv_user, values, column, value, advice
):
    data = csv_bytes(good_rows(2) + [signal_row(**values)])

    upload = deliver(intake_project, uwv_user, data)

    error = only_error(upload)
    assert (error["row"], error["column"], error["value"]) == (4, column, value)
    assert advice in error["message"]
    assert nothing_stored(intake_project)
    stored = Upload.objects.get(pk=upload.pk)
    assert (stored.status, stored.rows_total, stored.rows_accepted) == (REJECTED, 3, 0)


def test_suspect_grounds_are_refused_with_the_reason_why(intake_project, uwv_user):
    upload = deliver(intake_project, uwv_user, csv_bytes(
        [signal_row(indicatoren="Huishouden met een niet-westerse migratieachtergrond")]))

    message = only_error(upload)["message"]
    assert "'niet-westerse', 'migratieachtergrond'" in message
    assert "verdacht onderscheid" in message and "(CRvB)" in message
    assert "Beschrijf de feitelijke aanleiding" in message
    assert nothing_stored(intake_project)


def test_grounds_that_only_look_like_a_suspect_term_are_accepted(intake_project, uwv_user):
    upload = deliver_rows(intake_project, uwv_user, [
        signal_row(indicatoren="Meer dan 8 arbeidsmigranten ingeschreven; zwart betaald"),
    ])

    assert upload.rows_accepted == 1


def test_date_in_the_future_is_refused(intake_project, uwv_user):
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")

    upload = deliver(intake_project, uwv_user, csv_bytes([signal_row(datum_signaal=tomorrow)]))

    error = only_error(upload)
    assert (error["row"], error["column"], error["value"]) == (2, "datum_signaal", tomorrow)
    assert "in de toekomst" in error["message"]
    assert nothing_stored(intake_project)


def test_todays_date_is_not_in_the_future(intake_project, uwv_user):
    upload = deliver_rows(intake_project, uwv_user,
                          [signal_row(datum_signaal=timezone.localdate().isoformat())])

    assert upload.signals.get().signal_date == timezone.localdate()


def test_category_of_another_partner_is_refused_for_svb(intake_project, svb_user):
    # UWV may deliver adresfraude in this project, SVB may not.
    upload = deliver(intake_project, svb_user, csv_bytes([signal_row(categorie="adresfraude")]))

    error = only_error(upload)
    assert error["column"] == "categorie"
    assert "Toegestaan: uitkeringsfraude." in error["message"]
    assert nothing_stored(intake_project)


def test_same_address_and_category_twice_in_one_file_is_refused(intake_project, uwv_user):
    rows = [
        signal_row(postcode="8011WR", huisnummer="12"),
        signal_row(postcode="8012AB", huisnummer="7"),
        signal_row(postcode="8011 wr", huisnummer="012", referentie="ander kenmerk"),
    ]

    upload = deliver(intake_project, uwv_user, csv_bytes(rows))

    error = only_error(upload)
    assert error["row"] == 4
    assert "gelijk aan regel 2" in error["message"]
    assert nothing_stored(intake_project)


def test_same_address_with_two_categories_in_one_file_is_two_signals(intake_project, uwv_user):
    upload = deliver_rows(intake_project, uwv_user, [
        signal_row(categorie="uitkeringsfraude"), signal_row(categorie="adresfraude"),
    ])

    assert upload.rows_accepted == 2
    assert len({s.address_key for s in upload.signals.all()}) == 1


# --- rules for the whole file ---------------------------------------------------------------

def test_unknown_extra_column_is_refused_to_keep_data_minimal(intake_project, uwv_user):
    header = list(COLUMNS) + ["BSN"]
    data = csv_bytes([list(signal_row().values()) + ["123456782"]], header=header)

    upload = deliver(intake_project, uwv_user, data)

    refused_file(upload, "Onbekende kolom(men): 'BSN'", "Lever alleen de afgesproken kolommen aan")
    assert nothing_stored(intake_project)
    assert "123456782" not in str(Upload.objects.get(pk=upload.pk).errors)


def test_missing_required_column_is_refused(intake_project, uwv_user):
    header = [c for c in COLUMNS if c != "indicatoren"]
    data = csv_bytes([signal_row()], header=header)

    upload = deliver(intake_project, uwv_user, data)

    refused_file(upload, "Verplichte kolom(men) ontbreken: 'indicatoren'")
    assert nothing_stored(intake_project)


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", csv_bytes([])],
                         ids=["empty-file", "blank-lines", "header-only"])
def test_file_without_signals_is_refused(intake_project, uwv_user, data):
    upload = deliver(intake_project, uwv_user, data)

    refused_file(upload, "Het bestand bevat geen signalen")
    assert nothing_stored(intake_project)


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.mark.parametrize("data, name", [
    (PDF, "signalen.pdf"), (PDF, "signalen.csv"), (PNG, "signalen.csv"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "signalen.xls"),
    (csv_bytes([signal_row()]), "signalen.xlsx"),
], ids=["pdf", "pdf-named-csv", "png-named-csv", "old-excel-xls", "csv-named-xlsx"])
def test_file_that_is_not_csv_or_xlsx_is_refused(intake_project, uwv_user, data, name):
    upload = deliver(intake_project, uwv_user, data, name)

    refused_file(upload, "geen CSV- of Excel-bestand", "Sla het bestand in Excel op")
    assert nothing_stored(intake_project)


def test_file_over_the_size_limit_is_refused(intake_project, uwv_user, settings):
    data = csv_bytes(good_rows(20))
    settings.LSI_UPLOAD_MAX_BYTES = len(data) - 1

    upload = deliver(intake_project, uwv_user, data)

    refused_file(upload, "Het bestand is te groot", "Verdeel de signalen over meerdere bestanden")
    assert nothing_stored(intake_project)


def test_file_exactly_at_the_size_limit_is_accepted(intake_project, uwv_user, settings):
    data = csv_bytes(good_rows(20))
    settings.LSI_UPLOAD_MAX_BYTES = len(data)

    assert deliver(intake_project, uwv_user, data).rows_accepted == 20


def test_file_over_the_row_limit_is_refused(intake_project, uwv_user, settings):
    settings.LSI_UPLOAD_MAX_ROWS = 5

    upload = deliver(intake_project, uwv_user, csv_bytes(good_rows(6)))

    refused_file(upload, "meer dan 5 signalen", "Verdeel de signalen")
    assert nothing_stored(intake_project)


def test_file_exactly_at_the_row_limit_is_accepted(intake_project, uwv_user, settings):
    settings.LSI_UPLOAD_MAX_ROWS = 5

    assert deliver(intake_project, uwv_user, csv_bytes(good_rows(5))).rows_accepted == 5


def test_refused_upload_keeps_only_its_record_and_error_report(intake_project, uwv_user):
    data = csv_bytes([signal_row(postcode="0123AB")])

    upload = Upload.objects.get(pk=deliver(intake_project, uwv_user, data, "maart.csv").pk)

    assert upload.status == REJECTED
    assert (upload.file_name, upload.uploaded_by, upload.partner) == (
        "maart.csv", uwv_user, uwv_user.partner)
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.errors and upload.rows_accepted == 0
    assert nothing_stored(intake_project)


# --- all or nothing ------------------------------------------------------------------------

def test_one_bad_row_among_many_good_rows_stores_nothing(intake_project, uwv_user):
    rows = good_rows(80)
    rows[41] = signal_row(huisnummer="42", huisletter="AB")

    upload = deliver(intake_project, uwv_user, csv_bytes(rows))

    error = only_error(upload)
    assert (error["row"], error["column"], error["value"]) == (43, "huisletter", "AB")
    assert upload.rows_total == 80
    assert nothing_stored(intake_project)


def test_every_error_in_the_file_is_reported_at_once(intake_project, uwv_user):
    rows = good_rows(30)
    rows[2] = signal_row(huisnummer="3", postcode="0123AB")
    rows[9] = signal_row(huisnummer="10", indicatoren="")
    rows[20] = signal_row(huisnummer="21", categorie="zorg", datum_signaal="31-02-2026")
    rows[29] = dict(rows[0])

    upload = deliver(intake_project, uwv_user, csv_bytes(rows))

    assert upload.status == REJECTED
    found = [(e["row"], e["column"]) for e in upload.errors]
    assert found == [(4, "postcode"), (11, "indicatoren"), (22, "categorie"),
                     (22, "datum_signaal"), (31, "")]
    assert nothing_stored(intake_project)


# --- what partners' systems really export ------------------------------------------------

def test_dutch_excel_csv_in_windows_1252_with_semicolons_is_read(intake_project, uwv_user):
    header = ["Postcode", "Huisnummer", "Huisletter", "Huisnummer toevoeging", "Straat",
              "Woonplaats", "Categorie", "Indicatoren", "Referentie", "Datum Signaal"]
    row = ["8014 wf", "157", "", "", "Prinses Mariëlaan", "Zwolle", "uitkeringsfraude",
           "Postretour; geen reactie", "UWV-1", "27-01-2026"]

    upload = deliver(intake_project, uwv_user, csv_bytes([row], header=header, encoding="cp1252"))

    signal = upload.signals.get()
    assert (signal.postcode, signal.house_number, signal.street) == ("8014WF", 157, "Prinses Mariëlaan")
    assert signal.signal_date.isoformat() == "2026-01-27"
    assert signal.grounds == "Postretour; geen reactie"


@pytest.mark.parametrize("encoding, bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)],
                         ids=["utf-8", "utf-8-with-bom", "windows-1252"])
def test_accented_letters_survive_every_accepted_encoding(intake_project, uwv_user, encoding, bom):
    data = csv_bytes([signal_row(straat="Prinses Mariëlaan", indicatoren="Café als woonadres")],
                     encoding=encoding, bom=bom)

    signal = deliver(intake_project, uwv_user, data).signals.get()

    assert (signal.street, signal.grounds) == ("Prinses Mariëlaan", "Café als woonadres")


def test_utf8_csv_with_bom_and_commas_reads_a_letter_glued_to_the_number(intake_project, uwv_user):
    data = csv_bytes([signal_row(huisnummer="52A", straat="Sint-Ceciliastraat, achter")],
                     delimiter=",", bom=True, line_end="\n")

    signal = deliver(intake_project, uwv_user, data).signals.get()

    assert (signal.house_number, signal.house_letter, signal.address_key) == (52, "A", "8011WR-52-A-")
    assert signal.street == "Sint-Ceciliastraat, achter"


def test_xlsx_with_numbers_typed_as_numbers_on_the_sheet_signalen_is_read(intake_project, uwv_user):
    row = {**signal_row(), "huisnummer": 12.0, "postcode": "8011 WR",
           "datum_signaal": datetime(2026, 1, 27), "huisnummertoevoeging": 2}
    data = xlsx_bytes([row], sheet="Signalen", sheet_first=False)

    upload = deliver(intake_project, uwv_user, data, "signalen.xlsx")

    signal = upload.signals.get()
    assert signal.address_key == "8011WR-12--2"
    assert signal.signal_date.isoformat() == "2026-01-27"


def test_accepted_upload_records_file_hash_user_and_counts(intake_project, uwv_user):
    data = csv_bytes(good_rows(3))

    upload = Upload.objects.get(pk=deliver(intake_project, uwv_user, data, "week-5.csv").pk)

    assert upload.status == Upload.Status.ACCEPTED
    assert (upload.file_name, upload.sha256) == ("week-5.csv", hashlib.sha256(data).hexdigest())
    assert (upload.uploaded_by, upload.rows_total, upload.rows_accepted) == (uwv_user, 3, 3)
    signals = Signal.objects.filter(project=intake_project)
    assert {(s.partner, s.delivered_by, s.upload_id, s.source) for s in signals} == {
        (uwv_user.partner, uwv_user, upload.pk, Signal.Source.FILE)}
    assert signals.get(house_number=2).grounds == GROUNDS


# --- ambiguous addresses go to review, never guessed ---------------------------------------

def test_ambiguous_house_number_is_stored_for_review_not_guessed(intake_project, uwv_user):
    upload = deliver_rows(intake_project, uwv_user, good_rows(2) + [signal_row(huisnummer="52AB")])

    assert (upload.rows_accepted, upload.rows_review) == (3, 1)
    review = Signal.objects.get(project=intake_project, status=Signal.Status.REVIEW)
    assert review.address_key == ""
    assert (review.house_number, review.house_letter, review.house_number_suffix) == (None, "", "")
    assert "52AB" in review.typed_address
    assert "niet eenduidig" in review.review_reason
    assert "huisletter en toevoeging in aparte kolommen" in review.review_reason
    assert Signal.objects.filter(project=intake_project, status=Signal.Status.ACTIVE).count() == 2


def test_the_same_ambiguous_row_twice_in_one_file_is_refused_as_a_duplicate(intake_project,
                                                                           uwv_user):
    rows = [signal_row(huisnummer="52AB"), signal_row(huisnummer="52AB")]

    upload = deliver(intake_project, uwv_user, csv_bytes(rows))

    assert upload.status == REJECTED
    assert "gelijk aan regel 2" in only_error(upload)["message"]
    assert nothing_stored(intake_project)


def test_an_ambiguous_address_delivered_again_is_not_stored_twice(intake_project, uwv_user):
    deliver_rows(intake_project, uwv_user, [signal_row(huisnummer="52AB")], name="een.csv")

    again = deliver(intake_project, uwv_user, csv_bytes(
        [signal_row(huisnummer="52AB", referentie="tweede keer")]), name="twee.csv")

    assert again.rows_already_delivered == 1
    assert Signal.objects.filter(project=intake_project).count() == 1


def test_ambiguous_address_outside_the_area_is_still_refused(intake_project, uwv_user):
    upload = deliver(intake_project, uwv_user, csv_bytes([signal_row(postcode="9711AB",
                                                                     huisnummer="52AB")]))

    assert only_error(upload)["column"] == "postcode"
    assert nothing_stored(intake_project)


# --- already delivered, the same file again, another partner ------------------------------

def test_address_already_delivered_is_reported_and_not_stored_twice(intake_project, uwv_user):
    deliver_rows(intake_project, uwv_user, good_rows(3), name="januari.csv")
    # The same address typed differently, plus one new address.
    second = [signal_row(postcode="8011 wr", huisnummer="2", referentie="opnieuw"),
              signal_row(huisnummer="4")]

    upload = deliver_rows(intake_project, uwv_user, second, name="februari.csv")

    assert (upload.rows_accepted, upload.rows_already_delivered) == (1, 1)
    assert [(e["row"], e["message"]) for e in upload.errors] == [(2, (
        "Dit adres met deze categorie heeft uw organisatie al aangeleverd; niet opnieuw "
        "opgeslagen."))]
    assert Signal.objects.filter(project=intake_project).count() == 4
    assert Signal.objects.filter(project=intake_project, house_number=2).count() == 1


def test_same_file_uploaded_again_stores_nothing_new_and_says_so(intake_project, uwv_user):
    data = csv_bytes(good_rows(5))
    first = deliver(intake_project, uwv_user, data, "export.csv")

    again = deliver(intake_project, uwv_user, data, "export (1).csv")

    assert again.status == Upload.Status.DUPLICATE
    assert again.rows_accepted == 0
    assert "Dit bestand is al eerder aangeleverd (export.csv" in again.errors[0]["message"]
    assert "Er is niets nieuws opgeslagen" in again.errors[0]["message"]
    assert Signal.objects.filter(project=intake_project).count() == 5
    assert set(Signal.objects.values_list("upload", flat=True)) == {first.pk}


def test_refused_file_is_checked_again_when_uploaded_again(intake_project, uwv_user):
    data = csv_bytes([signal_row(postcode="0123AB")])
    deliver(intake_project, uwv_user, data)

    again = deliver(intake_project, uwv_user, data)

    assert again.status == REJECTED
    assert only_error(again)["column"] == "postcode"


def test_another_partner_delivering_the_same_address_is_stored(intake_project, uwv_user, svb_user):
    deliver_rows(intake_project, uwv_user, [signal_row(postcode="8011 wr", huisnummer="52",
                                                       huisletter="a")])

    upload = deliver_rows(intake_project, svb_user, [signal_row(postcode="8011WR",
                                                                huisnummer="52A")])

    assert (upload.rows_accepted, upload.rows_already_delivered) == (1, 0)
    keys = dict(Signal.objects.filter(project=intake_project)
                .values_list("partner__code", "address_key"))
    assert keys == {"UWV": "8011WR-52-A-", "SVB": "8011WR-52-A-"}


def test_the_same_address_in_another_project_is_a_new_signal(intake_project, uwv_user, svb_user,
                                                            categories):
    elsewhere = project_in_phase("signalering", partners=[uwv_user.partner, svb_user.partner],
                                 categories=[categories["uitkeringsfraude"]])
    deliver_rows(intake_project, uwv_user, [signal_row()])

    upload = deliver_rows(elsewhere, uwv_user, [signal_row()])

    assert (upload.rows_accepted, upload.rows_already_delivered) == (1, 0)


# --- intake is open only in signalering, for ready, participating, up-front partners --------

def closed(project, user, partner=None) -> str:
    with pytest.raises(IntakeClosed) as info:
        importer.import_file(project, partner or user.partner, user, csv_bytes([signal_row()]),
                             "signalen.csv")
    assert not Upload.objects.filter(project=project).exists()
    assert nothing_stored(project)
    return info.value.message


@pytest.mark.parametrize("phase", ["concept", "goedgekeurd"])
def test_intake_is_closed_before_the_partners_confirmed_readiness(project, uwv_user, phase):
    walk(project, phase)

    assert "nog niet gemeld dat zij gegevens kan verwerken" in closed(project, uwv_user)


def test_intake_is_closed_when_ready_but_signalering_has_not_started(project, uwv_user):
    walk(project, "gereed")

    message = closed(project, uwv_user)

    assert "De signalering is niet open: het project is in de fase 'Gereed voor " in message
    assert "alleen in de fase signalering" in message


@pytest.mark.parametrize("step", ["casustafel", "on hold", "afgebroken"])
def test_intake_is_closed_once_signalering_is_over(intake_project, projectleider, uwv_user, step):
    if step == "casustafel":
        lifecycle.advance(intake_project, projectleider, "Intake gesloten")
    elif step == "on hold":
        lifecycle.hold(intake_project, projectleider, "Belastingdienst zet projecten stil")
    else:
        lifecycle.cancel(intake_project, projectleider, "Geen capaciteit")
    intake_project.refresh_from_db()

    assert "De signalering is niet open" in closed(intake_project, uwv_user)


def test_intake_is_closed_for_a_partner_that_did_not_confirm_readiness(project, uwv_user, svb_user):
    walk(project, "goedgekeurd")
    lifecycle.confirm_ready(project.participations.get(partner=svb_user.partner), svb_user)

    assert "nog niet gemeld dat zij gegevens kan verwerken voor dit project" in closed(project, uwv_user)


def test_intake_is_closed_for_a_partner_that_delivers_only_on_request(intake_project, bd_mkb_user):
    assert bd_mkb_user.partner.delivery == Partner.Delivery.ON_REQUEST

    message = closed(intake_project, bd_mkb_user)

    assert "BD-MKB levert alleen op verzoek" in message
    assert "informatieverzoeken van de projectleider" in message


def test_intake_is_closed_for_a_partner_that_does_not_take_part(intake_project, ind_user):
    assert closed(intake_project, ind_user) == "IND neemt niet deel aan dit project."


def test_nobody_delivers_on_behalf_of_another_partner(intake_project, uwv_user, svb_user, coordinator):
    assert "eigen organisatie" in closed(intake_project, uwv_user, partner=svb_user.partner)
    assert "eigen organisatie" in closed(intake_project, coordinator, partner=svb_user.partner)


def test_single_signal_entered_in_the_browser_follows_the_same_rules(intake_project, uwv_user):
    refused = importer.enter_signal(intake_project, uwv_user.partner, uwv_user,
                                    {**signal_row(), "indicatoren": "Turkse nationaliteit"})
    accepted = importer.enter_signal(intake_project, uwv_user.partner, uwv_user, signal_row())

    assert only_error(refused)["column"] == "indicatoren"
    assert accepted.status == Upload.Status.ACCEPTED
    assert accepted.signals.get().source == Signal.Source.FORM


def test_a_second_user_of_the_same_partner_cannot_deliver_an_address_twice(intake_project, uwv_user):
    colleague = UserFactory(partner=uwv_user.partner)
    deliver_rows(intake_project, uwv_user, [signal_row()])

    upload = deliver_rows(intake_project, colleague, [signal_row(referentie="collega")])

    assert (upload.rows_accepted, upload.rows_already_delivered) == (0, 1)
    assert Signal.objects.filter(project=intake_project).count() == 1


# The error report of a file with very many errors stays small


def test_a_file_of_many_thousand_bad_rows_keeps_the_first_errors_and_counts_them_all(
        intake_project, uwv_user):
    rows = good_rows(5_000, postcode="1234 A") + good_rows(1_000, start=6_000, categorie="drugs")
    upload = deliver(intake_project, uwv_user, csv_bytes(rows))
    assert upload.status == REJECTED and nothing_stored(intake_project)
    assert upload.errors_total == 6_000
    assert len(upload.errors) == importer.ERRORS_KEPT
    assert upload.errors[0]["row"] == 2 and upload.errors[0]["column"] == "postcode"
    counts = {(group["column"], group["count"], group["kept"]) for group in upload.error_counts}
    assert counts == {("postcode", 5_000, 200), ("categorie", 1_000, 0)}
    drugs = next(group for group in upload.error_counts if group["column"] == "categorie")
    assert drugs["message"].startswith("Categorie 'drugs' is voor uw organisatie in dit project niet")


def test_a_long_value_is_echoed_cut_off_in_the_value_and_in_the_message(intake_project, uwv_user):
    long_value = "x" * 10_000
    error = only_error(deliver(intake_project, uwv_user, csv_bytes([signal_row(huisnummer=long_value)])))
    assert error["value"] == long_value[:79] + "…"
    assert long_value[:79] + "…" in error["message"]
    assert len(error["message"]) < 300


def test_the_upload_page_of_many_errors_counts_the_rest_per_kind_and_is_paginated(
        client, intake_project, uwv_user):
    rows = good_rows(5_000, postcode="1234 A") + good_rows(1_000, start=6_000, categorie="drugs")
    upload = deliver(intake_project, uwv_user, csv_bytes(rows))
    client.force_login(uwv_user)
    url = reverse("signals:upload_detail", args=[upload.pk])

    first = client.get(url).content.decode()

    assert "er zijn 6.000 fouten gevonden" in first
    assert "200 hieronder, en nog 4.800 fouten van deze soort" in first
    assert "en nog 1.000 fouten van deze soort" in first
    assert "Pagina 1 van 4" in first and 'rel="next" href="?page=2"' in first
    assert first.count('<td class="utrecht-table__cell">postcode</td>') == 1 + selectors.ERRORS_PER_PAGE
    last = client.get(url, {"page": 4}).content.decode()
    assert "Pagina 4 van 4" in last and "<td class=\"utrecht-table__cell\">201</td>" in last
    assert 'rel="next"' not in last


def test_the_upload_page_of_many_errors_is_still_hidden_from_another_partner(
        client, intake_project, uwv_user, svb_user):
    upload = deliver(intake_project, uwv_user, csv_bytes(good_rows(300, postcode="1234 A")))
    client.force_login(svb_user)
    assert client.get(reverse("signals:upload_detail", args=[upload.pk]), {"page": 2}).status_code == 404
