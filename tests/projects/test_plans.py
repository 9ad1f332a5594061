"""Writing plans (projects.plans): who may edit, who takes part, who leads, and the history
of those grants."""
from datetime import timedelta

import pytest
from guardian.models import GroupObjectPermission, UserObjectPermission

from projects import lifecycle, plans
from projects.lifecycle import TransitionError
from projects.models import Checkpoint, Participation, Project
from projects.phases import Phase
from projects.roles import can_manage, is_lead, leads_of
from tests.factories import (
    CategoryFactory,
    PartnerFactory,
    UserFactory,
    add_partner,
    project_in_phase,
    today,
)


@pytest.fixture
def base(shared_base, db):
    """The tests of this module share one build of the base data (see tests/conftest.py)."""
    return shared_base.fresh()



def visible(user):
    return set(Project.objects.visible_to(user))


def group_grants(project, partner):
    return GroupObjectPermission.objects.filter(
        group=partner.group, object_pk=str(project.pk),
        permission__codename="take_part_in_project",
    )


def lead_grants(project, user):
    return UserObjectPermission.objects.filter(
        user=user, object_pk=str(project.pk), permission__codename="lead_project"
    )


# --- editing the plan -----------------------------------------------------------------------

@pytest.mark.parametrize("who", ["projectleider", "coordinator"])
def test_manager_edits_the_plan_in_concept(who, request, project):
    user = request.getfixturevalue(who)

    plans.update_plan(project, user, goals="Nieuwe doelstellingen.", area="8011, 8012")

    project.refresh_from_db()
    assert (project.goals, project.area) == ("Nieuwe doelstellingen.", "8011, 8012")
    latest = project.history.first()
    assert (latest.history_user, latest.history_change_reason) == (user, "Projectplan gewijzigd")


@pytest.mark.parametrize("who", ["uwv_user", "ind_user", "steering_member", "privacy_officer"])
def test_only_projectleider_or_coordinator_edits_the_plan(who, request, project):
    user = request.getfixturevalue(who)

    with pytest.raises(TransitionError, match="projectleider of de coördinator"):
        plans.update_plan(project, user, goals="Gekaapt.")

    project.refresh_from_db()
    assert project.goals != "Gekaapt."


def test_plan_cannot_be_edited_after_submission_not_even_by_the_coordinator(
    project, projectleider, coordinator
):
    lifecycle.submit(project, projectleider)
    project.refresh_from_db()

    with pytest.raises(TransitionError, match="alleen in de fase concept"):
        plans.update_plan(project, coordinator, goals="Stilletjes aangepast.")

    project.refresh_from_db()
    assert project.goals != "Stilletjes aangepast."


def test_partner_user_starts_a_project_for_their_own_partner_and_leads_it(uwv_user, municipality):
    project = plans.create_project(uwv_user, lead=UserFactory(), name="Horeca", initiator=municipality,
                                   project_type=Project.Type.SECTOR, format=Project.Format.OTHER)

    assert project.initiator == uwv_user.partner
    assert list(leads_of(project)) == [uwv_user]
    assert project.phase == Phase.CONCEPT
    assert project.history.first().history_user == uwv_user


def test_coordinator_starts_a_project_for_a_partner_with_a_projectleider(coordinator, municipality,
                                                                         projectleider):
    project = plans.create_project(coordinator, lead=projectleider, name="Zwolle-Zuid",
                                   initiator=municipality, project_type=Project.Type.AREA,
                                   format=Project.Format.WGA)

    assert project.initiator == municipality
    assert list(leads_of(project)) == [projectleider]


def test_coordinator_starting_a_project_without_projectleider_is_refused_with_a_message(
    coordinator, municipality
):
    with pytest.raises(TransitionError):
        plans.create_project(coordinator, lead=None, name="Zonder projectleider",
                             initiator=municipality, project_type=Project.Type.AREA,
                             format=Project.Format.WGA)

    assert not Project.objects.filter(name="Zonder projectleider").exists()


