"""The overlap per address stays right when two partners deliver the same address at the same
time, on PostgreSQL with two real transactions: the second refresh waits for the first
transaction and then counts both partners (see ``signals/overlap.py``)."""
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from signals import importer
from signals.models import Signal
from tests.casetable.test_overlap import live, stored
from tests.factories import CategoryFactory, PartnerFactory, UserFactory, project_in_phase
from tests.signals.conftest import signal_row

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two PostgreSQL transactions")


def test_two_partners_delivering_the_same_address_at_once_are_both_counted(transactional_db):
    category = CategoryFactory(name="uitkeringsfraude")
    uwv, svb = PartnerFactory(code="UWV-O"), PartnerFactory(code="SVB-O")
    users = [UserFactory(username=f"{p.code.lower()}-user", partner=p) for p in (uwv, svb)]
    lead = UserFactory(username="pl-overlap", partner=PartnerFactory(municipality=True))
    project = project_in_phase("signalering", partners=[uwv, svb], lead=lead, initiator=lead.partner,
                               categories=[category])
    first_stored = threading.Event()
    errors = []

    def deliver(user, hold: bool):
        try:
            with transaction.atomic():
                importer.enter_signal(project, user.partner, user, signal_row(
                    huisnummer="1", datum_signaal=(timezone.localdate() - timedelta(days=1)).isoformat()))
                if hold:
                    first_stored.set()
                    threading.Event().wait(0.5)  # commit later, while the other one refreshes
        except Exception as error:  # pragma: no cover - reported below
            errors.append(repr(error))
            first_stored.set()
        finally:
            connections.close_all()

    first = threading.Thread(target=deliver, args=(users[0], True))
    first.start()
    first_stored.wait(5)
    second = threading.Thread(target=deliver, args=(users[1], False))
    second.start()
    first.join(10)
    second.join(10)
    assert not errors
    assert Counter(Signal.objects.filter(project=project).values_list("address_key", flat=True)) == {
        "8011WR-1--": 2}
    assert stored(project) == live(project) and stored(project)["8011WR-1--"][0] == 2
