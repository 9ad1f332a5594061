"""Journey 4: a stuurgroep member opens the stuurgroep-overzicht and the report page, requests
the PDF, waits until it can be downloaded and downloads it; a signal's URL is a 404."""
import pytest

from signals.models import Signal
from tests.e2e.world import zwolle

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    return zwolle(with_signals=True)


def test_journey_4_steering_member_downloads_the_report_and_sees_no_signals(open_page, world):
    page = open_page(world.steering_member)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Stuurgroep-overzicht").click()
    page.wait_for_url("**/projecten/stuurgroep/")
    overview = page.get_by_role("table", name="Alle projecten")
    assert overview.get_by_role("link", name="Wijkaanpak Zwolle").count() == 1

    page.get_by_role("link", name="Jaarcijfers en rapportage").click()
    page.wait_for_url("**/rapportages/stuurgroep/**")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Stuurgroep-overzicht")

    page.get_by_role("button", name="PDF maken").click()
    download_link = page.get_by_role("link", name="PDF downloaden")
    download_link.wait_for(timeout=60_000)  # made by a task; the page polls its status
    with page.expect_download() as info:
        download_link.click()
    pdf = info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF"), pdf[:20]
    assert info.value.suggested_filename.endswith(".pdf")

    # The stuurgroep never sees personal data: a signal's page does not exist for them.
    signal = Signal.objects.filter(project=world.project).first()
    response = page.goto(f"{page.base_url}/signalen/{signal.pk}/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