@pytest.mark.parametrize("kind", ["advisory", "steering", "privacy_officer"])
def test_advisors_stuurgroep_and_fg_cannot_start_a_project(kind, municipality):
    user = UserFactory(partner=PartnerFactory(advisory=True)) if kind == "advisory" \
        else UserFactory(**{kind: True})

    with pytest.raises(TransitionError, match="geen nieuw project"):
        plans.create_project(user, lead=user, name="Niet toegestaan", initiator=municipality,
                             project_type=Project.Type.KIP, format=Project.Format.OTHER)

    assert not Project.objects.filter(name="Niet toegestaan").exists()


# --- taking part ----------------------------------------------------------------------------

def test_taking_part_lets_the_partners_users_see_the_project(project, coordinator, ind, ind_user):
    assert project not in visible(ind_user)

    add_partner(project, ind, by=coordinator)

    assert group_grants(project, ind).count() == 1
    assert ind_user.has_perm("projects.take_part_in_project", project)
    assert project in visible(ind_user)


def test_taking_part_records_capacity_and_allowed_categories(project, coordinator, ind):
    categories = [CategoryFactory(name="illegale tewerkstelling")]

    participation = add_partner(project, ind, categories=categories, capacity_hours=64,
                                by=coordinator)

    participation.refresh_from_db()
    assert participation.capacity_hours == 64
    assert list(participation.categories.all()) == categories


def test_changing_a_participation_keeps_one_participation_and_one_grant(project, coordinator, uwv,
                                                                        categories):
    add_partner(project, uwv, capacity_hours=10, categories=[categories["adresfraude"]],
                by=coordinator)

    participation = Participation.objects.get(project=project, partner=uwv)
    assert participation.capacity_hours == 10
    assert list(participation.categories.all()) == [categories["adresfraude"]]
    assert group_grants(project, uwv).count() == 1


def test_removing_a_partner_takes_the_project_out_of_its_users_sight(project, coordinator, uwv,
                                                                     uwv_user):
    assert project in visible(uwv_user)

    plans.remove_participation(project.participations.get(partner=uwv), coordinator)

    assert not group_grants(project, uwv).exists()
    uwv_user = type(uwv_user).objects.get(pk=uwv_user.pk)  # fresh permission cache
    assert not uwv_user.has_perm("projects.take_part_in_project", project)
    assert project not in visible(uwv_user)


def test_taking_part_in_one_project_shows_no_other_projects(project, coordinator, ind, ind_user):
    other = project_in_phase(Phase.CONCEPT, by=coordinator)

    add_partner(project, ind, by=coordinator)

    assert visible(ind_user) == {project}
    assert other not in visible(ind_user)


@pytest.mark.parametrize("who", ["uwv_user", "ind_user"])
def test_partner_user_who_does_not_lead_cannot_add_or_remove_partners(who, request, project, ind,
                                                                       uwv):
    user = request.getfixturevalue(who)

    with pytest.raises(TransitionError):
        add_partner(project, ind, by=user)
    with pytest.raises(TransitionError):
        plans.remove_participation(project.participations.get(partner=uwv), user)

    assert set(project.participations.values_list("partner__code", flat=True)) == {
        "GEM-0193", "UWV", "SVB"}
    assert not group_grants(project, ind).exists()


def test_partner_that_left_the_covenant_cannot_take_part(project, coordinator):
    former = PartnerFactory(active_until=project.start_date - timedelta(days=1))

    with pytest.raises(TransitionError, match="geen actieve partner"):
        add_partner(project, former, by=coordinator)

    assert not project.participations.filter(partner=former).exists()


def test_partner_that_delivers_no_signals_gets_no_categories(project, coordinator, categories):
    police = PartnerFactory(delivery="geen")

    with pytest.raises(TransitionError, match="levert geen signalen"):
        add_partner(project, police, categories=[categories["adresfraude"]], by=coordinator)
    add_partner(project, police, categories=[], by=coordinator)

    assert project.participations.filter(partner=police).exists()


# --- leading --------------------------------------------------------------------------------

