"""The project lifecycle (projects.lifecycle): every rule of the issue, at the service level.

A refused transition raises ``TransitionError`` with a Dutch message and changes nothing.
"""
from datetime import timedelta

import pytest
from django.utils import timezone

from projects import lifecycle, plans
from projects.lifecycle import TransitionError
from projects.models import ApprovalDecision, PhaseTransition, Project
from projects.phases import MAIN_LINE, Phase
from tests.factories import (
    PartnerFactory,
    UserFactory,
    add_partner,
    confirm_all_ready,
    project_in_phase,
    snapshot,
    today,
    walk,
)

APPROVED = ApprovalDecision.Outcome.APPROVED
REJECTED = ApprovalDecision.Outcome.REJECTED


@pytest.fixture
def base(shared_base, db):
    """The tests of this module share one build of the base data (see tests/conftest.py)."""
    return shared_base.fresh()


# Projects that many tests start from, walked once for this module (UWV and SVB take part;
# the lead is a new user of a new gemeente). Each test changes them only in its savepoint.
WALKED = [Phase.CONCEPT, Phase.SUBMITTED, Phase.READY, Phase.INTAKE, Phase.EXECUTION,
          Phase.CLOSED, Phase.CANCELLED, Phase.ON_HOLD]


@pytest.fixture(scope="module")
def walked(shared_base, django_db_blocker):
    with django_db_blocker.unblock():
        return {
            phase: project_in_phase(phase, partners=[shared_base.uwv, shared_base.svb],
                                    by=shared_base.coordinator).pk
            for phase in WALKED
        }


@pytest.fixture
def in_phase(walked, db):
    """``in_phase(phase)``: a fresh copy of the module's project in that phase."""
    return lambda phase: Project.objects.get(pk=walked[Phase(phase)])


def refused(action, *fragments) -> str:
    """Run ``action``; it must be refused with a message that contains every fragment."""
    with pytest.raises(TransitionError) as info:
        action()
    for fragment in fragments:
        assert fragment in info.value.message
    return info.value.message


def last_transition(project) -> PhaseTransition:
    return PhaseTransition.objects.filter(project=project).last()


# --- submitting: only a complete plan ------------------------------------------------------

def test_projectleider_submits_a_complete_plan(project, projectleider):
    lifecycle.submit(project, projectleider)

    project.refresh_from_db()
    assert project.phase == Phase.SUBMITTED
    step = last_transition(project)
    assert (step.from_phase, step.to_phase, step.by) == (Phase.CONCEPT, Phase.SUBMITTED, projectleider)


GAPS = [
    "de aanleiding", "de doelstellingen", "het gebied (postcodes)", "de branche of het fenomeen",
    "ten minste twee deelnemende partners", "de planning (startdatum en geplande einddatum)",
    "de planning (uiterste datum signalen en datum casustafel)", "het DPIA-kenmerk",
    "de regio (RPF) die het plan goedkeurt",
]


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({"reason": ""}, "de aanleiding"),
        ({"reason": "   "}, "de aanleiding"),
        ({"goals": ""}, "de doelstellingen"),
        ({"area": ""}, "het gebied (postcodes)"),
        ({"start_date": None}, "de planning (startdatum en geplande einddatum)"),
        ({"planned_end": None}, "de planning (startdatum en geplande einddatum)"),
        ({"intake_deadline": None}, "de planning (uiterste datum signalen en datum casustafel)"),
        ({"case_table_date": None}, "de planning (uiterste datum signalen en datum casustafel)"),
        ({"dpia_reference": ""}, "het DPIA-kenmerk"),
        ({"region": None}, "de regio (RPF) die het plan goedkeurt"),
    ],
    ids=["reason", "reason-blank", "goals", "area", "start", "end", "intake-deadline",
         "casustafel-date", "dpia", "region"],
)
def test_plan_with_a_missing_item_cannot_be_submitted(project, coordinator, changes, missing):
    plans.update_plan(project, coordinator, **changes)
    before = snapshot(project)

    message = refused(lambda: lifecycle.submit(project, coordinator),
                      "Het plan is nog niet compleet", missing)

    assert snapshot(project) == before
    # It names what is missing, and only that.
    assert [gap for gap in GAPS if gap in message] == [missing]


