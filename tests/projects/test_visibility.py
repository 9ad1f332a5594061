"""Who sees which project (domain.md section 7), through the pages as a user meets them.

Whoever may not see a project gets a 404 on every URL of that project, never a hint that it
exists. The world is built once for this module; every test runs in its own savepoint.
"""
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from projects import urls as project_urls
from projects.models import Project
from projects.phases import Phase
from projects.views import TRANSITIONS
from tests.factories import (
    BodyFactory,
    PartnerFactory,
    UserFactory,
    project_in_phase,
    rolled_back_afterwards,
    snapshot,
    today,
)

ZWOLLE = "Wijkaanpak Zwolle"
DEVENTER = "Adresfraude Deventer"
HORECA = "Horeca Randstad"


def build_world():
    """Zwolle (concept): initiated and led by the gemeente Zwolle; gemeente, UWV, SVB take part.
    Deventer (goedgekeurd): Deventer and NLA take part, led by a hired projectleider of a bureau.
    Horeca (signalering): UWV and NLA. IND takes part in nothing."""
    w = SimpleNamespace()
    w.steering_body = BodyFactory(steering=True)
    w.region = BodyFactory(code="RPF-OOST", name="RPF Oost-Nederland")
    szw = PartnerFactory(code="SZW", delivery="geen")
    w.coordinator = UserFactory(username="coordinator", partner=szw, coordinator=True)
    w.steering_member = UserFactory(username="stuurgroep", partner=szw, steering=True)
    w.privacy_officer = UserFactory(username="fg", partner=szw, privacy_officer=True)
    zwolle = PartnerFactory(code="GEM-0193", name="Gemeente Zwolle", municipality=True)
    deventer = PartnerFactory(code="GEM-0150", name="Gemeente Deventer", municipality=True)
    uwv, svb, nla, ind = (PartnerFactory(code=code) for code in ("UWV", "SVB", "NLA", "IND"))
    bureau = PartnerFactory(code="BUREAU", name="Interim-projectleiders")
    w.projectleider = UserFactory(username="projectleider", partner=zwolle)
    w.gemeente_user = UserFactory(username="gemeente", partner=zwolle)
    w.uwv_user = UserFactory(username="uwv", partner=uwv)
    w.svb_user = UserFactory(username="svb", partner=svb)
    w.nla_user = UserFactory(username="nla", partner=nla)
    w.ind_user = UserFactory(username="ind", partner=ind)
    w.hired_lead = UserFactory(username="interim", partner=bureau)
    w.zwolle = project_in_phase(
        Phase.CONCEPT, name=ZWOLLE, initiator=zwolle, region=w.region,
        partners=[zwolle, uwv, svb], lead=w.projectleider, by=w.coordinator,
    )
    w.deventer = project_in_phase(
        Phase.APPROVED, name=DEVENTER, initiator=deventer, region=w.region,
        partners=[deventer, nla], lead=w.hired_lead, by=w.coordinator,
    )
    w.horeca = project_in_phase(
        Phase.INTAKE, name=HORECA, sector_based=True, initiator=uwv, partners=[uwv, nla],
        lead=w.uwv_user, by=w.coordinator,
    )
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_world()
        yield built


@pytest.fixture
def as_user(world, db):
    def client(name):
        browser = Client()
        if name != "anonymous":
            browser.force_login(getattr(world, name))
        return browser

    return client


ALL = {ZWOLLE, DEVENTER, HORECA}
# role → the projects its user sees
SEES = {
    "coordinator": ALL,
    "steering_member": ALL,
    "privacy_officer": ALL,
    "projectleider": {ZWOLLE},              # leads Zwolle; the gemeente takes part in nothing else
    "hired_lead": {DEVENTER},               # leads Deventer; the bureau takes part in nothing
    "uwv_user": {ZWOLLE, HORECA},           # UWV takes part in both (and leads Horeca)
    "svb_user": {ZWOLLE},
    "nla_user": {DEVENTER, HORECA},
    "ind_user": set(),                      # IND takes part in nothing
}