def test_assigning_a_lead_lets_them_manage_the_project(project, coordinator, projectleider):
    external = UserFactory()  # a hired projectleider of another partner
    assert not can_manage(external, project)

    plans.assign_lead(project, external, coordinator)

    assert is_lead(external, project)
    assert can_manage(external, project)
    assert project in visible(external)
    assert set(leads_of(project)) == {external, projectleider}


@pytest.mark.parametrize("who", ["uwv_user", "ind_user"])
def test_partner_user_who_does_not_lead_cannot_appoint_a_projectleider(who, request, project):
    user = request.getfixturevalue(who)

    with pytest.raises(TransitionError):
        plans.assign_lead(project, user, user)

    assert not can_manage(user, project)


@pytest.mark.parametrize("kind", ["coordinator", "inactive"])
def test_lead_must_be_an_active_partner_user(kind, project, coordinator):
    user = UserFactory(coordinator=True) if kind == "coordinator" else UserFactory(is_active=False)

    with pytest.raises(TransitionError, match="actieve medewerker"):
        plans.assign_lead(project, user, coordinator)

    assert not lead_grants(project, user).exists()


# --- grants are history too ----------------------------------------------------------------

def test_granting_and_revoking_take_part_is_kept_in_history_with_the_acting_user(
    project, projectleider, ind
):
    add_partner(project, ind, by=projectleider)
    plans.remove_participation(project.participations.get(partner=ind), projectleider)

    rows = GroupObjectPermission.history.filter(group_id=ind.group_id, object_pk=str(project.pk))
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in
            rows.order_by("history_date", "history_id")] == [
        ("+", projectleider, "Partner neemt deel"),
        ("-", projectleider, "Deelname verwijderd"),
    ]


def test_assigning_a_lead_is_kept_in_history_with_the_acting_user(project, coordinator):
    lead = UserFactory()

    plans.assign_lead(project, lead, coordinator)

    row = UserObjectPermission.history.get(user_id=lead.pk, object_pk=str(project.pk))
    assert (row.history_type, row.history_user, row.history_change_reason) == (
        "+", coordinator, "Projectleider aangewezen")


def test_participation_history_keeps_who_changed_the_categories(project, projectleider, uwv,
                                                                categories):
    add_partner(project, uwv, categories=[categories["arbeidsuitbuiting"]], by=projectleider,
                agreed=False)

    latest = Participation.objects.get(project=project, partner=uwv).history.first()
    assert latest.history_user == projectleider
    assert [c.category_id for c in latest.categories.all()] == [categories["arbeidsuitbuiting"].pk]


# --- toetsmomenten ---------------------------------------------------------------------------

def test_projectleider_records_a_checkpoint_after_approval(coordinator, projectleider,
                                                           municipality):
    project = project_in_phase(Phase.APPROVED, initiator=municipality, lead=projectleider)

    checkpoint = plans.record_checkpoint(
        project, projectleider, moment=Checkpoint.Moment.START, checked_on=today(),
        outcome=Checkpoint.Outcome.COMPLIANT, remarks=" Afspraken nagekomen ",
    )

    assert checkpoint.recorded_by == projectleider
    assert checkpoint.remarks == "Afspraken nagekomen"
    assert list(project.checkpoints.all()) == [checkpoint]
    assert checkpoint.history.first().history_user == projectleider


def test_checkpoint_is_refused_before_approval_and_for_non_managers(project, projectleider,
                                                                     uwv_user):
    with pytest.raises(TransitionError, match="vanaf de goedkeuring"):
        plans.record_checkpoint(project, projectleider, moment="start", checked_on=today(),
                                outcome="voldoet")
    project = project_in_phase(Phase.APPROVED, partners=[uwv_user.partner, PartnerFactory()])
    with pytest.raises(TransitionError, match="projectleider of de coördinator"):
        plans.record_checkpoint(project, uwv_user, moment="start", checked_on=today(),
                                outcome="voldoet")

    assert not Checkpoint.objects.exists()
