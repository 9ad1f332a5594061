"""API tests: the Zwolle project of the signal tests, and API clients of its partners."""
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from lsi.api import clients
from projects.models import Partner, User
from tests.signals.conftest import bd_mkb, bd_mkb_user, intake_project, shared, zwolle  # noqa: F401


def new_client(partner_code: str, **options):
    coordinator = User.objects.get(username="coordinator")
    client, token = clients.create(
        coordinator, partner=Partner.objects.get(code=partner_code), name=f"{partner_code} systeem",
        contact="koppelingen@example.org",
        expires_at=options.pop("expires_at", timezone.now() + timedelta(days=30)), **options)
    return client, token


def caller(token: str, language: str = "nl") -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE=language)
    return api


@pytest.fixture
def uwv_api(intake_project):  # noqa: F811
    client, token = new_client("UWV")
    api = caller(token)
    api.client_record, api.token = client, token
    return api


@pytest.fixture
def svb_api(intake_project):  # noqa: F811
    client, token = new_client("SVB")
    api = caller(token)
    api.client_record, api.token = client, token
    return api
