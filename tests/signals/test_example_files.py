"""The demo's example delivery files: made by the application for each demo partner (its own
area and categories), with the quirks of real exports, and delivered through the real importer.
The file with errors is refused, and its upload page shows every mistake."""
import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from projects.models import Project, User
from signals import importer
from signals.models import Signal, Upload
from tests.factories import rolled_back_afterwards

DELIVERING = ["gemeente", "uwv", "svb", "nla"]  # the Zwolle partners that deliver up front


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed_demo", stdout=io.StringIO())
        yield


@pytest.fixture
def zwolle(seeded, db):
    return Project.objects.get(name="Wijkgerichte aanpak Zwolle")


def browser_of(username: str) -> Client:
    browser = Client()
    browser.force_login(User.objects.get(username=username))
    return browser


def download(username: str, url: str) -> tuple[bytes, str]:
    response = browser_of(username).get(url)
    assert response.status_code == 200, url
    return response.content, response["Content-Disposition"].split('filename="')[1].rstrip('"')


def example(zwolle, username: str, fmt: str) -> tuple[bytes, str]:
    return download(username, reverse("demo:example", args=[zwolle.pk, fmt]))


def test_the_delivery_page_offers_the_partners_own_example_files(zwolle):
    page = browser_of("uwv").get(reverse("signals:deliver", args=[zwolle.pk])).content.decode()

    assert reverse("demo:example", args=[zwolle.pk, "csv"]) in page
    assert reverse("demo:example", args=[zwolle.pk, "xlsx"]) in page
    assert reverse("demo:example_errors", args=[zwolle.pk]) in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("username", DELIVERING)
def test_each_partners_example_file_is_delivered_without_a_single_error(zwolle, username, fmt):
    user = User.objects.get(username=username)
    content, name = example(zwolle, username, fmt)

    upload = importer.import_file(zwolle, user.partner, user, content, name)

    assert name == f"voorbeeld-{user.partner.code.lower()}-signalen.{fmt}"
    assert upload.status == Upload.Status.ACCEPTED, upload.errors
    assert upload.rows_accepted == 20 and not upload.errors
    signals = Signal.objects.filter(upload=upload)
    assert not signals.filter(status=Signal.Status.REVIEW).exists()  # no address left to guess
    agreed = set(zwolle.participations.get(partner=user.partner).categories.all())
    assert {signal.category for signal in signals} <= agreed


def test_the_csv_has_the_quirks_of_a_dutch_excel_export(zwolle):
    content, _name = example(zwolle, "uwv", "csv")
    text = content.decode("utf-8-sig")
    header, *lines = text.split("\r\n")

    assert content.startswith(b"\xef\xbb\xbf") and "\r\n" in text
    assert header.split(";")[0] == "Postcode" and "Datum signaal" in header and "STRAAT" in header
    postcodes = [line.split(";")[0] for line in lines if line]
    assert any(p[4:5] == " " and p[5:].islower() for p in postcodes)  # 8011 wr
    assert any(p != p.strip() for p in postcodes)  # spaces around the value
    assert any(len(p) == 6 for p in postcodes)  # 8011WR
    assert all(line.split(";")[-1][2] == "-" for line in lines if line)  # dd-mm-jjjj


def test_the_workbook_has_numbers_as_numbers_and_a_real_date_cell(zwolle):
    content, _name = example(zwolle, "nla", "xlsx")
    sheet = load_workbook(io.BytesIO(content))["Signalen"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))

    assert all(isinstance(row[-1], datetime | date) for row in rows)
    assert any(isinstance(row[1], int) for row in rows)  # a number cell
    assert any(isinstance(row[1], str) and row[1].isdigit() for row in rows)  # a number as text


def test_the_partners_share_addresses_typed_differently_so_they_overlap(zwolle):
    keys = {}
    for username in ("uwv", "svb"):
        user = User.objects.get(username=username)
        content, name = example(zwolle, username, "csv")
        upload = importer.import_file(zwolle, user.partner, user, content, name)
        keys[username] = set(Signal.objects.filter(upload=upload).values_list("address_key", flat=True))
    uwv_file, svb_file = example(zwolle, "uwv", "csv")[0], example(zwolle, "svb", "csv")[0]

    assert len(keys["uwv"] & keys["svb"]) >= 10
    assert uwv_file != svb_file


def test_the_file_with_errors_is_refused_and_its_page_shows_every_mistake(
        zwolle, django_capture_on_commit_callbacks):
    content, name = download("uwv", reverse("demo:example_errors", args=[zwolle.pk]))
    browser = browser_of("uwv")

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(reverse("signals:deliver", args=[zwolle.pk]),
                                {"file": SimpleUploadedFile(name, content)})
    page = browser.get(response.url).content.decode()

    upload = Upload.objects.get(file_name=name)
    assert upload.status == Upload.Status.REJECTED
    assert not Signal.objects.filter(partner__code="UWV", project=zwolle).exists()
    for message in [
        "niet met 0",  # 0123 AB
        "SA, SD en SS",  # 8011 SS
        "schrijf het huisnummer in cijfers",  # twaalf
        "Vul de indicatoren in",  # no grounds
        "Categorie &#x27;zorg&#x27; is voor uw organisatie in dit project niet afgesproken",
        "ligt in de toekomst",
        "buiten het gebied van dit project",
        "gelijk aan regel 2",
    ]:
        assert message in page, message


def test_a_partner_that_takes_no_part_gets_no_example_file(zwolle):
    browser = browser_of("ind")

    for url in (reverse("demo:example", args=[zwolle.pk, "csv"]),
                reverse("demo:example_errors", args=[zwolle.pk])):
        assert browser.get(url).status_code == 404
