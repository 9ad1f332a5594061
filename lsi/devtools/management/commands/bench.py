"""Benchmarks of the designs that decide our speed, beside their measured floors.

Runs on PostgreSQL in a separate database (``<name>_bench``, kept between runs so the million
signals are built once). Prints a table; exits non-zero when a target is missed.

    make bench            # or: python manage.py bench [--rebuild] [--runs 5] [--only import]
                          #     [--report-only]: report missed targets, exit 0
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
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lsi.devtools.measure import (
    Measure,
    alternate,
    count_queries,
    database_url,
    floor_request,
    page_of,
    render_floor,
)
from lsi.reports.models import ReportJob
from projects import agreement, lifecycle, plans
from projects.bulk import insert_with_history
from projects.models import Body, Category, Partner, Project
from projects.querysets import project_grants
from signals import overlap
from signals.importer import import_file
from signals.models import Signal

PROJECTS, PARTNERS, SIGNALS = 20, 10, 1_000_000
IMPORT_ROWS = 100_000
GROWTH = 5  # --grow: the import again with five times the rows
PREFIX = "bench"
LETTERS = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
           if a + b not in ("SA", "SD", "SS")]
GROUNDS = "Postretour van beschikking; geen reactie op twee brieven"
PASSWORD = "bench-wachtwoord-lsi"
PARTS = ("import", "lists", "casetable", "reports", "outcomes", "capacity", "agenda", "lessons", "api",
         "register")
FLOOR_TABLE = "bench_copy_floor"  # the import's floor: a copy of the signal table


def import_file_bytes(rows: int) -> bytes:
    """A partner's CSV of ``rows`` new signals (Dutch Excel dialect), new on every call: the
    same file again would be refused as already delivered."""
    lines = ["postcode;huisnummer;huisletter;huisnummertoevoeging;straat;woonplaats;"
             "categorie;indicatoren;referentie;datum_signaal"]
    salt = time.time_ns()
    for index, (postcode, number) in enumerate(addresses(rows, seed=salt)):
        lines.append(f"{postcode[:4]} {postcode[4:].lower()};{number};;;Benchstraat;Zwolle;"
                     f"{'adresfraude' if index % 2 else 'uitkeringsfraude'};\"{GROUNDS}\";"
                     f"R-{salt}-{index};01-02-2026")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


class StepTimer:
    """Where an import's time goes, by step: the functions the importer calls for each step
    are timed in place (and the one statement that moves the staged rows into the table with
    their history rows), for the duration of a ``with`` block. Measuring only: nothing else
    changes."""

    STEPS = ("lezen en normaliseren", "valideren", "staging (COPY in tijdelijke tabel)",
             "insert + history (één statement)", "overlap bijwerken")

    def __enter__(self):
        from projects import bulk
        from signals import importer

        self.timings = dict.fromkeys(self.STEPS, 0.0)
        self.patched = []
        for module, name, step in ((importer, "read_upload", self.STEPS[0]),
                                   (importer, "validate", self.STEPS[1]),
                                   (bulk, "_copy_with_history", self.STEPS[2]),
                                   (overlap, "refresh", self.STEPS[4])):
            original = getattr(module, name)
            self.patched.append((module, name, original))
            setattr(module, name, self._timed(original, step))
        self.wrapper = connection.execute_wrapper(self._statement)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)
        for module, name, original in self.patched:
            setattr(module, name, original)
        # the history statement runs inside the staging step: count it once
        self.timings[self.STEPS[2]] -= self.timings[self.STEPS[3]]

    def _timed(self, function, step):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.timings[step] += (time.perf_counter() - started) * 1000
        return timed

    def _statement(self, execute, sql, params, many, context):
        if not sql.lstrip().startswith("WITH inserted"):
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timings[self.STEPS[3]] += (time.perf_counter() - started) * 1000


def list_floor(project, user, url: str):
    """The floor of a signal list page: its rows read with one hand-written query (the partner's
    own or all of the project, filtered, newest first; a page in the second half counted from
    the end) and the same template rendered with them."""
    from django.http import QueryDict

    from signals.forms import SignalFilterForm
    from signals.views import _prepare_rows

    request = floor_request(user, url)
    query = QueryDict(url.partition("?")[2])
    lead = project.pk in project_grants(user).led
    where, params = ["s.project_id = %s"], [project.pk]
    if not lead:
        where.append("s.partner_id = %s")
        params.append(user.partner_id)
    if query.get("postcode"):
        where.append("s.postcode LIKE %s")
        params.append(query["postcode"].upper() + "%")
    if query.get("status"):
        where.append("s.status = %s")
        params.append(query["status"])
    table = Signal._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} s WHERE {' AND '.join(where)}", params)
        total = cursor.fetchone()[0]
    pages = max(1, -(-total // 50))
    number = min(max(1, int(query.get("page", 1))), pages)
    start, stop = (number - 1) * 50, min(number * 50, total)
    backwards = total - stop < start
    order, offset = ("ASC", total - stop) if backwards else ("DESC", start)
    sql = (f"WITH ids AS (SELECT s.id FROM {table} s WHERE {' AND '.join(where)} "
           f"ORDER BY s.id {order} LIMIT %s OFFSET %s) "
           "SELECT s.id, s.typed_address, s.postcode, s.house_number, s.house_letter, "
           "s.house_number_suffix, s.street, s.city, s.grounds, s.reference, s.signal_date, "
           "s.status, c.id, c.name, p.id, p.name "
           f"FROM ids JOIN {table} s ON s.id = ids.id JOIN projects_category c ON c.id = s.category_id "
           f"JOIN projects_partner p ON p.id = s.partner_id ORDER BY s.id {order}")
    fields = ("id", "typed_address", "postcode", "house_number", "house_letter",
              "house_number_suffix", "street", "city", "grounds", "reference", "signal_date", "status")
    form = SignalFilterForm(query or None)
    form.is_valid()  # its choices read once, before the timing: the floor renders it

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, stop - start, offset])
            found = cursor.fetchall()
        if backwards:
            found.reverse()
        rows = []
        for values in found:
            signal = Signal(**dict(zip(fields, values[:12], strict=True)))
            signal.category = Category(id=values[12], name=values[13])
            signal.partner = Partner(id=values[14], name=values[15])
            rows.append(signal)
        _prepare_rows(rows)
        render_floor(request, "signals/signal_list.html", {
            "project": project, "form": form, "page": page_of(rows, number, total), "is_lead": lead,
            "may_deliver": project.pk in project_grants(user).taking_part})

    return floor


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
        parser.add_argument("--runs", type=int, default=5, help="metingen per figuur (import: hoogstens 3)")
        parser.add_argument("--only", choices=PARTS, action="append",
                            help="meet alleen dit deel (mag vaker)")
        parser.add_argument("--report-only", action="store_true",
                            help="meld gemiste doelen, maar eindig zonder fout")
        parser.add_argument("--grow", action="store_true",
                            help=f"ook de import van {GROWTH}x zoveel regels (één meting)")

    def handle(self, *args, rebuild, runs, only, report_only, grow, **options):
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
            if parts - {"capacity", "agenda", "lessons", "outcomes"}:  # these build their own data
                # The million signals of the lists are built only when the lists are measured.
                self.build(rebuild, with_signals="lists" in parts)
            from lsi.devtools import bench as casetable_bench

            results = []
            if "import" in parts:
                results += self.bench_import(min(runs, 3))
                if grow:  # linear growth: the same factor at five times the rows
                    settings.LSI_UPLOAD_MAX_ROWS = max(settings.LSI_UPLOAD_MAX_ROWS, GROWTH * IMPORT_ROWS)
                    settings.LSI_UPLOAD_MAX_BYTES = max(settings.LSI_UPLOAD_MAX_BYTES, GROWTH * 100 * 2**20)
                    results += self.bench_import(1, rows=GROWTH * IMPORT_ROWS)
            if "api" in parts:
                results += [_measure(*row) for row in self.bench_api()]
            if "lists" in parts:
                results += self.bench_lists(runs)
            if "casetable" in parts or "reports" in parts:
                casetable_results = casetable_bench.run(self.stdout, runs)
                if "casetable" in parts:
                    results += casetable_results
            if "reports" in parts:
                results += self.bench_reports(casetable_bench.PROJECT_NAME)
            if "outcomes" in parts:
                from lsi.devtools import outcomes_bench

                results += outcomes_bench.run(self.stdout, max(runs, 7))  # a 10 % verdict: more turns
            if "capacity" in parts:
                from lsi.devtools import capacity_bench

                results += [_measure(*row) for row in capacity_bench.run(self.stdout, runs)]
            if "agenda" in parts:
                from lsi.devtools import agenda_bench

                results += [_measure(*row) for row in agenda_bench.run(self.stdout, runs)]
            if "lessons" in parts:
                from lsi.devtools import lessons_bench

                results += lessons_bench.run(self.stdout)
            if "register" in parts:
                from lsi.devtools import register_bench

                results += register_bench.run(self.stdout, min(runs, 3))
        finally:
            for alias in connections:
                connections[alias].close()
        self.report(results, report_only)

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
            for partner, user in partners:
                participation = plans.set_participation(project, coordinator, partner=partner,
                                                        capacity_hours=10, categories=categories)
                agreement.accept(participation, user)
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
    def bench_import(self, runs: int, rows: int = IMPORT_ROWS) -> list[Measure]:
        """Our import of a fresh file (validated, stored with history, overlap refreshed, one
        transaction) beside a raw COPY of the same stored rows into a scratch copy of the
        signal table (its indexes, constraints and foreign keys), in turns."""
        project = Project.objects.get(name=f"{PREFIX}-import")
        partner = Partner.objects.get(code=f"{PREFIX.upper()}-P01")
        user = get_user_model().objects.get(username=f"{PREFIX}-p01")
        table = connection.ops.quote_name(Signal._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in Signal._meta.concrete_fields
                            if not f.primary_key)
        state = {"data": b"", "upload": None, "copy": b"", "steps": []}

        def undo_import():
            with connection.cursor() as cursor:  # the history is append-only: it stays
                cursor.execute(f"DELETE FROM {table} WHERE project_id = %s", [project.pk])
            overlap.rebuild(project.pk)
            with connection.cursor() as cursor:  # not the dead rows of the last run in the way
                cursor.execute(f"VACUUM (ANALYZE) {table}")
                cursor.execute(f"TRUNCATE {FLOOR_TABLE}")
            state["data"] = import_file_bytes(rows)

        def ours():
            with StepTimer() as steps:
                upload = import_file(project, partner, user, state["data"], "bench.csv")
            if upload.rows_accepted != rows:
                raise CommandError(f"Import stored {upload.rows_accepted} rows: {upload.errors[:3]}")
            state["upload"], state["steps"] = upload, [*state["steps"], steps.timings]

        def floor():
            with transaction.atomic(), connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {FLOOR_TABLE} ({columns}) FROM STDIN") as copy:
                    copy.write(state["copy"])

        self.scratch_table()
        undo_import()
        ours()  # the rows the floor copies: exactly what our import stored (not timed)
        with connection.cursor() as cursor:
            buffer = bytearray()
            with cursor.cursor.copy(f"COPY (SELECT {columns} FROM {table} WHERE upload_id = %s) "
                                    "TO STDOUT", [state["upload"].pk]) as copy:
                for chunk in copy:
                    buffer += chunk
            state["copy"] = bytes(buffer)
        state["steps"] = []
        ours_ms, floor_ms = alternate(ours, floor, runs, warm_up=False, between=undo_import)
        stored = Signal.history.filter(upload_id=state["upload"].pk, history_type="+").count()
        steps = [(name, statistics.median(run.get(name, 0) for run in state["steps"]))
                 for name in StepTimer.STEPS]
        steps.append(("rest: ontvangst, uploadregel, locks, commit",
                      ours_ms - sum(ms for _name, ms in steps)))
        return [Measure(f"Import {rows:_} regels CSV, met history".replace("_", "."), ours_ms, floor_ms,
                        factor_target=2.0, note=f"{rows} signalen, {stored} historyregels; vloer: "
                        "COPY in een kopie van de tabel met haar indexen en sleutels", steps=steps)]

    def scratch_table(self) -> None:
        """The floor's table: a copy of the signal table with the same indexes, constraints and
        foreign keys (kept between runs, emptied before each)."""
        table = connection.ops.quote_name(Signal._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
            cursor.execute(f"CREATE TABLE {FLOOR_TABLE} (LIKE {table} INCLUDING ALL)")
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = %s::regclass AND contype = 'f'", [Signal._meta.db_table])
            for name, definition in cursor.fetchall():
                cursor.execute(f"ALTER TABLE {FLOOR_TABLE} ADD CONSTRAINT floor_{name[:50]} {definition}")

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

    def bench_lists(self, runs: int) -> list[Measure]:
        project = Project.objects.filter(name__startswith=f"{PREFIX}-list").order_by("pk")[5]
        results = []
        cases = [  # label, user, query, targets (factor, queries)
            ("Lijst partner, pagina 1", f"{PREFIX}-p03", "", (1.5, 4)),
            ("Lijst partner, pagina 20 + filters", f"{PREFIX}-p03",
             "?category=&postcode=801&status=actief&page=20", (None, None)),
            ("Lijst projectleider, pagina 1", f"{PREFIX}-p00", "", (None, None)),
            ("Lijst projectleider, pagina 200 + filter", f"{PREFIX}-p00",
             "?postcode=8014&page=200", (1.5, 4)),
        ]
        url = reverse("signals:list", args=[project.pk])
        # What autovacuum does after a bulk load (it is on by default in production, and may be
        # off on a development server): set the visibility map, so that the pager's count and
        # the choice of a page's ids are index-only scans instead of visits to the table.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {Signal._meta.db_table}")
        for label, username, query, (factor, max_queries) in cases:
            user = get_user_model().objects.select_related("partner").get(username=username)
            client = Client()
            client.force_login(user)

            def ours(client=client, label=label, query=query):
                response = client.get(url + query)
                if response.status_code != 200:
                    raise CommandError(f"{label}: status {response.status_code}")

            floor = list_floor(project, user, url + query)
            ours_ms, floor_ms = alternate(ours, floor, runs)
            own, total = count_queries(ours)
            results.append(Measure(label, ours_ms, floor_ms, factor_target=factor, queries=own,
                                   all_queries=total, query_target=max_queries))
        return results

    def bench_reports(self, big_project_name: str) -> list[Measure]:
        """Report PDFs in a fresh process, like a worker: time and peak memory (RSS)."""
        big = Project.objects.get(name=big_project_name)
        self.steering_projects()
        requester = get_user_model().objects.get(username=f"{PREFIX}-coordinator")
        results = []
        for label, fields, target_ms, target_mb in (
            ("Projectrapportage PDF, 200.000 signalen", {"kind": "voortgang", "project": big}, 5000, 500),
            ("Stuurgroep-overzicht PDF, 500+ projecten", {"kind": "stuurgroep",
                                                          "year": timezone.localdate().year}, 2000, 200),
        ):
            job = ReportJob.objects.create(requested_by=requester, **fields)
            ms, peak_mb = self.render_in_worker_process(job.pk)
            # The capacity and agenda benches keep their own projects in this database too, and
            # the stuurgroep overview lists every project: say how many it had.
            counted = "" if "project" in fields else f"; {Project.objects.count()} projecten"
            results.append(Measure(label, ms, ms_target=target_ms, peak_mb=peak_mb, mb_target=target_mb,
                                   note=f"in een nieuw proces, zoals een worker{counted}"))
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
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="lsi.settings.test", DATABASE_URL=database_url())
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, cwd=settings.BASE_DIR)
        if result.returncode:
            raise CommandError(result.stderr[-2000:])
        ms, mb = result.stdout.strip().splitlines()[-1].split()
        return float(ms), float(mb)

    def report(self, results: list[Measure], report_only: bool) -> None:
        self.stdout.write("")
        self.stdout.write(f"{'meting':44} {'ons (ms)':>9} {'vloer (ms)':>10} {'factor':>6} "
                          f"{'doel':>12} {'queries':>9} {'geheugen':>9}  oordeel")
        missed = []
        for m in results:
            target = " ".join(part for part in (
                f"<={m.factor_target}x" if m.factor_target else "",
                f"<={m.ms_target:.0f}ms" if m.ms_target else "") if part) or "-"
            if m.query_target is not None:
                target += f" q<={m.query_target}"
            if m.mb_target is not None:
                target += f" <={m.mb_target:.0f}MB"
            queries = "-" if m.queries is None else f"{m.queries} ({m.all_queries})"
            misses = m.misses()
            missed += [f"{m.label}: {miss}" for miss in misses]
            self.stdout.write(
                f"{m.label:44} {m.ours_ms:9.1f} {_or_dash(m.floor_ms, '10.1f'):>10} "
                f"{_or_dash(m.factor, '6.1f'):>6} {target:>12} {queries:>9} "
                f"{_or_dash(m.peak_mb, '6.0f') + ' MB' if m.peak_mb else '-':>9}  "
                f"{'TE TRAAG' if misses else 'OK'}{'  ' + m.note if m.note else ''}")
            for name, ms in m.steps:
                self.stdout.write(f"    {name:40} {ms:9.1f}")
        self.stdout.write("queries: die van de pagina zelf (tussen haakjes: alle, met sessie, gebruiker, "
                          "BEGIN en COMMIT)")
        if missed:
            for line in missed:
                self.stdout.write(f"niet gehaald: {line}")
            if not report_only:
                raise CommandError("Een of meer doelen niet gehaald (--report-only: alleen melden).")


def _measure(label, ours_ms, floor_ms, ms_target, note="") -> Measure:
    """A programme page's figure (capacity, agenda): its time against a target in ms; the floor
    is the statement that computes it, shown for comparison."""
    return Measure(label, ours_ms, floor_ms=floor_ms, ms_target=ms_target, note=note)


def _or_dash(value, spec: str) -> str:
    return "-" if value is None else format(value, spec).strip()
