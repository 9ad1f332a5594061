"""The project screens, used through the browser (Django test client) as a user would."""
from datetime import timedelta

import pytest
from django.urls import reverse

from projects.forms import ProjectForm
from projects.models import ApprovalDecision, Checkpoint, Participation, PhaseTransition, Project
from projects.phases import Phase
from projects.roles import leads_of
from tests.factories import (
    BodyFactory,
    PartnerFactory,
    UserFactory,
    partner_user,
    project_in_phase,
    snapshot,
    today,
    walk,
)


@pytest.fixture
def base(shared_base, db):
    """The tests of this module share one build of the base data (see tests/conftest.py)."""
    return shared_base.fresh()



def plan_data(**overrides):
    """What the plan form posts: every field at its initial value, a complete plan, and
    ``overrides``."""
    blank = ProjectForm()
    data = {}
    for name in blank.fields:
        value = blank[name].value()
        if value is not None:
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data.update({
        "name": "Wijkaanpak Zwolle-Zuid",
        "project_type": "gebiedsgericht",
        "format": "wga",
        "reason": "Veel signalen over adressen in Zwolle-Zuid.",
        "goals": "Onrechtmatigheden beëindigen.",
        "area": "8011-8013, 8017 AB",
        "sector": "",
        "dpia_reference": "DPIA-2026-7",
        "start_date": today().isoformat(),
        "intake_deadline": (today() + timedelta(days=14)).isoformat(),
        "case_table_date": (today() + timedelta(days=21)).isoformat(),
        "control_dates": (today() + timedelta(days=30)).strftime("%d-%m-%Y"),
        "planned_end": (today() + timedelta(days=90)).isoformat(),
        "retention_days": "730",
    })
    data.update(overrides)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def detail(project):
    return reverse("projects:detail", args=[project.pk])


# --- the coördinator's road: create, add partners, submit ----------------------------------

def test_coordinator_creates_a_project_adds_partners_and_submits_it(
    client_for, coordinator, projectleider, municipality, region, uwv, svb, categories
):
    browser = client_for(coordinator)
    assert "lead" in browser.get(reverse("projects:create")).context["form"].fields

    response = browser.post(reverse("projects:create"), plan_data(
        initiator=municipality.pk, region=region.pk, lead=projectleider.pk,
    ))

    project = Project.objects.get(name="Wijkaanpak Zwolle-Zuid")
    assert response.status_code == 302 and response.url == detail(project)
    assert project.initiator == municipality
    assert project.area == "8011, 8012, 8013, 8017AB"
    assert list(leads_of(project)) == [projectleider]
    assert project.history.first().history_user == coordinator

    for partner, hours, category in ((municipality, 100, "adresfraude"),
                                     (uwv, 120, "uitkeringsfraude"), (svb, 80, "adresfraude")):
        response = browser.post(reverse("projects:participation_set", args=[project.pk]), {
            "partner": partner.pk, "capacity_hours": hours,
            "categories": [categories[category].pk],
        }, follow=True)
        assert f"De deelname van {partner} is vastgelegd." in messages_of(response)
    assert project.participations.count() == 3
    for partner in (municipality, uwv, svb):  # each partner's own user agrees
        answer = client_for(partner_user(partner)).post(
            reverse("projects:agreement", args=[project.pk]), {"answer": "akkoord"}, follow=True)
        assert "Uw organisatie gaat akkoord met de deelname." in messages_of(answer)

    response = browser.post(reverse("projects:submit", args=[project.pk]), follow=True)

    assert "Het plan is ingediend." in messages_of(response)
    project.refresh_from_db()
    assert project.phase == Phase.SUBMITTED
    step = PhaseTransition.objects.get(project=project)
    assert step.by == coordinator
    assert step.history.first().history_user == coordinator


def test_coordinator_must_name_a_projectleider(client_for, coordinator, municipality, region):
    response = client_for(coordinator).post(reverse("projects:create"), plan_data(
        initiator=municipality.pk, region=region.pk,
    ))

    assert response.status_code == 200
    assert "lead" in response.context["form"].errors
    assert not Project.objects.filter(name="Wijkaanpak Zwolle-Zuid").exists()


