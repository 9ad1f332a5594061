"""Capacity: pledges, load, partners agreeing to plans, warnings, the capacity pages per role,
suspensions. Each page is tried by a user of another partner too."""
import subprocess
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from lsi.capacity import figures, pledges, suspensions
from lsi.capacity.load import load
from lsi.capacity.models import CapacityPledge
from lsi.capacity.quarters import Quarter, of_year
from lsi.reports import figures as report_figures
from lsi.reports import files, jobs
from projects import agreement, lifecycle, plans
from projects.lifecycle import TransitionError
from projects.models import Participation
from projects.phases import Phase
from projects.refusals import Refused
from tests.factories import PartnerFactory, UserFactory, coordinator_user, project_in_phase, walk

YEAR = 2025
Q1, Q2 = Quarter(YEAR, 1), Quarter(YEAR, 2)


def plan_dates(first: date, last: date) -> dict:
    step = (last - first) / 3
    return {"start_date": first, "intake_deadline": first + step, "case_table_date": first + 2 * step,
            "planned_end": last, "control_dates": ""}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- load ---------------------------------------------------------------------------------------

def test_committed_hours_are_spread_over_the_quarters_of_the_period(db):
    uwv, other = PartnerFactory(), PartnerFactory()
    # 1 Jan – 30 Jun 2025: 90 days in Q1, 91 in Q2.
    project = project_in_phase(Phase.INTAKE, partners=[uwv, other],
                               **plan_dates(date(YEAR, 1, 1), date(YEAR, 6, 30)))
    project.participations.filter(partner=uwv).update(capacity_hours=181)

    found = load(of_year(YEAR), partner_ids=[uwv.pk])

    assert round(found.committed[(uwv.pk, Q1)]) == 90
    assert round(found.committed[(uwv.pk, Q2)]) == 91
    assert (uwv.pk, Quarter(YEAR, 3)) not in found.committed


def test_on_hold_counts_as_frozen_and_concept_and_cancelled_not_at_all(db):
    uwv, other = PartnerFactory(), PartnerFactory()
    dates = plan_dates(date(YEAR, 1, 1), date(YEAR, 3, 31))
    held = project_in_phase(Phase.ON_HOLD, partners=[uwv, other], **dates)
    project_in_phase(Phase.CONCEPT, partners=[uwv, other], **dates)
    project_in_phase(Phase.CANCELLED, partners=[uwv, other], **dates)
    held.participations.update(capacity_hours=40)

    found = load([Q1], partner_ids=[uwv.pk])

    assert found.of(uwv.pk, Q1)[0] == 0  # committed
    assert round(found.of(uwv.pk, Q1)[1]) == 40  # frozen


def test_realised_hours_recorded_at_afronding_count_as_realised(db):
    uwv, other = PartnerFactory(), PartnerFactory()
    project = project_in_phase(Phase.COMPLETION, partners=[uwv, other],
                               **plan_dates(date(YEAR, 1, 1), date(YEAR, 3, 31)))
    participation = project.participations.get(partner=uwv)

    plans.record_realised_hours(participation, coordinator_user(), 33)

    assert round(load([Q1], partner_ids=[uwv.pk]).realised[(uwv.pk, Q1)]) == 33
    assert participation.history.first().history_change_reason == "Gerealiseerde uren vastgelegd"


def test_realised_hours_are_refused_before_afronding(db):
    project = project_in_phase(Phase.INTAKE)
    with pytest.raises(TransitionError, match="afronding"):
        plans.record_realised_hours(project.participations.first(), coordinator_user(), 10)


# --- pledges --------------------------------------------------------------------------------------

def test_a_quarter_pledge_counts_for_its_quarter_and_a_year_pledge_a_quarter_each(base):
    pledges.set_pledge(base.coordinator, partner=base.uwv, year=YEAR, quarter=None, hours=400)
    pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=2, hours=30)

    found = figures.pledged(of_year(YEAR), [base.uwv.pk])

    assert found[(base.uwv.pk, Q1)] == 100 and found[(base.uwv.pk, Q2)] == 30


