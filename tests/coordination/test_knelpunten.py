"""The knelpunten register: partners of a project report, the coördinator assigns, escalates
(who, when, why in the history) and answers; a stalled phase opens a knelpunt and its move on
resolves it; another partner sees nothing; no addresses."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lsi.coordination import knelpunten
from lsi.coordination.knelpunten import KnelpuntRefused
from lsi.coordination.models import Knelpunt, Level, Status
from projects import escalation, lifecycle
from projects.models import Notification, Project
from projects.phases import Phase
from tests.factories import PartnerFactory, UserFactory, project_in_phase


@pytest.fixture
def running(db, coordinator):
    a, b = PartnerFactory(code="KA"), PartnerFactory(code="KB")
    lead = UserFactory(username="k-lead", partner=a)
    project = project_in_phase(Phase.READY, partners=[a, b], lead=lead)
    return project, lead, UserFactory(username="kb-user", partner=b)


def test_a_partner_reports_and_the_coordinator_escalates_and_answers(running, coordinator, steering_member,
                                                                     client_for):
    project, lead, partner_user = running
    response = client_for(partner_user).post(reverse("coordination:register"), {
        "project": project.pk, "title": "UWV levert geen capaciteit voor huisbezoeken"})
    knelpunt = Knelpunt.objects.get()
    assert response.status_code == 302 and knelpunt.raised_by == partner_user
    client = client_for(coordinator)
    client.post(knelpunt.get_absolute_url(), {"action": "escalate", "reason": "Geen antwoord van UWV"})
    client.post(knelpunt.get_absolute_url(), {"action": "escalate", "reason": "Raakt alle projecten"})
    knelpunt.refresh_from_db()
    assert knelpunt.level == Level.STEERING
    reasons = list(knelpunt.history.order_by("history_date")
                   .values_list("history_change_reason", "history_user"))
    assert reasons[1] == ("Opgeschaald naar Voorbereidingsgroep: Geen antwoord van UWV", coordinator.pk)
    # At its own level the stuurgroep answers.
    client_for(steering_member).post(knelpunt.get_absolute_url(), {
        "action": "answer", "status": "opgelost", "answer": "Afspraak: UWV levert twee inspecteurs."})
    knelpunt.refresh_from_db()
    assert knelpunt.status == Status.SOLVED and knelpunt.closed_at
    page = client_for(partner_user).get(knelpunt.get_absolute_url()).content.decode()
    assert "Afspraak: UWV levert twee inspecteurs." in page


def test_a_partner_cannot_handle_a_knelpunt_and_another_partner_sees_none(running, client_for):
    project, lead, partner_user = running
    knelpunt = knelpunten.report(lead, project=project, title="Planning loopt uit")
    with pytest.raises(KnelpuntRefused):
        knelpunten.escalate(knelpunt, partner_user, "Ik wil het hoger")
    outsider = UserFactory(partner=PartnerFactory(code="KOUT"))
    client = client_for(outsider)
    assert client.get(knelpunt.get_absolute_url()).status_code == 404
    assert client.get(reverse("coordination:register"), {"project": project.pk}).status_code == 404
    assert list(client.get(reverse("coordination:register")).context["page"]) == []
    refused = client.post(reverse("coordination:register"), {"project": project.pk, "title": "x"})
    assert refused.status_code == 404


def test_an_address_in_a_knelpunt_is_refused(running):
    project, lead, _partner_user = running
    with pytest.raises(KnelpuntRefused, match="Noem geen adressen"):
        knelpunten.report(lead, project=project, title="Probleem bij 8011 AB 12")


def test_a_stalled_phase_opens_one_knelpunt_and_moving_on_resolves_it(running, coordinator, client_for):
    project, lead, _partner_user = running
    Project.objects.filter(pk=project.pk).update(phase_since=timezone.now() - timedelta(days=400))
    escalation.flag_stalled_projects()
    escalation.flag_stalled_projects()  # the next night: still one
    (knelpunt,) = Knelpunt.objects.filter(project=project)
    assert knelpunt.raised_by is None and knelpunt.level == Level.COORDINATOR
    # The coördinator is told once, by a message of its own kind that links to the knelpunt.
    (told,) = Notification.objects.filter(kind="project_stalled")
    assert told.recipient == coordinator and project.name in told.subject
    assert told.link.endswith(knelpunt.get_absolute_url())
    home = client_for(coordinator).get(reverse("home")).content.decode()
    assert "Open knelpunten" in home and knelpunt.title in home
    project.refresh_from_db()
    lifecycle.close_phase(project, coordinator, "Signalering open")
    escalation.flag_stalled_projects()
    knelpunt.refresh_from_db()
    assert knelpunt.status == Status.SOLVED


def test_the_stuurgroep_report_lists_the_open_knelpunten_by_level_and_age(running, coordinator,
                                                                         steering_member, client_for):
    from lsi.reports import files, jobs

    project, lead, _partner_user = running
    old = knelpunten.report(lead, project=project, title="Geen casustafeldatum")
    Knelpunt.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    high = knelpunten.report(lead, project=project, title="Capaciteit ontbreekt bij alle partners")
    knelpunten.escalate(high, coordinator, "Raakt het programma")
    knelpunten.escalate(Knelpunt.objects.get(pk=high.pk), coordinator, "Naar de stuurgroep")
    solved = knelpunten.report(lead, project=project, title="Al opgelost")
    knelpunten.answer(solved, coordinator, status="opgelost", answer="Geregeld")

    page = client_for(steering_member).get(reverse("reports:steering")).content.decode()
    assert "Open knelpunten (2)" in page
    highest, lowest = "Open knelpunten op niveau Stuurgroep", "Open knelpunten op niveau Coördinator"
    assert page.index(highest) < page.index(lowest)
    assert "Capaciteit ontbreekt bij alle partners" in page and "Al opgelost" not in page
    row = page[page.index("Geen casustafeldatum"):].split("</tr>")[0]
    assert "<td class=\"utrecht-table__cell\">40</td>" in row
    # The PDF is made from the same context.
    job, _created = jobs.request_report(steering_member, "stuurgroep")
    _template, context = files.context_for(job)
    assert context["knelpunten_open"] == 2