def test_plan_with_dates_out_of_order_is_not_saved(client_for, coordinator, municipality, region,
                                                   projectleider):
    response = client_for(coordinator).post(reverse("projects:create"), plan_data(
        initiator=municipality.pk, region=region.pk, lead=projectleider.pk,
        planned_end=(today() - timedelta(days=1)).isoformat(),
    ))

    assert response.status_code == 200
    assert "Deze datum ligt vóór" in response.content.decode()
    assert not Project.objects.filter(name="Wijkaanpak Zwolle-Zuid").exists()


def test_area_that_is_not_a_postcode_area_is_refused_with_a_dutch_message(
    client_for, projectleider, project
):
    response = client_for(projectleider).post(
        reverse("projects:edit", args=[project.pk]), plan_data(area="8011, Zwolle-Zuid"),
    )

    assert response.status_code == 200
    assert "Het plan is niet opgeslagen" in response.content.decode()
    assert "Zwolle-Zuid" in response.context["form"].errors["area"][0]
    project.refresh_from_db()
    assert project.area == "8011-8017"


def test_projectleider_edits_the_plan_and_history_names_them(client_for, projectleider, project):
    response = client_for(projectleider).post(
        reverse("projects:edit", args=[project.pk]), plan_data(goals="Scherpere doelen."),
        follow=True,
    )

    assert "Het projectplan is opgeslagen." in messages_of(response)
    project.refresh_from_db()
    assert project.goals == "Scherpere doelen."
    assert project.history.first().history_user == projectleider


def test_editing_a_submitted_plan_shows_why_and_changes_nothing(client_for, projectleider, project):
    walk(project, Phase.SUBMITTED)

    response = client_for(projectleider).post(
        reverse("projects:edit", args=[project.pk]), plan_data(goals="Te laat."), follow=True,
    )

    assert any("alleen in de fase concept" in m for m in messages_of(response))
    project.refresh_from_db()
    assert project.goals != "Te laat."


def test_partner_user_who_does_not_lead_cannot_edit_through_the_page(client_for, uwv_user, project):
    response = client_for(uwv_user).post(
        reverse("projects:edit", args=[project.pk]), plan_data(goals="Gekaapt."), follow=True,
    )

    assert any("projectleider of de coördinator" in m for m in messages_of(response))
    project.refresh_from_db()
    assert project.goals != "Gekaapt."


# --- invalid transitions: a Dutch message, nothing changed ---------------------------------

def test_submitting_an_incomplete_plan_shows_what_is_missing_and_changes_nothing(
    client_for, projectleider, project, coordinator
):
    from projects import plans

    plans.update_plan(project, coordinator, goals="", dpia_reference="")
    before = snapshot(project)

    response = client_for(projectleider).post(reverse("projects:submit", args=[project.pk]),
                                              follow=True)

    assert messages_of(response) == [
        "Het plan is nog niet compleet. Vul nog in: de doelstellingen, het DPIA-kenmerk."
    ]
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "action, reason, message",
    [
        ("advance", "", "Dit plan moet eerst worden ingediend en goedgekeurd."),
        ("hold", "", "Geef een reden op."),
        ("cancel", "  ", "Geef een reden op."),
        ("resume", "Verder", "Alleen een project dat on hold staat kan worden hervat."),
    ],
)
def test_invalid_transition_shows_a_dutch_message_and_changes_nothing(
    action, reason, message, client_for, projectleider, project
):
    before = snapshot(project)

    response = client_for(projectleider).post(
        reverse("projects:transition", args=[project.pk, action]), {"reason": reason}, follow=True,
    )

    assert response.status_code == 200
    assert messages_of(response) == [message]
    assert message in response.content.decode()
    assert snapshot(project) == before


def test_unknown_transition_changes_nothing(client_for, projectleider, project):
    before = snapshot(project)

    response = client_for(projectleider).post(
        reverse("projects:transition", args=[project.pk, "sluiten"]), {"reason": "x"},
    )

    assert response.status_code == 302
    assert snapshot(project) == before


def test_projectleider_puts_the_project_on_hold_and_resumes_it_through_the_page(
    client_for, projectleider, project
):
    walk(project, Phase.INTAKE)
    browser = client_for(projectleider)

    response = browser.post(reverse("projects:transition", args=[project.pk, "hold"]),
                            {"reason": "Toeslagen levert tijdelijk niet"}, follow=True)
    assert messages_of(response) == ["Het project staat on hold."]
    project.refresh_from_db()
    assert project.phase == Phase.ON_HOLD

    browser.post(reverse("projects:transition", args=[project.pk, "resume"]),
                 {"reason": "Toeslagen levert weer"})
    project.refresh_from_db()
    assert project.phase == Phase.INTAKE
    page = browser.get(detail(project)).content.decode()
    assert "Toeslagen levert tijdelijk niet" in page and "Toeslagen levert weer" in page


