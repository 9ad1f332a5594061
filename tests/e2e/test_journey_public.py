"""Journey: the projectleider publishes a project in the public register from its preview, a
resident reads it without logging in, the projectleider withdraws it with a reason, and the
page is gone. axe on the publishing page and on every public page."""
import pytest

from tests.e2e.conftest import check_accessible, screenshot
from tests.e2e.world import zwolle

pytestmark = pytest.mark.e2e

SUMMARY = "Gemeente, UWV en SVB kijken samen naar adressen in de wijk waar iets niet lijkt te kloppen."


@pytest.fixture
def world(server):
    return zwolle(with_signals=True)


def test_the_projectleider_publishes_and_withdraws_a_project_and_the_public_pages_follow(open_page, world):
    lead = open_page(world.projectleider)
    lead.goto(f"{lead.base_url}{world.project.get_absolute_url()}")
    lead.locator("main").get_by_role("link", name="Openbaar register").click()
    lead.wait_for_url(f"**/projecten/{world.project.pk}/publicatie/")
    assert lead.get_by_text("Dit project staat niet in het openbaar register.").count() == 1

    # Publishing without a summary is refused, with the app's error summary.
    lead.get_by_role("button", name="Publiceren").click()
    assert lead.title().startswith("Fout:")
    assert lead.get_by_role("alert").get_by_text("Schrijf een samenvatting in gewone taal.").count() == 1
    check_accessible(lead, "publishing page with an error")

    lead.get_by_label("Samenvatting in gewone taal (taalniveau B1)").fill(SUMMARY)
    lead.get_by_role("button", name="Voorbeeld bijwerken").click()
    preview = lead.get_by_role("region", name="Voorbeeld van de openbare pagina")
    assert SUMMARY in preview.inner_text()
    check_accessible(lead, "publishing page with its preview")
    screenshot(lead, "projectleider-publish-preview")
    lead.get_by_role("button", name="Publiceren").click()
    assert lead.get_by_text("Het project staat in het openbaar register.").count() == 1

    # A resident, not logged in: the overview lists it, its page shows the summary and no
    # address of a signal (the area at PC4 level at most).
    resident = open_page()
    resident.goto(f"{resident.base_url}/register/")
    check_accessible(resident, "public overview")
    screenshot(resident, "public-overview")
    resident.get_by_role("link", name="Wijkaanpak Zwolle").click()
    resident.wait_for_url(f"**/register/projecten/{world.project.pk}/")
    body = resident.locator("main").inner_text()
    assert SUMMARY in body
    for personal in ("8011WR", "8011 WR", "Diezerstraat", "Postretour"):
        assert personal not in body
    check_accessible(resident, "public project page")
    screenshot(resident, "public-project")
    resident.goto(f"{resident.base_url}/register/over-de-lsi/")
    check_accessible(resident, "public page about the LSI")

    # Withdrawn with a reason: the public page is gone (404) and the overview no longer lists it.
    lead.get_by_label("Reden om in te trekken").fill("Project gestopt op verzoek van de gemeente")
    lead.get_by_role("button", name="Intrekken").click()
    assert lead.get_by_text("De publicatie is ingetrokken.").count() == 1
    assert lead.get_by_text("Project gestopt op verzoek van de gemeente").count() == 1
    # A resident arriving now (the public pages may be kept by a browser for five minutes:
    # Cache-Control max-age=300, so a fresh browser asks the server).
    resident = open_page()
    response = resident.goto(f"{resident.base_url}/register/projecten/{world.project.pk}/")
    assert response.status == 404
    resident.goto(f"{resident.base_url}/register/")
    assert resident.get_by_role("link", name="Wijkaanpak Zwolle").count() == 0
