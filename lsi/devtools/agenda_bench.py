"""Benchmark of the uitvoeringsagenda's progress, called by ``manage.py bench`` (``run(stdout)``).

Builds, once (kept between runs), 2,000 projects spread over five years, types, formats and
regions, each approved, most started and a third closed (with their phase transitions and
approval decisions), half of them with a theme, and an agenda of five years with targets per
year. Then measures, in process, each in turns with its floor (the grouped statement of the
progress alone, ``measure.alternate``): the progress computation, the agenda page through the
real view and middleware as the stuurgroep reads it and as the coördinator (with the forms to
amend it), and the agenda's section of the stuurgroep report (progress plus lead times).
Target: < 100 ms for each, the whole page included; a fixed number of queries however many
projects.

Runs on PostgreSQL only, inside the database the bench command has prepared.
"""
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lsi.agenda import agendas, progress
from lsi.agenda.models import Agenda, ProjectTheme, Target
from lsi.agenda.report import steering_section
from lsi.devtools.measure import alternate, count_queries
from projects.bulk import insert_with_history
from projects.models import ApprovalDecision, Body, Partner, PhaseTransition, Project
from projects.phases import Phase

PREFIX = "agendabench"  # not "bench…": the bench command deletes those on --rebuild
PROJECTS = 2_000
YEARS = 5
RUNS = 7
TARGET_MS = 100
PASSWORD = "bench-wachtwoord-lsi"


def _user(username, partner, role):
    model = get_user_model()
    user = model.objects.filter(username=username).first()
    if user is None:
        user = model(username=username, partner=partner, role=role)
        user.set_password(PASSWORD)
        user.save()
    return user


