"""The uitvoeringsagenda: drafted by the coördinator, adopted by the stuurgroep, its progress
counted from the projects; a project's theme; what each role reaches."""
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lsi.agenda import agendas, progress
from lsi.agenda.models import Agenda, ProjectTheme, Target
from projects.phases import Phase
from projects.refusals import Refused
from tests.factories import PartnerFactory, UserFactory, project_in_phase

YEAR = timezone.localdate().year


@pytest.fixture
def agenda(base):
    agenda = agendas.create_agenda(base.coordinator, title="Uitvoeringsagenda LSI", first_year=YEAR,
                                   last_year=YEAR + 2, summary="Meer samen, dichter bij de wijk.")
    theme = agendas.add_theme(agenda, base.coordinator, name="Adresfraude",
                              description="Mensen die niet wonen waar zij staan ingeschreven.")
    agendas.add_target(agenda, base.coordinator, year=YEAR, kind=Target.Kind.PROJECTS, number=3,
                       stage="gestart", project_type="gebiedsgericht", region=base.region)
    agendas.add_target(agenda, base.coordinator, year=YEAR, kind=Target.Kind.PROJECTS, number=2,
                       stage="gestart", theme=theme)
    agendas.add_target(agenda, base.coordinator, year=YEAR, kind=Target.Kind.CAPACITY, number=5000)
    agendas.add_risk(agenda, base.coordinator, description="Een partner trekt capaciteit terug.",
                     measures="Vroeg melden; reservecapaciteit afspreken.",
                     escalation_route="coördinator → voorbereidingsgroep → stuurgroep")
    return agenda


def test_progress_counts_the_projects_that_started_this_year_against_the_targets(base, agenda):
    started = project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb], region=base.region)
    project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb], region=base.other_region)
    project_in_phase(Phase.APPROVED, partners=[base.uwv, base.svb], region=base.region)  # not started
    agendas.set_project_theme(started, base.coordinator, agenda.themes.get())
    year = progress.agenda_progress(agenda)["years"][0]
    realised = {row["target"].label: row["realised"] for row in year["rows"]}
    assert realised == {"Gebiedsgericht · RPF Oost-Nederland · gestart": 1, "Adresfraude · gestart": 1,
                        "Capaciteit (uren)": None}
    assert year["totals"] == {"goedgekeurd": 3, "gestart": 2, "afgesloten": 0}


def test_progress_is_a_fixed_number_of_queries_however_many_projects(base, agenda,
                                                                     django_assert_max_num_queries):
    for _n in range(3):
        project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb])
    with django_assert_max_num_queries(8):
        progress.agenda_progress(agenda)


def test_the_stuurgroep_adopts_and_afterwards_a_change_needs_a_reason(base, agenda):
    with pytest.raises(Refused):
        agendas.adopt(agenda, base.coordinator, adopted_on=date.today(), reference="SG-2026-04")
    agendas.adopt(agenda, base.steering_member, adopted_on=date.today(), reference="SG-2026-04")
    agenda.refresh_from_db()
    assert agenda.status == Agenda.Status.ADOPTED and agenda.adopted_reference == "SG-2026-04"
    with pytest.raises(Refused) as refused:
        agendas.add_risk(agenda, base.coordinator, description="Nieuw", measures="M", escalation_route="E")
    assert "reden" in refused.value.message
    assert agenda.risks.count() == 1
    agendas.add_risk(agenda, base.coordinator, description="Nieuw", measures="M", escalation_route="E",
                     reason="Besproken in de stuurgroep van juni")
    assert agenda.risks.last().history.first().history_change_reason == "Besproken in de stuurgroep van juni"


def test_a_target_outside_the_agendas_years_is_refused_with_a_message(base, agenda, client_for):
    response = client_for(base.coordinator).post(reverse("agenda:target_add", args=[agenda.pk]), {
        "target-year": YEAR + 5, "target-kind": "projecten", "target-number": 4, "target-stage": "gestart"})
    assert response.status_code == 400
    assert "Kies een jaar van deze agenda" in response.content.decode()
    assert agenda.targets.count() == 3


@pytest.mark.parametrize("role, status", [
    ("steering_member", 200), ("coordinator", 200), ("projectleider", 404), ("uwv_user", 404),
    ("ind_user", 404), ("privacy_officer", 404)])
def test_the_agenda_page_is_for_the_stuurgroep_and_the_coordinator(base, agenda, client_for, role, status):
    client = client_for(getattr(base, role))
    assert client.get(reverse("agenda:detail", args=[agenda.pk])).status_code == status
    assert client.get(reverse("agenda:list")).status_code == status


