"""Per address, in this order: the substantiation tests, the risk check, the decision with its
motivation and executing partners. A decision other than geen actie needs positive tests and a
current risk; a huisbezoek needs concrete facts; a revision needs a reason and keeps the earlier
decision; a stale form is refused (optimistic locking)."""
import pytest
from django.urls import reverse

from casetable import agenda, closing, deliberation
from casetable.errors import CaseTableError, Conflict
from casetable.models import Assignment, CaseItem, Decision, SignalTest
from projects.models import Partner
from tests.casetable.conftest import (
    KEY_THREE,
    KEY_TWO,
    VISIT,
    active_signals,
    carried_out,
    decide,
    decided_visit,
    on_agenda,
    risk,
    test_all,
    to_case_table,
    to_execution,
)


@pytest.fixture
def item(project, lead):
    return on_agenda(project, lead, KEY_THREE)


def stored(item):
    """What a refusal must leave untouched."""
    item.refresh_from_db()
    return (item.version, item.decision_id, item.risk_current, SignalTest.objects.filter(item=item).count(),
            Decision.objects.filter(item=item).count(), Assignment.objects.filter(item=item).count())


def test_the_risk_check_waits_for_a_test_of_every_active_signal(item, lead):
    first = active_signals(item)[0]
    deliberation.record_tests(item, lead, version=item.version, results={first.pk: ("houdt_stand", "ok")})
    before = stored(item)
    with pytest.raises(CaseTableError, match="nog 2 signalen zijn niet getoetst"):
        deliberation.record_risk(item, lead, version=item.version, risk_current=True, note="x")
    assert stored(item) == before


def test_every_test_needs_a_note(item, lead):
    signal = active_signals(item)[0]
    with pytest.raises(CaseTableError, match="Licht de uitkomst") as refused:
        deliberation.record_tests(item, lead, version=item.version, results={signal.pk: ("houdt_stand", " ")})
    assert refused.value.field == f"note_{signal.pk}"


def test_a_decision_waits_for_tests_and_risk(item, lead, uwv, svb):
    with pytest.raises(CaseTableError, match="toetsing van de onderbouwing"):
        decide(item, lead, [uwv, svb])
    test_all(item, lead)
    with pytest.raises(CaseTableError, match="risico nog actueel"):
        decide(item, lead, [uwv, svb])
    with pytest.raises(CaseTableError, match="risico nog actueel"):
        decide(item, lead, [], outcome="geen_actie")


@pytest.mark.parametrize("results, current, message", [
    (["houdt_stand", "onduidelijk", "houdt_stand"], True, "onduidelijk"),
    (["houdt_geen_stand"] * 3, True, "Geen enkel signaal houdt stand"),
    (["houdt_stand"] * 3, False, "niet meer actueel"),
])
def test_an_action_needs_positive_tests_and_a_current_risk(item, lead, uwv, svb, results, current, message):
    signals = active_signals(item)
    deliberation.record_tests(item, lead, version=item.version, results={
        s.pk: (r, "toelichting") for s, r in zip(signals, results, strict=True)})
    risk(item, lead, current=current)
    before = stored(item)
    with pytest.raises(CaseTableError, match=message):
        decide(item, lead, [uwv, svb])
    assert stored(item) == before
    decide(item, lead, [], outcome="geen_actie", subsidiarity="", proportionality="", reasonable_ground="",
           planned_date=None)
    item.refresh_from_db()
    assert item.decision.outcome == "geen_actie" and not Assignment.objects.filter(item=item).exists()


@pytest.mark.parametrize("missing, message", [
    ("subsidiarity", "lichtere middelen"),
    ("proportionality", "proportionaliteit"),
    ("reasonable_ground", "redelijke grond"),
])
def test_an_action_needs_its_motivation_and_a_home_visit_its_facts(item, lead, uwv, missing, message):
    test_all(item, lead)
    risk(item, lead)
    with pytest.raises(CaseTableError, match=message) as refused:
        decide(item, lead, [uwv], **{missing: "  "})
    assert refused.value.field == missing


