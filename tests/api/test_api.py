"""The API for partner systems, called as a partner system would (tokens, JSON, files)."""
import json
from datetime import timedelta

import pytest
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from lsi.api import clients
from lsi.api.models import ApiClient, Delivery
from projects.models import AccessLogEntry, User
from signals import information_requests
from signals.models import Signal, Upload
from tests.api.conftest import caller, new_client
from tests.signals.conftest import csv_bytes, good_rows, signal_row


def deliver(api, project, rows, **headers):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker's part, in process
        return api.post(reverse("api:deliver", args=[project.pk]), {"rows": rows}, format="json",
                    **headers)


def test_a_token_is_shown_once_stored_hashed_and_its_service_user_cannot_log_in(intake_project):
    client, token = new_client("UWV")
    stored = ApiClient.objects.get(pk=client.pk)
    assert token.startswith(f"lsi_{stored.token_prefix}_")
    assert token.split("_", 2)[2] not in stored.token_hash
    user = stored.user
    assert user.partner.code == "UWV" and user.is_partner_user and not user.has_usable_password()
    page = Client().post(reverse("login"), {"username": user.username, "password": ""})
    assert "_auth_user_id" not in page.client.session
    assert stored.history.first().history_user.username == "coordinator"


def test_only_the_coordinator_creates_clients(intake_project):
    uwv_user = User.objects.get(username="uwv")
    with pytest.raises(clients.ClientRefused):
        clients.create(uwv_user, partner=uwv_user.partner, name="x", contact="",
                       expires_at=timezone.now() + timedelta(days=1))


def test_projects_show_the_intake_window_and_agreed_categories(uwv_api, intake_project):
    answer = uwv_api.get(reverse("api:projects"))
    assert answer.status_code == 200
    (project,) = answer.json()
    assert project["id"] == intake_project.pk and project["intake_open"] is True
    assert {c["code"] for c in project["categories"]} == {"uitkeringsfraude", "adresfraude"}
    entry = AccessLogEntry.objects.filter(action="api.projecten").latest("pk")
    assert entry.user == uwv_api.client_record.user


def test_a_json_batch_is_stored_by_the_importer_with_the_client_as_actor(uwv_api, intake_project):
    answer = deliver(uwv_api, intake_project, good_rows(3))
    assert answer.status_code == 202, answer.json()
    body = answer.json()
    assert answer["Location"] == body["status_url"]
    status = uwv_api.get(body["status_url"]).json()
    assert status["status"] == "stored" and status["rows_stored"] == 3
    signals = Signal.objects.filter(upload_id=body["id"])
    assert signals.count() == 3
    service_user = uwv_api.client_record.user
    assert {s.delivered_by for s in signals} == {service_user}
    assert signals.first().history.first().history_user_id == service_user.pk
    assert AccessLogEntry.objects.filter(user=service_user, action="api.aanlevering.status").exists()


def test_one_wrong_row_refuses_the_batch_with_messages_in_the_callers_language(uwv_api, intake_project):
    english = caller(uwv_api.token, "en")
    rows = [*good_rows(2), signal_row(huisnummer="99", categorie="belastingfraude")]
    body = deliver(english, intake_project, rows).json()
    status = english.get(body["status_url"]).json()
    assert status["status"] == "refused" and status["rows_stored"] == 0
    (error,) = status["errors"]
    assert error["row"] == 3 and error["column"] == "categorie"
    assert "has not been agreed" in error["message"]
    assert not Signal.objects.filter(project=intake_project, partner__code="UWV").exists()


