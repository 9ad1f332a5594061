import pytest

from projects.models import Notification
from tests.notifications.smtp_server import SmtpServer


@pytest.fixture
def smtp(tmp_path, settings):
    """A real SMTP server process; this process's mail settings point at it."""
    server = SmtpServer(tmp_path)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield server.start()
    server.stop()


@pytest.fixture
def case_flow_notifications(db, django_db_blocker):
    """The casustafel world's notifications: proposals to take part, intake opened, an
    information request, the assignments of a huisbezoek, their result due, a knelpunt (built
    with the real services)."""
    from casetable import agenda, controls
    from casetable.models import Assignment
    from lsi.coordination import knelpunten
    from projects.models import Partner, Project, User
    from tests.casetable.conftest import _build, decided_visit, to_case_table, to_execution

    world = _build()
    project = Project.objects.get(pk=world.project_pk)
    lead = User.objects.get(username="projectleider")
    to_case_table(project, lead)
    bd = Partner.objects.get(code="BD-MKB")
    agenda.send_information_request(project, lead, partner=bd, address_keys=["8011WR-1--"])
    decided_visit(project, lead, [Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")])
    to_execution(project, lead)
    controls.remind_due_results(today=Assignment.objects.filter(project=project).first().planned_date)
    knelpunten.report(lead, project=project, title="Te weinig capaciteit voor de huisbezoeken")
    return list(Notification.objects.all())
