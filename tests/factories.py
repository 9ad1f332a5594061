"""Factories and set-up helpers shared by every test package.

The factories create plain rows. Everything that is a user action in the application
(taking part, leading, walking through the lifecycle) goes through the real services in
``projects.plans`` and ``projects.lifecycle``, so the state a test starts from is the state
a user would have produced, grants and history included.
"""
from contextlib import contextmanager
from datetime import timedelta

import factory
from django.db import transaction
from django.utils import timezone
from factory.django import DjangoModelFactory, Password

from projects import agreement, lifecycle, plans
from projects.models import (
    ApprovalDecision,
    Body,
    Category,
    Partner,
    PhaseTransition,
    Project,
    User,
)
from projects.phases import MAIN_LINE, Phase

PASSWORD = "geheim-wachtwoord-voor-tests"


def today():
    return timezone.localdate()


def days_from_today(days: int):
    return lambda: today() + timedelta(days=days)


class PartnerFactory(DjangoModelFactory):
    """A formal convenantpartner that delivers signals up front."""

    class Meta:
        model = Partner
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"P{n:04d}")
    name = factory.LazyAttribute(lambda o: f"Partner {o.code}")
    kind = Partner.Kind.NATIONAL
    is_signatory = True
    delivery = Partner.Delivery.UP_FRONT

    class Params:
        municipality = factory.Trait(
            kind=Partner.Kind.MUNICIPALITY,
            code=factory.Sequence(lambda n: f"GEM-{n:04d}"),
            name=factory.LazyAttribute(lambda o: f"Gemeente {o.code}"),
        )
        advisory = factory.Trait(
            kind=Partner.Kind.ADVISORY, is_signatory=False, delivery=Partner.Delivery.NONE
        )
        on_request = factory.Trait(delivery=Partner.Delivery.ON_REQUEST)


