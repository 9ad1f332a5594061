"""Schemathesis fuzzes every operation of the live OpenAPI schema, served by the application
itself (its WSGI stack: middleware, authentication, throttling), as the clients of two partners
of one project: no answer is a 5xx, every answer conforms to the schema (status code, media type,
body), and neither client ever sees a byte of the other partner's signals.

Each operation runs a bounded number of generated cases twice: once with random ids, once with
the ids of real objects (the project, each partner's signal and batch), so the 200 paths are
fuzzed too, not only the 404s.
"""
import uuid

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from projects.models import User
from signals.importer import import_file
from signals.models import Signal, Upload
from tests.api.conftest import new_client
from tests.signals.conftest import csv_bytes, signal_row

EXAMPLES = 5  # per operation and per kind of ids: seconds for the whole schema
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture
def in_process_app():
    """The application's WSGI stack, called in this test's database transaction: as Django's
    own test client does, requests do not close the connection when they finish."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def delivered(project, username: str, mark: str, number: int) -> Upload:
    user = User.objects.get(username=username)
    rows = [signal_row(huisnummer=str(number), straat=f"{mark}straat", referentie=f"REF-{mark}",
                       indicatoren=f"Postretour {mark}")]
    upload = import_file(project, user.partner, user, csv_bytes(rows), f"{mark}.csv")
    assert upload.status == Upload.Status.ACCEPTED, upload.errors
    return upload


def test_every_operation_answers_by_the_schema_and_never_with_the_other_partners_data(
        intake_project, in_process_app):
    marks = {"UWV": f"UWVMARK{uuid.uuid4().hex[:8]}", "SVB": f"SVBMARK{uuid.uuid4().hex[:8]}"}
    uploads = {"UWV": delivered(intake_project, "uwv", marks["UWV"], 12),
               "SVB": delivered(intake_project, "svb", marks["SVB"], 14)}
    tokens = {code: new_client(code)[1] for code in marks}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", in_process_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10  # every endpoint of the README is in the schema

    def real_ids(partner: str) -> dict:
        signal = Signal.objects.filter(upload=uploads[partner]).first()
        return {"pk": intake_project.pk, "upload_pk": uploads[partner].pk,
                "signal_pk": signal.pk if signal else 0, "request_pk": 0, "item_pk": 0}

    seen = {"UWV": 0, "SVB": 0}
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        for ids_of in (None, "UWV", "SVB"):
            path_parameters = ({k: v for k, v in real_ids(ids_of).items() if k in names}
                               if ids_of else None)
            if ids_of and not names:
                continue

            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(path_parameters=path_parameters))
            def fuzz(case):
                for partner, token in tokens.items():
                    response = case.call(headers={"Authorization": f"Bearer {token}"})
                    case.validate_response(response, checks=CHECKS)
                    other = next(code for code in marks if code != partner)
                    assert marks[other] not in response.text, (partner, case.method, case.formatted_path)
                    seen[partner] += marks[partner] in response.text

            fuzz()
    # The hunt is not empty: each client did reach its own signals during the run.
    assert seen["UWV"] and seen["SVB"]
