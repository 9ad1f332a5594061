"""Control assignments, their results, the debriefing, the zorgmelding kept apart, and closing
the casustafel and the execution through the lifecycle."""
import pytest
from django.urls import reverse

from casetable import closing, controls, debriefing
from casetable.errors import CaseTableError
from casetable.models import Assignment, CareReferral, CaseItem, Intervention
from projects.models import AccessLogEntry, Partner, PhaseTransition, Project, User
from tests.casetable.conftest import carried_out, decided_visit, to_case_table, to_execution


@pytest.fixture(scope="module")
def visit_pk(case_world, django_db_blocker) -> int:
    """A huisbezoek by the duo UWV + SVB, the casustafel closed: phase uitvoering. Built once for
    the module; every test starts from it in its own savepoint."""
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
    return CaseItem.objects.select_related("project", "decision").get(pk=visit_pk)


def assignment_of(item, partner):
    return Assignment.objects.get(item=item, partner=partner, status="open")


# ---- what a partner's users see -----------------------------------------------------------------

def test_partner_users_see_only_their_own_assignments(visit, uwv, svb, uwv_user, client_for):
    own, others = assignment_of(visit, uwv), assignment_of(visit, svb)
    client = client_for(uwv_user)
    listing = client.get(reverse("casetable:assignments", args=[visit.project_id])).content.decode()
    assert own.get_absolute_url() in listing and others.get_absolute_url() not in listing
    assert client.get(others.get_absolute_url()).status_code == 404
    assert set(Assignment.objects.visible_to(uwv_user)) == {own}


def test_partner_users_see_address_action_date_and_duo_partner_and_nothing_else(
        visit, uwv, uwv_user, client_for):
    html = client_for(uwv_user).get(assignment_of(visit, uwv).get_absolute_url()).content.decode()
    for shown in (visit.address_display, "Huisbezoek", "Sociale Verzekeringsbank"):
        assert shown in html
    decision = visit.decision
    for hidden in (decision.subsidiarity, decision.proportionality, decision.reasonable_ground,
                   "Postretour van beschikking", "SVB-1", "Onderbouwing nagelopen", "Beide partners zien"):
        assert hidden not in html
    for name in ("casetable:item", "casetable:dossier"):
        assert client_for(uwv_user).get(reverse(name, args=[visit.pk])).status_code == 404


def test_a_participating_partner_without_assignments_sees_none(visit, gemeente_user, client_for):
    html = client_for(gemeente_user).get(reverse("casetable:assignments", args=[visit.project_id]))
    assert html.status_code == 200 and visit.address_display not in html.content.decode()


# ---- recording the control -------------------------------------------------------------------------

def test_the_partner_records_a_home_visit_only_with_consent(visit, uwv, uwv_user):
    assignment = assignment_of(visit, uwv)
    with pytest.raises(CaseTableError, match="toestemming") as refused:
        controls.record_result(assignment, uwv_user, result="uitgevoerd", rights_informed=True,
                               consent=False, findings="Binnen geweest")
    assert refused.value.field == "consent"
    with pytest.raises(CaseTableError, match="rechten"):
        controls.record_result(assignment, uwv_user, result="uitgevoerd", rights_informed=False,
                               consent=True, findings="Binnen geweest")
    carried_out(assignment, uwv_user)
    assignment.refresh_from_db()
    assert (assignment.result, assignment.consent, assignment.result_by) == ("uitgevoerd", True, uwv_user)


def test_not_carried_out_needs_a_reason(visit, uwv, uwv_user):
    assignment = assignment_of(visit, uwv)
    with pytest.raises(CaseTableError, match="reden"):
        controls.record_result(assignment, uwv_user, result="niet_uitgevoerd")
    controls.record_result(assignment, uwv_user, result="niet_uitgevoerd", result_reason="Ziekte")
    controls.record_result(assignment, uwv_user, result="niemand_thuis")
    assert assignment.history.count() == 3  # created, then two results kept in history


