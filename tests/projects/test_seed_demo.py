"""``manage.py seed_demo``: the demo world of the README, loaded once for this module.

The demo password comes from LSI_DEMO_PASSWORD; here it is set to a test value before seeding.
"""
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lsi.devtools.management.commands.seed_demo import (
    DEFAULT_DEMO_PASSWORD,
    DEMO_PASSWORD_ENV,
    demo_password,
)
from projects import selectors
from projects.models import EscalationFlag, Partner, Project, User
from projects.phases import Phase
from projects.roles import leads_of
from tests.factories import rolled_back_afterwards

DEMO_PASSWORD = "demo-wachtwoord-uit-de-omgeving"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The output of the first run; the database stays seeded for every test of this module."""
    out = StringIO()
    with rolled_back_afterwards(django_db_blocker):
        with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
            patch.setenv(DEMO_PASSWORD_ENV, DEMO_PASSWORD)
            call_command("seed_demo", stdout=out)
        yield out.getvalue()


@pytest.fixture
def zwolle(seeded, db):
    return Project.objects.get(name__icontains="Zwolle")


def row_counts() -> dict[str, int]:
    """Rows of every model, historical tables and object permissions included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_second_run_changes_nothing(seeded, db):
    before = row_counts()
    assert before["projects.HistoricalProject"] > 0  # history is counted too

    call_command("seed_demo", stdout=StringIO())

    assert row_counts() == before


def test_demo_has_the_covenant_partners_of_the_domain(seeded, db):
    codes = set(Partner.objects.values_list("code", flat=True))
    assert {"SZW", "UWV", "SVB", "BD-MKB", "BD-TSL", "NLA", "IND", "POL", "OM", "VNG",
            "DIVOSA"} <= codes

    advisers = Partner.objects.filter(code__in=["VNG", "DIVOSA"])
    assert {(p.kind, p.is_signatory) for p in advisers} == {(Partner.Kind.ADVISORY, False)}
    assert Partner.objects.get(code="BD-MKB").delivery == Partner.Delivery.ON_REQUEST


def test_demo_has_at_least_twelve_municipalities(seeded, db):
    assert Partner.objects.filter(kind=Partner.Kind.MUNICIPALITY).count() >= 12


def test_demo_has_users_for_every_role_and_the_named_partners(seeded, db):
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    partners_with_users = set(
        User.objects.filter(role=User.Role.PARTNER).values_list("partner__code", flat=True)
    )
    assert {"UWV", "SVB", "NLA", "BD-MKB", "IND"} <= partners_with_users
    assert any(code.startswith("GEM-") for code in partners_with_users)


def test_demo_has_six_projects_across_types_and_phases(seeded, db):
    projects = Project.objects.all()
    assert projects.count() >= 6
    assert set(projects.values_list("project_type", flat=True)) == set(Project.Type.values)
    assert len(set(projects.values_list("phase", flat=True))) >= 5


def test_zwolle_project_is_in_signal_intake_led_by_the_demo_projectleider(zwolle):
    assert zwolle.phase == Phase.INTAKE
    assert zwolle.project_type == Project.Type.AREA
    assert {f"{n}" for n in range(8011, 8018)} <= set(zwolle.area_items)
    assert User.objects.get(username="projectleider") in leads_of(zwolle)


def test_zwolle_initiator_is_the_partner_of_the_gemeente_user(zwolle):
    assert zwolle.initiator == User.objects.get(username="gemeente").partner


def test_uwv_svb_and_nla_take_part_in_zwolle_ready_with_the_sample_categories(zwolle):
    expected = {
        "UWV": {"uitkeringsfraude", "adresfraude"},
        "SVB": {"uitkeringsfraude", "adresfraude"},
        "NLA": {"arbeidsuitbuiting", "illegale tewerkstelling"},
    }
    for code, categories in expected.items():
        participation = zwolle.participations.get(partner__code=code)
        assert participation.is_ready, code
        assert set(participation.categories.values_list("name", flat=True)) >= categories, code


def test_belastingdienst_mkb_takes_part_in_zwolle_on_request(zwolle):
    participation = zwolle.participations.get(partner__code="BD-MKB")

    assert participation.delivers_on_request


