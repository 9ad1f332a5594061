"""Two-factor login, lockout, sessions and passwords."""
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from projects.models import AccessLogEntry
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def person(uwv):
    user = UserFactory(username="inge", partner=uwv)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def two_factor(settings):
    settings.LSI_2FA_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting after a wrong code in the tests


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_without_a_second_factor_every_page_leads_to_the_setup(two_factor, person):
    client = Client()
    log_in(client, "inge")
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:setup"))


def test_setting_up_the_authenticator_shows_recovery_codes_once_and_opens_the_portal(two_factor, person):
    client = Client()
    log_in(client, "inge")
    page = client.get(reverse("account:setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    wrong_code = "000000" if code_for(device) != "000000" else "111111"
    wrong = client.post(reverse("account:setup"), {"token": wrong_code})
    assert "Deze code klopt niet" in wrong.content.decode()
    done = client.post(reverse("account:setup"), {"token": code_for(device)})
    codes = re.findall(r"<code>(\d{8})</code>", done.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("projects:list")).status_code == 200


def test_next_login_asks_for_the_code_and_a_recovery_code_works_once(two_factor, person):
    client = Client()
    log_in(client, "inge")
    client.get(reverse("account:setup"))
    device = TOTPDevice.objects.get(user=person)
    codes = re.findall(r"<code>(\d{8})</code>",
                       client.post(reverse("account:setup"), {"token": code_for(device)}).content.decode())
    client.post(reverse("logout"))

    second = Client()
    log_in(second, "inge")
    assert second.get(reverse("home"))["Location"].startswith(reverse("account:verify"))
    assert second.post(reverse("account:verify"), {"token": codes[0]}).status_code == 302
    assert second.get(reverse("home")).status_code == 200
    second.post(reverse("logout"))

    third = Client()
    log_in(third, "inge")
    refused = third.post(reverse("account:verify"), {"token": codes[0]})
    assert "al gebruikt" in refused.content.decode()


def test_the_admin_needs_staff_and_a_verified_second_factor(two_factor, person):
    person.is_staff = person.is_superuser = True
    person.save()
    client = Client()
    log_in(client, "inge")
    assert client.get("/beheer/")["Location"].startswith(reverse("account:setup"))


def test_a_user_who_is_not_staff_gets_a_404_on_the_admin(person, client):
    client.force_login(person)
    assert client.get("/beheer/").status_code == 404
    assert client.get("/beheer/projects/project/").status_code == 404
    assert client.get("/beheer/login/").status_code == 404


def test_repeated_failures_lock_the_account_with_a_dutch_message_and_a_log_entry(settings, person,
                                                                              coordinator):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        log_in(client, "inge", "wrong-password-123")
    locked = log_in(client, "inge")
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.content.decode()
    assert AccessLogEntry.objects.filter(action="inloggen.geblokkeerd", query="inge",
                                         result="geweigerd").exists()

    admin = Client()
    admin.force_login(coordinator)
    assert "inge" in admin.get(reverse("account:locked")).content.decode()
    admin.post(reverse("account:locked"), {"username": "inge"})
    assert AccessLogEntry.objects.filter(action="account.ontgrendeld", query="inge").exists()
    assert log_in(Client(), "inge").status_code == 302


def test_a_lockout_locks_the_account_not_the_colleagues_behind_the_same_address(settings, person, uwv):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    colleague = UserFactory(username="karel", partner=uwv)
    colleague.set_password(PASSWORD)
    colleague.save()
    office = {"REMOTE_ADDR": "10.1.2.3"}
    for _ in range(3):
        Client(**office).post(reverse("login"), {"username": "inge", "password": "wrong-password-123"})

    # The colleague at the same office address logs in as usual ...
    colleague_login = Client(**office).post(reverse("login"), {"username": "karel", "password": PASSWORD})
    assert colleague_login.status_code == 302
    # ... and the guessed-at account is locked there, with a message that says what is locked.
    locked = Client(**office).post(reverse("login"), {"username": "inge", "password": PASSWORD})
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Dit account is daarom hier tijdelijk geblokkeerd" in text
    assert "andere accounts" in text


def test_only_the_coordinator_sees_locked_accounts(person, client):
    client.force_login(person)
    assert client.get(reverse("account:locked")).status_code == 404


def test_the_session_is_rotated_at_login(person):
    client = Client()
    client.get(reverse("login"))
    before = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    log_in(client, "inge")
    after = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert before is None or before.value != after


def test_changing_the_password_logs_out_every_other_session(person):
    laptop, phone = Client(), Client()
    log_in(laptop, "inge")
    log_in(phone, "inge")
    new = "another-long-passphrase-42"
    response = laptop.post(reverse("account:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert laptop.get(reverse("projects:list")).status_code == 200
    assert phone.get(reverse("projects:list")).status_code == 302


def _stored_expiry(client):
    from django.contrib.sessions.models import Session

    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return Session.objects.get(session_key=key).expire_date


def test_the_session_times_out_after_half_an_hour_idle(person):
    from django.utils import timezone

    client = Client()
    log_in(client, "inge")
    assert client.get(reverse("projects:list")).status_code == 200
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    assert _stored_expiry(client) <= timezone.now() + timezone.timedelta(minutes=30)

    session = client.session
    session.set_expiry(-1)  # half an hour without a request has passed
    session.save()

    assert client.get(reverse("projects:list")).status_code == 302


def test_activity_moves_the_idle_limit_on_but_not_on_every_request(person, settings):
    import time

    client = Client()
    log_in(client, "inge")
    client.get(reverse("projects:list"))
    first = _stored_expiry(client)
    client.get(reverse("projects:list"))
    assert _stored_expiry(client) == first  # within a minute: no write

    session = client.session
    session["lsi_touched_at"] = int(time.time()) - settings.LSI_SESSION_TOUCH_SECONDS
    session.save()
    saved = _stored_expiry(client)
    time.sleep(1)
    client.get(reverse("projects:list"))

    assert _stored_expiry(client) > saved


@pytest.mark.parametrize("password", ["kort-11-tek", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lsi.settings.production",
    "SECRET_KEY": "x" * 30 + "-production-secret-for-the-test-only-" + "y" * 20,
    "ALLOWED_HOSTS": "lsi.example.nl",
    "DATABASE_URL": "postgres://lsi@127.0.0.1:5432/lsi",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.lsi.example",
}


def run_production(*args, **env):
    import os

    return subprocess.run([sys.executable, "manage.py", *args], cwd=django_settings.BASE_DIR,
                          env={**os.environ, **PRODUCTION_ENV, **env}, capture_output=True, text=True)


def test_check_deploy_with_production_settings_reports_no_warnings():
    result = run_production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_two_factor():
    result = run_production("check", LSI_2FA_REQUIRED="false")
    assert result.returncode != 0
    assert "Two-factor login cannot be switched off" in result.stderr


@pytest.mark.parametrize("env, says", [
    ({"DATABASE_URL": "sqlite:////tmp/lsi.sqlite3"}, "Production needs PostgreSQL"),
    ({"CELERY_BROKER_URL": ""}, "Production needs a broker"),
    ({"AXES_ENABLED": "false"}, "The login lockout (AXES_ENABLED) cannot be switched off"),
    ({"LSI_2FA_ENROLMENT_CODE_REQUIRED": "false"}, "needs an activation code in production"),
    ({"EMAIL_HOST": ""}, "Production sends notifications by SMTP: set EMAIL_HOST"),
])
def test_production_refuses_to_start_with_sqlite_without_a_broker_or_without_the_lockout(env, says):
    result = run_production("check", **env)
    assert result.returncode != 0
    assert says in result.stderr


def test_production_cookies_are_secure_httponly_and_samesite():
    probe = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
             "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
             "s.SECURE_HSTS_SECONDS > 0, s.DEBUG)")
    result = run_production("shell", "-c", probe)
    assert result.stdout.strip().splitlines()[-1] == "True True True Lax True False"


def test_the_manual_key_is_base32_in_groups_of_four_as_authenticator_apps_take_it(two_factor, person):
    import base64

    client = Client()
    client.force_login(person)
    page = client.get(reverse("account:setup")).content.decode()
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    shown = re.search(r'<code class="lsi-key">([A-Z2-7 ]+)</code>', page).group(1)
    assert all(len(group) == 4 for group in shown.split()[:-1])
    key = shown.replace(" ", "")
    assert base64.b32decode(key + "=" * (-len(key) % 8)) == device.bin_key
    assert device.bin_key.hex() not in page


def test_recovery_codes_can_be_downloaded_once_shown_and_only_ones_own(two_factor, person, uwv):
    client = Client()
    client.force_login(person)
    client.get(reverse("account:setup"))
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    page = client.post(reverse("account:setup"), {"token": code_for(device)})
    codes = re.findall(r"<li><code>(\d{8})</code></li>", page.content.decode())
    assert len(codes) == 10
    assert "Downloaden als tekstbestand" in page.content.decode()

    download = client.post(reverse("account:recovery_codes_file"), {"code": codes})
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="lsi-herstelcodes.txt"'
    assert download.content.decode().split("\n")[3:13] == codes

    # Somebody else's codes (or made-up ones) are not written into a file.
    other = UserFactory(username="other", partner=uwv)
    stranger = Client()
    stranger.force_login(other)
    assert stranger.post(reverse("account:recovery_codes_file"), {"code": codes}).status_code in (302, 404)
    assert client.post(reverse("account:recovery_codes_file"), {"code": ["12345678"]}).status_code == 404


def test_my_account_shows_the_second_factor_password_and_language(person, client):
    client.force_login(person)
    home = client.get(reverse("home")).content.decode()
    assert reverse("account:mine") in home
    page = client.get(reverse("account:mine")).content.decode()
    assert "Mijn account" in page and "Wachtwoord wijzigen" in page
    assert "Er is nog geen authenticator-app ingesteld." in page


@pytest.fixture
def enrolment_codes(settings):
    settings.LSI_2FA_ENROLMENT_CODE_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_a_first_enrolment_needs_the_coordinators_activation_code(enrolment_codes, settings, person,
                                                                   coordinator):
    # The coördinator (signed in with a second factor, simplified here) issues the code.
    admin = Client()
    admin.force_login(coordinator)
    issued = admin.post(reverse("account:locked"), {"issue_code_for": "inge"}).content.decode()
    code = re.search(r'<code class="lsi-key">(\d{4}-\d{4}-\d{4})</code>', issued).group(1)
    assert AccessLogEntry.objects.filter(action="account.activatiecode", query="inge").exists()

    settings.LSI_2FA_REQUIRED = True
    client = Client()
    log_in(client, "inge")
    # With the password alone the key is not shown: the activation code comes first.
    page = client.get(reverse("account:setup"))
    assert "Activatiecode invullen" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=person).exists()
    wrong = client.post(reverse("account:setup"), {"code": "1234-5678-9012"}).content.decode()
    assert "Deze activatiecode klopt niet" in wrong and "<title>Fout:" in wrong

    assert client.post(reverse("account:setup"), {"code": code}).status_code == 302
    assert "Tweestapsverificatie instellen" in client.get(reverse("account:setup")).content.decode()
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    assert client.post(reverse("account:setup"), {"token": code_for(device)}).status_code == 200
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def test_an_activation_code_works_once(enrolment_codes, person, coordinator, rf):
    from projects import account

    request = rf.post("/")
    request.user = coordinator
    request.request_id = "test-request"
    code = account.issue_enrolment_code(request, person)
    assert account.redeem_enrolment_code(person, code)
    assert not account.redeem_enrolment_code(person, code)


def test_the_coordinator_is_told_when_the_username_does_not_exist(coordinator):
    admin = Client()
    admin.force_login(coordinator)
    page = admin.post(reverse("account:locked"), {"issue_code_for": "niemand"}).content.decode()
    assert "Er is geen actieve gebruiker met deze gebruikersnaam." in page