def test_no_consent_is_recorded_as_such(visit, svb, svb_user, client_for):
    assignment = assignment_of(visit, svb)
    response = client_for(svb_user).post(assignment.get_absolute_url(), {
        "result": "geen_toestemming", "rights_informed": "ja"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.result, assignment.consent) == ("geen_toestemming", False)


def test_another_partner_cannot_record_the_control(visit, svb, uwv_user, client_for):
    assignment = assignment_of(visit, svb)
    response = client_for(uwv_user).post(assignment.get_absolute_url(), {"result": "niemand_thuis"})
    assert response.status_code == 404
    with pytest.raises(CaseTableError):
        controls.record_result(assignment, uwv_user, result="niemand_thuis")


def test_a_refused_result_shows_its_message_on_the_field(visit, uwv, uwv_user, client_for):
    response = client_for(uwv_user).post(assignment_of(visit, uwv).get_absolute_url(), {
        "result": "uitgevoerd", "rights_informed": "ja", "consent": "nee", "findings": "x"})
    assert response.status_code == 200 and 'id="result_consent_error"' in response.content.decode()


# ---- debriefing ----------------------------------------------------------------------------------------

def test_debriefing_waits_for_the_results(visit, lead, uwv):
    with pytest.raises(CaseTableError, match="uitkomst van elke controle"):
        debriefing.add_intervention(visit, lead, kind="brp_correctie")


@pytest.fixture
def debriefable(visit, uwv, svb, uwv_user, svb_user):
    carried_out(assignment_of(visit, uwv), uwv_user)
    carried_out(assignment_of(visit, svb), svb_user)
    return visit


def test_interventions_zero_or_more_with_their_rules(debriefable, lead, uwv):
    with pytest.raises(CaseTableError, match="partner"):
        debriefing.add_intervention(debriefable, lead, kind="handhavingstraject")
    with pytest.raises(CaseTableError, match="Beschrijf"):
        debriefing.add_intervention(debriefable, lead, kind="anders")
    debriefing.add_intervention(debriefable, lead, kind="handhavingstraject", partner=uwv)
    debriefing.add_intervention(debriefable, lead, kind="brp_correctie")
    debriefing.add_intervention(debriefable, lead, kind="niet_gebruik")
    debriefing.add_intervention(debriefable, lead, kind="anders", description="Beleidssignaal")
    with pytest.raises(CaseTableError, match="geen interventie"):
        debriefing.add_intervention(debriefable, lead, kind="geen")
    with pytest.raises(CaseTableError, match="al vastgelegd"):
        debriefing.add_intervention(debriefable, lead, kind="brp_correctie")
    assert Intervention.objects.filter(item=debriefable).count() == 4


def test_geen_excludes_other_interventions(debriefable, lead):
    debriefing.add_intervention(debriefable, lead, kind="geen")
    with pytest.raises(CaseTableError, match="Verwijder die eerst"):
        debriefing.add_intervention(debriefable, lead, kind="brp_correctie")


def test_an_intervention_can_be_removed_and_the_history_keeps_it(debriefable, lead, client_for):
    intervention = debriefing.add_intervention(debriefable, lead, kind="brp_correctie")
    client_for(lead).post(reverse("casetable:intervention_remove", args=[intervention.pk]))
    assert not Intervention.objects.filter(pk=intervention.pk).exists()
    assert Intervention.history.filter(id=intervention.pk, history_type="-").get().history_user == lead


# ---- zorgmelding kept apart ------------------------------------------------------------------------

@pytest.fixture
def referral(debriefable, lead):
    return debriefing.add_care_referral(debriefable, lead, referred_to="Wijkteam Zwolle",
                                        description="Zorgen om een alleenstaande ouder")


def test_a_zorgmelding_is_stored_apart_from_interventions(referral, debriefable):
    assert isinstance(referral, CareReferral)
    assert not Intervention.objects.filter(item=debriefable).exists()


def test_the_gemeente_and_the_projectleider_see_zorgmeldingen(referral, lead, gemeente_user, client_for):
    url = reverse("casetable:care_referrals", args=[referral.project_id])
    for user in (lead, gemeente_user):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert "Zorgen om een alleenstaande ouder" in response.content.decode()
    assert AccessLogEntry.objects.filter(action="zorgmeldingen.lijst", user=gemeente_user).exists()
    assert list(CareReferral.objects.visible_to(gemeente_user)) == [referral]


def test_enforcement_partners_never_see_a_zorgmelding(referral, uwv, uwv_user, svb_user, client_for):
    url = reverse("casetable:care_referrals", args=[referral.project_id])
    for user in (uwv_user, svb_user):
        assert client_for(user).get(url).status_code == 404
        assert not CareReferral.objects.visible_to(user).exists()
        own = Assignment.objects.filter(item=referral.item, partner=user.partner).get()
        assert "Zorgen om" not in client_for(user).get(own.get_absolute_url()).content.decode()


def test_a_zorgmelding_is_never_in_the_export(referral, lead, client_for):
    for fmt in ("csv", "xlsx"):
        response = client_for(lead).get(reverse(f"casetable:export_{fmt}", args=[referral.project_id]))
        content = response.content
        if fmt == "xlsx":
            import io

            from openpyxl import load_workbook
            sheet = load_workbook(io.BytesIO(content)).active
            content = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row).encode()
        text = content.decode("utf-8-sig")
        assert "Wijkteam" not in text and "Zorgen om" not in text and "zorgmelding" not in text.lower()
        assert "Huisbezoek" in text