def test_every_zwolle_transition_was_made_through_the_lifecycle(zwolle):
    phases = list(zwolle.transitions.values_list("to_phase", flat=True))

    assert phases == [Phase.SUBMITTED, Phase.APPROVED, Phase.READY, Phase.INTAKE]
    assert zwolle.approvals.get().body == zwolle.region


def test_ind_user_gets_404_on_the_zwolle_project(zwolle):
    assert not zwolle.participations.filter(partner__code="IND").exists()
    browser = Client()
    assert browser.login(username="ind", password=DEMO_PASSWORD)

    response = browser.get(reverse("projects:detail", args=[zwolle.pk]))

    assert response.status_code == 404


def test_demo_projectleider_logs_in_with_the_password_from_the_environment(zwolle):
    browser = Client()

    assert not browser.login(username="projectleider", password=DEFAULT_DEMO_PASSWORD)
    response = browser.post(reverse("login"),
                            {"username": "projectleider", "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert browser.get(reverse("projects:detail", args=[zwolle.pk])).status_code == 200


def test_seed_prints_the_demo_accounts_and_their_password(seeded, db):
    assert DEMO_PASSWORD in seeded
    for username in ("coordinator", "stuurgroep", "projectleider", "uwv", "ind"):
        assert username in seeded


def test_demo_password_has_a_documented_default(monkeypatch):
    monkeypatch.delenv(DEMO_PASSWORD_ENV, raising=False)
    assert demo_password() == DEFAULT_DEMO_PASSWORD

    monkeypatch.setenv(DEMO_PASSWORD_ENV, "iets-anders")
    assert demo_password() == "iets-anders"


# --- months of history: phases entered in the past, one project stalled, one escalated ------

def test_every_demo_project_entered_its_phase_days_or_months_ago(seeded, db):
    now = timezone.now()
    projects = list(Project.objects.all())

    assert all(project.days_in_phase(now) >= 7 for project in projects)
    assert max(project.days_in_phase(now) for project in projects) >= 90
    assert min(project.created_at for project in projects) <= now - timedelta(days=365)


def test_each_phase_change_happened_after_the_one_before_and_is_the_phase_start(seeded, db):
    for project in Project.objects.exclude(phase=Phase.CONCEPT):
        moments = list(project.transitions.values_list("at", flat=True))
        assert moments == sorted(moments) and len(set(moments)) == len(moments), project
        assert project.created_at < moments[0] and moments[-1] < timezone.now(), project
        assert abs(project.phase_since - moments[-1]) < timedelta(seconds=1), project


def test_the_history_shows_the_same_past_dates_as_the_timeline(zwolle):
    opened = zwolle.transitions.get(to_phase=Phase.INTAKE)
    record = zwolle.history.filter(phase=Phase.INTAKE).earliest("history_date")
    approval = zwolle.approvals.get()

    assert abs(record.history_date - opened.at) < timedelta(seconds=1)
    assert record.history_user.username == "coordinator"
    approved_at = zwolle.transitions.get(to_phase=Phase.APPROVED).at
    assert approval.decided_on == timezone.localdate(approved_at)
    assert timedelta(days=14) <= timezone.now() - opened.at <= timedelta(days=60)


def test_one_project_is_stalled_and_one_escalated_as_the_portal_sees_it(seeded, db):
    stalled = {project.name for project in selectors.stalled(Project.objects.all())}
    escalated = {flag.project.name for flag in EscalationFlag.objects.filter(resolved_at=None)}

    assert stalled == {"Horeca Randstad", "Wijkgerichte aanpak Almelo"}
    assert escalated == {"Wijkgerichte aanpak Almelo"}  # Horeca stalled after the last check
    flag = EscalationFlag.objects.get()
    assert flag.flagged_at < timezone.now() and flag.days_in_phase > flag.limit_days


def test_the_coordinator_sees_the_stalled_and_the_escalated_project_on_the_start_page(seeded, db):
    browser = Client()
    browser.force_login(User.objects.get(username="coordinator"))

    page = browser.get(reverse("home")).content.decode()

    stalled_part, escalations_part = page.split("Geschiedenis van escalaties")
    assert "Horeca Randstad" in stalled_part and "Wijkgerichte aanpak Almelo" in stalled_part
    assert "Wijkgerichte aanpak Almelo" in escalations_part
    assert "Horeca Randstad" not in escalations_part.split("</table>")[0]