def test_opening_the_intake_asks_for_confirmation_and_says_what_will_happen(client_for, projectleider,
                                                                            project):
    walk(project, Phase.READY)
    browser = client_for(projectleider)
    url = reverse("projects:transition", args=[project.pk, "advance"])

    confirm = browser.post(url, {"reason": "Alle partners gereed"})

    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "De signalering gaat open" in page and "Ja, naar fase: Signalering" in page
    assert 'value="Alle partners gereed"' in page
    project.refresh_from_db()
    assert project.phase == Phase.READY
    browser.post(url, {"reason": "Alle partners gereed", "confirmed": "1"})
    project.refresh_from_db()
    assert project.phase == Phase.INTAKE


def test_a_step_that_is_not_allowed_is_refused_before_any_confirmation(client_for, uwv_user, project):
    walk(project, Phase.READY)
    response = client_for(uwv_user).post(reverse("projects:transition", args=[project.pk, "advance"]),
                                         {"reason": "x"}, follow=True)
    assert "Ja, naar fase" not in response.content.decode()
    project.refresh_from_db()
    assert project.phase == Phase.READY


def test_projectleider_advances_through_the_page_with_a_reason(client_for, projectleider, project):
    walk(project, Phase.READY)

    response = client_for(projectleider).post(
        reverse("projects:transition", args=[project.pk, "advance"]),
        {"reason": "Signaalintake geopend", "confirmed": "1"}, follow=True,
    )

    assert messages_of(response) == ["Het project is naar de volgende fase gegaan."]
    project.refresh_from_db()
    assert project.phase == Phase.INTAKE
    assert PhaseTransition.objects.filter(project=project).last().reason == "Signaalintake geopend"


# --- readiness through the page ------------------------------------------------------------

def test_partner_user_confirms_readiness_through_the_page(client_for, uwv_user, project, uwv):
    walk(project, Phase.APPROVED)
    browser = client_for(uwv_user)
    assert "Gereedheid melden" in browser.get(detail(project)).content.decode()

    response = browser.post(reverse("projects:confirm_ready", args=[project.pk]), follow=True)

    assert messages_of(response) == [
        "U heeft gemeld dat uw organisatie gegevens kan verwerken voor dit project."
    ]
    participation = Participation.objects.get(project=project, partner=uwv)
    assert participation.ready_by == uwv_user
    assert "Gereedheid melden</button>" not in response.content.decode()
    project.refresh_from_db()
    assert project.phase == Phase.APPROVED  # the others have not confirmed yet


def test_last_partner_confirming_through_the_page_makes_the_project_ready(
    client_for, projectleider, uwv_user, svb_user, project
):
    walk(project, Phase.APPROVED)

    for user in (projectleider, uwv_user, svb_user):
        client_for(user).post(reverse("projects:confirm_ready", args=[project.pk]))

    project.refresh_from_db()
    assert project.phase == Phase.READY


def test_user_whose_organisation_does_not_take_part_is_told_so(client_for, coordinator, project):
    walk(project, Phase.APPROVED)
    before = snapshot(project)

    response = client_for(coordinator).post(reverse("projects:confirm_ready", args=[project.pk]),
                                            follow=True)

    assert messages_of(response) == ["Uw organisatie neemt niet deel aan dit project."]
    assert snapshot(project) == before


def test_start_page_asks_partner_user_to_confirm_readiness(client_for, uwv_user, project):
    walk(project, Phase.APPROVED)

    page = client_for(uwv_user).get(reverse("home")).content.decode()

    tasks = page.split('id="tasks-heading"', 1)[1].split("</section>", 1)[0]
    assert "Gereedheid voor gegevensverwerking melden" in tasks and project.name in tasks


# --- the decision form ---------------------------------------------------------------------