def test_the_vng_adviser_does_not_see_the_agenda(base, agenda, client_for):
    adviser = UserFactory(partner=PartnerFactory(code="VNG", kind="adviserend"), vng_adviser=True)
    assert client_for(adviser).get(reverse("agenda:detail", args=[agenda.pk])).status_code == 404


def test_the_stuurgroep_reads_progress_but_cannot_edit_and_the_coordinator_cannot_adopt(
        base, agenda, client_for):
    url = reverse("agenda:detail", args=[agenda.pk])
    steering = client_for(base.steering_member).get(url).content.decode()
    assert "Agenda vaststellen" in steering and "Thema toevoegen" not in steering
    assert "Doelen en resultaat" in steering and "<svg" in steering
    response = client_for(base.steering_member).post(reverse("agenda:theme_add", args=[agenda.pk]), {
        "theme-name": "Horeca", "theme-description": "Werk in de horeca"})
    assert response.status_code == 400 and agenda.themes.count() == 1
    coordinator = client_for(base.coordinator)
    assert "Agenda vaststellen" not in coordinator.get(url).content.decode()
    response = coordinator.post(reverse("agenda:adopt", args=[agenda.pk]), {
        "adopt-adopted_on": date.today().isoformat(), "adopt-reference": "X"})
    assert response.status_code == 400
    agenda.refresh_from_db()
    assert agenda.status == Agenda.Status.CONCEPT


def test_the_stuurgroep_adopts_in_the_browser(base, agenda, client_for):
    response = client_for(base.steering_member).post(reverse("agenda:adopt", args=[agenda.pk]), {
        "adopt-adopted_on": date.today().isoformat(), "adopt-reference": "SG-2026-07"})
    assert response.status_code == 302
    agenda.refresh_from_db()
    assert agenda.is_adopted and agenda.adopted_by == base.steering_member


def test_the_projectleider_chooses_the_theme_and_another_partner_cannot(base, agenda, client_for):
    theme = agenda.themes.get()
    url = reverse("agenda:project_theme", args=[base.project.pk])
    assert client_for(base.ind_user).get(url).status_code == 404
    client_for(base.svb_user).post(url, {"theme": theme.pk})
    assert not ProjectTheme.objects.exists()
    assert client_for(base.projectleider).post(url, {"theme": theme.pk}).status_code == 302
    assert ProjectTheme.objects.get(project=base.project).theme == theme
    page = client_for(base.projectleider).get(base.project.get_absolute_url()).content.decode()
    assert "Adresfraude" in page


def test_the_stuurgroep_report_shows_the_agenda_and_the_lead_times(base, agenda, client_for):
    project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb], region=base.region)
    page = client_for(base.steering_member).get(reverse("reports:steering")).content.decode()
    assert "Uitvoeringsagenda LSI" in page
    assert "Doorlooptijd van concept tot signalering" in page
    rows = progress.lead_times(YEAR)
    assert [(row["type"], row["projects"]) for row in rows] == [("Gebiedsgericht", 1)]


def test_a_theme_that_a_project_names_cannot_be_removed(base, agenda, client_for):
    theme = agenda.themes.get()
    agendas.set_project_theme(base.project, base.projectleider, theme)
    target = agenda.targets.get(theme=theme)
    agendas.remove(target, base.coordinator)
    response = client_for(base.coordinator).post(
        reverse("agenda:part_remove", args=[agenda.pk, "thema", theme.pk]), follow=True)
    assert "nog gekozen door projecten" in response.content.decode()
    assert agenda.themes.filter(pk=theme.pk).exists()


def test_after_adoption_removing_a_part_needs_a_reason_that_the_history_shows(base, agenda, client_for):
    agendas.adopt(agenda, base.steering_member, adopted_on=date.today(), reference="SG-1")
    risk = agenda.risks.get()
    client = client_for(base.coordinator)
    url = reverse("agenda:part_remove", args=[agenda.pk, "risico", risk.pk])
    client.post(url, {"reason": ""})
    assert agenda.risks.filter(pk=risk.pk).exists()
    client.post(url, {"reason": "Risico is weggenomen door nieuwe afspraken"})
    assert not agenda.risks.filter(pk=risk.pk).exists()
    page = client.get(reverse("agenda:detail", args=[agenda.pk])).content.decode()
    assert "Risico is weggenomen door nieuwe afspraken" in page
    # Who removed it, and which part it was, in the same row.
    row = page.split("Risico is weggenomen door nieuwe afspraken")[0].rsplit("<tr>", 1)[1]
    assert str(base.coordinator) in row and "risico: Een partner trekt capaciteit terug." in row