@pytest.mark.parametrize("role", sorted(SEES))
def test_project_list_shows_exactly_the_projects_the_user_may_see(role, as_user):
    response = as_user(role).get(reverse("projects:list"))

    assert response.status_code == 200
    shown = {name for name in ALL if name in response.content.decode()}
    assert shown == SEES[role]


@pytest.mark.parametrize("role", sorted(SEES))
@pytest.mark.parametrize("project", ["zwolle", "deventer", "horeca"])
def test_project_page_is_200_for_who_may_see_it_and_404_for_everyone_else(
    role, project, world, as_user
):
    target = getattr(world, project)

    response = as_user(role).get(reverse("projects:detail", args=[target.pk]))

    expected = 200 if target.name in SEES[role] else 404
    assert response.status_code == expected
    assert (target.name in response.content.decode()) == (expected == 200)


def test_anonymous_visitor_is_sent_to_the_login_page(world, as_user):
    browser = as_user("anonymous")
    for url in (reverse("projects:list"), reverse("projects:detail", args=[world.zwolle.pk]),
                reverse("projects:steering"), reverse("home")):
        response = browser.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_hidden_project_looks_exactly_like_one_that_does_not_exist(world, as_user):
    browser = as_user("ind_user")
    missing = Project.objects.order_by("-pk").first().pk + 1000

    hidden = browser.get(reverse("projects:detail", args=[world.zwolle.pk]))
    absent = browser.get(reverse("projects:detail", args=[missing]))

    assert hidden.status_code == absent.status_code == 404
    assert hidden.templates[0].name == absent.templates[0].name == "404.html"
    assert ZWOLLE not in hidden.content.decode()


def test_user_of_the_initiating_partner_sees_the_project(world, as_user):
    """The gemeente that proposed the plan follows it, also with a user who does not lead it."""
    response = as_user("gemeente_user").get(reverse("projects:detail", args=[world.zwolle.pk]))

    assert response.status_code == 200


def test_partner_removed_from_the_plan_gets_404(world, as_user):
    from projects import plans

    svb = world.zwolle.participations.get(partner__code="SVB")
    plans.remove_participation(svb, world.coordinator)

    response = as_user("svb_user").get(reverse("projects:detail", args=[world.zwolle.pk]))

    assert response.status_code == 404


def test_inactive_user_sees_no_projects(world, db):
    user = type(world.uwv_user).objects.get(pk=world.uwv_user.pk)
    assert Project.objects.visible_to(user).exists()
    user.is_active = False
    user.save()

    assert not Project.objects.visible_to(user).exists()


# --- every project URL answers 404 to a partner that does not take part -------------------

def project_requests(world):
    """(name, url, data) for every URL of projects/urls.py that names a project."""
    participation = world.zwolle.participations.get(partner__code="UWV")
    data = {
        "edit": {"name": "Gekaapt", "project_type": "gebiedsgericht", "format": "wga",
                 "reason": "x", "goals": "x", "area": "8011", "retention_days": 1},
        "participation_set": {"partner": world.ind_user.partner_id, "capacity_hours": 10},
        "decide": {"body": world.region.pk, "outcome": "goedgekeurd",
                   "decided_on": today().isoformat()},
        "checkpoint": {"moment": "start", "checked_on": today().isoformat(),
                       "outcome": "voldoet"},
        "transition": {"reason": "Ik probeer het"},
    }
    requests = []
    for pattern in project_urls.urlpatterns:
        params = set(pattern.pattern.converters)
        if "pk" not in params:
            continue
        unknown = params - {"pk", "participation_pk", "action"}
        assert not unknown, f"teach this test the URL parameters {unknown} of {pattern.name}"
        kwargs = {"pk": world.zwolle.pk}
        if "participation_pk" in params:
            kwargs["participation_pk"] = participation.pk
        actions = list(TRANSITIONS) + ["onbekend"] if "action" in params else [None]
        for action in actions:
            if action:
                kwargs["action"] = action
            url = reverse(f"projects:{pattern.name}", kwargs=kwargs)
            requests.append((pattern.name, url, data.get(pattern.name, {})))
    return requests