def test_coordinator_records_an_approval_through_the_decision_form(
    client_for, coordinator, project, region
):
    walk(project, Phase.SUBMITTED)
    browser = client_for(coordinator)
    page = browser.get(detail(project)).content.decode()
    assert "Besluit over het plan vastleggen" in page
    assert "Over dit plan beslist: RPF Oost-Nederland." in page

    response = browser.post(reverse("projects:decide", args=[project.pk]), {
        "body": region.pk, "outcome": "goedgekeurd", "decided_on": today().isoformat(),
        "remarks": "Akkoord in RPF-vergadering",
    }, follow=True)

    # Then the plan's capacity warnings (no partner pledged anything here): shown, not a block.
    assert messages_of(response)[0] == "Het besluit is vastgelegd."
    project.refresh_from_db()
    assert project.phase == Phase.APPROVED
    decision = ApprovalDecision.objects.get(project=project)
    assert (decision.body, decision.recorded_by) == (region, coordinator)
    assert "Akkoord in RPF-vergadering" in response.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"outcome": "afgewezen", "remarks": ""},
         "Geef bij een afwijzing aan waarom het plan is afgewezen."),
        ({"decided_on": ""}, "Vul het orgaan, het besluit en de datum in."),
        ({"decided_on": (today() + timedelta(days=3)).isoformat()},
         "De datum van het besluit kan niet in de toekomst liggen."),
        ({"body": "steering"}, "Over dit plan beslist RPF Oost-Nederland, niet Stuurgroep LSI."),
    ],
    ids=["reject-without-remarks", "no-date", "future-date", "wrong-body"],
)
def test_refused_decision_shows_why_and_changes_nothing(
    data, message, client_for, coordinator, project, region, steering_body
):
    walk(project, Phase.SUBMITTED)
    before = snapshot(project)
    post = {"body": region.pk, "outcome": "goedgekeurd", "decided_on": today().isoformat()}
    post.update(data)
    if post["body"] == "steering":
        post["body"] = steering_body.pk

    response = client_for(coordinator).post(reverse("projects:decide", args=[project.pk]), post,
                                            follow=True)

    assert messages_of(response) == [message]
    assert snapshot(project) == before


def test_rejection_through_the_form_sends_the_plan_back_with_the_remarks(
    client_for, coordinator, projectleider, project, region
):
    walk(project, Phase.SUBMITTED)

    client_for(coordinator).post(reverse("projects:decide", args=[project.pk]), {
        "body": region.pk, "outcome": "afgewezen", "decided_on": today().isoformat(),
        "remarks": "DPIA is verouderd",
    })

    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT
    page = client_for(projectleider).get(detail(project)).content.decode()
    assert "DPIA is verouderd" in page
    assert "Plan indienen ter goedkeuring" in page


def test_decision_form_is_shown_only_to_who_may_record_the_decision(
    client_for, coordinator, steering_member, projectleider, project, steering_body
):
    walk(project, Phase.SUBMITTED)
    national = project_in_phase(Phase.SUBMITTED, sector_based=True)

    def shows_form(user, target):
        return client_for(user).get(detail(target)).context["may_decide"]

    assert shows_form(coordinator, project) and shows_form(coordinator, national)
    assert not shows_form(steering_member, project)   # a regional decision
    assert shows_form(steering_member, national)      # a stuurgroep decision
    assert not shows_form(projectleider, project)


# --- toetsmomenten through the page --------------------------------------------------------

def test_projectleider_records_a_checkpoint_through_the_page(client_for, projectleider, project):
    walk(project, Phase.INTAKE)

    response = client_for(projectleider).post(reverse("projects:checkpoint", args=[project.pk]), {
        "moment": "tijdens", "checked_on": today().isoformat(), "outcome": "deels",
        "remarks": "SVB levert later",
    }, follow=True)

    assert messages_of(response) == ["Het toetsmoment is vastgelegd."]
    checkpoint = Checkpoint.objects.get(project=project)
    assert (checkpoint.recorded_by, checkpoint.outcome) == (projectleider, "deels")
    assert "SVB levert later" in response.content.decode()


# --- filters on the project list -----------------------------------------------------------

