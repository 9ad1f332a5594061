"""Health URLs and structured logs: what a load balancer, a container healthcheck and a log
collector see. The health answers need no session, no HTTPS and no known host name, and hold no
data; a log line names the request and the user by id, never an address."""
import io
import json
import logging
import sys

import pytest
from django.test import Client

from lsi.logs import JsonFormatter, with_request_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings):
    """Behind the proxy as in production: HTTPS enforced, one public host name."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["lsi.example.nl"]


def test_liveness_answers_a_healthcheck_without_https_host_or_session(production_like):
    response = Client().get("/health/live/", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"


def test_readiness_checks_database_migrations_broker_and_storage(production_like):
    response = Client().get("/health/ready/", HTTP_HOST="localhost")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "migrations": "ok", "broker": "ok", "storage": "ok"}
    assert set(body) == {"status", "checks", "ms"}  # names and a duration, no data
    assert not response.cookies


def test_readiness_fails_with_the_name_of_an_unreachable_broker(production_like, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on the discard port
    response = Client().get("/health/ready/", HTTP_HOST="localhost")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "broker": "fout",
                                         "storage": "ok"}
    assert "127.0.0.1" not in response.content.decode()  # the address of the broker is not told


def test_a_signed_in_user_gets_the_same_health_answer_and_the_session_is_not_touched(
        production_like, client_for, uwv_user):
    client = client_for(uwv_user)
    session_key = client.cookies["sessionid"].value
    response = client.get("/health/ready/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert uwv_user.username not in response.content.decode()
    assert "sessionid" not in response.cookies  # not renewed: the session was never loaded
    assert client.cookies["sessionid"].value == session_key


def test_a_health_url_takes_no_post():
    assert Client().post("/health/live/").status_code != 200


@pytest.fixture
def json_lines(settings):
    """Production's middleware, with the request logger writing JSON into a buffer."""
    settings.MIDDLEWARE = with_request_log(settings.MIDDLEWARE)
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("lsi.request")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_a_request_is_logged_as_json_with_request_and_user_id_and_without_its_query(
        json_lines, client_for, uwv_user):
    response = client_for(uwv_user).get("/projecten/?zoek=Diezerstraat+1")
    (line,) = json_lines()
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == uwv_user.pk
    assert line["path"] == "/projecten/" and line["status"] == response.status_code
    assert "Diezerstraat" not in json.dumps(line)
    assert uwv_user.username not in json.dumps(line)


def test_an_anonymous_request_is_logged_without_a_user(json_lines):
    Client().get("/inloggen/")
    (line,) = json_lines()
    assert line["user_id"] is None and line["path"] == "/inloggen/"


def test_an_exception_is_logged_by_its_type_and_place_without_its_message():
    try:
        raise ValueError('duplicate key (address_key)=(8011WR-12--)')
    except ValueError:
        record = logging.getLogger("lsi").makeRecord(
            "lsi", logging.ERROR, __file__, 1, "Verwerking mislukt", (), exc_info=sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert line["exception"] == "ValueError" and line["message"] == "Verwerking mislukt"
    assert "8011WR" not in json.dumps(line)
    assert any("test_health.py" in frame for frame in line["where"])