def test_a_second_pledge_for_the_same_period_changes_the_first_and_keeps_history(base):
    pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=None, hours=400)
    pledge = pledges.set_pledge(base.coordinator, partner=base.uwv, year=YEAR, quarter=None, hours=300,
                                reason="Jaarplan vastgesteld")

    assert CapacityPledge.objects.count() == 1
    assert [h.hours for h in pledge.history.all()] == [300, 400]
    assert pledge.history.first().history_user == base.coordinator
    assert pledge.history.first().history_change_reason == "Jaarplan vastgesteld"


def test_a_partner_cannot_pledge_for_another_partner_nor_the_stuurgroep_at_all(base):
    with pytest.raises(Refused):
        pledges.set_pledge(base.svb_user, partner=base.uwv, year=YEAR, quarter=None, hours=1)
    with pytest.raises(Refused):
        pledges.set_pledge(base.steering_member, partner=base.uwv, year=YEAR, quarter=None, hours=1)
    assert not CapacityPledge.objects.exists()


def test_pledges_are_visible_to_their_own_partner_the_stuurgroep_and_the_coordinator(base):
    own = pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=None, hours=400)
    other = pledges.set_pledge(base.svb_user, partner=base.svb, year=YEAR, quarter=None, hours=200)

    assert set(CapacityPledge.objects.visible_to(base.uwv_user)) == {own}
    assert set(CapacityPledge.objects.visible_to(base.steering_member)) == {own, other}
    assert set(CapacityPledge.objects.visible_to(base.coordinator)) == {own, other}
    assert not CapacityPledge.objects.visible_to(base.privacy_officer).exists()
    # The projectleider is a partner user: only the gemeente's own pledges.
    assert not CapacityPledge.objects.visible_to(base.projectleider).exists()


def test_a_partner_user_enters_its_own_pledge_in_the_browser(base, client_for):
    browser = client_for(base.uwv_user)
    assert "partner" not in browser.get(reverse("capacity:pledges")).context["form"].fields

    response = browser.post(reverse("capacity:pledges"), {
        "year": YEAR, "quarter": "2", "hours": "120", "expertise": "Sociaal rechercheurs"}, follow=True)

    assert "De toezegging van Uitvoeringsinstituut Werknemersverzekeringen voor 2025 K2 is vastgelegd." \
        in messages_of(response)
    assert CapacityPledge.objects.get().partner == base.uwv


def test_bad_pledge_input_gets_a_dutch_message_and_stores_nothing(base, client_for):
    response = client_for(base.coordinator).post(reverse("capacity:pledges"), {
        "partner": base.uwv.pk, "year": YEAR, "hours": "veel"})

    assert response.status_code == 200
    assert "een geheel getal in" in response.content.decode()
    assert response.context["page_has_errors"]
    assert not CapacityPledge.objects.exists()


def test_a_user_of_another_partner_gets_a_404_on_a_pledge(base, client_for):
    pledge = pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=None, hours=400,
                                expertise="UWV-eigen expertise")
    url = reverse("capacity:pledge", args=[pledge.pk])

    assert client_for(base.svb_user).get(url).status_code == 404
    assert client_for(base.privacy_officer).get(url).status_code == 404
    assert client_for(base.uwv_user).get(url).status_code == 200
    assert client_for(base.steering_member).get(url).status_code == 200
    other_list = client_for(base.svb_user).get(reverse("capacity:pledges")).content.decode()
    assert "UWV-eigen expertise" not in other_list


def test_the_stuurgroep_reads_pledges_but_has_no_form(base, client_for):
    browser = client_for(base.steering_member)
    assert browser.get(reverse("capacity:pledges")).context["form"] is None
    assert browser.post(reverse("capacity:pledges"), {"year": YEAR, "hours": 1}).status_code == 404


