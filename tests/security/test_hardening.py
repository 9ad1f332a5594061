"""Robustness findings of the outside audit: request bodies, sessions, cookies, caches."""
import time

import pytest
from django.test import Client
from django.urls import reverse


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_declaring(client, url, length, **extra):
    return client.generic("POST", url, b"", content_type="multipart/form-data; boundary=x",
                          CONTENT_LENGTH=str(length), **{"wsgi.input": Unreadable()}, **extra)


def test_an_anonymous_large_body_is_refused_before_it_is_read(settings):
    response = post_declaring(Client(), reverse("login"), 300 * 1024 * 1024)
    assert response.status_code == 413
    assert "Dit verzoek is te groot" in response.content.decode()
    # Far below the upload limit, but an anonymous client only has a login form to send.
    assert post_declaring(Client(), reverse("login"), settings.LSI_ANONYMOUS_BODY_MAX_BYTES + 1
                          ).status_code == 413


def test_a_signed_in_users_body_may_reach_the_upload_limit_but_not_beyond(settings, uwv_user):
    settings.LSI_UPLOAD_MAX_BYTES = 1000
    settings.LSI_BODY_MARGIN_BYTES = 100
    client = Client()
    client.force_login(uwv_user)
    assert post_declaring(client, reverse("projects:list"), 1101).status_code == 413
    # Within the limit the request goes on (this URL takes no POST: 405, after reading nothing).
    response = client.post(reverse("projects:list"), {"x": "y" * 500})
    assert response.status_code != 413


def test_a_session_ends_after_its_absolute_lifetime_however_active(settings, uwv_user):
    settings.LSI_SESSION_MAX_SECONDS = 3600
    client = Client()
    client.force_login(uwv_user)
    assert client.get(reverse("projects:list")).status_code == 200
    session = client.session
    session["lsi_login_at"] = int(time.time()) - 3601
    session.save()
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    page = client.get(response["Location"]).content.decode()
    assert "een sessie duurt hoogstens 1 uur" in page
    assert client.get(reverse("projects:list")).status_code == 302


def test_flash_messages_stay_on_the_server(settings):
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.session.SessionStorage"


@pytest.mark.parametrize("password", ["wachtwoord12", "Welkom01welkom", "zomer2026zomer"])
def test_common_dutch_passwords_are_refused(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)


def test_pages_of_a_signed_in_user_are_never_cached(uwv_user, project):
    client = Client()
    client.force_login(uwv_user)
    for url in [reverse("projects:list"), reverse("home"), reverse("account:mine")]:
        assert client.get(url)["Cache-Control"] == "no-store", url


def test_the_admin_login_page_is_a_404_for_anonymous_users_too():
    assert Client().get("/beheer/login/").status_code == 404
    # The admin itself sends an anonymous visitor to the portal's own login page.
    assert Client().get("/beheer/")["Location"].startswith(reverse("login"))


def test_only_the_proxy_is_published_and_it_sets_the_forwarded_headers_and_limits_bodies(settings):
    import re
    from pathlib import Path

    import yaml

    root = Path(settings.BASE_DIR)
    services = yaml.safe_load((root / "docker-compose.yml").read_text())["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert services["web"]["environment"]["LSI_TRUSTED_PROXIES"] == "1"

    headers = (root / "docs/proxy/portal_headers.conf").read_text()
    assert "proxy_set_header X-Forwarded-For   $remote_addr;" in headers  # set, not appended
    assert "$proxy_add_x_forwarded_for" not in headers
    nginx = (root / "docs/proxy/nginx.conf").read_text()
    limit_mb = int(re.search(r"^\s*client_max_body_size (\d+)m;", nginx, re.M).group(1))
    assert settings.LSI_UPLOAD_MAX_BYTES < limit_mb * 1024 * 1024 <= (
        settings.LSI_UPLOAD_MAX_BYTES + settings.LSI_BODY_MARGIN_BYTES)