# ---- closing ---------------------------------------------------------------------------------------

def test_the_execution_closes_only_when_every_assignment_has_a_result(visit, lead, uwv, svb, uwv_user,
                                                                     svb_user):
    carried_out(assignment_of(visit, uwv), uwv_user)
    with pytest.raises(CaseTableError, match="1 controleopdracht heeft geen uitkomst"):
        closing.close_execution(visit.project, lead)
    controls.record_result(assignment_of(visit, svb), svb_user, result="niet_uitgevoerd",
                           result_reason="Duo kon niet op die datum")
    closing.close_execution(visit.project, lead, "Controles gedaan")
    transition = PhaseTransition.objects.filter(project=visit.project).latest("at")
    assert (transition.from_phase, transition.to_phase, transition.by) == ("uitvoering", "afronding", lead)


def test_only_the_projectleider_closes(visit, uwv_user):
    with pytest.raises(CaseTableError, match="projectleider"):
        closing.close_execution(visit.project, uwv_user)


def test_the_overview_offers_closing_the_execution_only_when_it_is_allowed(visit, lead, uwv, svb, uwv_user,
                                                                           svb_user, client_for):
    overview = reverse("casetable:overview", args=[visit.project.pk])
    carried_out(assignment_of(visit, uwv), uwv_user)

    page = client_for(lead).get(overview).content.decode()
    assert "Uitvoering afsluiten (naar afronding)" not in page
    assert "De uitvoering kan nog niet worden afgesloten." in page
    assert "1 controleopdracht heeft geen uitkomst" in page

    controls.record_result(assignment_of(visit, svb), svb_user, result="niet_uitgevoerd",
                           result_reason="Duo kon niet op die datum")
    page = client_for(lead).get(overview).content.decode()
    assert "Uitvoering afsluiten (naar afronding)" in page
    assert "kan nog niet worden afgesloten" not in page


def test_closing_the_execution_is_confirmed_first_and_says_what_will_happen(visit, lead, uwv, svb, uwv_user,
                                                                            svb_user, client_for):
    carried_out(assignment_of(visit, uwv), uwv_user)
    controls.record_result(assignment_of(visit, svb), svb_user, result="niet_uitgevoerd",
                           result_reason="Duo kon niet op die datum")
    url = reverse("casetable:close_execution", args=[visit.project.pk])

    page = client_for(lead).post(url, {"reason": "Klaar"}).content.decode()

    assert "kunnen daarna niet meer worden vastgelegd" in page and "Ja, uitvoering afsluiten" in page
    visit.project.refresh_from_db()
    assert visit.project.phase == "uitvoering"
    client_for(lead).post(url, {"reason": "Klaar", "confirmed": "1"})
    visit.project.refresh_from_db()
    assert visit.project.phase == "afronding"


def test_a_result_with_several_problems_reports_them_all_at_once(visit, uwv, uwv_user):
    with pytest.raises(CaseTableError) as refused:
        controls.record_result(assignment_of(visit, uwv), uwv_user, result="uitgevoerd")
    assert [field for field, _message in refused.value.problems] == ["rights_informed", "consent", "findings"]