@pytest.mark.parametrize("trait", ["sector_based", "phenomenon", "kip"])
def test_national_plan_without_sector_or_phenomenon_cannot_be_submitted(trait, coordinator):
    project = project_in_phase(Phase.CONCEPT, sector="", **{trait: True})
    before = snapshot(project)

    refused(lambda: lifecycle.submit(project, coordinator), "de branche of het fenomeen")

    assert snapshot(project) == before


@pytest.mark.parametrize("trait", ["sector_based", "phenomenon"])
def test_national_plan_needs_no_area_but_does_need_a_dpia(trait, coordinator):
    project = project_in_phase(Phase.CONCEPT, dpia_reference="", **{trait: True})

    message = refused(lambda: lifecycle.submit(project, coordinator), "het DPIA-kenmerk")

    assert "gebied" not in message
    assert project.phase == Phase.CONCEPT


@pytest.mark.parametrize("keep", [1, 0], ids=["one-partner", "no-partners"])
def test_plan_with_fewer_than_two_partners_cannot_be_submitted(project, coordinator, keep):
    for participation in list(project.participations.all())[keep:]:
        plans.remove_participation(participation, coordinator)
    before = snapshot(project)

    refused(lambda: lifecycle.submit(project, coordinator), "ten minste twee deelnemende partners")

    assert snapshot(project) == before


def test_advisory_member_does_not_count_as_one_of_the_two_partners(project, coordinator, uwv, svb):
    for partner in (uwv, svb):
        plans.remove_participation(project.participations.get(partner=partner), coordinator)

    with pytest.raises(TransitionError):
        add_partner(project, PartnerFactory(advisory=True), by=coordinator)
        lifecycle.submit(project, coordinator)

    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT


def test_plan_with_two_partners_can_be_submitted(project, coordinator):
    plans.remove_participation(project.participations.first(), coordinator)

    lifecycle.submit(project, coordinator)

    project.refresh_from_db()
    assert project.phase == Phase.SUBMITTED


def test_kip_without_dpia_or_intake_dates_can_be_submitted(coordinator):
    project = project_in_phase(Phase.CONCEPT, kip=True)
    assert project.dpia_reference == "" and project.intake_deadline is None

    lifecycle.submit(project, coordinator)

    project.refresh_from_db()
    assert project.phase == Phase.SUBMITTED


def test_deviating_area_plan_needs_no_region(coordinator):
    project = project_in_phase(Phase.CONCEPT, deviating=True, region=None)

    lifecycle.submit(project, coordinator)

    project.refresh_from_db()
    assert project.phase == Phase.SUBMITTED


def test_refusal_lists_every_missing_item_at_once(project, coordinator):
    plans.update_plan(project, coordinator, reason="", goals="", dpia_reference="")

    refused(lambda: lifecycle.submit(project, coordinator),
            "de aanleiding", "de doelstellingen", "het DPIA-kenmerk")


def test_partner_user_who_does_not_lead_cannot_submit(project, uwv_user):
    before = snapshot(project)

    refused(lambda: lifecycle.submit(project, uwv_user), "projectleider of de coördinator")

    assert snapshot(project) == before


def test_submitted_plan_cannot_be_submitted_again(project, projectleider):
    lifecycle.submit(project, projectleider)
    before = snapshot(project)

    refused(lambda: lifecycle.submit(project, projectleider), "Alleen een plan in concept")

    assert snapshot(project) == before


# --- approval by the competent body ---------------------------------------------------------

@pytest.fixture
def submitted(project, projectleider):
    lifecycle.submit(project, projectleider)
    project.refresh_from_db()
    return project


def test_regional_body_approves_a_standard_area_plan(submitted, coordinator, region):
    decided_on = today() - timedelta(days=2)

    decision = lifecycle.record_decision(
        submitted, coordinator, body=region, outcome=APPROVED, decided_on=decided_on,
        remarks="Akkoord in het RPF-overleg.",
    )

    submitted.refresh_from_db()
    assert submitted.phase == Phase.APPROVED
    decision.refresh_from_db()
    assert (decision.body, decision.outcome, decision.decided_on, decision.remarks,
            decision.recorded_by) == (region, APPROVED, decided_on, "Akkoord in het RPF-overleg.",
                                      coordinator)
    assert last_transition(submitted).reason == "Goedgekeurd door RPF Oost-Nederland"


