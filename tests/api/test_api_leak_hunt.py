"""The leak hunt for the API: every API URL, with a token of each other partner's client.

UWV's signal, batch and BD-MKB's information request in project X carry a marker. Clients of
SVB (takes part), IND (takes part in nothing) and of UWV limited to another project call every
API URL with those ids: none may see a marker, every object answers 404; a revoked or expired
token answers 401 everywhere.
"""
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lsi.api import clients
from lsi.api.models import ApiClient
from projects.models import Partner, User
from signals import information_requests
from signals.importer import import_file
from signals.models import RequestedAddress, Signal
from tests.api.conftest import caller, new_client
from tests.factories import PartnerFactory, UserFactory, project_in_phase
from tests.security.test_leak_hunt import all_url_names
from tests.signals.conftest import csv_bytes, signal_row

MARK = f"APIMARKER{uuid.uuid4().hex[:8].upper()}"


@pytest.fixture
def hunted(intake_project, bd_mkb):
    uwv_user = User.objects.get(username="uwv")
    rows = [signal_row(straat=f"{MARK}straat", referentie=f"REF-{MARK}", indicatoren=f"Postretour {MARK}")]
    upload = import_file(intake_project, uwv_user.partner, uwv_user, csv_bytes(rows), f"{MARK}.csv")
    signal = Signal.objects.get(upload=upload)
    lead = User.objects.get(username="projectleider")
    request = information_requests.create_request(intake_project, lead, partner=bd_mkb,
                                                  address_keys=[signal.address_key], message=MARK)
    ind = PartnerFactory(code="IND", name="IND")
    UserFactory(partner=ind)
    uwv = Partner.objects.get(code="UWV")
    elsewhere = project_in_phase("signalering", partners=[uwv, ind, PartnerFactory(code="GEM-Y")])
    ids = {"pk": intake_project.pk, "upload_pk": upload.pk, "signal_pk": signal.pk,
           "request_pk": request.pk, "item_pk": RequestedAddress.objects.get(request=request).pk}
    return ids, {"SVB": new_client("SVB")[1], "IND": new_client("IND")[1],
                 "UWV elders": new_client("UWV", projects=[elsewhere])[1]}


def api_urls(ids) -> list[tuple[str, str, bool]]:
    urls = []
    for name, pattern in all_url_names().items():
        if not name.startswith("api:") or name in ("api:schema", "api:docs"):
            continue
        wanted = pattern.pattern.regex.groupindex
        url = reverse(name, kwargs={key: ids[key] for key in wanted})
        urls.append((name, url, bool(wanted)))
    return urls


def test_no_client_of_another_partner_sees_uwvs_data_on_any_api_url(hunted):
    ids, tokens = hunted
    problems = []
    for who, token in tokens.items():
        api = caller(token)
        for _name, url, has_object in api_urls(ids):
            for method in ("get", "post"):
                response = getattr(api, method)(url, {}, format="json")
                if MARK in response.content.decode():
                    problems.append(f"{who} {method} {url}: marker")
                own_part = who == "SVB" and "/projects/" in url  # SVB takes part in X
                if has_object and not own_part and response.status_code not in (404, 405):
                    problems.append(f"{who} {method} {url}: {response.status_code}, expected 404")
    assert not problems, "\n".join(problems)


def test_the_marker_is_there_for_uwv_itself(hunted):
    ids, _tokens = hunted
    api = caller(new_client("UWV")[1])
    assert MARK in api.get(reverse("api:signal", args=[ids["signal_pk"]])).content.decode()
    assert MARK in caller(new_client("BD-MKB")[1]).get(
        reverse("api:request", args=[ids["request_pk"]])).content.decode()


def test_revoked_and_expired_tokens_get_401_on_every_api_url(hunted):
    ids, _tokens = hunted
    revoked_client, revoked = new_client("UWV")
    clients.revoke(revoked_client, User.objects.get(username="coordinator"))
    expired_client, expired = new_client("UWV")
    ApiClient.objects.filter(pk=expired_client.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    for token in (revoked, expired, "lsi_AAAAAAAAAA_" + "x" * 43):
        api = caller(token)
        for _name, url, _has in api_urls(ids):
            for method in ("get", "post"):
                response = getattr(api, method)(url, {}, format="json")
                assert response.status_code == 401, (url, method, response.status_code)
                assert MARK not in response.content.decode()