def test_the_period_cannot_shrink_past_its_targets(base, agenda, client_for):
    response = client_for(base.coordinator).post(reverse("agenda:edit", args=[agenda.pk]), {
        "edit-title": "Korter", "edit-first_year": YEAR + 1, "edit-last_year": YEAR + 2})
    assert response.status_code == 400
    assert "buiten deze periode" in response.content.decode()
    agenda.refresh_from_db()
    assert (agenda.title, agenda.first_year) == ("Uitvoeringsagenda LSI", YEAR)


def test_a_theme_cannot_be_chosen_for_a_closed_project(base, agenda):
    closed = project_in_phase(Phase.CLOSED, partners=[base.uwv, base.svb], lead=base.projectleider)
    with pytest.raises(Refused):
        agendas.set_project_theme(closed, base.projectleider, agenda.themes.get())


def test_the_progress_counts_closed_projects_and_completed_evaluations(base, agenda):
    agendas.add_target(agenda, base.coordinator, year=YEAR, kind=Target.Kind.PROJECTS, number=1,
                       stage="afgesloten")
    agendas.add_target(agenda, base.coordinator, year=YEAR, kind=Target.Kind.LEARNING, number=2)
    project_in_phase(Phase.CLOSED, partners=[base.uwv, base.svb])
    year = progress.agenda_progress(agenda)["years"][0]
    realised = {row["target"].label: row["realised"] for row in year["rows"]}
    assert realised["Alle projecten · afgesloten"] == 1
    assert realised["Leeractiviteiten (afgeronde evaluaties)"] == 1


def test_the_page_shows_each_years_chart_with_its_numbers_in_a_table_and_escapes_names(
        base, agenda, client_for):
    theme = agendas.add_theme(agenda, base.coordinator, name="Zorg & <b>welzijn</b>",
                              description="Mensen helpen die hulp mislopen.")
    agendas.add_target(agenda, base.coordinator, year=YEAR, kind=Target.Kind.PROJECTS, number=4,
                       stage="gestart", theme=theme, note="<i>eerst de wijk</i>")
    project = project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb], region=base.region)
    agendas.set_project_theme(project, base.coordinator, theme)
    page = client_for(base.steering_member).get(reverse("agenda:detail", args=[agenda.pk])).content.decode()
    assert "<b>welzijn</b>" not in page and "<i>eerst" not in page
    escaped = "Zorg &amp; &lt;b&gt;welzijn&lt;/b&gt; · gestart"
    # The chart of the year and, beside it, a table with the target, its number and the result.
    chart_table = page.split(f"Doelen en resultaat {YEAR} (tabel)</caption>")[1].split("</table>")[0]
    assert (f'<th scope="row" class="utrecht-table__header-cell">{escaped}</th>'
            '<td class="utrecht-table__cell">4</td><td class="utrecht-table__cell">1</td>') in chart_table
    every_target = page.split(f"Alle doelen van {YEAR}</caption>")[1].split("</table>")[0]
    assert "(&lt;i&gt;eerst de wijk&lt;/i&gt;)</span>" in every_target
    assert '<td class="utrecht-table__cell">25%</td>' in every_target
    assert "streefcijfer (niet geteld)" in every_target  # the capacity target is a plain figure
    per_theme = page.split("Per thema</caption>")[1].split("</table>")[0]
    assert "Zorg &amp; &lt;b&gt;welzijn&lt;/b&gt;" in per_theme


def test_each_target_on_the_coordinators_page_has_a_remove_form_that_removes_that_target(
        base, agenda, client_for):
    agendas.adopt(agenda, base.steering_member, adopted_on=date.today(), reference="SG-2")
    target = agenda.targets.get(kind=Target.Kind.CAPACITY)
    client = client_for(base.coordinator)
    page = client.get(reverse("agenda:detail", args=[agenda.pk])).content.decode()
    forms = re.findall(r'<li>(\d{4}: [^<]*) <form method="post" novalidate action="([^"]+)"'
                       r'.*?name="csrfmiddlewaretoken" value="([^"]+)".*?for="reason-doel-(\d+)"'
                       r'.*?<button[^>]*>([^<]+)</button></form></li>', page)
    assert len(forms) == agenda.targets.count() == 3
    text, action, token, pk, button = next(form for form in forms if form[3] == str(target.pk))
    assert text == f"{YEAR}: Capaciteit (uren) – 5000" and button == f"{YEAR}: Capaciteit (uren) verwijderen"
    client.post(action, {"csrfmiddlewaretoken": token, "reason": "Capaciteit staat in de toezeggingen"})
    assert not agenda.targets.filter(pk=target.pk).exists() and agenda.targets.count() == 2
    steering = client_for(base.steering_member).get(reverse("agenda:detail", args=[agenda.pk]))
    assert "reason-doel-" not in steering.content.decode()  # it reads the targets in the progress
