"""Benchmarks of the designs that decide our speed, beside their measured floors.

Runs on PostgreSQL in a separate database (``<name>_bench``, kept between runs so the million
signals are built once). Prints a table; exits non-zero when a target is missed.

    make bench            # or: python manage.py bench [--rebuild] [--runs 5] [--only import]
"""
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lsi.reports.models import ReportJob
from projects import lifecycle, plans
from projects.bulk import insert_with_history
from projects.models import Body, Category, Partner, Project
from signals import overlap
from signals.importer import import_file
from signals.models import Signal

PROJECTS, PARTNERS, SIGNALS = 20, 10, 1_000_000
IMPORT_ROWS = 100_000
PREFIX = "bench"
LETTERS = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
           if a + b not in ("SA", "SD", "SS")]
GROUNDS = "Postretour van beschikking; geen reactie op twee brieven"
PASSWORD = "bench-wachtwoord-lsi"
PARTS = ("import", "lists", "casetable", "reports", "api")


def addresses(count: int, seed: int):
    """``count`` distinct addresses in the postcode areas 8011-8017."""
    rng = random.Random(seed)
    seen = set()
    while len(seen) < count:
        seen.add((f"{rng.randint(8011, 8017)}{rng.choice(LETTERS)}", rng.randint(1, 300)))
    return sorted(seen, key=lambda _a: rng.random())