def test_a_partner_user_deletes_its_own_pledge_after_confirming_with_a_reason(base, client_for):
    pledge = pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=None, hours=400)
    browser = client_for(base.uwv_user)
    detail = browser.get(reverse("capacity:pledge", args=[pledge.pk])).content.decode()
    assert "Deze toezegging verwijderen" in detail
    url = reverse("capacity:pledge_delete", args=[pledge.pk])
    confirm = browser.get(url)
    assert confirm.status_code == 200 and "Toezegging verwijderen" in confirm.content.decode()
    assert CapacityPledge.objects.filter(pk=pledge.pk).exists()  # asking is not deleting

    without_reason = browser.post(url, {"reason": "  "})
    assert without_reason.status_code == 400
    assert "Geef de reden van het verwijderen op." in without_reason.content.decode()
    assert CapacityPledge.objects.filter(pk=pledge.pk).exists()

    response = browser.post(url, {"reason": "Dubbel ingevoerd"}, follow=True)
    assert messages_of(response) == [
        "De toezegging van Uitvoeringsinstituut Werknemersverzekeringen voor 2025 is verwijderd."]
    assert not CapacityPledge.objects.filter(pk=pledge.pk).exists()
    assert figures.pledged(of_year(YEAR), [base.uwv.pk]) == {}
    deleted = CapacityPledge.history.get(id=pledge.pk, history_type="-")
    assert deleted.history_user == base.uwv_user and deleted.history_change_reason == "Dubbel ingevoerd"
    # The list shows who deleted it, and why.
    page = response.content.decode()
    assert "Verwijderde toezeggingen" in page and "Dubbel ingevoerd" in page


def test_the_coordinator_may_delete_any_pledge_but_not_the_stuurgroep(base, client_for):
    pledge = pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=2, hours=40)
    url = reverse("capacity:pledge_delete", args=[pledge.pk])
    assert client_for(base.steering_member).get(url).status_code == 404
    assert client_for(base.steering_member).post(url, {"reason": "Weg"}).status_code == 404
    with pytest.raises(Refused):
        pledges.delete_pledge(base.steering_member, pledge, "Weg")
    assert "Deze toezegging verwijderen" not in client_for(base.steering_member).get(
        reverse("capacity:pledge", args=[pledge.pk])).content.decode()
    assert client_for(base.coordinator).post(url, {"reason": "Afspraak vervallen"}).status_code == 302
    assert not CapacityPledge.objects.filter(pk=pledge.pk).exists()


def test_a_user_of_another_partner_gets_a_404_on_deleting_a_pledge_and_sees_no_deletion(
        base, client_for):
    pledge = pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=None, hours=400)
    url = reverse("capacity:pledge_delete", args=[pledge.pk])
    other = client_for(base.svb_user)
    assert other.get(url).status_code == 404
    assert other.post(url, {"reason": "Niet van ons"}).status_code == 404
    with pytest.raises(Refused):
        pledges.delete_pledge(base.svb_user, pledge, "Niet van ons")
    assert CapacityPledge.objects.filter(pk=pledge.pk).exists()
    pledges.delete_pledge(base.uwv_user, pledge, "Geheim: UWV herziet zijn inzet")
    assert "UWV herziet" not in other.get(reverse("capacity:pledges")).content.decode()


# --- the capacity page ---------------------------------------------------------------------------

@pytest.fixture
def over_committed(base):
    """UWV pledged 40 hours for 2025 Q1, and a project in signalering commits 90 there."""
    pledges.set_pledge(base.coordinator, partner=base.uwv, year=YEAR, quarter=1, hours=40)
    pledges.set_pledge(base.coordinator, partner=base.svb, year=YEAR, quarter=1, hours=500)
    project = project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb],
                               **plan_dates(date(YEAR, 1, 1), date(YEAR, 3, 31)))
    project.participations.filter(partner=base.uwv).update(capacity_hours=90)
    project.participations.filter(partner=base.svb).update(capacity_hours=10)
    return project


def test_the_stuurgroep_sees_every_partner_with_the_over_committed_quarter_highlighted(
        base, client_for, over_committed):
    response = client_for(base.steering_member).get(reverse("capacity:overview"),
                                                    {"first_year": YEAR, "years": 1})
    page = response.content.decode()
    rows = {row["partner"].code: row for row in response.context["grid"]["rows"]}

    assert set(rows) >= {"UWV", "SVB"}
    assert rows["UWV"]["cells"][0].over and not rows["SVB"]["cells"][0].over
    assert "overbelast" in page and "lsi-over" in page
    assert round(rows["UWV"]["cells"][0].free) == -50
    assert "(tabel)" in page  # the chart has its table beside it