def test_stuurgroep_cannot_decide_on_a_standard_area_plan(submitted, coordinator, steering_body):
    assert lifecycle.competent_body(submitted).kind == "regionaal"
    before = snapshot(submitted)

    refused(
        lambda: lifecycle.record_decision(submitted, coordinator, body=steering_body,
                                          outcome=APPROVED, decided_on=today()),
        "Over dit plan beslist RPF Oost-Nederland, niet Stuurgroep LSI",
    )

    assert snapshot(submitted) == before


def test_another_region_cannot_decide_on_the_plan(submitted, coordinator, other_region):
    before = snapshot(submitted)

    refused(lambda: lifecycle.record_decision(submitted, coordinator, body=other_region,
                                              outcome=APPROVED, decided_on=today()),
            "niet RPF Noord-Nederland")

    assert snapshot(submitted) == before


@pytest.mark.parametrize("trait", ["sector_based", "phenomenon", "kip", "deviating"])
def test_stuurgroep_decides_on_national_kip_and_deviating_plans(
    trait, steering_body, steering_member, region
):
    project = project_in_phase(Phase.SUBMITTED, region=region, **{trait: True})
    assert lifecycle.competent_body(project) == steering_body
    before = snapshot(project)

    refused(lambda: lifecycle.record_decision(project, steering_member, body=region,
                                              outcome=APPROVED, decided_on=today()),
            "Over dit plan beslist Stuurgroep LSI")
    assert snapshot(project) == before

    lifecycle.record_decision(project, steering_member, body=steering_body, outcome=APPROVED,
                              decided_on=today())
    project.refresh_from_db()
    assert project.phase == Phase.APPROVED


def test_coordinator_records_a_stuurgroep_decision(steering_body, coordinator):
    project = project_in_phase(Phase.SUBMITTED, sector_based=True)

    lifecycle.record_decision(project, coordinator, body=steering_body, outcome=APPROVED,
                              decided_on=today())

    project.refresh_from_db()
    assert project.phase == Phase.APPROVED


def test_stuurgroep_member_cannot_record_a_regional_decision(submitted, steering_member, region):
    before = snapshot(submitted)

    refused(lambda: lifecycle.record_decision(submitted, steering_member, body=region,
                                              outcome=APPROVED, decided_on=today()),
            "U kunt geen besluit van RPF Oost-Nederland vastleggen")

    assert snapshot(submitted) == before


@pytest.mark.parametrize("who", ["projectleider", "uwv_user", "privacy_officer", "ind_user"])
def test_only_coordinator_or_stuurgroep_records_a_stuurgroep_decision(
    who, request, steering_body, coordinator
):
    user = request.getfixturevalue(who)
    project = project_in_phase(Phase.SUBMITTED, phenomenon=True, lead=UserFactory())
    if who == "projectleider":
        plans.assign_lead(project, user, coordinator)
    before = snapshot(project)

    refused(lambda: lifecycle.record_decision(project, user, body=steering_body,
                                              outcome=APPROVED, decided_on=today()),
            "U kunt geen besluit van Stuurgroep LSI vastleggen")

    assert snapshot(project) == before


def test_rejection_without_remarks_is_refused(submitted, coordinator, region):
    before = snapshot(submitted)

    refused(lambda: lifecycle.record_decision(submitted, coordinator, body=region,
                                              outcome=REJECTED, decided_on=today(), remarks="  "),
            "waarom het plan is afgewezen")

    assert snapshot(submitted) == before


def test_rejection_sends_the_plan_back_to_concept_with_the_remarks(
    submitted, coordinator, region, projectleider
):
    remarks = "Capaciteit van SVB ontbreekt; graag aanvullen."

    decision = lifecycle.record_decision(submitted, coordinator, body=region, outcome=REJECTED,
                                         decided_on=today(), remarks=remarks)

    submitted.refresh_from_db()
    assert submitted.phase == Phase.CONCEPT
    assert decision.outcome == REJECTED and decision.remarks == remarks
    step = last_transition(submitted)
    assert (step.from_phase, step.to_phase) == (Phase.SUBMITTED, Phase.CONCEPT)
    assert remarks in step.reason
    # Back in concept the projectleider can improve the plan and submit it again.
    plans.update_plan(submitted, projectleider, goals="Aangevulde doelstellingen.")
    lifecycle.submit(submitted, projectleider)
    submitted.refresh_from_db()
    assert submitted.phase == Phase.SUBMITTED