class UserFactory(DjangoModelFactory):
    """A user; by default a medewerker of a (new) partner. Password: ``PASSWORD``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    email = factory.LazyAttribute(lambda o: f"{o.username}@test.lsi.example")
    partner = factory.SubFactory(PartnerFactory)
    role = User.Role.PARTNER
    password = Password(PASSWORD)

    class Params:
        coordinator = factory.Trait(role=User.Role.COORDINATOR)
        steering = factory.Trait(role=User.Role.STEERING)
        privacy_officer = factory.Trait(role=User.Role.PRIVACY_OFFICER)
        vng_adviser = factory.Trait(role=User.Role.VNG_ADVISER)


class BodyFactory(DjangoModelFactory):
    """A regional platform (RPF) by default; ``steering=True`` for the stuurgroep."""

    class Meta:
        model = Body
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"RPF-{n:03d}")
    name = factory.LazyAttribute(lambda o: f"RPF {o.code}")
    kind = Body.Kind.REGIONAL

    class Params:
        steering = factory.Trait(code="STUURGROEP", name="Stuurgroep LSI", kind=Body.Kind.STEERING)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"categorie {n}")
    code = factory.LazyAttribute(lambda o: o.name.replace(" ", "-"))


class ProjectFactory(DjangoModelFactory):
    """A project in concept with a complete plan (except the partners and the lead: use
    ``add_partner`` and ``make_lead``, or ``project_in_phase``).

    Default: gebiedsgericht, format WGA, area 8011-8017, approved by a regional body.
    Traits: ``sector`` (branchegericht), ``phenomenon`` (fenomeengericht), ``kip``,
    ``deviating`` (gebiedsgericht with a deviating format; it keeps its region, but the
    stuurgroep decides).
    """

    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Interventieteam {n}")
    project_type = Project.Type.AREA
    format = Project.Format.WGA
    initiator = factory.SubFactory(PartnerFactory, municipality=True)
    region = factory.SubFactory(BodyFactory)
    reason = "Signalen van meerdere partners over dezelfde adressen."
    goals = "Onrechtmatigheden beëindigen en zorg bieden waar dat nodig is."
    area = "8011-8017"
    sector = ""
    dpia_reference = "DPIA-TEST-001"
    start_date = factory.LazyFunction(days_from_today(-10))
    intake_deadline = factory.LazyFunction(days_from_today(14))
    case_table_date = factory.LazyFunction(days_from_today(21))
    control_dates = factory.LazyFunction(lambda: (today() + timedelta(days=35)).strftime("%d-%m-%Y"))
    planned_end = factory.LazyFunction(days_from_today(120))

    class Params:
        sector_based = factory.Trait(
            project_type=Project.Type.SECTOR, format=Project.Format.OTHER, area="",
            sector="Horeca", region=None, initiator=factory.SubFactory(PartnerFactory),
        )
        phenomenon = factory.Trait(
            project_type=Project.Type.PHENOMENON, format=Project.Format.OTHER, area="",
            sector="Schijnzelfstandigheid", region=None,
            initiator=factory.SubFactory(PartnerFactory),
        )
        kip = factory.Trait(
            project_type=Project.Type.KIP, format=Project.Format.OTHER, area="",
            sector="Malafide uitzendbureaus", region=None, dpia_reference="",
            intake_deadline=None, case_table_date=None, control_dates="",
            initiator=factory.SubFactory(PartnerFactory),
        )
        deviating = factory.Trait(format=Project.Format.OTHER)


# --- helpers that go through the real services -------------------------------------------

def coordinator_user() -> User:
    """The first coördinator, or a new one: the secretariaat acts when no actor is given."""
    return User.objects.filter(role=User.Role.COORDINATOR).order_by("pk").first() or UserFactory(
        coordinator=True
    )


def steering_body() -> Body:
    """The stuurgroep (one per database)."""
    return Body.objects.filter(kind=Body.Kind.STEERING).first() or BodyFactory(steering=True)


def partner_user(partner: Partner) -> User:
    """A medewerker of the partner (the first existing one, or a new one)."""
    return partner.users.filter(role=User.Role.PARTNER, is_active=True).order_by("pk").first() \
        or UserFactory(partner=partner)


def add_partner(project, partner=None, *, categories=(), capacity_hours=40, by=None, agreed=True):
    """Let ``partner`` (a new one if None) take part in the plan, via ``plans.set_participation``;
    with ``agreed`` one of the partner's own users accepts the proposal (``agreement.accept``).

    Returns the participation."""
    participation = plans.set_participation(
        project, by or coordinator_user(), partner=partner or PartnerFactory(),
        capacity_hours=capacity_hours, categories=list(categories),
    )
    if agreed and not participation.is_accepted and project.phase == Phase.CONCEPT:
        participation = agreement.accept(participation, partner_user(participation.partner))
    return participation


def make_lead(project, user, by=None) -> None:
    """Make ``user`` projectleider of ``project``, via ``plans.assign_lead``."""
    plans.assign_lead(project, user, by or coordinator_user())


def confirm_all_ready(project) -> None:
    """Every participating partner confirms readiness through one of its own users."""
    for participation in project.participations.select_related("partner"):
        if not participation.is_ready:
            lifecycle.confirm_ready(participation, partner_user(participation.partner))


def walk(project, until: str, *, by=None):
    """Walk ``project`` from concept through the lifecycle services up to phase ``until``.

    Like ``seed_demo``'s walk; also reaches ``on_hold`` (from goedgekeurd) and ``afgebroken``.
    """
    by = by or coordinator_user()
    until = Phase(until)
    if until in (Phase.ON_HOLD, Phase.CANCELLED):
        walk(project, Phase.APPROVED, by=by)
        action = lifecycle.hold if until == Phase.ON_HOLD else lifecycle.cancel
        action(project, by, "Test: project stilgelegd")
        project.refresh_from_db()
        return project
    order = list(MAIN_LINE)
    target = order.index(until)
    project.refresh_from_db()
    if order.index(project.phase) < order.index(Phase.SUBMITTED) <= target:
        lifecycle.submit(project, by)
        project.refresh_from_db()
    if order.index(project.phase) < order.index(Phase.APPROVED) <= target:
        lifecycle.record_decision(
            project, by, body=lifecycle.competent_body(project),
            outcome="goedgekeurd", decided_on=today(), remarks="Akkoord (test).",
        )
        project.refresh_from_db()
    if order.index(project.phase) < order.index(Phase.READY) <= target:
        confirm_all_ready(project)
        project.refresh_from_db()
    while project.phase != until and lifecycle.next_phase(project):
        # No agenda in these projects: nothing for the casustafel's own checks to refuse.
        if project.phase == Phase.COMPLETION:
            complete_evaluation(project, by)
        lifecycle.close_phase(project, by, "Test: volgende fase")
        project.refresh_from_db()
    return project


def complete_evaluation(project, by):
    """The evaluation a project needs before it can be closed: every goal met."""
    from lsi.learning import evaluation

    goals = {goal: ("ja", "") for goal in evaluation.plan_goals(project)}
    return evaluation.save_evaluation(project, by, goals=goals, what_worked="Samenwerking (test).",
                                      what_did_not="Niets bijzonders (test).", bottlenecks=[],
                                      follow_up="", complete=True)


def project_in_phase(phase: str = Phase.CONCEPT, *, partners=None, lead=None, by=None,
                     categories=(), **fields) -> Project:
    """A project with a complete plan, its partners and a lead, walked to ``phase``.

    ``partners``: the participating partners (default: two new ones; each gets a user when it
    must confirm readiness);
    ``lead``: the projectleider (default: a new user of the initiator); ``fields`` go to
    ``ProjectFactory`` (traits included). A stuurgroep body is made when the plan needs one.
    """
    by = by or coordinator_user()
    project = ProjectFactory(**fields)
    if lifecycle.competent_body(project) is None:
        steering_body()
    for partner in partners if partners is not None else [PartnerFactory(), PartnerFactory()]:
        add_partner(project, partner, categories=categories, by=by)
    make_lead(project, lead or UserFactory(partner=project.initiator), by=by)
    return walk(project, phase, by=by)


def snapshot(project) -> dict:
    """What a user would see change when a transition happens: phase, transitions, decisions,
    readiness and history. Compare two snapshots to show that a refusal changed nothing."""
    project.refresh_from_db()
    return {
        "phase": project.phase,
        "phase_before_hold": project.phase_before_hold,
        "transitions": PhaseTransition.objects.filter(project=project).count(),
        "decisions": ApprovalDecision.objects.filter(project=project).count(),
        "ready": sorted(
            project.participations.filter(ready_at__isnull=False).values_list("pk", flat=True)
        ),
        "participations": sorted(project.participations.values_list("pk", flat=True)),
        "history": project.history.count(),
    }


@contextmanager
def rolled_back_afterwards(django_db_blocker):
    """For data shared by the tests of a module (a module-scoped fixture)::

        with rolled_back_afterwards(django_db_blocker):
            with django_db_blocker.unblock():
                data = build()
            yield data

    Everything runs inside one transaction that is rolled back when the module is done; each
    test (with the ``db`` fixture) runs in a savepoint inside it. Not for transactional tests.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
