"""Benchmark of the capacity page: 12 quarters × 60 partners over 2,000 projects, through the
real view and middleware as the stuurgroep (``run(stdout, runs)``, called from ``manage.py
bench``), in turns with its floor, the load statement alone (``measure.alternate``). The data
is built once (plain rows with history) and kept between runs."""
import random
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lsi.capacity import figures
from lsi.capacity.load import load
from lsi.capacity.models import CapacityPledge
from lsi.capacity.quarters import Quarter, span
from lsi.devtools.measure import alternate, count_queries
from projects.bulk import insert_with_history
from projects.models import Participation, Partner, Project
from projects.phases import Phase
from signals.models import Signal

PREFIX = "bench-cap"
PARTNERS, PROJECTS, PER_PROJECT = 60, 2000, 5
TARGET_MS = 100


def _first_year() -> int:
    return timezone.localdate().year


def build(stdout) -> None:
    if Project.objects.filter(name__startswith=PREFIX).count() >= PROJECTS:
        return
    started = time.perf_counter()
    Project.objects.filter(name__startswith=PREFIX).delete()
    User = get_user_model()
    partners = []
    for n in range(PARTNERS):
        partner, _created = Partner.objects.get_or_create(
            code=f"{PREFIX.upper()}-{n:02}", defaults={"name": f"Benchpartner {n:02}", "kind": "landelijk"})
        partners.append(partner)
    steering = User.objects.filter(username=f"{PREFIX}-stuurgroep").first()
    if steering is None:
        steering = User(username=f"{PREFIX}-stuurgroep", partner=partners[0], role=User.Role.STEERING)
        steering.set_unusable_password()
        steering.save()
    rng = random.Random(14)
    first = date(_first_year(), 1, 1)
    phases = [Phase.CONCEPT, Phase.SUBMITTED, Phase.APPROVED, Phase.INTAKE, Phase.CASE_TABLE,
              Phase.EXECUTION, Phase.COMPLETION, Phase.CLOSED, Phase.ON_HOLD, Phase.CANCELLED]
    rows = []
    for n in range(PROJECTS):
        start = first + timedelta(days=rng.randint(-120, 3 * 365))
        rows.append({"name": f"{PREFIX}-{n:04}", "project_type": "gebiedsgericht", "format": "wga",
                     "initiator_id": partners[n % PARTNERS].pk, "phase": phases[n % len(phases)],
                     "phase_before_hold": Phase.INTAKE if phases[n % len(phases)] == Phase.ON_HOLD else "",
                     "phase_since": timezone.now(), "created_at": timezone.now(), "area": "8011",
                     "start_date": start, "planned_end": start + timedelta(days=rng.randint(30, 400))})
    insert_with_history(Project, rows, user=steering, reason="Benchmarkdata capaciteit")
    projects = list(Project.objects.filter(name__startswith=PREFIX).values_list("pk", "phase"))
    participations = []
    for pk, phase in projects:
        for partner in rng.sample(partners, PER_PROJECT):
            participations.append({
                "project_id": pk, "partner_id": partner.pk, "capacity_hours": rng.randint(8, 400),
                "agreement": "akkoord", "agreement_reason": "",
                "realised_hours": rng.randint(8, 400) if phase == Phase.CLOSED else None})
    insert_with_history(Participation, participations, user=steering, reason="Benchmarkdata capaciteit")
    CapacityPledge.objects.filter(partner__in=partners).delete()
    pledges = []
    for partner in partners:
        for year in range(_first_year(), _first_year() + 3):
            pledges.append({"partner_id": partner.pk, "year": year, "quarter": None,
                            "hours": rng.randint(400, 4000), "expertise": "", "updated_by_id": steering.pk,
                            "updated_at": timezone.now()})
            pledges.append({"partner_id": partner.pk, "year": year, "quarter": 2,
                            "hours": rng.randint(100, 1000), "expertise": "", "updated_by_id": steering.pk,
                            "updated_at": timezone.now()})
    insert_with_history(CapacityPledge, pledges, user=steering, reason="Benchmarkdata capaciteit")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    stdout.write(f"Capaciteitsdata gebouwd in {time.perf_counter() - started:.0f} s")


def run(stdout, runs: int = 5) -> list[tuple]:
    build(stdout)
    quarters = span(Quarter(_first_year(), 1), 12)
    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{PREFIX}-stuurgroep"))
    url = reverse("capacity:overview") + f"?first_year={_first_year()}&years=3"

    def page():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"capaciteitspagina: status {response.status_code}")

    # Ours (the page) and its floor (the load statement alone, on the same data), in turns.
    page_ms, floor_ms = alternate(page, lambda: load(quarters), runs)
    own, _all = count_queries(page)
    rows = len(figures.grid(quarters)["rows"])
    signals = Signal.objects.count()
    return [(f"Capaciteit 12 kw. x {rows} partners, {PROJECTS} proj.", page_ms, floor_ms, TARGET_MS,
             f"{own} queries; {signals} signalen in de database")]