def test_decision_date_in_the_future_is_refused(submitted, coordinator, region):
    before = snapshot(submitted)

    refused(lambda: lifecycle.record_decision(
        submitted, coordinator, body=region, outcome=APPROVED,
        decided_on=today() + timedelta(days=1),
    ), "in de toekomst")

    assert snapshot(submitted) == before


@pytest.mark.parametrize("phase", [Phase.CONCEPT, Phase.APPROVED])
def test_decision_on_a_plan_that_is_not_submitted_is_refused(phase, coordinator, region):
    project = project_in_phase(phase, region=region)
    before = snapshot(project)

    refused(lambda: lifecycle.record_decision(project, coordinator, body=region,
                                              outcome=APPROVED, decided_on=today()),
            "alleen over een ingediend plan")

    assert snapshot(project) == before


# --- readiness for data processing ----------------------------------------------------------

@pytest.fixture
def approved(submitted, coordinator, region):
    lifecycle.record_decision(submitted, coordinator, body=region, outcome=APPROVED,
                              decided_on=today())
    submitted.refresh_from_db()
    return submitted


def participation(project, partner):
    return project.participations.get(partner=partner)


def test_project_is_ready_only_after_every_partner_confirmed(
    approved, projectleider, uwv_user, svb_user, municipality, uwv, svb
):
    lifecycle.confirm_ready(participation(approved, municipality), projectleider)
    approved.refresh_from_db()
    assert approved.phase == Phase.APPROVED

    lifecycle.confirm_ready(participation(approved, uwv), uwv_user)
    approved.refresh_from_db()
    assert approved.phase == Phase.APPROVED

    lifecycle.confirm_ready(participation(approved, svb), svb_user)
    approved.refresh_from_db()
    assert approved.phase == Phase.READY
    step = last_transition(approved)
    assert (step.from_phase, step.to_phase, step.by) == (Phase.APPROVED, Phase.READY, svb_user)


def test_readiness_records_who_confirmed_and_when(approved, uwv_user, uwv):
    before = timezone.now()

    lifecycle.confirm_ready(participation(approved, uwv), uwv_user)

    confirmed = participation(approved, uwv)
    assert confirmed.ready_by == uwv_user
    assert before <= confirmed.ready_at <= timezone.now()
    assert confirmed.history.first().history_user == uwv_user


def test_partner_user_cannot_confirm_readiness_for_another_partner(approved, uwv_user, svb):
    before = snapshot(approved)

    refused(lambda: lifecycle.confirm_ready(participation(approved, svb), uwv_user),
            "Alleen een medewerker van deze partner")

    assert snapshot(approved) == before


def test_user_of_a_non_participating_partner_cannot_confirm_readiness(approved, ind_user, uwv):
    before = snapshot(approved)

    refused(lambda: lifecycle.confirm_ready(participation(approved, uwv), ind_user),
            "Alleen een medewerker van deze partner")

    assert snapshot(approved) == before


@pytest.mark.parametrize("role", ["coordinator", "steering", "privacy_officer"])
def test_non_partner_role_of_the_same_partner_cannot_confirm_readiness(approved, uwv, role):
    """Readiness is the word of a medewerker of the partner, not of the secretariaat."""
    user = UserFactory(partner=uwv, **{role: True})
    before = snapshot(approved)

    refused(lambda: lifecycle.confirm_ready(participation(approved, uwv), user),
            "Alleen een medewerker van deze partner")

    assert snapshot(approved) == before


@pytest.mark.parametrize("phase", [Phase.CONCEPT, Phase.SUBMITTED])
def test_readiness_cannot_be_confirmed_before_approval(phase, uwv, uwv_user, in_phase):
    project = in_phase(phase)
    before = snapshot(project)

    refused(lambda: lifecycle.confirm_ready(participation(project, uwv), uwv_user),
            "nadat het plan is goedgekeurd")

    assert snapshot(project) == before


