"""Batches delivered at the same moment, each request on its own connection to PostgreSQL
(threads, real commits, the worker's part run when each request commits): every batch is all
or nothing, an Idempotency-Key sent twice at once stores its batch once, and the same key with
two different bodies at once stores one of them and refuses the other."""
import threading

import pytest
from django.db import connections
from django.urls import reverse

from lsi.api.models import Delivery
from signals.models import AddressOverlap, Signal, Upload
from tests.api.conftest import caller, new_client
from tests.signals.conftest import good_rows

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls):
    """Run each call in its own thread (its own database connection), released together."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(number, call):
        try:
            barrier.wait(timeout=30)
            answers[number] = call()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            answers[number] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
    return answers


def batch(token, project, rows, key):
    def send():
        return caller(token).post(reverse("api:deliver", args=[project.pk]), {"rows": rows},
                                  format="json", HTTP_IDEMPOTENCY_KEY=key)
    return send


def test_concurrent_batches_are_each_all_or_nothing_and_a_repeated_key_stores_once(intake_project):
    uwv, svb = new_client("UWV")[1], new_client("SVB")[1]
    good = good_rows(40)
    bad = good_rows(40, start=101)
    bad[25]["postcode"] = "80111"  # one wrong row: the whole batch is refused
    svb_rows = good_rows(40)  # the same addresses as UWV's: verwonderadressen once both commit
    first, again, refused, other = at_once(
        batch(uwv, intake_project, good, "uwv-1"), batch(uwv, intake_project, good, "uwv-1"),
        batch(uwv, intake_project, bad, "uwv-2"), batch(svb, intake_project, svb_rows, "svb-1"))

    assert {first.status_code, again.status_code, refused.status_code, other.status_code} == {202}
    assert first.json()["id"] == again.json()["id"]
    assert [a.get("Idempotent-Replayed") for a in (first, again)].count("true") == 1
    assert Delivery.objects.filter(idempotency_key="uwv-1").count() == 1
    assert Upload.objects.count() == 3
    stored = caller(uwv).get(reverse("api:batch", args=[first.json()["id"]])).json()
    assert stored["status"] == "stored" and stored["rows_stored"] == 40
    refusal = caller(uwv).get(reverse("api:batch", args=[refused.json()["id"]])).json()
    assert refusal["status"] == "refused" and refusal["rows_stored"] == 0
    assert [e["row"] for e in refusal["errors"]] == [26]
    assert Signal.objects.filter(partner__code="UWV").count() == 40
    assert not Signal.objects.filter(upload_id=refused.json()["id"]).exists()
    assert Signal.objects.filter(partner__code="SVB").count() == 40
    # Neither delivery missed the other's signals: all 40 addresses have two partners.
    assert AddressOverlap.objects.filter(project=intake_project, partner_count=2).count() == 40


def test_one_key_with_two_bodies_at_once_stores_one_and_refuses_the_other(intake_project):
    uwv = new_client("UWV")[1]
    answers = at_once(batch(uwv, intake_project, good_rows(20), "same-key"),
                      batch(uwv, intake_project, good_rows(20, start=201), "same-key"))
    assert sorted(a.status_code for a in answers) == [202, 422]
    refused = next(a for a in answers if a.status_code == 422)
    assert refused.json()["type"] == "urn:lsi:problem:idempotency_key_reused"
    assert Upload.objects.count() == 1 and Delivery.objects.count() == 1
    assert Signal.objects.filter(partner__code="UWV").count() == 20
