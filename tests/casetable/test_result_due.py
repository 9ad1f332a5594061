"""The nightly "result due" message: once the planned date of a control has come and no result is
recorded, the executing partner's users are told, once per assignment, without an address."""
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casetable import controls, tasks
from casetable.models import Assignment, CaseItem
from lsi.celery import app
from projects import notifications
from projects.models import Notification, NotificationPreference, Partner, Project, User
from projects.postcodes import mentions_address
from tests.casetable.conftest import carried_out, decided_visit, to_case_table, to_execution
from tests.factories import UserFactory


@pytest.fixture(scope="module")
def visit_pk(case_world, django_db_blocker) -> int:
    """A huisbezoek by the duo UWV + SVB, the casustafel closed: phase uitvoering."""
    with django_db_blocker.unblock():
        project = Project.objects.get(pk=case_world.project_pk)
        lead = User.objects.get(username="projectleider")
        duo = [Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")]
        item = decided_visit(project, lead, duo)
        to_case_table(project, lead)
        to_execution(project, lead)
        return item.pk


@pytest.fixture
def visit(visit_pk, project):
    return CaseItem.objects.select_related("project").get(pk=visit_pk)


def reminders():
    return Notification.objects.filter(kind="assignment_result_due").select_related("recipient__partner")


def test_the_executing_partners_are_told_once_when_the_planned_date_has_come(visit, uwv, svb):
    planned = Assignment.objects.get(item=visit, partner=uwv).planned_date
    assert controls.remind_due_results(today=planned - timedelta(days=1)) == 0
    assert not reminders().exists()

    written = controls.remind_due_results(today=planned)
    expected = set(User.objects.filter(partner__in=[uwv, svb], role="partner", is_active=True)
                   .exclude(email=""))
    assert written == len(expected) and {row.recipient for row in reminders()} == expected
    row = reminders().filter(recipient__partner=uwv).first()
    assert visit.project.name in row.subject
    assert row.link.endswith(reverse("casetable:assignments", args=[visit.project_id]))
    assert not mentions_address(row.subject + row.body) and visit.address_display not in row.body

    # Never twice for the same assignment: not the next night, nor a week later.
    assert controls.remind_due_results(today=planned) == 0
    assert controls.remind_due_results(today=planned + timedelta(days=7)) == 0
    assert reminders().count() == written
    assignment = Assignment.objects.get(item=visit, partner=uwv)
    assert assignment.result_due_notified_at is not None
    assert assignment.history.first().history_change_reason == "Uitvoerende partner herinnerd aan de uitkomst"


def test_a_control_with_its_result_recorded_is_not_reminded(visit, uwv, svb, uwv_user):
    uwv_assignment = Assignment.objects.get(item=visit, partner=uwv)
    carried_out(uwv_assignment, uwv_user)
    controls.remind_due_results(today=uwv_assignment.planned_date)
    assert {row.recipient.partner for row in reminders()} == {svb}


def test_a_partner_user_who_joins_later_is_not_told_again_and_a_user_of_another_partner_never(
        visit, uwv, bd_mkb):
    planned = Assignment.objects.get(item=visit, partner=uwv).planned_date
    controls.remind_due_results(today=planned)
    UserFactory(partner=uwv, email="nieuw@uwv.example")
    assert controls.remind_due_results(today=planned + timedelta(days=1)) == 0
    assert not reminders().filter(recipient__partner=bd_mkb).exists()


def test_the_reminder_cannot_be_switched_off_like_the_assignment_itself(visit, uwv, uwv_user):
    assert notifications.KINDS["assignment_result_due"].mandatory
    assert notifications.KINDS["assignment_made"].mandatory
    notifications.set_preference(uwv_user, "assignment_result_due", NotificationPreference.Mode.OFF)
    controls.remind_due_results(today=Assignment.objects.get(item=visit, partner=uwv).planned_date)
    (row,) = reminders().filter(recipient=uwv_user)
    assert row.digest  # moved to the daily digest, not dropped


def test_the_reminder_runs_nightly_through_its_task(visit, uwv):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "casetable.tasks.remind_due_results" in schedule
    assert "casetable.tasks.remind_due_results" in app.tasks
    planned = Assignment.objects.get(item=visit, partner=uwv).planned_date
    with time_machine.travel(datetime.combine(planned, time(6, 40), tzinfo=timezone.get_current_timezone())):
        tasks.remind_due_results.delay()
    assert reminders().filter(recipient__partner=uwv).exists()