def test_a_partner_user_sees_only_its_own_row(base, client_for, over_committed):
    response = client_for(base.svb_user).get(reverse("capacity:overview"), {"first_year": YEAR, "years": 1})

    assert [row["partner"].code for row in response.context["grid"]["rows"]] == ["SVB"]
    assert "Uitvoeringsinstituut" not in response.content.decode()


def test_the_privacy_officer_gets_a_404_on_the_capacity_pages(base, client_for):
    browser = client_for(base.privacy_officer)
    for name in ("capacity:overview", "capacity:pledges", "capacity:suspensions"):
        assert browser.get(reverse(name)).status_code == 404


def test_the_projectleider_sees_the_free_capacity_of_the_plans_partners_only(base, client_for):
    project = base.project
    pledges.set_pledge(base.coordinator, partner=base.uwv, year=project.start_date.year, quarter=None,
                       hours=4000)
    url = reverse("capacity:plan", args=[project.pk])

    response = client_for(base.projectleider).get(url)

    assert response.status_code == 200
    free = {row["participation"].partner.code: row["free"] for row in response.context["rows"]}
    assert free["UWV"] > 0 and free["SVB"] is None
    assert client_for(base.uwv_user).get(url).status_code == 404  # a partner of the plan, not its lead
    assert client_for(base.ind_user).get(url).status_code == 404
    assert client_for(base.steering_member).get(url).status_code == 200


# --- partners agree ------------------------------------------------------------------------------

def test_a_plan_cannot_be_submitted_before_every_partner_agreed(base):
    project = base.project
    plans.set_participation(project, base.projectleider, partner=base.uwv, capacity_hours=150,
                            categories=[base.categories["uitkeringsfraude"]])

    with pytest.raises(TransitionError, match="Uitvoeringsinstituut"):
        lifecycle.submit(project, base.projectleider)

    agreement.accept(project.participations.get(partner=base.uwv), base.uwv_user)
    lifecycle.submit(project, base.projectleider)
    project.refresh_from_db()
    assert project.phase == Phase.SUBMITTED


def test_a_partner_declines_with_a_reason_kept_in_the_history(base, client_for):
    project = base.project
    plans.set_participation(project, base.projectleider, partner=base.uwv, capacity_hours=500,
                            categories=[])
    browser = client_for(base.uwv_user)

    refused = browser.post(reverse("projects:agreement", args=[project.pk]), {"answer": "afgewezen"},
                           follow=True)
    assert "Geef een reden op waarom uw organisatie niet akkoord gaat." in messages_of(refused)
    browser.post(reverse("projects:agreement", args=[project.pk]),
                 {"answer": "afgewezen", "reason": "500 uur past niet in ons jaarplan"})

    participation = project.participations.get(partner=base.uwv)
    assert participation.agreement == Participation.Agreement.DECLINED
    assert participation.history.first().history_change_reason == "500 uur past niet in ons jaarplan"
    assert participation.history.first().history_user == base.uwv_user
    page = client_for(base.projectleider).get(project.get_absolute_url()).content.decode()
    assert "500 uur past niet in ons jaarplan" in page


def test_a_user_of_a_partner_outside_the_plan_cannot_answer(base, client_for):
    response = client_for(base.ind_user).post(reverse("projects:agreement", args=[base.project.pk]),
                                              {"answer": "akkoord"})
    assert response.status_code == 404


def test_a_changed_proposal_asks_the_partner_again(base):
    project = base.project
    assert project.participations.get(partner=base.uwv).is_accepted
    plans.set_participation(project, base.projectleider, partner=base.uwv, capacity_hours=999,
                            categories=[base.categories["uitkeringsfraude"]])
    assert project.participations.get(partner=base.uwv).agreement == Participation.Agreement.PROPOSED


# --- warnings --------------------------------------------------------------------------------------

