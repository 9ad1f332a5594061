"""The coördinator's pages for API clients: create (the token shown once), choose projects,
rotate and revoke, with history; nobody else reaches them (404)."""
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lsi.api.models import ApiClient
from projects.models import Partner, Project, User
from tests.api.conftest import caller, new_client
from tests.factories import PartnerFactory, UserFactory, project_in_phase

TOKEN = re.compile(r"lsi_[A-Za-z0-9]{10}_[A-Za-z0-9_-]{43}")


def signed_in(username: str) -> Client:
    browser = Client()
    browser.force_login(User.objects.get(username=username))
    return browser


def create_page_post(browser, **values):
    data = {"partner": Partner.objects.get(code="UWV").pk, "name": "UWV Signalen",
            "contact": "Team Koppelingen, koppelingen@uwv.example",
            "expires_on": (timezone.localdate() + timedelta(days=90)).isoformat()}
    data.update(values)
    return browser.post(reverse("api_clients:create"), data)


def test_the_coordinator_creates_a_client_and_sees_its_token_once(intake_project):
    browser = signed_in("coordinator")
    page = create_page_post(browser, projects=[intake_project.pk])
    assert page.status_code == 200
    token = TOKEN.search(page.content.decode()).group(0)
    assert "no-store" in page["Cache-Control"]
    client = ApiClient.objects.get(name="UWV Signalen")
    assert list(client.projects.all()) == [intake_project]
    # The token works at once, and is nowhere to be seen again.
    assert caller(token).get(reverse("api:projects")).status_code == 200
    for url in (reverse("api_clients:list"), reverse("api_clients:detail", args=[client.pk])):
        body = browser.get(url).content.decode()
        assert "UWV Signalen" in body and token not in body and not TOKEN.search(body)


def test_the_detail_page_shows_the_projects_and_agreed_categories(intake_project):
    client, _token = new_client("UWV")
    body = signed_in("coordinator").get(reverse("api_clients:detail", args=[client.pk])).content.decode()
    assert intake_project.name in body
    participation = intake_project.participations.get(partner__code="UWV")
    for category in participation.categories.all():
        assert category.name in body
    assert "Elk project waaraan de partner deelneemt" in body


def test_bad_input_is_refused_with_a_dutch_message_and_nothing_stored(intake_project):
    browser = signed_in("coordinator")
    other = project_in_phase("signalering",
                             partners=[Partner.objects.get(code="SVB"), PartnerFactory(code="GEM-Y")])
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    page = create_page_post(browser, name="", expires_on=yesterday)
    assert page.status_code == 400
    assert "Geef de client een naam." in page.content.decode()
    page = create_page_post(browser, expires_on=yesterday)
    assert "Kies een vervaldatum in de toekomst." in page.content.decode()
    page = create_page_post(browser, projects=[other.pk])
    assert page.status_code == 400 and "UWV neemt niet deel aan" in page.content.decode()
    assert not ApiClient.objects.exists()


def test_choosing_projects_narrows_what_the_client_reaches_and_is_in_history(intake_project):
    uwv = Partner.objects.get(code="UWV")
    elsewhere = project_in_phase("signalering", partners=[uwv, PartnerFactory(code="GEM-Y")])
    client, token = new_client("UWV")
    browser = signed_in("coordinator")
    page = browser.post(reverse("api_clients:detail", args=[client.pk]), {"projects": [elsewhere.pk]})
    assert page.status_code == 302
    api = caller(token)
    assert [p["id"] for p in api.get(reverse("api:projects")).json()] == [elsewhere.pk]
    assert api.get(reverse("api:project", args=[intake_project.pk])).status_code == 404
    latest = client.history.first()
    assert latest.history_user.username == "coordinator"
    assert latest.history_change_reason == "Projecten van de API-client gewijzigd"
    # None chosen again: every project UWV takes part in.
    browser.post(reverse("api_clients:detail", args=[client.pk]), {})
    assert {p["id"] for p in api.get(reverse("api:projects")).json()} == {intake_project.pk, elsewhere.pk}


def test_rotating_asks_first_then_shows_a_new_token_and_the_old_one_stops(intake_project):
    client, old = new_client("UWV")
    browser = signed_in("coordinator")
    url = reverse("api_clients:rotate", args=[client.pk])
    confirm = browser.post(url)
    assert "De huidige sleutel werkt direct niet meer." in confirm.content.decode()
    assert caller(old).get(reverse("api:projects")).status_code == 200
    page = browser.post(url, {"confirmed": "1"})
    new = TOKEN.search(page.content.decode()).group(0)
    assert new != old and "no-store" in page["Cache-Control"]
    assert caller(old).get(reverse("api:projects")).status_code == 401
    assert caller(new).get(reverse("api:projects")).status_code == 200
    assert client.history.first().history_change_reason == "Nieuwe API-sleutel uitgegeven"


def test_revoking_asks_first_then_every_call_gets_401(intake_project):
    client, token = new_client("UWV")
    browser = signed_in("coordinator")
    url = reverse("api_clients:revoke", args=[client.pk])
    browser.post(url)
    assert caller(token).get(reverse("api:projects")).status_code == 200
    page = browser.post(url, {"confirmed": "1"}, follow=True)
    assert "De API-client is ingetrokken." in page.content.decode()
    assert caller(token).get(reverse("api:projects")).status_code == 401
    client.refresh_from_db()
    assert client.revoked_by.username == "coordinator"
    # A revoked client gets no new token.
    page = browser.post(reverse("api_clients:rotate", args=[client.pk]), {"confirmed": "1"}, follow=True)
    assert "ingetrokken; maak een nieuwe aan" in page.content.decode()
    assert not TOKEN.search(page.content.decode())


@pytest.mark.parametrize("who", ["uwv", "svb", "projectleider", "steering", "privacy_officer"])
def test_nobody_but_the_coordinator_reaches_the_client_pages(intake_project, who):
    client, token = new_client("UWV")
    if who in ("steering", "privacy_officer"):
        user = UserFactory(partner=User.objects.get(username="coordinator").partner, **{who: True})
    else:
        user = User.objects.get(username=who)
    browser = Client()
    browser.force_login(user)
    for name, args in (("list", []), ("create", []), ("detail", [client.pk]),
                       ("rotate", [client.pk]), ("revoke", [client.pk])):
        url = reverse(f"api_clients:{name}", args=args)
        assert browser.get(url).status_code == 404, url
        assert browser.post(url, {"confirmed": "1", "name": "x"}).status_code == 404, url
    client.refresh_from_db()
    assert client.revoked_at is None
    assert caller(token).get(reverse("api:projects")).status_code == 200
    assert ApiClient.objects.count() == 1


def test_the_client_pages_speak_english_to_an_english_coordinator(intake_project):
    coordinator = User.objects.get(username="coordinator")
    browser = Client(headers={"accept-language": "en"})
    browser.force_login(coordinator)
    browser.cookies["django_language"] = "en"
    body = browser.get(reverse("api_clients:create")).content.decode()
    assert "New API client" in body
    assert Project.objects.exists()
