"""Signing in through a partner's own identity provider (OpenID Connect), against a real
provider process: the tokens are issued and signed by it, the portal fetches its keys."""
import html
import logging
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

from lsi.sso.models import AccessRequest, IdentityProvider
from projects.models import Notification
from tests.factories import UserFactory

from .provider.fixture import SECRET_VARIABLE
from .provider.prepare import CLIENT_ID, PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registered(provider, live_server, coordinator, uwv):
    """UWV's provider, registered by the coördinator through the page (discovery included)."""
    client = Client()
    client.force_login(coordinator)
    response = client.post(reverse("sso:provider_create"), {
        "partner": uwv.pk, "issuer": provider, "client_id": CLIENT_ID,
        "secret_variable": SECRET_VARIABLE, "identity_claim": "email", "match_on": "email",
        "mfa_values": "mfa", "active": "on", "reason": "Afspraak met UWV"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return IdentityProvider.objects.get(partner=uwv)


def sign_in(portal: str, username: str, code: str = "UWV") -> tuple[requests.Session, requests.Response]:
    """What a browser does: the portal sends it to the provider, the user signs in there, the
    provider sends it back to the portal with a code."""
    browser = requests.Session()
    page = browser.get(f"{portal}/inloggen/organisatie/{code}/", timeout=20)
    assert "/accounts/login/" in page.url, page.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    next_url = parse_qs(urlsplit(page.url).query)["next"][0]
    answer = browser.post(page.url, data={"username": username, "password": PASSWORD, "next": next_url,
                                          "csrfmiddlewaretoken": token}, timeout=20)
    return browser, answer


def signed_in(browser: requests.Session, portal: str) -> bool:
    home = browser.get(f"{portal}/", allow_redirects=False, timeout=20)
    return home.status_code == 200


def test_the_coordinator_registers_a_provider_from_its_discovery_document(registered, provider):
    assert registered.issuer == provider
    assert registered.token_endpoint == f"{provider}/token/"
    assert registered.jwks_uri == f"{provider}/.well-known/jwks.json"
    assert registered.end_session_endpoint == f"{provider}/logout/"
    assert registered.history.first().history_change_reason == "Afspraak met UWV"


def test_an_issuer_that_does_not_answer_is_refused_with_a_clear_message(coordinator, uwv):
    client = Client()
    client.force_login(coordinator)
    response = client.post(reverse("sso:provider_create"), {
        "partner": uwv.pk, "issuer": "http://127.0.0.1:9/o", "client_id": "x",
        "secret_variable": "LSI_OIDC_UWV", "identity_claim": "email", "match_on": "email",
        "reason": "test"})
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Fout:" in page
    assert "De configuratie van de provider is niet op te halen" in page
    assert not IdentityProvider.objects.exists()


def test_the_provider_pages_are_the_coordinators_only(registered, uwv_user, steering_member, projectleider):
    for user in (uwv_user, steering_member, projectleider):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("sso:providers")).status_code == 404
        assert client.get(reverse("sso:provider_edit", args=[registered.pk])).status_code == 404


def test_a_partner_user_signs_in_and_the_portal_still_asks_its_own_second_factor(
        registered, live_server, settings, uwv):
    settings.LSI_2FA_REQUIRED = True
    UserFactory(username="j.devries", email="Medewerker@UWV.example", partner=uwv)
    browser, answer = sign_in(live_server.url, "medewerker")
    # The provider said nothing about a second factor: the portal asks for its own.
    assert urlsplit(answer.url).path in (reverse("account:setup"), reverse("account:verify"))
    assert not signed_in(browser, live_server.url)
    assert browser.get(f"{live_server.url}{reverse('account:setup')}", timeout=20).status_code == 200


def test_a_second_factor_at_the_provider_counts_and_the_user_is_in(registered, live_server, settings, uwv):
    settings.LSI_2FA_REQUIRED = True
    UserFactory(username="k.sterk", email="sterk@uwv.example", partner=uwv)
    browser, answer = sign_in(live_server.url, "sterk")
    assert urlsplit(answer.url).path == "/" and answer.status_code == 200
    assert signed_in(browser, live_server.url)


@pytest.mark.parametrize(("username", "why"), [
    ("verlopen", "ExpiredSignatureError"), ("anderpubliek", "audience"),
    ("ongeverifieerd", "email_not_verified")])
def test_an_expired_token_one_for_another_client_or_an_unverified_address_is_refused(
        registered, live_server, uwv, caplog, username, why):
    caplog.set_level(logging.WARNING, logger="lsi.sso")
    UserFactory(username=f"p.{username}", email=f"{username}@uwv.example", partner=uwv)
    browser, answer = sign_in(live_server.url, username)
    assert urlsplit(answer.url).path == reverse("sso:refused") and answer.status_code == 403
    assert "Inloggen via uw organisatie is niet gelukt" in answer.text
    assert not signed_in(browser, live_server.url)
    assert [record.why for record in caplog.records if record.name == "lsi.sso"] == [why]


def test_a_deactivated_account_is_signed_out_on_its_next_request(registered, live_server, settings, uwv):
    settings.LSI_2FA_REQUIRED = True
    user = UserFactory(username="k.sterk", email="sterk@uwv.example", partner=uwv)
    browser, _answer = sign_in(live_server.url, "sterk")
    assert signed_in(browser, live_server.url)
    user.is_active = False
    user.save()
    assert not signed_in(browser, live_server.url)


def test_an_unknown_identity_gets_no_account_but_a_request_to_the_coordinator(
        registered, live_server, coordinator, svb):
    # An account of another partner with the same address is not matched through UWV's provider.
    UserFactory(username="svb.onbekend", email="onbekend@uwv.example", partner=svb)
    browser, answer = sign_in(live_server.url, "onbekend")
    assert answer.status_code == 403 and "nog geen account in dit portaal" in answer.text
    assert not signed_in(browser, live_server.url)
    sign_in(live_server.url, "onbekend")
    (access,) = AccessRequest.objects.all()
    assert (access.provider, access.identity, access.attempts) == (registered, "onbekend@uwv.example", 2)
    mails = Notification.objects.filter(kind="sso_access_request", recipient=coordinator)
    assert mails.count() == 1 and "onbekend" not in mails.get().body  # no personal data in mail

    client = Client()
    client.force_login(coordinator)
    assert "onbekend@uwv.example" in client.get(reverse("sso:providers")).content.decode()
    client.post(reverse("sso:request_handled", args=[access.pk]))
    access.refresh_from_db()
    assert access.handled_by == coordinator
    assert "onbekend@uwv.example" not in client.get(reverse("sso:providers")).content.decode()


def test_password_login_stays_for_partners_without_a_provider_and_the_login_page_offers_uwvs(
        registered, client, svb_user):
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen via Uitvoeringsinstituut Werknemersverzekeringen" in page
    assert 'name="password"' in page
    assert client.get(reverse("sso:start", args=["SVB"])).status_code == 404


def test_signing_out_ends_the_session_at_the_provider_too(registered, live_server, uwv):
    UserFactory(username="k.sterk", email="sterk@uwv.example", partner=uwv)
    browser, _answer = sign_in(live_server.url, "sterk")
    assert signed_in(browser, live_server.url)
    login_page = browser.get(f"{live_server.url}/inloggen/", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text).group(1)
    out = browser.post(f"{live_server.url}{reverse('logout')}", data={"csrfmiddlewaretoken": token},
                       headers={"Referer": f"{live_server.url}/"}, allow_redirects=False, timeout=20)
    # A page that goes on to the provider at once (a meta refresh, and a link for the reader).
    assert out.status_code == 200 and "U bent uitgelogd uit het portaal" in out.text
    link = re.search(r"<a class=\"utrecht-link\" href=\"([^\"]+)\">Uitloggen bij", out.text)
    onwards = html.unescape(link.group(1))
    assert onwards.startswith(registered.end_session_endpoint)
    assert f'http-equiv="refresh" content="0;url={html.escape(onwards, quote=True)}"' in out.text
    back = browser.get(onwards, timeout=20)  # the provider ends its session too
    assert urlsplit(back.url).path == reverse("login")
    assert not signed_in(browser, live_server.url)
    # At the provider the session is gone: signing in again asks for the password again.
    assert "/accounts/login/" in browser.get(f"{live_server.url}/inloggen/organisatie/UWV/", timeout=20).url
