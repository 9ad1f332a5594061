"""The demo shows capacity at work: pledges, UWV over-committed in one quarter, a proposal UWV
declined, realised hours on the closed project, and Dienst Toeslagen's suspension."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lsi.capacity import figures
from lsi.capacity.models import CapacityPledge, Suspension
from lsi.capacity.quarters import quarter_of, span
from projects.models import Participation
from tests.factories import rolled_back_afterwards


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed_demo", stdout=StringIO())
        yield


def test_the_demo_has_pledges_and_uwv_over_committed_in_exactly_one_quarter(seeded, db):
    assert CapacityPledge.objects.count() > 10
    now = quarter_of(timezone.localdate())
    grid = figures.grid(span(now, 6))
    over = [(row["partner"].code, cell.quarter.label) for row in grid["rows"] for cell in row["cells"]
            if cell.over]
    assert over == [("UWV", now.next().label)]


def test_the_demo_has_a_declined_proposal_and_realised_hours_on_the_closed_project(seeded, db):
    declined = Participation.objects.get(agreement=Participation.Agreement.DECLINED)
    assert declined.partner.code == "UWV" and "horeca" in declined.agreement_reason
    closed = Participation.objects.filter(project__phase="gesloten")
    assert closed.exists() and all(p.realised_hours for p in closed)
    assert Suspension.objects.get().partner.code == "BD-TSL"
