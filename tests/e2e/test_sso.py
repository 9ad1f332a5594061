"""In Chromium: the coördinator registers UWV's identity provider, a UWV employee signs in
through it, someone without an account is turned away kindly; axe on every page of it,
error states included. The provider is a real one (tests/sso/provider) in its own process."""
import pytest

from tests.e2e.conftest import check_accessible
from tests.e2e.world import zwolle
from tests.factories import UserFactory
from tests.sso.provider.fixture import SECRET_VARIABLE, provider  # noqa: F401 (a fixture)
from tests.sso.provider.prepare import CLIENT_ID, PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    return zwolle()


def sign_in_at_provider(page, username: str) -> None:
    page.goto(f"{page.base_url}/inloggen/")
    check_accessible(page, "login page with the organisations")
    page.get_by_role("link", name="Inloggen via Uitvoeringsinstituut Werknemersverzekeringen").click()
    page.wait_for_url("**/accounts/login/**")  # the provider's own page
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_the_coordinator_registers_a_provider_and_a_partner_user_signs_in_through_it(
        open_page, world, provider):  # noqa: F811
    page = open_page(world.coordinator)
    page.goto(f"{page.base_url}/")
    page.get_by_role("link", name="Inloggen via de eigen organisatie").click()
    check_accessible(page, "identity providers, none yet")
    page.get_by_role("link", name="Identity provider toevoegen").click()
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert").first
    assert page.title().startswith("Fout:")
    assert page.evaluate("document.activeElement.closest('[role=alert]') !== null")
    assert "Geef de reden van de wijziging." in summary.inner_text()
    check_accessible(page, "provider form with errors")

    page.get_by_label("partner").select_option(label=str(world.uwv_user.partner))
    page.get_by_label("issuer (uitgever)").fill(provider)
    page.get_by_label("client-id").fill(CLIENT_ID)
    page.get_by_label("omgevingsvariabele met het client-secret").fill(SECRET_VARIABLE)
    page.get_by_label("waarden van amr of acr die gelden als tweede factor").fill("mfa")
    page.get_by_label("Reden van de wijziging").fill("Afspraak met UWV")
    page.get_by_role("button", name="Opslaan").click()
    assert "is opgeslagen" in page.get_by_role("status").first.inner_text()
    check_accessible(page, "identity providers, one")

    UserFactory(username="k.sterk", first_name="Karin", email="sterk@uwv.example",
                partner=world.uwv_user.partner)
    visitor = open_page()
    sign_in_at_provider(visitor, "sterk")
    assert visitor.url.rstrip("/") == visitor.base_url  # the start page, signed in
    assert "Karin" in visitor.content()
    check_accessible(visitor, "start page after signing in through the organisation")
    # Signing out goes on to the provider and back to the login page, in a real browser (whose
    # form-action policy a redirect to another site after the form would break).
    visitor.get_by_role("button", name="Uitloggen").click()
    visitor.wait_for_url(f"{visitor.base_url}/inloggen/")
    visitor.goto(f"{visitor.base_url}/inloggen/organisatie/UWV/")
    assert "/accounts/login/" in visitor.url  # the provider asks for the password again

    stranger = open_page()
    sign_in_at_provider(stranger, "onbekend")
    assert "nog geen account in dit portaal" in stranger.get_by_role("alert").inner_text()
    assert stranger.title().startswith("Fout:")
    check_accessible(stranger, "signed in at the organisation, no account here")
    page.goto(f"{page.base_url}/beheer-inloggen/")
    assert "onbekend@uwv.example" in page.content()
    check_accessible(page, "identity providers with an open request")