def test_submit_warns_about_an_over_committed_quarter_but_still_submits(base, client_for):
    uwv_user, svb_user = base.uwv_user, base.svb_user
    project = project_in_phase(Phase.CONCEPT, partners=[base.uwv, base.svb], lead=base.projectleider,
                               **plan_dates(date(YEAR, 1, 1), date(YEAR, 3, 31)))
    project.participations.filter(partner=base.uwv).update(capacity_hours=90)
    pledges.set_pledge(base.coordinator, partner=base.uwv, year=YEAR, quarter=1, hours=40)

    response = client_for(base.projectleider).post(reverse("projects:submit", args=[project.pk]),
                                                   follow=True)

    shown = messages_of(response)
    assert shown[0] == "Het plan is ingediend."
    assert any("in 2025 K1 past dit plan niet in de toegezegde capaciteit (vrij zonder dit plan: 40 uur, "
               "dit plan: 90 uur)" in m for m in shown)
    assert any("Sociale Verzekeringsbank heeft geen capaciteit toegezegd voor 2025 K1." in m for m in shown)
    project.refresh_from_db()
    assert project.phase == Phase.SUBMITTED
    # A partner's users read only the warning about their own partner.
    svb_page = client_for(svb_user).get(project.get_absolute_url()).content.decode()
    assert "Sociale Verzekeringsbank heeft geen capaciteit" in svb_page
    assert "vrij zonder dit plan: 40 uur" not in svb_page
    uwv_page = client_for(uwv_user).get(project.get_absolute_url()).content.decode()
    assert "vrij zonder dit plan: 40 uur" in uwv_page


def test_the_bodys_decision_shows_the_warnings(base, client_for):
    project = project_in_phase(Phase.SUBMITTED, partners=[base.uwv, base.svb], deviating=True,
                               lead=base.projectleider)
    page = client_for(base.steering_member).get(project.get_absolute_url()).content.decode()
    assert "Besluit over het plan vastleggen" in page
    assert "heeft geen capaciteit toegezegd" in page


# --- warnings in the project's own reports ----------------------------------------------------------

@pytest.fixture
def over_committed_plan(base):
    """A plan in signalering: UWV's 90 hours in 2025 K1 against a pledge of 40, SVB without any."""
    project = project_in_phase(Phase.INTAKE, partners=[base.uwv, base.svb], lead=base.projectleider,
                               **plan_dates(date(YEAR, 1, 1), date(YEAR, 3, 31)))
    project.participations.filter(partner=base.uwv).update(capacity_hours=90)
    pledges.set_pledge(base.coordinator, partner=base.uwv, year=YEAR, quarter=1, hours=40)
    return project


UWV_OVER = "in 2025 K1 past dit plan niet in de toegezegde capaciteit (vrij zonder dit plan: 40 uur"
SVB_NONE = "Sociale Verzekeringsbank heeft geen capaciteit toegezegd voor 2025 K1."


@pytest.mark.parametrize("who", ["projectleider", "coordinator", "steering_member"])
def test_the_voortgangsrapportage_shows_the_capacity_warnings_to_who_sees_the_whole_plan(
        base, client_for, over_committed_plan, who):
    page = client_for(getattr(base, who)).get(
        reverse("reports:project", args=[over_committed_plan.pk])).content.decode()
    assert "Waarschuwingen bij het plan" in page
    assert UWV_OVER in page and SVB_NONE in page


def test_a_partner_reads_the_report_without_any_warning_nor_another_partners_pledge(
        base, client_for, over_committed_plan):
    url = reverse("reports:project", args=[over_committed_plan.pk])
    for user in (base.svb_user, base.uwv_user):
        response = client_for(user).get(url)
        assert response.status_code == 200  # the report itself is theirs to read
        page = response.content.decode()
        assert "Waarschuwingen bij het plan" not in page
        assert "vrij zonder dit plan" not in page and "geen capaciteit toegezegd" not in page
    assert client_for(base.ind_user).get(url).status_code == 404  # a partner outside the plan


