"""Mijn taken on the start page: what waits for this user now, with counts and deadlines, and
nothing of a project or partner the user may not see."""
import re

import pytest
from django.urls import reverse

from casetable import agenda
from projects.models import Partner, Project, User
from tests.casetable.conftest import (
    KEY_TWO,
    decided_visit,
    new_session,
    on_agenda,
    to_case_table,
    to_execution,
)

ROW = re.compile(r'<tr class="utrecht-table__row" data-lsi-task="(\w+)">(.*?)</tr>', re.S)


def tasks_of(client) -> list[tuple[str, str]]:
    """(kind, text of the row) for every task on the start page."""
    page = client.get(reverse("home")).content.decode()
    section = page.split('id="tasks-heading"', 1)[1].split("</section>", 1)[0]
    return [(kind, re.sub(r"<.*?>|\s+", " ", row)) for kind, row in ROW.findall(section)]


def kinds(client) -> list[str]:
    return [kind for kind, _text in tasks_of(client)]


@pytest.fixture
def user(project):
    return lambda username: User.objects.get(username=username)


def test_delivering_partners_see_the_intake_with_its_deadline(project, uwv_user, client_for):
    project.intake_deadline = project.intake_deadline or project.created_at.date()
    project.save()
    (row,) = [text for kind, text in tasks_of(client_for(uwv_user)) if kind == "delivery"]
    assert "Signalen aanleveren" in row and project.name in row


def test_the_on_request_partner_answers_its_request_and_nobody_else_sees_it(
        project, lead, bd_mkb, user, uwv_user, client_for):
    agenda.send_information_request(project, lead, partner=bd_mkb, address_keys=[KEY_TWO],
                                    message="Graag uw informatie")
    rows = tasks_of(client_for(user("bdmkb")))
    assert [(kind, "1" in text) for kind, text in rows if kind == "information_request"] == [
        ("information_request", True)]
    assert "delivery" not in [kind for kind, _t in rows], "an on-request partner delivers no file"
    assert "information_request" not in kinds(client_for(uwv_user))
    assert "information_request" not in kinds(client_for(lead))


def test_the_projectleider_sees_agenda_addresses_without_a_decision(
        project, lead, uwv_user, other_projectleider, client_for):
    session = new_session(project, lead)
    on_agenda(project, lead, session=session)
    on_agenda(project, lead, key=KEY_TWO, session=session)
    (row,) = [text for kind, text in tasks_of(client_for(lead)) if kind == "undecided"]
    assert " 2 " in row and project.name in row
    assert "undecided" not in kinds(client_for(uwv_user))
    assert "undecided" not in kinds(client_for(other_projectleider))


def test_the_executing_partner_records_its_controls_and_the_other_partners_do_not(
        project, lead, uwv, svb, uwv_user, gemeente_user, client_for):
    decided_visit(project, lead, [uwv, svb])
    to_case_table(project, lead)
    to_execution(project, lead)
    (row,) = [text for kind, text in tasks_of(client_for(uwv_user)) if kind == "control_result"]
    assert "Uitkomst van controles vastleggen" in row and " 1 " in row
    assert "control_result" not in kinds(client_for(gemeente_user)), "not in the duo"
    # The projectleider sees both of the duo's controls.
    (row,) = [text for kind, text in tasks_of(client_for(lead)) if kind == "control_result"]
    assert " 2 " in row


def test_the_coordinator_records_the_decision_on_a_submitted_plan(project, user, client_for):
    from tests.factories import project_in_phase

    submitted = project_in_phase("ingediend", initiator=Partner.objects.get(code="UWV"))
    rows = tasks_of(client_for(user("coordinator")))
    assert ("plan_decision", True) in [(kind, submitted.name in text) for kind, text in rows]
    assert "plan_decision" not in kinds(client_for(user("uwv")))
    assert Project.objects.filter(pk=submitted.pk, phase="ingediend").exists()


def test_the_privacy_officer_has_nothing_waiting(project, user, client_for):
    page = client_for(user("fg")).get(reverse("home")).content.decode()
    assert "Er wacht nu niets op u." in page