def test_every_project_url_is_covered(world, db):
    names = {name for name, _url, _data in project_requests(world)}

    assert names >= {"detail", "edit", "participation_set", "participation_remove", "submit",
                     "decide", "confirm_ready", "checkpoint", "transition"}


@pytest.mark.parametrize("role", ["ind_user", "nla_user", "hired_lead"])
def test_non_participating_partner_gets_404_on_every_project_url(role, world, as_user):
    browser = as_user(role)
    before = snapshot(world.zwolle)

    for name, url, data in project_requests(world):
        assert browser.get(url).status_code in (404, 405), url
        response = browser.post(url, data)
        assert response.status_code == 404, f"{name}: {url} answered {response.status_code}"

    assert snapshot(world.zwolle) == before
    world.zwolle.refresh_from_db()
    assert world.zwolle.name == ZWOLLE


def test_anonymous_visitor_gets_the_login_page_on_every_project_url(world, as_user):
    browser = as_user("anonymous")
    before = snapshot(world.zwolle)

    for _name, url, data in project_requests(world):
        response = browser.post(url, data)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url

    assert snapshot(world.zwolle) == before


def test_projectleider_cannot_remove_a_participation_of_another_project(world, as_user):
    other = world.deventer.participations.get(partner__code="NLA")
    url = reverse("projects:participation_remove", args=[world.zwolle.pk, other.pk])

    response = as_user("projectleider").post(url)

    assert response.status_code == 404
    assert world.deventer.participations.filter(pk=other.pk).exists()


# --- the stuurgroep overview ---------------------------------------------------------------

@pytest.mark.parametrize("role", ["steering_member", "coordinator"])
def test_stuurgroep_overview_lists_every_project(role, as_user):
    response = as_user(role).get(reverse("projects:steering"))

    assert response.status_code == 200
    page = response.content.decode()
    for name in ALL:
        assert name in page
    assert "Horeca" in page and "8011" in page  # sector of one, area of another
    assert "Signalering" in page and "Goedgekeurd" in page and "Concept" in page


@pytest.mark.parametrize("role", ["projectleider", "uwv_user", "ind_user", "hired_lead"])
def test_partner_users_get_404_on_the_stuurgroep_overview(role, as_user):
    response = as_user(role).get(reverse("projects:steering"))

    assert response.status_code == 404


def test_stuurgroep_overview_contains_no_personal_data(world, as_user):
    """No addresses (there are none yet) and no names of the people doing the work."""
    page = as_user("steering_member").get(reverse("projects:steering")).content.decode()
    body = page.split('id="main-content"', 1)[1]

    for person in (world.projectleider, world.uwv_user, world.hired_lead):
        assert person.first_name not in body
        assert person.username not in body


def test_stuurgroep_overview_flags_a_project_that_stalls(world, as_user, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.LSI_STALLED_AFTER_DAYS = 5
    Project.objects.filter(pk=world.deventer.pk).update(
        phase_since=timezone.now() - timedelta(days=6)
    )

    response = as_user("steering_member").get(reverse("projects:steering"))

    assert response.context["stalled_count"] == 1
    stalled = [p.name for p in response.context["projects"] if p.is_stalled()]
    assert stalled == [DEVENTER]
    assert "1 project staat stil." in response.content.decode()


def test_start_page_of_the_stuurgroep_names_the_stalled_projects(world, as_user, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.LSI_STALLED_AFTER_DAYS = 5
    Project.objects.filter(pk=world.horeca.pk).update(
        phase_since=timezone.now() - timedelta(days=30)
    )

    page = as_user("steering_member").get(reverse("home")).content.decode()

    stalled_section = page.split('id="stalled-heading"', 1)[1].split("</section>", 1)[0]
    assert HORECA in stalled_section and ZWOLLE not in stalled_section