def test_the_pdf_with_the_warnings_is_for_who_sees_the_whole_plan_only(base, client_for, over_committed_plan):
    lead_job, _created = jobs.request_report(base.projectleider, "voortgang", project=over_committed_plan)
    partner_job, created = jobs.request_report(base.svb_user, "voortgang", project=over_committed_plan)
    assert created and lead_job.whole_plan and not partner_job.whole_plan
    # The HTML each PDF is made of.
    template, context = files.context_for(lead_job)
    lead_pdf = render_to_string(template, context)
    assert UWV_OVER in lead_pdf and SVB_NONE in lead_pdf
    template, context = files.context_for(partner_job)
    partner_pdf = render_to_string(template, context)
    assert "vrij zonder dit plan" not in partner_pdf and "Waarschuwingen bij het plan" not in partner_pdf
    # The partner can neither follow nor download the projectleider's version.
    svb = client_for(base.svb_user)
    assert svb.get(reverse("reports:job_status", args=[lead_job.pk])).status_code == 404
    assert svb.get(reverse("reports:job_download", args=[lead_job.pk])).status_code == 404
    assert svb.get(reverse("reports:job_status", args=[partner_job.pk])).status_code == 200
    # The stuurgroep may have the projectleider's version.
    assert client_for(base.steering_member).get(
        reverse("reports:job_status", args=[lead_job.pk])).status_code == 200
    # And the PDF itself says it.
    files.make_report(lead_job.pk)
    lead_job.refresh_from_db()
    text = subprocess.run(["pdftotext", "-", "-"], input=lead_job.read_file(), capture_output=True,
                          check=True).stdout.decode()
    assert "Waarschuwingen bij het plan" in text and "geen capaciteit toegezegd" in " ".join(text.split())


# --- suspensions -----------------------------------------------------------------------------------

def test_the_coordinator_records_a_suspension_and_the_stuurgroep_sees_the_projects_it_touches(
        base, client_for):
    project = base.project
    walk(project, Phase.APPROVED)
    response = client_for(base.coordinator).post(reverse("capacity:suspensions"), {
        "partner": base.uwv.pk, "starts_on": "2026-01-15", "reason": "Herijking van de inzet"}, follow=True)
    assert "De opschorting van Uitvoeringsinstituut Werknemersverzekeringen is vastgelegd." \
        in messages_of(response)

    steering = client_for(base.steering_member)
    report = steering.get(reverse("reports:steering")).content.decode()
    assert "al het LSI-werk opgeschort sinds" in report and project.name in report
    suspension = base.uwv.suspensions.get()
    detail = steering.get(reverse("capacity:suspension", args=[suspension.pk]))
    assert project in list(detail.context["projects"])
    assert detail.context["form"] is None  # the stuurgroep reads, the coördinator records
    other = client_for(base.svb_user).get(reverse("capacity:suspension", args=[suspension.pk]))
    assert other.status_code == 404
    assert any("opgeschort" in w for _p, w in figures.plan_warnings(project))


def test_a_suspension_needs_a_reason_and_only_the_coordinator_records_it(base, client_for):
    response = client_for(base.coordinator).post(reverse("capacity:suspensions"), {
        "partner": base.uwv.pk, "starts_on": "2026-01-15", "reason": ""})
    assert "Geef de reden van de opschorting op." in response.content.decode()
    with pytest.raises(Refused):
        suspensions.suspend(base.steering_member, partner=base.uwv, starts_on=date(2026, 1, 1), reason="x")
    assert client_for(base.uwv_user).post(reverse("capacity:suspensions"), {}).status_code == 404


# --- the stuurgroep report -------------------------------------------------------------------------

def test_the_stuurgroep_report_has_the_capacity_section_with_pledged_and_over_committed(
        base, over_committed):
    report = report_figures.steering_report(YEAR)
    rows = {row["partner"].code: row for row in report["capacity_grid"]["rows"]}
    assert rows["UWV"]["cells"][0].over
    assert "capacity/_steering_section.html" in report["steering_sections"]


def test_another_partners_pledge_never_shows_to_a_partner_on_any_capacity_page(base, client_for):
    marker = "UWVBEDRIJFSGEHEIM"
    pledges.set_pledge(base.uwv_user, partner=base.uwv, year=YEAR, quarter=None, hours=4321, expertise=marker)
    browser = client_for(base.svb_user)
    for url in (reverse("capacity:overview") + f"?first_year={YEAR}", reverse("capacity:pledges"),
                reverse("capacity:suspensions")):
        page = browser.get(url).content.decode()
        assert marker not in page and "4321" not in page and "1080" not in page


def test_a_partner_user_may_pledge_for_its_own_partner_only(db):
    uwv = PartnerFactory()
    user = UserFactory(partner=uwv)
    assert pledges.pledge_problem(user, uwv) is None
    assert pledges.pledge_problem(user, PartnerFactory()) is not None