def test_readiness_cannot_be_confirmed_twice(approved, uwv, uwv_user):
    lifecycle.confirm_ready(participation(approved, uwv), uwv_user)
    before = snapshot(approved)

    refused(lambda: lifecycle.confirm_ready(participation(approved, uwv), uwv_user),
            "al gereedheid gemeld")

    assert snapshot(approved) == before


def test_projectleider_cannot_skip_readiness_by_advancing(approved, projectleider, uwv, uwv_user):
    lifecycle.confirm_ready(participation(approved, uwv), uwv_user)
    before = snapshot(approved)

    refused(lambda: lifecycle.advance(approved, projectleider), "Nog niet alle deelnemende partners")

    assert snapshot(approved) == before


# --- the main line, and the KIP shortcut ----------------------------------------------------

def test_area_project_passes_every_phase_of_the_main_line(coordinator, in_phase):
    project = in_phase(Phase.CLOSED)

    phases = list(PhaseTransition.objects.filter(project=project).values_list("to_phase", flat=True))
    assert phases == [phase.value for phase in MAIN_LINE[1:]]


def test_kip_skips_signal_intake_and_case_table(coordinator):
    project = project_in_phase(Phase.READY, kip=True)
    assert lifecycle.next_phase(project) == Phase.EXECUTION

    lifecycle.advance(project, coordinator)

    project.refresh_from_db()
    assert project.phase == Phase.EXECUTION
    walk(project, Phase.CLOSED)
    phases = set(PhaseTransition.objects.filter(project=project).values_list("to_phase", flat=True))
    assert Phase.INTAKE not in phases and Phase.CASE_TABLE not in phases


def test_area_project_goes_from_ready_to_signal_intake(coordinator, in_phase):
    project = in_phase(Phase.READY)

    lifecycle.advance(project, coordinator)

    project.refresh_from_db()
    assert project.phase == Phase.INTAKE


# --- advancing ------------------------------------------------------------------------------

@pytest.mark.parametrize("phase", [Phase.CONCEPT, Phase.SUBMITTED])
def test_advance_is_refused_before_approval(phase, coordinator, in_phase):
    project = in_phase(phase)
    before = snapshot(project)

    refused(lambda: lifecycle.advance(project, coordinator), "eerst worden ingediend en goedgekeurd")

    assert snapshot(project) == before


def test_projectleider_advances_the_project(coordinator, projectleider, municipality):
    project = project_in_phase(Phase.INTAKE, initiator=municipality, lead=projectleider)

    lifecycle.advance(project, projectleider, "Uiterste datum signalen verstreken")

    project.refresh_from_db()
    assert project.phase == Phase.CASE_TABLE


@pytest.mark.parametrize("who", ["uwv_user", "ind_user", "steering_member", "privacy_officer"])
def test_only_projectleider_or_coordinator_advances(who, request, in_phase):
    """A medewerker of a participating partner who does not lead the project is refused too."""
    user = request.getfixturevalue(who)
    project = in_phase(Phase.INTAKE)
    before = snapshot(project)

    refused(lambda: lifecycle.advance(project, user), "projectleider of de coördinator")

    assert snapshot(project) == before


def test_projectleider_of_another_project_cannot_advance_this_one(projectleider, in_phase):
    other = in_phase(Phase.INTAKE)
    before = snapshot(other)

    refused(lambda: lifecycle.advance(other, projectleider), "projectleider of de coördinator")

    assert snapshot(other) == before


@pytest.mark.parametrize("phase", [Phase.CLOSED, Phase.CANCELLED, Phase.ON_HOLD])
def test_advance_is_refused_from_a_final_or_held_phase(phase, coordinator, in_phase):
    project = in_phase(phase)
    before = snapshot(project)

    refused(lambda: lifecycle.advance(project, coordinator), "geen volgende fase")

    assert snapshot(project) == before


# --- on hold, resume, cancel ----------------------------------------------------------------

