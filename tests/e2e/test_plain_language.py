"""What users read instead of jargon: an address as people write it, the meaning of an action,
partner names, technical details folded away; one way of typing an address on the access log
and the inzage page. axe still finds nothing."""
import re

import pytest

from signals.models import Upload
from tests.e2e.conftest import check_accessible
from tests.e2e.world import zwolle

pytestmark = pytest.mark.e2e

ADDRESS_FIELDS = ["Postcode", "Huisnummer", "Huisletter", "Huisnummertoevoeging"]


@pytest.fixture
def world(server):
    return zwolle(with_signals=True)


def field(page, label: str):
    """The field with this label, marked "(verplicht)" or not."""
    return page.get_by_label(re.compile(rf"^{label}( \(verplicht\))?$"))


def search_address(page, postcode: str, number: str) -> None:
    field(page, "Postcode").fill(postcode)
    field(page, "Huisnummer").fill(number)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_the_access_log_and_the_inzage_page_ask_an_address_the_same_way_and_show_it_plainly(
        open_page, world):
    # A partner opens the signal list: that view names the address 8011 WR 3.
    uwv = open_page(world.uwv_user)
    uwv.goto(f"{uwv.base_url}/projecten/{world.project.pk}/signalen/")

    page = open_page(world.privacy_officer)
    for path in ("/toegangslog/", "/inzage/"):
        page.goto(f"{page.base_url}{path}")
        for label in ADDRESS_FIELDS:
            assert field(page, label).count() == 1, f"{path}: no field {label}"
        assert page.get_by_label("Adres (adressleutel of postcode)").count() == 0

    page.goto(f"{page.base_url}/toegangslog/")
    search_address(page, "8011 wr", "3")
    heading = page.locator("h1").inner_text()
    assert heading == "Wie heeft Diezerstraat 3, 8011 WR Zwolle gezien?"
    main = page.locator("main")
    assert "Lijst van signalen bekeken" in main.inner_text()
    assert "Uitvoeringsinstituut Werknemersverzekeringen" in main.inner_text()
    # The technical name of the action and the request id are folded away until asked for.
    technical = main.get_by_text("signalen.lijst", exact=False).first
    assert not technical.is_visible()
    main.locator("summary", has_text="Technische gegevens").first.click()
    assert technical.is_visible()
    check_accessible(page, "toegangslog per adres")

    page.goto(f"{page.base_url}/inzage/")
    search_address(page, "8011 wr", "3")
    assert page.get_by_role("heading", name="Adres Diezerstraat 3, 8011 WR Zwolle").count() == 1
    assert not page.get_by_text("8011WR-3--").first.is_visible()
    table_text = page.locator("main table").first.inner_text()
    assert "Uitvoeringsinstituut Werknemersverzekeringen" in table_text
    assert "UWV\t" not in table_text
    check_accessible(page, "inzage")


def test_the_upload_page_folds_the_file_fingerprint_away(open_page, world):
    upload = Upload.objects.filter(partner=world.uwv_user.partner, status=Upload.Status.ACCEPTED).first()
    page = open_page(world.uwv_user)
    page.goto(f"{page.base_url}/aanleveringen/{upload.pk}/")
    fingerprint = page.get_by_text(upload.sha256)
    assert not fingerprint.is_visible()
    page.locator("summary", has_text="Technische gegevens").click()
    assert fingerprint.is_visible()
    check_accessible(page, "aanlevering")
