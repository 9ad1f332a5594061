import pytest

from projects.models import Notification


@pytest.fixture
def case_flow_notifications(db, django_db_blocker):
    """The casustafel world's notifications: intake opened, an information request, the
    assignments of a huisbezoek (built with the real services)."""
    from casetable import agenda
    from projects.models import Partner, Project, User
    from tests.casetable.conftest import _build, decided_visit, to_case_table

    world = _build()
    project = Project.objects.get(pk=world.project_pk)
    lead = User.objects.get(username="projectleider")
    to_case_table(project, lead)
    bd = Partner.objects.get(code="BD-MKB")
    agenda.send_information_request(project, lead, partner=bd, address_keys=["8011WR-1--"])
    decided_visit(project, lead, [Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")])
    return list(Notification.objects.all())