@pytest.fixture
def listed(coordinator, region):
    north = BodyFactory(code="RPF-NOORD", name="RPF Noord-Nederland")
    return {
        "zwolle": project_in_phase(Phase.CONCEPT, name="Wijkaanpak Zwolle", region=region),
        "groningen": project_in_phase(Phase.CONCEPT, name="Wijkaanpak Groningen", region=north,
                                      area="9711-9718"),
        "horeca": project_in_phase(Phase.SUBMITTED, name="Horeca Randstad", sector_based=True),
        "kip": project_in_phase(Phase.CONCEPT, name="KIP Uitzendbureaus", kip=True),
        "north": north,
    }


def listed_names(browser, **query):
    response = browser.get(reverse("projects:list"), query)
    assert response.status_code == 200
    return {project.name for project in response.context["page"].object_list}


def test_project_list_filters_on_search_phase_type_and_region(client_for, coordinator, listed):
    browser = client_for(coordinator)

    assert listed_names(browser) == {"Wijkaanpak Zwolle", "Wijkaanpak Groningen",
                                     "Horeca Randstad", "KIP Uitzendbureaus"}
    assert listed_names(browser, q="zwolle") == {"Wijkaanpak Zwolle"}
    assert listed_names(browser, q="9711") == {"Wijkaanpak Groningen"}
    assert listed_names(browser, q="horeca") == {"Horeca Randstad"}
    assert listed_names(browser, phase="ingediend") == {"Horeca Randstad"}
    assert listed_names(browser, project_type="kip") == {"KIP Uitzendbureaus"}
    assert listed_names(browser, region=listed["north"].pk) == {"Wijkaanpak Groningen"}
    assert listed_names(browser, project_type="gebiedsgericht", phase="concept",
                        q="wijkaanpak") == {"Wijkaanpak Zwolle", "Wijkaanpak Groningen"}


def test_search_finds_nothing_the_user_may_not_see(client_for, listed):
    outsider = UserFactory()

    assert listed_names(client_for(outsider), q="Zwolle") == set()
    assert listed_names(client_for(outsider)) == set()


# --- mass assignment -----------------------------------------------------------------------

def test_partner_user_cannot_start_a_project_for_another_partner_or_make_someone_else_lead(
    client_for, uwv_user, municipality, projectleider, region
):
    browser = client_for(uwv_user)
    form = browser.get(reverse("projects:create")).context["form"]
    assert "initiator" not in form.fields and "lead" not in form.fields

    browser.post(reverse("projects:create"), plan_data(
        name="Eigen voorstel UWV", initiator=municipality.pk, lead=projectleider.pk,
        region=region.pk,
    ))

    project = Project.objects.get(name="Eigen voorstel UWV")
    assert project.initiator == uwv_user.partner
    assert list(leads_of(project)) == [uwv_user]


def test_projectleider_cannot_change_the_initiator_by_posting_it(
    client_for, projectleider, project, municipality
):
    other = PartnerFactory()

    client_for(projectleider).post(reverse("projects:edit", args=[project.pk]),
                                   plan_data(initiator=other.pk))

    project.refresh_from_db()
    assert project.initiator == municipality


def test_phase_cannot_be_set_by_posting_it(client_for, projectleider, project):
    client_for(projectleider).post(reverse("projects:edit", args=[project.pk]),
                                   plan_data(phase="goedgekeurd", phase_since="2020-01-01"))

    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT
    assert not PhaseTransition.objects.filter(project=project).exists()


def test_advisory_member_cannot_start_a_project(client_for):
    adviser = UserFactory(partner=PartnerFactory(advisory=True))

    response = client_for(adviser).post(reverse("projects:create"), plan_data(), follow=True)

    assert messages_of(response) == ["U kunt geen nieuw project starten."]
    assert not Project.objects.filter(name="Wijkaanpak Zwolle-Zuid").exists()


# --- the detail page -----------------------------------------------------------------------

def test_project_page_shows_plan_partners_timeline_and_history(client_for, projectleider,
                                                               project, svb_user):
    walk(project, Phase.READY)

    page = client_for(svb_user).get(detail(project)).content.decode()

    for text in ("Wijkaanpak Zwolle", "Gereed voor gegevensverwerking", "8011-8017",
                 "UWV", "120", "uitkeringsfraude", "Goedgekeurd door RPF Oost-Nederland",
                 "Alle partners hebben gereedheid gemeld", "Projectplan ingediend",
                 str(projectleider)):
        assert text in page, text
    assert 'lang="nl"' in page
    assert "Plan indienen ter goedkeuring" not in page  # svb does not manage the project
