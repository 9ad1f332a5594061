"""Two people deciding the same address at the same time, on PostgreSQL with two real
transactions: the second waits for the first, then gets a conflict; nothing is overwritten."""
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from casetable import deliberation
from casetable.errors import Conflict
from casetable.models import CaseItem, Decision
from projects.models import Partner, User
from tests.casetable.conftest import committed_item

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")


@pytest.fixture
def item(transactional_db):
    return committed_item("pl-concurrency")


def _visit(partner_code):
    return dict(outcome="huisbezoek", subsidiarity="Brief overwogen", proportionality="Meerdere uitkeringen",
                reasonable_ground="Postretour", executing_partner=Partner.objects.get(code=partner_code),
                planned_date=timezone.localdate() + timedelta(days=3))


def test_concurrent_decisions_second_gets_a_conflict_and_nothing_is_overwritten(item):
    lead = User.objects.get(username="pl-concurrency")
    version = item.version
    first_holds_lock = threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                deliberation.decide(CaseItem.objects.get(pk=item.pk), lead, version=version,
                                    **_visit("UWV-C"))
                first_holds_lock.set()
                # Keep the transaction (and the row lock) open while the second one tries.
                threading.Event().wait(0.5)
            outcome["first"] = "stored"
        except Exception as error:  # pragma: no cover - reported below
            outcome["first"] = repr(error)
            first_holds_lock.set()
        finally:
            connections.close_all()

    def second():
        first_holds_lock.wait(5)
        try:
            deliberation.decide(CaseItem.objects.get(pk=item.pk), lead, version=version, **_visit("SVB-C"))
            outcome["second"] = "stored"
        except Conflict:
            outcome["second"] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcome == {"first": "stored", "second": "conflict"}
    item.refresh_from_db()
    assert Decision.objects.filter(item=item).count() == 1
    assert item.decision.executing_partner.code == "UWV-C"
    assert item.version == version + 1
