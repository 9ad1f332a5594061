"""A user who reads the portal in English reads an upload's errors in English too: the errors
are stored as a template with its values and translated when the page is shown. An error
stored before that (Dutch text only) is still shown. axe still finds nothing."""
import re

import pytest

from signals import importer
from signals.models import Upload
from tests.e2e.conftest import check_accessible
from tests.e2e.world import zwolle
from tests.signals.conftest import csv_bytes, good_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    return zwolle()


def in_english(page) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base_url}])


def test_upload_errors_are_shown_in_the_readers_language(open_page, world):
    rows = good_rows(1, postcode="0123AB") + good_rows(1, start=2)
    rows[1]["huisnummer"] = "twaalf"
    upload = importer.import_file(world.project, world.uwv_user.partner, world.uwv_user,
                                  csv_bytes(rows), "fouten.csv")
    assert upload.status == Upload.Status.REJECTED
    page = open_page(world.uwv_user)
    page.goto(f"{page.base_url}/aanleveringen/{upload.pk}/")
    dutch = page.locator("main").inner_text()
    assert "Postcode '0123AB' is ongeldig" in dutch

    in_english(page)
    page.goto(f"{page.base_url}/aanleveringen/{upload.pk}/")
    assert page.locator("html").get_attribute("lang") == "en"
    text = page.locator("main").inner_text()
    assert "Postcode '0123AB' is invalid" in text
    assert "House number 'twaalf' is invalid" in text
    assert "ongeldig" not in text
    check_accessible(page, "upload errors in English")


def test_a_whole_file_refusal_is_shown_in_english_and_old_stored_errors_still_show(open_page, world):
    refused = importer.import_file(world.project, world.uwv_user.partner, world.uwv_user,
                                   b"kleur;plaats\r\nx;y\r\n", "verkeerd.csv")
    assert refused.status == Upload.Status.REJECTED
    old = Upload.objects.create(
        project=world.project, partner=world.uwv_user.partner, uploaded_by=world.uwv_user,
        file_name="oud.csv", status=Upload.Status.REJECTED, errors_total=1,
        errors=[{"row": 2, "column": "postcode", "value": "x", "message": "Een oude melding."}],
        error_counts=[{"column": "postcode", "kind": "ongeldig", "message": "Een oude melding.",
                       "count": 1, "kept": 1}],
    )
    page = open_page(world.uwv_user)
    in_english(page)
    page.goto(f"{page.base_url}/aanleveringen/{refused.pk}/")
    assert "Unknown column(s): 'kleur', 'plaats'" in page.locator("main").inner_text()
    page.goto(f"{page.base_url}/aanleveringen/{old.pk}/")
    assert "Een oude melding." in page.locator("main").inner_text()


DUTCH_DATE = re.compile(r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|"
                        r"oktober|november|december) 20\d\d")


def test_history_reasons_written_by_the_system_and_dates_are_shown_in_english(open_page, world):
    page = open_page(world.coordinator)
    page.goto(f"{page.base_url}{world.project.get_absolute_url()}")
    dutch = page.locator("main").inner_text()
    assert "Projectplan ingediend" in dutch
    assert DUTCH_DATE.search(dutch)

    in_english(page)
    page.goto(f"{page.base_url}{world.project.get_absolute_url()}")
    text = page.locator("main").inner_text()
    assert "Project plan submitted" in text
    assert "Projectplan ingediend" not in text
    assert not DUTCH_DATE.search(text), DUTCH_DATE.search(text)
    assert re.search(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, 20\d\d\b", text), "no date written the English way"
    check_accessible(page, "project in English")