class Command(BaseCommand):
    help = "Meet import, signalenlijst per partner en voor de projectleider (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="bouw de testdata opnieuw")
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--only", choices=PARTS, action="append",
                            help="meet alleen dit deel (mag vaker)")

    def handle(self, *args, rebuild, runs, only, **options):
        if connection.vendor != "postgresql":
            raise CommandError("De benchmark draait op PostgreSQL: zet DATABASE_URL.")
        settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # A database of its own, <name>_bench, kept between runs (tests use test_<name>).
        bench_name = f"{connection.settings_dict['NAME']}_bench"
        connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}),
                                            "NAME": bench_name}
        test_name = connection.creation.create_test_db(verbosity=0, keepdb=True, serialize=False)
        self.stdout.write(f"Database: {test_name}")
        try:
            parts = set(only or PARTS)
            # The million signals of the lists are built only when the lists are measured.
            self.build(rebuild, with_signals="lists" in parts)
            from lsi.devtools import bench as casetable_bench

            results = []
            if "import" in parts:
                results.append(self.bench_import())
            if "api" in parts:
                results += self.bench_api()
            if "lists" in parts:
                results += self.bench_lists(runs)
            if "casetable" in parts or "reports" in parts:
                casetable_results = casetable_bench.run(self.stdout)
                if "casetable" in parts:
                    results += casetable_results
            if "reports" in parts:
                results += self.bench_reports(casetable_bench.PROJECT_NAME)
        finally:
            for alias in connections:
                connections[alias].close()
        self.report(results)

    # ---- data ---------------------------------------------------------------------------
    def build(self, rebuild: bool, with_signals: bool = True) -> None:
        if not rebuild and (Signal.objects.filter(project__name__startswith=f"{PREFIX}-list").count()
                            >= SIGNALS or not with_signals
                            and Project.objects.filter(name=f"{PREFIX}-import").exists()):
            return
        started = time.perf_counter()
        Project.objects.filter(name__startswith=PREFIX).delete()
        categories = [Category.objects.get_or_create(code=c, defaults={"name": c})[0]
                      for c in ("uitkeringsfraude", "adresfraude")]
        Body.objects.get_or_create(code="STUURGROEP", defaults={"name": "Stuurgroep LSI",
                                                                "kind": Body.Kind.STEERING})
        region, _c = Body.objects.get_or_create(code="RPF-BENCH", defaults={
            "name": "RPF Bench", "kind": Body.Kind.REGIONAL})
        secretariat, _c = Partner.objects.get_or_create(
            code=f"{PREFIX.upper()}-SZW", defaults={"name": "Secretariaat", "kind": "landelijk"})
        coordinator = self.user(f"{PREFIX}-coordinator", secretariat, role="coordinator")
        partners = []
        for number in range(PARTNERS):
            partner, _c = Partner.objects.get_or_create(
                code=f"{PREFIX.upper()}-P{number:02}", defaults={"name": f"Partner {number}",
                                                                "kind": "landelijk"})
            partners.append((partner, self.user(f"{PREFIX}-p{number:02}", partner)))
        lead = partners[0][1]
        today = timezone.localdate()
        for number in range(PROJECTS + 1):
            name = f"{PREFIX}-import" if number == PROJECTS else f"{PREFIX}-list-{number:02}"
            project = plans.create_project(
                coordinator, lead=lead, name=name, project_type="gebiedsgericht", format="wga",
                initiator=partners[0][0], region=region, area="8011-8017", reason="Benchmark",
                goals="Benchmark", dpia_reference="DPIA-BENCH", start_date=today,
                intake_deadline=today, case_table_date=today, planned_end=today,
            )
            for partner, _user in partners:
                plans.set_participation(project, coordinator, partner=partner, capacity_hours=10,
                                        categories=categories)
            lifecycle.submit(project, coordinator)
            lifecycle.record_decision(project, coordinator, body=region, outcome="goedgekeurd",
                                      decided_on=today)
            for participation in project.participations.all():
                user = next(u for p, u in partners if p.pk == participation.partner_id)
                lifecycle.confirm_ready(participation, user)
            lifecycle.advance(project, coordinator, "Benchmark: intake open")
        if not with_signals:
            self.stdout.write(f"Projecten gebouwd in {time.perf_counter() - started:.0f} s")
            return
        per_pair = SIGNALS // (PROJECTS * PARTNERS)
        pool = addresses(per_pair, seed=1)
        now = timezone.now()
        for project in Project.objects.filter(name__startswith=f"{PREFIX}-list"):
            rows = []
            for partner, user in partners:
                for index, (postcode, number) in enumerate(pool):
                    rows.append({
                        "project_id": project.pk, "partner_id": partner.pk,
                        "delivered_by_id": user.pk, "delivered_at": now, "source": "bestand",
                        "typed_address": f"{postcode} {number}", "postcode": postcode,
                        "house_number": number, "address_key": f"{postcode}-{number}--",
                        "category_id": categories[index % 2].pk, "grounds": GROUNDS,
                        "reference": f"REF-{index}", "street": "Benchstraat", "city": "Zwolle",
                    })
            insert_with_history(Signal, rows, user=lead, reason="Benchmarkdata")
            overlap.rebuild(project.pk)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Testdata gebouwd in {time.perf_counter() - started:.0f} s")

    def user(self, username, partner, role="partner"):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model()(username=username, partner=partner, role=role)
            user.set_password(PASSWORD)
            user.save()
        return user

    # ---- measurements -------------------------------------------------------------------
    def bench_import(self) -> tuple:
        project = Project.objects.get(name=f"{PREFIX}-import")
        Signal.objects.filter(project=project).delete()
        overlap.rebuild(project.pk)
        with connection.cursor() as cursor:  # not the dead rows of the last run in the way
            cursor.execute(f"VACUUM (ANALYZE) {Signal._meta.db_table}")
        partner = Partner.objects.get(code=f"{PREFIX.upper()}-P01")
        user = get_user_model().objects.get(username=f"{PREFIX}-p01")
        lines = ["postcode;huisnummer;huisletter;huisnummertoevoeging;straat;woonplaats;"
                 "categorie;indicatoren;referentie;datum_signaal"]
        salt = time.time_ns()  # a new file each run: the same file again is refused as a duplicate
        for index, (postcode, number) in enumerate(addresses(IMPORT_ROWS, seed=salt)):
            lines.append(f"{postcode[:4]} {postcode[4:].lower()};{number};;;Benchstraat;Zwolle;"
                         f"{'adresfraude' if index % 2 else 'uitkeringsfraude'};\"{GROUNDS}\";"
                         f"R-{salt}-{index};01-02-2026")
        data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
        started = time.perf_counter()
        upload = import_file(project, partner, user, data, "bench.csv")
        elapsed = time.perf_counter() - started
        if upload.rows_accepted != IMPORT_ROWS:
            raise CommandError(f"Import stored {upload.rows_accepted} rows: {upload.errors[:3]}")
        history = Signal.history.filter(upload_id=upload.pk, history_type="+").count()
        return ("Import 100.000 regels CSV, met history", elapsed * 1000, 1200, 5000,
                f"{IMPORT_ROWS} signalen, {history} historyregels")

    def bench_api(self, runs: int = 2) -> list[tuple]:
        """100,000 rows through the API, from the request to the stored status: as one JSON
        batch and as the same rows in a CSV file (multipart), alternately, each into an empty
        project. The worker's part runs in process when the request commits (eager), so the
        time is the whole path: parse, queue, validate, store, overlap, history."""
        from lsi.api import clients
        from lsi.api.models import ApiClient
        from lsi.celery import app

        app.conf.task_always_eager = True
        project = Project.objects.get(name=f"{PREFIX}-import")
        partner = Partner.objects.get(code=f"{PREFIX.upper()}-P01")
        coordinator = get_user_model().objects.get(username=f"{PREFIX}-coordinator")
        client = ApiClient.objects.filter(name=f"{PREFIX}-api", revoked_at=None).first()
        if client is None or client.is_expired:
            client, token = clients.create(coordinator, partner=partner, name=f"{PREFIX}-api",
                                           contact="bench", expires_at=timezone.now()
                                           + timedelta(days=3650))
        else:
            token = clients.rotate(client, coordinator)
        caller = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        url = reverse("api:deliver", args=[project.pk])
        timings = {"file": [], "json": []}
        for _run in range(runs):
            for kind in ("file", "json"):
                self.empty(project)
                salt = time.time_ns()
                rows = [{"postcode": f"{postcode[:4]} {postcode[4:].lower()}", "huisnummer": str(number),
                         "straat": "Benchstraat", "woonplaats": "Zwolle",
                         "categorie": "adresfraude" if index % 2 else "uitkeringsfraude",
                         "indicatoren": GROUNDS, "referentie": f"R-{salt}-{index}",
                         "datum_signaal": "01-02-2026"}
                        for index, (postcode, number) in enumerate(addresses(IMPORT_ROWS, seed=salt))]
                if kind == "json":
                    body = json.dumps({"rows": rows}).encode()
                else:
                    columns = list(rows[0])
                    lines = [";".join(columns)] + [";".join(f'"{row[c]}"' for c in columns) for row in rows]
                    body = ("\r\n".join(lines) + "\r\n").encode()
                started = time.perf_counter()
                if kind == "json":
                    response = caller.post(url, body, content_type="application/json")
                else:
                    response = caller.post(url, {"file": SimpleUploadedFile("bench.csv", body)})
                status = caller.get(response.json()["status_url"]).json()
                timings[kind].append((time.perf_counter() - started) * 1000)
                if status.get("status") != "stored" or status.get("rows_stored") != IMPORT_ROWS:
                    raise CommandError(f"API {kind}: {response.status_code} {str(status)[:300]}")
        as_file, as_json = statistics.median(timings["file"]), statistics.median(timings["json"])
        return [
            # The reference of the next line; its own ceiling is only a sanity bound (the
            # import's target is the line "Import 100.000 regels CSV").
            ("API 100.000 regels als bestand -> opgeslagen", as_file, as_file, 30000,
             f"{IMPORT_ROWS} signalen, mediaan van {runs}"),
            ("API 100.000 regels als JSON -> opgeslagen", as_json, as_file, as_file * 1.2,
             f"{(as_json / as_file - 1) * 100:+.0f} % t.o.v. het bestand (doel hoogstens +20 %)"),
        ]

    def empty(self, project) -> None:
        """The import project without signals, and the table without their dead rows. A raw
        delete: benchmark rows need no history of their removal (one row each would take minutes)."""
        found = Signal.objects.filter(project=project)
        found._raw_delete(found.db)
        overlap.rebuild(project.pk)
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {Signal._meta.db_table}")

    def bench_lists(self, runs: int) -> list[tuple]:
        project = Project.objects.filter(name__startswith=f"{PREFIX}-list").order_by("pk")[5]
        results = []
        cases = [
            ("Lijst partner, pagina 1", f"{PREFIX}-p03", ""),
            ("Lijst partner, pagina 20 + filters", f"{PREFIX}-p03",
             "?category=&postcode=801&status=actief&page=20"),
            ("Lijst projectleider, pagina 1", f"{PREFIX}-p00", ""),
            ("Lijst projectleider, pagina 200 + filter", f"{PREFIX}-p00",
             "?postcode=8014&page=200"),
        ]
        url = reverse("signals:list", args=[project.pk])
        # What autovacuum does after a bulk load (it is on by default in production, and may be
        # off on a development server): set the visibility map, so that the pager's count and
        # the choice of a page's ids are index-only scans instead of visits to the table.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {Signal._meta.db_table}")
        for label, username, query in cases:
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            client.get(url + query)  # warm up
            timings, queries = [], set()
            for _ in range(runs):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url + query)
                    timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{label}: status {response.status_code}")
                queries.add(len(captured))
            floor = 2.5 + 2.9  # measured floor: guardian grant + FK query, plus rendering 50 rows
            results.append((label, statistics.median(timings), floor, 30,
                            f"{'/'.join(str(q) for q in sorted(queries))} queries"))
        return results

    def bench_reports(self, big_project_name: str) -> list[tuple]:
        """Report PDFs in a fresh process, like a worker: time and peak memory (RSS)."""
        big = Project.objects.get(name=big_project_name)
        self.steering_projects()
        requester = get_user_model().objects.get(username=f"{PREFIX}-coordinator")
        results = []
        for label, fields, target in (
            ("Projectrapportage PDF, 200.000 signalen", {"kind": "voortgang", "project": big}, 5000),
            ("Stuurgroep-overzicht PDF, 500+ projecten", {"kind": "stuurgroep",
                                                          "year": timezone.localdate().year}, 10000),
        ):
            job = ReportJob.objects.create(requested_by=requester, **fields)
            ms, peak_mb = self.render_in_worker_process(job.pk)
            results.append((label, ms, ms, target, f"piekgeheugen {peak_mb:.0f} MB (doel < 500)"))
            if peak_mb >= 500:
                results.append((f"{label}: geheugen", peak_mb, peak_mb, 500, "MB, niet ms"))
        return results

    def steering_projects(self) -> None:
        """500 extra projects (plain rows, spread over phases and types) for the overview."""
        if Project.objects.filter(name__startswith=f"{PREFIX}-overzicht").count() >= 500:
            return
        initiator = Partner.objects.get(code=f"{PREFIX.upper()}-P00")
        phases = [p for p, _label in Project._meta.get_field("phase").choices]
        types = [t for t, _label in Project.Type.choices]
        today = timezone.localdate()
        rows = [{"name": f"{PREFIX}-overzicht-{n:03}", "project_type": types[n % len(types)],
                 "format": "wga", "initiator_id": initiator.pk, "phase": phases[n % len(phases)],
                 "phase_since": timezone.now(), "created_at": timezone.now(), "area": "8011",
                 "start_date": today, "planned_end": today} for n in range(500)]
        insert_with_history(Project, rows, user=None, reason="Benchmarkdata")

    def render_in_worker_process(self, job_id: int) -> tuple[float, float]:
        # Peak memory as VmHWM of the fresh process (ru_maxrss would include this big parent's).
        code = ("import django, re, time; django.setup(); from lsi.reports import files; "
                f"t = time.perf_counter(); files.make_report({job_id}); "
                "ms = (time.perf_counter() - t) * 1000; "
                "kb = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]); "
                "print(ms, kb / 1024)")
        db = connection.settings_dict
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="lsi.settings.test",
                   DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}")
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, cwd=settings.BASE_DIR)
        if result.returncode:
            raise CommandError(result.stderr[-2000:])
        ms, mb = result.stdout.strip().splitlines()[-1].split()
        return float(ms), float(mb)

    def report(self, results) -> None:
        self.stdout.write("")
        self.stdout.write(f"{'meting':44} {'ons (ms)':>10} {'vloer (ms)':>11} {'factor':>7} "
                          f"{'doel (ms)':>10}  oordeel  toelichting")
        failed = False
        for label, ours, floor, target, note in results:
            ok = ours < target
            failed |= not ok
            self.stdout.write(f"{label:44} {ours:10.1f} {floor:11.1f} {ours / floor:7.1f} "
                              f"{target:10.0f}  {'OK' if ok else 'TE TRAAG':7}  {note}")
        if failed:
            raise CommandError("Een of meer doelen niet gehaald.")
