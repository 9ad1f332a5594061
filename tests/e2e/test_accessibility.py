"""axe-core on every main page, logged in as each role: zero violations at WCAG 2.0/2.1 A and
AA. Each page is also saved as a screenshot at desktop and phone width (artifacts/screenshots/)
and may not scroll sideways on a 360 px phone."""
import pytest

from signals.models import Upload
from tests.e2e.conftest import PHONE, check_accessible, screenshot
from tests.e2e.world import zwolle

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    return zwolle(with_signals=True)


def pages_of(role: str, world) -> list[tuple[str, str]]:
    project, concept = world.project, world.concept
    accepted = Upload.objects.get(project=project, partner=world.uwv_user.partner,
                                  status=Upload.Status.ACCEPTED)
    return {
        "anonymous": [("login", "/inloggen/")],
        "coordinator": [
            ("start", "/"), ("project-list", "/projecten/"),
            ("project-detail", concept.get_absolute_url()),
            ("project-form", "/projecten/nieuw/"),
            ("steering-overview", "/projecten/stuurgroep/"),
            ("steering-report", "/rapportages/stuurgroep/"),
            ("retention", "/bewaartermijnen/"),
            ("locked-accounts", "/account/geblokkeerd/"),
            ("api-clients", "/api-clients/"), ("api-client-new", "/api-clients/nieuw/"),
        ],
        "partner": [
            ("start", "/"), ("project-detail", project.get_absolute_url()),
            ("signal-list", f"/projecten/{project.pk}/signalen/"),
            ("upload-page", f"/projecten/{project.pk}/signalen/aanleveren/"),
            ("upload-report", f"/aanleveringen/{accepted.pk}/"),
            ("my-account", "/account/"),
        ],
        "projectleider": [
            ("signal-list", f"/projecten/{project.pk}/signalen/"),
            ("project-report", f"/projecten/{project.pk}/rapportage/"),
            ("project-annex", f"/projecten/{project.pk}/rapportage/bijlage/"),
        ],
        "privacy-officer": [
            ("access-log", "/toegangslog/"),
            ("subject-access", "/inzage/?postcode=8011WR&huisnummer=1"),
            ("register", f"/projecten/{project.pk}/verwerkingsregister/"),
        ],
        "stuurgroep": [
            ("steering-overview", "/projecten/stuurgroep/"),
            ("steering-report", "/rapportages/stuurgroep/"),
        ],
    }[role]


USERS = {
    "anonymous": None, "coordinator": "coordinator", "partner": "uwv_user",
    "projectleider": "projectleider", "privacy-officer": "privacy_officer",
    "stuurgroep": "steering_member",
}


@pytest.mark.parametrize("role", list(USERS))
def test_every_main_page_has_no_wcag_violations(open_page, world, role):
    user = getattr(world, USERS[role]) if USERS[role] else None
    page = open_page(user)
    for name, path in pages_of(role, world):
        response = page.goto(f"{page.base_url}{path}")
        assert response.status == 200, f"{role} {path}: {response.status}"
        assert page.locator("html").get_attribute("lang") == "nl"
        check_accessible(page, f"{role}: {name} ({path})")
        screenshot(page, f"{role}-{name}")
    if role == "partner":
        # On a phone the wide signal table scrolls in its own container, which the keyboard
        # can reach (axe: scrollable-region-focusable).
        page.set_viewport_size(PHONE)
        page.goto(f"{page.base_url}/projecten/{world.project.pk}/signalen/")
        box = page.locator(".lsi-table-scroll").first
        assert box.get_attribute("tabindex") == "0"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        check_accessible(page, "signal list at 360 px")


def test_form_errors_are_announced_and_linked_to_their_fields(open_page, world):
    page = open_page()
    page.goto(f"{page.base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    assert "onjuist" in page.get_by_role("alert").inner_text()
    check_accessible(page, "login with an error")

    page = open_page(world.coordinator)
    page.goto(f"{page.base_url}/projecten/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert")
    assert "niet opgeslagen" in summary.inner_text()
    name = page.locator("#id_name")
    assert name.get_attribute("aria-invalid") == "true"
    described = name.get_attribute("aria-describedby").split()
    assert "id_name_error" in described
    assert "verplicht" in page.locator("#id_name_error").inner_text().lower()
    # The summary links to the field.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    check_accessible(page, "project form with errors")
    screenshot(page, "coordinator-project-form-errors")


def test_the_language_switch_shows_the_pages_in_english(open_page, world):
    page = open_page()
    page.goto(f"{page.base_url}/inloggen/")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kiezen").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Log in"
    assert page.get_by_role("link", name="Accessibility statement").count() == 1
    check_accessible(page, "login page in English")