def test_project_on_hold_returns_to_the_phase_it_left_in_every_active_phase(
    coordinator, in_phase
):
    project = in_phase(Phase.CONCEPT)
    seen = []
    while True:
        left = project.phase
        lifecycle.hold(project, coordinator, "Belastingdienst zet LSI-projecten on hold")
        project.refresh_from_db()
        assert project.phase == Phase.ON_HOLD

        lifecycle.resume(project, coordinator, "Belastingdienst levert weer")
        project.refresh_from_db()
        assert (project.phase, project.phase_before_hold) == (left, "")
        seen.append(left)
        if project.phase == Phase.COMPLETION:
            break
        walk(project, lifecycle.next_phase(project), by=coordinator)
    assert seen == [phase.value for phase in MAIN_LINE[:-1]]


@pytest.mark.parametrize("action", ["hold", "cancel"])
@pytest.mark.parametrize("reason", ["", "   "], ids=["empty", "blank"])
def test_hold_and_cancel_need_a_reason(action, reason, coordinator, in_phase):
    project = in_phase(Phase.INTAKE)
    before = snapshot(project)

    refused(lambda: getattr(lifecycle, action)(project, coordinator, reason), "Geef een reden op")

    assert snapshot(project) == before


def test_resume_needs_a_reason(coordinator, in_phase):
    project = in_phase(Phase.ON_HOLD)
    before = snapshot(project)

    refused(lambda: lifecycle.resume(project, coordinator, ""), "Geef een reden op")

    assert snapshot(project) == before


@pytest.mark.parametrize("phase", [Phase.ON_HOLD, Phase.CLOSED, Phase.CANCELLED])
def test_hold_is_refused_outside_an_active_phase(phase, coordinator, in_phase):
    project = in_phase(phase)
    before = snapshot(project)

    refused(lambda: lifecycle.hold(project, coordinator, "Nog een keer"), "niet on hold")

    assert snapshot(project) == before


def test_resume_is_refused_when_not_on_hold(coordinator, in_phase):
    project = in_phase(Phase.INTAKE)
    before = snapshot(project)

    refused(lambda: lifecycle.resume(project, coordinator, "Hervatten"), "on hold staat")

    assert snapshot(project) == before


@pytest.mark.parametrize("phase", [Phase.CLOSED, Phase.CANCELLED])
def test_cancel_from_a_final_phase_is_refused(phase, coordinator, in_phase):
    project = in_phase(phase)
    before = snapshot(project)

    refused(lambda: lifecycle.cancel(project, coordinator, "Toch afbreken"),
            "al afgesloten of afgebroken")

    assert snapshot(project) == before


def test_project_on_hold_can_be_cancelled_and_then_not_resumed(coordinator, in_phase):
    project = in_phase(Phase.ON_HOLD)

    lifecycle.cancel(project, coordinator, "Partners trekken zich terug")
    project.refresh_from_db()
    assert project.phase == Phase.CANCELLED

    refused(lambda: lifecycle.resume(project, coordinator, "Toch door"), "on hold staat")


@pytest.mark.parametrize("action", ["hold", "cancel"])
def test_partner_user_who_does_not_lead_cannot_hold_or_cancel(action, uwv_user, in_phase):
    project = in_phase(Phase.INTAKE)
    before = snapshot(project)

    refused(lambda: getattr(lifecycle, action)(project, uwv_user, "Wij stoppen"),
            "projectleider of de coördinator")

    assert snapshot(project) == before


# --- every transition records who, when and why -------------------------------------------

def _submit(project, users):
    lifecycle.submit(project, users["projectleider"], "Plan is compleet")
    return users["projectleider"], "Plan is compleet"


def _submit_without_reason(project, users):
    lifecycle.submit(project, users["projectleider"])
    return users["projectleider"], "Projectplan ingediend"


def _approve(project, users):
    lifecycle.submit(project, users["projectleider"])
    lifecycle.record_decision(project, users["coordinator"], body=project.region,
                              outcome=APPROVED, decided_on=today())
    return users["coordinator"], "Goedgekeurd door RPF Oost-Nederland"


def _reject(project, users):
    lifecycle.submit(project, users["projectleider"])
    lifecycle.record_decision(project, users["coordinator"], body=project.region,
                              outcome=REJECTED, decided_on=today(), remarks="Geen DPIA bijgevoegd")
    return users["coordinator"], "Afgewezen door RPF Oost-Nederland: Geen DPIA bijgevoegd"


