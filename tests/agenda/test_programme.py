"""The VNG-adviser's view of the gebiedsgerichte plans, and the interesseverkenning: a partner
answers with a count of addresses, never the addresses."""
import pytest
from django.urls import reverse

from lsi.agenda import interest
from lsi.agenda.models import InterestQuestion
from projects.phases import Phase
from projects.refusals import Refused
from tests.factories import PartnerFactory, UserFactory, project_in_phase


@pytest.fixture
def adviser(db):
    return UserFactory(username="vng", partner=PartnerFactory(code="VNG", name="VNG", kind="adviserend"),
                       vng_adviser=True)


def test_the_vng_adviser_reads_the_area_based_plans_and_their_status_only(base, adviser, client_for):
    area = base.project
    kip = project_in_phase(Phase.CONCEPT, project_type="kip", format="afwijkend", name="Kennisplatform X")
    client = client_for(adviser)
    page = client.get(reverse("agenda:area_plans"))
    assert page.status_code == 200
    text = page.content.decode()
    assert area.name in text and "Concept" in text and kip.name not in text
    # Nothing else of a project: its page, its report and its signals stay closed.
    assert client.get(area.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:project", args=[area.pk])).status_code == 404
    assert client.get(reverse("signals:list", args=[area.pk])).status_code == 404
    assert client.post(reverse("agenda:area_plans")).status_code == 405


@pytest.mark.parametrize("role, status", [
    ("steering_member", 200), ("coordinator", 200), ("projectleider", 404), ("uwv_user", 404),
    ("privacy_officer", 404)])
def test_the_plan_overview_per_role(base, client_for, role, status):
    base.project  # noqa: B018 - one area-based plan exists
    assert client_for(getattr(base, role)).get(reverse("agenda:area_plans")).status_code == status


def test_the_projectleider_asks_and_each_partner_answers_with_a_count(base, client_for):
    project, lead = base.project, base.projectleider
    response = client_for(lead).post(reverse("agenda:interest", args=[project.pk]), {
        "partners": [base.ind.pk], "message": "Hoeveel adressen in 8011-8017 kent u?"})
    assert response.status_code == 302
    question = InterestQuestion.objects.get(project=project, partner=base.ind)
    answer_url = reverse("agenda:interest_answer", args=[question.pk])
    # Another partner does not see the question; the partner asked does, and answers.
    assert client_for(base.svb_user).get(answer_url).status_code == 404
    ind = client_for(base.ind_user)
    assert project.name in ind.get(reverse("agenda:interest_inbox")).content.decode()
    assert ind.post(answer_url, {"address_count": "37"}).status_code == 302
    question.refresh_from_db()
    assert (question.status, question.address_count) == ("beantwoord", 37)
    assert question.answered_by == base.ind_user
    survey = client_for(lead).get(reverse("agenda:interest", args=[project.pk])).content.decode()
    assert "37" in survey
    assert [h.history_change_reason for h in question.history.order_by("history_date")] == [
        "Interesseverkenning gevraagd", "Interesseverkenning beantwoord"]


def test_a_partner_may_decline_and_the_projectleider_may_ask_again(base):
    question, = interest.ask(base.project, base.projectleider, partners=[base.ind])
    interest.answer(question, base.ind_user, address_count=None, decline=True, reason="Geen capaciteit")
    question.refresh_from_db()
    assert question.status == "afgeslagen" and question.address_count is None
    interest.ask(base.project, base.projectleider, partners=[base.ind])
    question.refresh_from_db()
    assert question.status == "open"


def test_an_answer_without_a_count_or_with_an_address_is_refused(base, client_for):
    question, = interest.ask(base.project, base.projectleider, partners=[base.ind])
    response = client_for(base.ind_user).post(reverse("agenda:interest_answer", args=[question.pk]), {
        "address_count": "", "reason": ""})
    assert response.status_code == 400 and "Geef het aantal adressen" in response.content.decode()
    with pytest.raises(Refused):
        interest.ask(base.project, base.projectleider, partners=[base.uwv], message="Kent u 8011 AB 12?")
    assert not InterestQuestion.objects.filter(partner=base.uwv).exists()


def test_only_the_projectleider_asks_and_only_while_the_plan_is_made(base, client_for):
    project = base.project
    assert client_for(base.uwv_user).get(reverse("agenda:interest", args=[project.pk])).status_code == 404
    assert client_for(base.ind_user).get(reverse("agenda:interest", args=[project.pk])).status_code == 404
    steering = client_for(base.steering_member)
    assert steering.get(reverse("agenda:interest", args=[project.pk])).status_code == 200
    steering.post(reverse("agenda:interest", args=[project.pk]), {"partners": [base.ind.pk]})
    assert not InterestQuestion.objects.exists()
    running = project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb], lead=base.projectleider)
    with pytest.raises(Refused):
        interest.ask(running, base.projectleider, partners=[base.ind])


def test_the_stuurgroep_report_pdf_holds_the_agenda_section(base):
    from lsi.agenda import agendas
    from lsi.reports import files, jobs

    agendas.create_agenda(base.coordinator, title="Agenda in de PDF", first_year=2020, last_year=2029)
    job, _created = jobs.request_report(base.steering_member, "stuurgroep")
    template, context = files.context_for(job)
    assert "agenda/_steering_section.html" in context["steering_sections"]
    assert context["agenda_section"]["agenda"].title == "Agenda in de PDF"
