"""The lockout and the access log behind the TLS proxy: the client's address comes from the
proxy's forwarded header, a made-up username locks nobody real, and one address guessing at
many usernames is stopped at a much higher threshold, which the coördinator can lift."""
import pytest
from django.test import Client
from django.urls import reverse

from projects.models import AccessLogEntry
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"
PROXY = "10.0.0.1"


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.LSI_ADDRESS_FAILURE_LIMIT = 8
    settings.LSI_TRUSTED_PROXIES = 1


@pytest.fixture
def inge(uwv):
    user = UserFactory(username="inge", partner=uwv)
    user.set_password(PASSWORD)
    user.save()
    return user


def through_proxy(client_address: str) -> Client:
    """A browser at ``client_address``, reaching the application through the proxy."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_made_up_usernames_from_one_client_do_not_lock_out_a_real_user(behind_proxy, inge):
    attacker = through_proxy("198.51.100.7")
    for n in range(7):  # more than the account limit, fewer than the address limit
        log_in(attacker, f"verzonnen{n}", "wrong-password-123")

    # Everyone has the proxy's connection address; the real user still gets in.
    assert log_in(through_proxy("203.0.113.20"), "inge").status_code == 302
    # Even from the attacker's own address, while under the address limit.
    assert log_in(through_proxy("198.51.100.7"), "inge").status_code == 302


def test_an_account_is_locked_at_the_client_address_not_at_the_proxy(behind_proxy, inge):
    for _ in range(3):
        log_in(through_proxy("198.51.100.7"), "inge", "wrong-password-123")
    locked = log_in(through_proxy("198.51.100.7"), "inge")
    assert locked.status_code == 429
    assert "Dit account is daarom hier tijdelijk geblokkeerd" in locked.content.decode()
    # The same account from the user's own office, behind the same proxy, is not locked.
    assert log_in(through_proxy("203.0.113.20"), "inge").status_code == 302


def test_one_address_guessing_many_usernames_is_locked_and_the_coordinator_lifts_it(
        behind_proxy, inge, coordinator):
    for n in range(8):
        log_in(through_proxy("198.51.100.7"), f"verzonnen{n}", "wrong-password-123")

    blocked = log_in(through_proxy("198.51.100.7"), "inge")
    assert blocked.status_code == 429
    text = blocked.content.decode()
    assert "Inloggen vanaf dit adres is daarom tijdelijk geblokkeerd, voor iedereen" in text
    assert "dat ligt niet aan uw eigen wachtwoord" in text
    assert log_in(through_proxy("203.0.113.20"), "inge").status_code == 302

    admin = Client()
    admin.force_login(coordinator)
    page = admin.get(reverse("account:locked")).content.decode()
    assert "198.51.100.7" in page and PROXY not in page
    assert "198.51.100.7 ontgrendelen" in page
    after = admin.post(reverse("account:locked"), {"ip_address": "198.51.100.7"}, follow=True)
    assert "Netwerkadres 198.51.100.7 is ontgrendeld." in after.content.decode()
    assert "198.51.100.7 ontgrendelen" not in after.content.decode()
    assert AccessLogEntry.objects.filter(action="adres.ontgrendeld", query="198.51.100.7").exists()
    assert log_in(through_proxy("198.51.100.7"), "inge").status_code == 302


def test_the_access_log_records_the_client_address_from_the_proxy(behind_proxy, inge):
    for _ in range(3):
        log_in(through_proxy("198.51.100.7"), "inge", "wrong-password-123")
    log_in(through_proxy("198.51.100.7"), "inge")
    blocked = AccessLogEntry.objects.filter(action="inloggen.geblokkeerd")
    assert {entry.ip_address for entry in blocked} == {"198.51.100.7"}


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(settings, inge):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.LSI_TRUSTED_PROXIES = 0
    # A client writing a different made-up address each time cannot dodge its lock ...
    for n in range(3):
        Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").post(
            reverse("login"), {"username": "inge", "password": "wrong-password-123"})
    assert log_in(Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.99"),
                  "inge").status_code == 429
    # ... nor plant a request id of its own in the access log.
    response = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_REQUEST_ID="planted-by-client").get(
        reverse("login"))
    assert response["X-Request-ID"] != "planted-by-client"


def test_a_trusted_proxy_passes_its_request_id(behind_proxy, db):  # the login page lists the providers
    response = Client(REMOTE_ADDR=PROXY, HTTP_X_REQUEST_ID="proxy-request-0001").get(reverse("login"))
    assert response["X-Request-ID"] == "proxy-request-0001"


@pytest.mark.parametrize("data", [{"username": "inge\x00"}, {"ip_address": "abc"}, {},
                                  {"username": "inge", "ip_address": "10.0.0.9"}])
def test_the_unlock_form_refuses_bad_input_with_a_message_not_a_500(coordinator, data):
    admin = Client()
    admin.force_login(coordinator)
    response = admin.post(reverse("account:locked"), data, follow=True)
    assert response.status_code == 200
    assert "Dit kon niet worden ontgrendeld" in response.content.decode()