def test_lighter_means_need_no_reasonable_ground(item, lead, uwv):
    test_all(item, lead)
    risk(item, lead)
    decision = decide(item, lead, [uwv], outcome="uitnodiging_gesprek", reasonable_ground="")
    assert decision.outcome == "uitnodiging_gesprek" and decision.partners == [uwv]


def test_executing_partners_one_or_two_each_taking_part(item, lead, uwv, project):
    test_all(item, lead)
    risk(item, lead)
    with pytest.raises(CaseTableError, match="uitvoerende partner"):
        decide(item, lead, [])
    with pytest.raises(CaseTableError, match="twee verschillende"):
        decide(item, lead, [uwv, uwv])
    ind = Partner.objects.get(code="IND")
    with pytest.raises(CaseTableError, match="neemt niet deel"):
        decide(item, lead, [uwv, ind])


def test_a_duo_gets_one_assignment_each_naming_the_other(item, lead, uwv, svb):
    test_all(item, lead)
    risk(item, lead)
    decision = decide(item, lead, [uwv, svb])
    assignments = {a.partner: a for a in Assignment.objects.filter(decision=decision)}
    assert assignments[uwv].duo_partner == svb and assignments[svb].duo_partner == uwv
    assert assignments[uwv].action == "huisbezoek"
    assert assignments[uwv].address_display == decision.item.address_display
    assert decision.decided_by == lead and decision.decided_at is not None


def test_a_revision_needs_a_reason_and_keeps_the_earlier_decision(project, lead, uwv, svb):
    item = decided_visit(project, lead, [uwv, svb])
    first = item.decision
    with pytest.raises(CaseTableError, match="herzien kan alleen met een reden"):
        decide(item, lead, [uwv], outcome="uitnodiging_gesprek")
    second = decide(item, lead, [uwv], outcome="uitnodiging_gesprek",
                    revision_reason="Bewoner heeft zelf contact opgenomen")
    item.refresh_from_db()
    assert item.decision == second and second.supersedes == first
    assert Decision.objects.filter(pk=first.pk, outcome="huisbezoek").exists()
    lapsed = Assignment.objects.filter(decision=first)
    assert {a.status for a in lapsed} == {"vervallen"}
    assert all("Bewoner heeft zelf contact opgenomen" in a.cancelled_reason for a in lapsed)
    assert Assignment.objects.get(decision=second, status="open").partner == uwv
    reasons = list(item.history.values_list("history_change_reason", flat=True))
    assert any(r.startswith("Besluit: Uitnodiging") for r in reasons)
    assert Decision.history.filter(id=second.pk).get().history_change_reason == (
        "Besluit herzien: Bewoner heeft zelf contact opgenomen")


def test_the_earlier_decision_stays_visible_on_the_page(project, lead, uwv, svb, client_for):
    item = decided_visit(project, lead, [uwv, svb])
    decide(item, lead, [uwv], outcome="uitnodiging_gesprek", revision_reason="Nieuwe informatie")
    html = client_for(lead).get(item.get_absolute_url()).content.decode()
    assert "Eerdere besluiten" in html and "Huisbezoek" in html and "Nieuwe informatie" in html


def test_tests_cannot_take_away_the_ground_of_a_standing_decision(project, lead, uwv, svb):
    item = decided_visit(project, lead, [uwv, svb])
    signal = active_signals(item)[0]
    before = stored(item)
    with pytest.raises(CaseTableError, match="Herzie eerst het besluit"):
        deliberation.record_tests(item, lead, version=item.version,
                                  results={signal.pk: ("onduidelijk", "Toch twijfel")})
    with pytest.raises(CaseTableError, match="Herzie eerst het besluit"):
        deliberation.record_risk(item, lead, version=item.version, risk_current=False, note="Verhuisd")
    assert stored(item) == before


def test_a_stale_version_is_a_conflict_and_nothing_is_stored(project, lead, uwv, svb):
    item = on_agenda(project, lead)
    test_all(item, lead)
    risk(item, lead)
    seen = item.version
    decide(item, lead, [uwv, svb])
    before = stored(item)
    with pytest.raises(Conflict):
        deliberation.decide(item, lead, version=seen, outcome="geen_actie")
    assert stored(item) == before