def test_the_file_itself_can_be_delivered(uwv_api, intake_project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("signalen.csv", csv_bytes(good_rows(2)), content_type="text/csv")
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = uwv_api.post(reverse("api:deliver", args=[intake_project.pk]), {"file": upload},
                              format="multipart")
    assert answer.status_code == 202
    assert uwv_api.get(answer.json()["status_url"]).json()["rows_stored"] == 2


def test_the_same_idempotency_key_and_body_returns_the_first_result(uwv_api, intake_project):
    first = deliver(uwv_api, intake_project, good_rows(2), HTTP_IDEMPOTENCY_KEY="k-1")
    again = deliver(uwv_api, intake_project, good_rows(2), HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 202 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert Upload.objects.filter(project=intake_project, partner__code="UWV").count() == 1
    other = deliver(uwv_api, intake_project, good_rows(3), HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert other.json()["type"] == "urn:lsi:problem:idempotency_key_reused"
    assert Delivery.objects.count() == 1


def test_a_client_of_another_partner_gets_404_on_everything_of_uwv(uwv_api, svb_api, intake_project):
    batch = deliver(uwv_api, intake_project, good_rows(1)).json()
    signal = Signal.objects.get(upload_id=batch["id"])
    for url in (batch["status_url"], reverse("api:signal", args=[signal.pk])):
        answer = svb_api.get(url)
        assert answer.status_code == 404 and "8011" not in answer.content.decode()
        assert answer["Content-Type"] == "application/problem+json"
    assert svb_api.post(reverse("api:withdraw", args=[signal.pk]), {"reason": "x"},
                        format="json").status_code == 404
    listed = svb_api.get(reverse("api:signals", args=[intake_project.pk])).json()["results"]
    assert signal.pk not in [s["id"] for s in listed]
    assert AccessLogEntry.objects.filter(user=svb_api.client_record.user,
                                         result=AccessLogEntry.Result.DENIED).count() == 3


def test_a_client_limited_to_other_projects_does_not_reach_this_one(intake_project):
    from tests.factories import PartnerFactory, project_in_phase

    svb = intake_project.participations.get(partner__code="SVB").partner
    elsewhere = project_in_phase("signalering", partners=[svb, PartnerFactory(code="GEM-X")])
    _client, token = new_client("SVB", projects=[elsewhere])
    api = caller(token)
    assert [p["id"] for p in api.get(reverse("api:projects")).json()] == [elsewhere.pk]
    assert api.get(reverse("api:project", args=[intake_project.pk])).status_code == 404
    assert deliver(api, intake_project, good_rows(1)).status_code == 404


def test_revoked_expired_and_rotated_tokens(uwv_api, intake_project):
    coordinator = User.objects.get(username="coordinator")
    url = reverse("api:projects")
    new_token = clients.rotate(uwv_api.client_record, coordinator)
    assert uwv_api.get(url).status_code == 401
    assert caller(new_token).get(url).status_code == 200
    clients.revoke(uwv_api.client_record, coordinator)
    answer = caller(new_token).get(url)
    assert answer.status_code == 401 and answer.json()["type"] == "urn:lsi:problem:not_authenticated"
    _client, expired = new_client("UWV", expires_at=timezone.now() + timedelta(seconds=1))
    ApiClient.objects.filter(pk=_client.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert caller(expired).get(url).status_code == 401
    assert caller("lsi_nonsense").get(url).status_code == 401


def test_a_session_of_a_portal_user_does_not_open_the_api(intake_project):
    browser = Client()
    browser.force_login(User.objects.get(username="uwv"))
    assert browser.get(reverse("api:projects")).status_code == 401


def test_own_signals_by_cursor_with_filters_and_withdrawing_one(uwv_api, intake_project):
    deliver(uwv_api, intake_project, good_rows(3))
    url = reverse("api:signals", args=[intake_project.pk])
    with override_settings():
        first = uwv_api.get(url, {"postcode": "8011"}).json()
    assert len(first["results"]) == 3 and first["next"] is None
    signal_id = first["results"][0]["id"]
    refused = uwv_api.post(reverse("api:withdraw", args=[signal_id]), {"reason": ""}, format="json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "reason"
    done = uwv_api.post(reverse("api:withdraw", args=[signal_id]), {"reason": "Adres onjuist"},
                        format="json")
    assert done.status_code == 200 and done.json()["status"] == "ingetrokken"
    signal = Signal.objects.get(pk=signal_id)
    assert signal.withdrawn_by == uwv_api.client_record.user
    again = uwv_api.post(reverse("api:withdraw", args=[signal_id]), {"reason": "nog eens"}, format="json")
    assert again.status_code == 409 and "al ingetrokken" in again.json()["detail"]
    assert uwv_api.get(url, {"status": "ingetrokken"}).json()["results"][0]["id"] == signal_id
    assert uwv_api.get(url, {"status": "onzin"}).status_code == 400


def test_cursor_pages_go_through_all_signals(uwv_api, intake_project, monkeypatch):
    from lsi.api.views import SignalCursor

    monkeypatch.setattr(SignalCursor, "page_size", 2)
    deliver(uwv_api, intake_project, good_rows(5))
    url, seen = reverse("api:signals", args=[intake_project.pk]), []
    while url:
        page = uwv_api.get(url).json()
        seen += [s["id"] for s in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 5


def test_an_on_request_partner_answers_its_information_requests(intake_project, bd_mkb):
    uwv = caller(new_client("UWV")[1])
    deliver(uwv, intake_project, good_rows(2))
    keys = list(Signal.objects.filter(project=intake_project).values_list("address_key", flat=True))
    lead = User.objects.get(username="projectleider")
    info = information_requests.create_request(intake_project, lead, partner=bd_mkb, address_keys=keys)
    bd = caller(new_client("BD-MKB")[1])
    assert uwv.get(reverse("api:request", args=[info.pk])).status_code == 404
    (listed,) = bd.get(reverse("api:requests")).json()
    assert listed["id"] == info.pk and listed["may_answer"] and len(listed["addresses"]) == 2
    first, second = listed["addresses"]
    none = bd.post(first["answer_url"], {"has_information": False}, format="json")
    assert none.status_code == 200 and none.json()["answer"] == "geen_informatie"
    signal = bd.post(second["answer_url"], {"has_information": True, "category": "belastingfraude",
                                            "grounds": "Omzet past niet bij het adres"}, format="json")
    assert signal.status_code == 200 and signal.json()["signal"]
    stored = Signal.objects.get(pk=signal.json()["signal"])
    assert stored.partner == bd_mkb and stored.history.first().history_user.username.startswith("api-bd-mkb")
    assert bd.post(first["answer_url"], {"has_information": False}, format="json").status_code == 409
    assert deliver(bd, intake_project, good_rows(1)).status_code == 409


@override_settings(LSI_UPLOAD_MAX_ROWS=2)
def test_too_many_rows_is_a_413_problem(uwv_api, intake_project):
    answer = deliver(uwv_api, intake_project, good_rows(3))
    assert answer.status_code == 413
    assert answer.json() | {"detail": ""} == {"type": "urn:lsi:problem:too_large", "title": "Te groot",
                                             "status": 413, "detail": "", "limit": 2, "unit": "rows"}
    assert not Upload.objects.exists()


@override_settings(LSI_UPLOAD_MAX_BYTES=1000, LSI_BODY_MARGIN_BYTES=0)
def test_a_body_over_the_limit_is_a_413_problem(uwv_api, intake_project):
    answer = deliver(uwv_api, intake_project, good_rows(20))
    assert answer.status_code == 413 and answer.json()["limit"] == 1000


def test_anonymous_bodies_are_limited_before_the_token_check(intake_project):
    big = json.dumps({"rows": good_rows(200)})
    answer = caller("lsi_wrong").post(reverse("api:deliver", args=[intake_project.pk]), big,
                                      content_type="application/json")
    assert answer.status_code == 413


@override_settings(LSI_API_RATE="2/min")
def test_the_rate_limit_is_per_client_and_answers_429(uwv_api, svb_api, intake_project):
    from django.core.cache import cache

    cache.clear()
    url = reverse("api:projects")
    assert [uwv_api.get(url).status_code for _ in range(3)] == [200, 200, 429]
    limited = uwv_api.get(url)
    assert limited.json()["retry_after"] > 0 and int(limited["Retry-After"]) > 0
    assert svb_api.get(url).status_code == 200


def test_the_schema_and_its_documentation_page(client):
    schema = client.get(reverse("api:schema") + "?format=json")
    assert schema.status_code == 200
    document = json.loads(schema.content)
    assert document["openapi"].startswith("3.") and "/api/v1/projects/{id}/batches/" in document["paths"]
    page = client.get(reverse("api:docs"))
    html = page.content.decode()
    assert page.status_code == 200 and "<style" not in html and "<script>" not in html
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_an_address_the_api_does_not_know_is_a_problem_and_the_portal_keeps_its_page(uwv_api):
    response = uwv_api.get("/api/v1/information-requests/-5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:lsi:problem:not_found"
    page = Client().get("/bestaat-niet/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