def build(stdout) -> Agenda:
    agenda = Agenda.objects.filter(title=f"{PREFIX}-agenda").first()
    if agenda is not None and Project.objects.filter(name__startswith=PREFIX).count() >= PROJECTS:
        return agenda
    started = time.perf_counter()
    Project.objects.filter(name__startswith=PREFIX).delete()
    Agenda.objects.filter(title=f"{PREFIX}-agenda").delete()
    secretariat, _c = Partner.objects.get_or_create(code="AGENDABENCH-SZW", defaults={
        "name": "Secretariaat (agenda)", "kind": "landelijk"})
    coordinator = _user(f"{PREFIX}-coordinator", secretariat, "coordinator")
    _user(f"{PREFIX}-stuurgroep", secretariat, "stuurgroep")
    body, _c = Body.objects.get_or_create(code="STUURGROEP", defaults={
        "name": "Stuurgroep LSI", "kind": Body.Kind.STEERING})
    regions = [Body.objects.get_or_create(code=f"RPF-AB-{n}", defaults={
        "name": f"RPF Agendabench {n}", "kind": Body.Kind.REGIONAL})[0] for n in range(9)]
    first_year = timezone.localdate().year - YEARS + 1
    agenda = agendas.create_agenda(coordinator, title=f"{PREFIX}-agenda", first_year=first_year,
                                   last_year=first_year + YEARS - 1)
    themes = [agendas.add_theme(agenda, coordinator, name=f"Thema {n}", description="Benchmark")
              for n in range(4)]
    for year in agenda.years:
        agendas.add_target(agenda, coordinator, year=year, kind=Target.Kind.PROJECTS, stage="gestart",
                           project_type="gebiedsgericht", number=27)
        for region in regions:
            agendas.add_target(agenda, coordinator, year=year, kind=Target.Kind.PROJECTS, stage="gestart",
                               project_type="gebiedsgericht", region=region, number=3)
        for theme in themes:
            agendas.add_target(agenda, coordinator, year=year, kind=Target.Kind.PROJECTS,
                               stage="goedgekeurd", theme=theme, number=10)
        agendas.add_target(agenda, coordinator, year=year, kind=Target.Kind.PROJECTS, stage="afgesloten",
                           number=60)
        agendas.add_target(agenda, coordinator, year=year, kind=Target.Kind.LEARNING, number=20)
        agendas.add_target(agenda, coordinator, year=year, kind=Target.Kind.CAPACITY, number=20000)
    types = [t for t, _label in Project.Type.choices]
    formats = [f for f, _label in Project.Format.choices]
    tz = timezone.get_current_timezone()
    rows = []
    for n in range(PROJECTS):
        created = datetime(first_year + n % YEARS, 1 + n % 12, 1 + n % 27, 10, tzinfo=tz)
        rows.append({"name": f"{PREFIX}-{n:04}", "project_type": types[n % len(types)],
                     "format": formats[n % len(formats)], "initiator_id": secretariat.pk,
                     "region_id": regions[n % len(regions)].pk, "phase": Phase.INTAKE,
                     "phase_since": created, "created_at": created, "area": "8011",
                     "start_date": created.date(), "planned_end": created.date() + timedelta(days=200)})
    insert_with_history(Project, rows, user=coordinator, reason="Benchmarkdata")
    projects = list(Project.objects.filter(name__startswith=PREFIX).order_by("name"))
    decisions, transitions, project_themes = [], [], []
    for n, project in enumerate(projects):
        at = project.created_at
        decisions.append(ApprovalDecision(project=project, body=body, outcome="goedgekeurd",
                                          decided_on=(at + timedelta(days=30)).date(),
                                          recorded_by=coordinator))
        steps = [(Phase.CONCEPT, Phase.SUBMITTED, 10), (Phase.SUBMITTED, Phase.APPROVED, 30),
                 (Phase.APPROVED, Phase.READY, 45)]
        if n % 5:  # four in five started
            steps.append((Phase.READY, Phase.EXECUTION if project.project_type == "kip" else Phase.INTAKE,
                          60 + n % 40))
        if n % 3 == 0 and n % 5:
            steps.append((Phase.COMPLETION, Phase.CLOSED, 220))
        transitions += [PhaseTransition(project=project, from_phase=a, to_phase=b, by=coordinator,
                                        at=at + timedelta(days=days), reason="Benchmark")
                        for a, b, days in steps]
        if n % 2:
            project_themes.append(ProjectTheme(project=project, theme=themes[n % len(themes)]))
    ApprovalDecision.objects.bulk_create(decisions, batch_size=2000)
    PhaseTransition.objects.bulk_create(transitions, batch_size=5000)
    ProjectTheme.objects.bulk_create(project_themes, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    stdout.write(f"Agendadata gebouwd in {time.perf_counter() - started:.0f} s "
                 f"({len(projects)} projecten, {len(transitions)} faseovergangen)")
    return agenda


def run(stdout, runs: int = RUNS) -> list[tuple[str, float, float, float, str]]:
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    agenda = build(stdout)
    url = reverse("agenda:detail", args=[agenda.pk])

    def page_of(role):
        client = Client()
        client.force_login(get_user_model().objects.get(username=f"{PREFIX}-{role}"))

        def page():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"agenda page ({role}): {response.status_code}")
        return page

    def counted():  # the floor of each: the grouped statement alone
        progress.stage_counts(agenda.first_year, agenda.last_year)

    figures = []
    for label, ours in [
        ("Agenda: voortgang 5 jaar (berekening)", lambda: progress.agenda_progress(agenda)),
        ("Agenda: pagina met voortgang, stuurgroep", page_of("stuurgroep")),
        ("Agenda: pagina, coördinator (met formulieren)", page_of("coordinator")),
        ("Agenda: sectie stuurgroep-overzicht", lambda: steering_section(agenda.last_year)),
    ]:
        ours_ms, floor_ms = alternate(ours, counted, runs)
        own, _all = count_queries(ours)
        figures.append((label, ours_ms, floor_ms, TARGET_MS, f"{own} queries"))
    label, ours_ms, floor_ms, target, note = figures[0]
    figures[0] = (label, ours_ms, floor_ms, target,
                  f"{note}; {PROJECTS} projecten, {YEARS} jaar, {agenda.targets.count()} doelen")
    return figures