def test_two_people_deciding_with_the_same_version_second_sees_the_conflict(
        project, lead, uwv, svb, client_for):
    """Two sequential requests carrying the same version: the second is refused with 409, sees the
    first decision, and keeps what they typed for a deliberate revision."""
    item = on_agenda(project, lead)
    test_all(item, lead)
    risk(item, lead)
    url = reverse("casetable:item_decide", args=[item.pk])
    form = {"version": item.version, "subsidiarity": VISIT["subsidiarity"],
            "proportionality": VISIT["proportionality"], "planned_date": "2031-01-15"}
    first = client_for(lead).post(url, {**form, "outcome": "huisbezoek", "executing_partner": uwv.pk,
                                        "reasonable_ground": VISIT["reasonable_ground"]})
    assert first.status_code == 302
    second = client_for(lead).post(url, {**form, "outcome": "waarneming", "executing_partner": svb.pk})
    assert second.status_code == 409
    html = second.content.decode()
    assert "Iemand anders heeft dit adres gewijzigd" in html
    assert "Huisbezoek" in html  # the newer state
    item.refresh_from_db()
    assert item.decision.outcome == "huisbezoek" and Decision.objects.filter(item=item).count() == 1
    assert f'name="version" value="{item.version}"' in html  # a resubmit is a deliberate revision


def test_a_refused_decision_shows_its_message_on_the_field(project, lead, uwv, client_for):
    item = on_agenda(project, lead)
    test_all(item, lead)
    risk(item, lead)
    response = client_for(lead).post(reverse("casetable:item_decide", args=[item.pk]), {
        "version": item.version, "outcome": "huisbezoek", "executing_partner": uwv.pk,
        "subsidiarity": "x", "proportionality": "y", "planned_date": "2031-01-15"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="decision_reasonable_ground_error"' in html
    assert "concrete feiten" in html
    assert not Decision.objects.filter(item=item).exists()


def test_the_casustafel_is_recorded_only_in_signalering_and_casustafel(project, lead, uwv, svb):
    item = decided_visit(project, lead, [uwv, svb])
    to_case_table(project, lead)
    to_execution(project, lead)
    with pytest.raises(CaseTableError, match="signalering en casustafel"):
        decide(item, lead, [uwv], outcome="uitnodiging_gesprek", revision_reason="Te laat")
    with pytest.raises(CaseTableError, match="signalering en casustafel"):
        agenda.create_session(project, lead, held_on=item.session.held_on)


def test_only_the_projectleider_records(project, lead, uwv_user):
    item = on_agenda(project, lead)
    with pytest.raises(CaseTableError, match="projectleider"):
        deliberation.record_risk(item, uwv_user, version=item.version, risk_current=True, note="x")


def test_every_step_is_in_the_history_with_its_user(project, lead, uwv, svb):
    item = decided_visit(project, lead, [uwv, svb])
    assert {h.history_user for h in item.history.all()} == {lead}
    assert item.version == 4  # agenda (1), tests, risk, decision
    test = SignalTest.objects.filter(item=item).first()
    assert test.history.get().history_user == lead
    assert CaseItem.history.filter(id=item.pk, risk_current=True).exists()


def test_a_lapsed_assignment_disappears_for_the_partner(project, lead, uwv, svb, uwv_user):
    item = decided_visit(project, lead, [uwv, svb])
    decide(item, lead, [svb], outcome="uitnodiging_gesprek", revision_reason="Alleen SVB nodig")
    assert not Assignment.objects.visible_to(uwv_user).exists()


def test_controls_are_recorded_in_uitvoering_only(project, lead, uwv, uwv_user):
    item = decided_visit(project, lead, [uwv])
    with pytest.raises(CaseTableError, match="fase uitvoering"):
        carried_out(Assignment.objects.get(item=item, partner=uwv), uwv_user)


def test_the_casustafel_closes_only_when_every_agenda_address_has_a_decision(project, lead, uwv, client_for):
    decided_visit(project, lead, [uwv])
    on_agenda(project, lead, KEY_TWO)
    to_case_table(project, lead)
    response = client_for(lead).post(reverse("casetable:close_case_table", args=[project.pk]))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.phase == "casustafel"
    with pytest.raises(CaseTableError, match="geen besluit"):
        closing.close_case_table(project, lead)