def _last_confirmation(project, users):
    walk(project, Phase.APPROVED, by=users["coordinator"])
    for p in project.participations.exclude(partner__code="SVB"):
        lifecycle.confirm_ready(p, users["projectleider"] if p.partner.code.startswith("GEM")
                                else users["uwv_user"])
    lifecycle.confirm_ready(project.participations.get(partner__code="SVB"), users["svb_user"])
    return users["svb_user"], "Alle partners hebben gereedheid gemeld"


def _advance(project, users):
    walk(project, Phase.READY, by=users["coordinator"])
    lifecycle.advance(project, users["projectleider"], "Intake open")
    return users["projectleider"], "Intake open"


def _hold(project, users):
    walk(project, Phase.APPROVED, by=users["coordinator"])
    lifecycle.hold(project, users["projectleider"], "Toeslagen zet projecten on hold")
    return users["projectleider"], "Toeslagen zet projecten on hold"


def _resume(project, users):
    walk(project, Phase.APPROVED, by=users["coordinator"])
    lifecycle.hold(project, users["coordinator"], "Pauze")
    lifecycle.resume(project, users["projectleider"], "Toeslagen levert weer")
    return users["projectleider"], "Toeslagen levert weer"


def _cancel(project, users):
    lifecycle.cancel(project, users["coordinator"], "Gemeente trekt zich terug")
    return users["coordinator"], "Gemeente trekt zich terug"


@pytest.mark.parametrize(
    "act",
    [_submit, _submit_without_reason, _approve, _reject, _last_confirmation, _advance, _hold,
     _resume, _cancel],
    ids=lambda f: f.__name__.strip("_"),
)
def test_every_transition_records_who_when_and_why(
    act, project, coordinator, projectleider, uwv_user, svb_user
):
    users = {"coordinator": coordinator, "projectleider": projectleider, "uwv_user": uwv_user,
             "svb_user": svb_user}
    started = timezone.now()

    by, reason = act(project, users)

    project.refresh_from_db()
    step = last_transition(project)
    assert step.to_phase == project.phase
    assert (step.by, step.reason) == (by, reason)
    assert started <= step.at <= timezone.now()
    assert abs(project.phase_since - step.at) < timedelta(seconds=1)
    latest = project.history.first()
    assert latest.phase == project.phase
    assert latest.history_user == by
    assert latest.history_change_reason == reason


def test_transitions_form_an_unbroken_chain(coordinator, in_phase):
    project = in_phase(Phase.EXECUTION)
    lifecycle.hold(project, coordinator, "Pauze")
    lifecycle.resume(project, coordinator, "Verder")

    steps = list(PhaseTransition.objects.filter(project=project))
    assert steps[0].from_phase == Phase.CONCEPT
    for earlier, later in zip(steps, steps[1:], strict=False):
        assert later.from_phase == earlier.to_phase
    project.refresh_from_db()
    assert steps[-1].to_phase == project.phase == Phase.EXECUTION


def test_phase_transition_history_names_the_acting_user_outside_a_request(project, projectleider):
    lifecycle.submit(project, projectleider)

    step = last_transition(project)
    assert step.history.first().history_user == projectleider


def test_participation_added_after_approval_is_impossible(coordinator, region):
    """Taking part is decided in the plan: after approval no partner can be added."""
    project = project_in_phase(Phase.APPROVED, region=region)
    before = snapshot(project)

    refused(lambda: add_partner(project, PartnerFactory(), by=coordinator), "fase concept")

    assert snapshot(project) == before


def test_every_partner_confirming_on_a_kip_makes_it_ready(coordinator):
    project = project_in_phase(Phase.APPROVED, kip=True)

    confirm_all_ready(project)

    project.refresh_from_db()
    assert project.phase == Phase.READY
    assert project.project_type == Project.Type.KIP


def test_the_casustafel_phase_is_closed_only_through_the_casustafel_checks(project, projectleider):
    from tests.factories import walk as walk_to

    walk_to(project, Phase.CASE_TABLE)
    before = snapshot(project)
    refused(lambda: lifecycle.advance(project, projectleider, "Snel door"), "pagina van de casustafel")
    assert snapshot(project) == before
