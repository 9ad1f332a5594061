"""The Content-Security-Policy (django-csp) and the endpoint browsers report violations to."""
import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from lsi.logs import JsonFormatter

ADDRESS = "Dorpsstraat 12"


def report_body(**violation):
    return json.dumps({"csp-report": {
        "document-uri": "https://lsi.example/projecten/7/signalen/?q=Dorpsstraat%2012",
        "violated-directive": "img-src 'self' data:",
        "effective-directive": "img-src",
        "blocked-uri": "https://tracker.example/pixel.gif?adres=Dorpsstraat%2012",
        **violation}})


def logged(caplog) -> list[str]:
    return [JsonFormatter().format(record) for record in caplog.records if record.name == "lsi.csp"]


def test_every_page_has_the_strict_policy_with_a_report_address(client, db):
    for url in (reverse("login"), reverse("accessibility")):
        policy = client.get(url).headers["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'" and directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'" and directives["base-uri"] == "'none'"
        assert directives["report-uri"] == "/csp-rapport/"
        assert "unsafe" not in policy


def test_a_violation_is_logged_by_directive_origin_and_page_name_without_the_address(db, caplog):
    caplog.set_level(logging.WARNING, logger="lsi.csp")
    response = Client().post(reverse("csp_report"), report_body(),
                             content_type="application/csp-report")
    assert response.status_code == 204
    (line,) = logged(caplog)
    entry = json.loads(line)
    assert entry["directive"] == "img-src"
    assert entry["blocked"] == "https://tracker.example"
    assert entry["page"] == "signals:list"
    assert "Dorpsstraat" not in line and "adres" not in line


def test_the_reporting_api_format_and_inline_violations_are_understood(db, caplog):
    caplog.set_level(logging.WARNING, logger="lsi.csp")
    body = json.dumps([{"type": "csp-violation", "body": {
        "documentURL": "https://lsi.example/inloggen/", "effectiveDirective": "script-src-elem",
        "blockedURL": "inline"}}, {"type": "deprecation", "body": {}}])
    response = Client().post(reverse("csp_report"), body, content_type="application/reports+json")
    assert response.status_code == 204
    (line,) = logged(caplog)
    entry = json.loads(line)
    assert (entry["directive"], entry["blocked"], entry["page"]) == ("script-src-elem", "inline", "login")


MALFORMED = [
    b"", b"not json", b"{}", b'{"csp-report": "x"}', b"[" * 7000 + b"]" * 7000,
    json.dumps({"csp-report": {"blocked-uri": "http://[abc", "document-uri": "/"}}).encode(),
    json.dumps({"csp-report": {"document-uri": "http://[::1", "effective-directive": "img-src"}}).encode(),
    json.dumps([{"type": "csp-violation", "body": {"blockedURL": {"a": 1}, "documentURL": 5}}]).encode(),
]


@pytest.mark.parametrize("body", [*MALFORMED, b"[1, 2]"])
def test_a_body_that_is_no_report_is_refused_and_nothing_is_logged(db, caplog, body):
    caplog.set_level(logging.WARNING, logger="lsi.csp")
    response = Client().post(reverse("csp_report"), body, content_type="application/csp-report")
    assert response.status_code == 400 if body != b"[1, 2]" else response.status_code == 204
    assert logged(caplog) == []


def test_only_post_is_taken_and_a_signed_in_user_without_a_second_factor_may_report(
        db, caplog, settings, uwv_user):
    assert Client().get(reverse("csp_report")).status_code == 405
    settings.LSI_2FA_REQUIRED = True
    client = Client()
    client.force_login(uwv_user)  # no verified second factor: every other page redirects
    assert client.get(reverse("projects:list")).status_code == 302
    response = client.post(reverse("csp_report"), report_body(), content_type="application/csp-report")
    assert response.status_code == 204


def test_an_oversized_report_is_refused(db):
    body = report_body(**{"script-sample": "x" * 20_000})
    response = Client().post(reverse("csp_report"), body, content_type="application/csp-report")
    assert response.status_code in (400, 413)
