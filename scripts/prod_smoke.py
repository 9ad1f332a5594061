#!/usr/bin/env python3
"""The production smoke, load and fault test: the portal as it runs in production, on this
machine, on the loopback only, bounded in time (about six minutes).

    .venv/bin/python scripts/prod_smoke.py        (.ci/run calls it)

1. A throwaway PostgreSQL and a Redis that keeps its queue on disk (append-only file, as in
   docker-compose.yml) are started on free ports (scripts/test_services.py), so the faults can
   restart them without touching the machine's own servers.
2. Readiness says "migrations" before ``migrate``; the database is migrated (scripts/start-migrate.sh)
   and seeded (scripts/prod_seed.py, with the test settings).
3. The roles start as compose starts them, with the production settings: gunicorn with 3
   workers (scripts/start-web.sh), two Celery workers on the queues celery and pdf
   (scripts/start-worker.sh), beat (scripts/start-beat.sh). Requests carry the proxy's headers
   (X-Forwarded-Proto: https, X-Forwarded-For; LSI_TRUSTED_PROXIES=1).
4. Smoke: liveness, readiness, the HTTPS redirect without the proxy header, a JSON log line.
5. Load: Locust headless for LOAD_SECONDS (60) with every role; requests/s and p50/p95/p99 per
   endpoint. Fails on any 5xx, any failed request and any response with another partner's data.
6. Faults: a worker SIGKILLed during a 100,000-row import; a PDF job whose worker is killed;
   Redis and PostgreSQL each restarted during load. Nothing may be lost, nothing stored twice.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import test_services  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
FAULT_LOAD_SECONDS = 50
USERS = 6
IMPORT_ROWS = 100_000
GRACE = 5.0  # seconds after a restarted server answers again within which a 5xx is forgiven
failures: list[str] = []


def say(message: str) -> None:
    print(f"prod smoke: {message}", flush=True)


def check(condition: bool, message: str) -> None:
    say(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """The throwaway servers and the portal's processes, each in its own process group."""

    def __init__(self, work: Path):
        self.work = work
        self.servers = test_services.Servers()
        self.pg = test_services.Address("postgres", "127.0.0.1", free_port(), "postgres", "", "lsi_smoke")
        self.redis_port = free_port()
        self.web_port = free_port()
        self.smtp_port = free_port()
        self.processes: dict[str, subprocess.Popen] = {}
        self.server_info: dict[str, tuple[int, list, Path, Path]] = {}
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("LSI_", "CELERY_", "AXES_", "DJANGO_"))}
        self.env.update({
            "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ.get('PATH', '')}",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg.port}/lsi_smoke",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "PYTHONUNBUFFERED": "1",
        })
        self.production = dict(self.env, **{
            "DJANGO_SETTINGS_MODULE": "lsi.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LSI_TRUSTED_PROXIES": "1", "WEB_BIND": f"127.0.0.1:{self.web_port}",
            # Notifications go to a local SMTP server that accepts and discards them.
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.smtp_port),
            # A killed worker's task comes back after 30 s (production: an hour), looked for every 3 s.
            "CELERY_VISIBILITY_TIMEOUT": "30", "CELERY_RESTORE_INTERVAL": "3",
            "BEAT_SCHEDULE": str(work / "beat-schedule"),
        })

    # --- servers ---------------------------------------------------------------------------
    def start_servers(self) -> None:
        test_services.ensure_programs(True, True)
        self.servers.start_postgres(self.pg)
        self._remember("postgres")
        test_services.ensure_database(self.pg)
        directory = self.servers._directory("redis")
        log = directory / "server.log"
        command = [test_services.redis_server(), "--port", str(self.redis_port), "--bind", "127.0.0.1",
                   "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                   "--dir", str(directory), "--daemonize", "no"]
        process = self.servers._spawn("Redis", command, directory, log)
        # An SMTP server that accepts the notifications and discards them (stopped with the roles).
        smtp_log = open(self.work / "smtp.log", "ab")
        self.processes["smtp"] = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.smtp_port}",
             "-c", "aiosmtpd.handlers.Sink"], cwd=self.work, stdout=smtp_log, stderr=subprocess.STDOUT,
            start_new_session=True)
        address = test_services.Address("redis", "127.0.0.1", self.redis_port)
        self.servers._wait("Redis", process, lambda: test_services.redis_ping(address), log)
        self._remember("redis")

    def _remember(self, kind: str) -> None:
        index = len(self.servers.processes) - 1
        _name, process = self.servers.processes[index]
        directory = self.servers.directories[-1]
        self.server_info[kind] = (index, process.args, directory, directory / "server.log")

    def restart(self, kind: str, down: float = 3.0) -> tuple[float, float]:
        """Stop a server (fast shutdown), leave it down ``down`` seconds, start it again.
        Returns (stopped at, answering again at)."""
        index, command, directory, log = self.server_info[kind]
        name, process = self.servers.processes[index]
        started = time.time()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        time.sleep(down)
        new = self.servers._spawn(name, command, directory, log)
        self.servers.processes.pop()
        self.servers.processes[index] = (name, new)
        if kind == "postgres":
            ready = lambda: test_services.answers("127.0.0.1", self.pg.port) and self.sql("SELECT 1")  # noqa: E731
        else:
            address = test_services.Address("redis", "127.0.0.1", self.redis_port)
            ready = lambda: test_services.redis_ping(address)  # noqa: E731
        self.servers._wait(name, new, ready, log)
        return started, time.time()

    def sql(self, query: str, *args):
        import psycopg

        try:
            with psycopg.connect(host="127.0.0.1", port=self.pg.port, dbname="lsi_smoke", user="postgres",
                                 connect_timeout=3) as connection:
                return connection.execute(query, args).fetchall()
        except psycopg.OperationalError:
            return None

    # --- the portal's roles ----------------------------------------------------------------
    def start(self, name: str, script: str, **env) -> subprocess.Popen:
        log = open(self.work / f"{name}.log", "ab")
        process = subprocess.Popen([str(ROOT / script)], cwd=ROOT, env=dict(self.production, **env),
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes[name] = process
        return process

    def start_worker(self, name: str) -> subprocess.Popen:
        return self.start(name, "scripts/start-worker.sh", WORKER_NAME=name, WORKER_CONCURRENCY="2",
                          WORKER_QUEUES="celery,pdf")

    def signal_group(self, name: str, sig: int) -> None:
        os.killpg(self.processes[name].pid, sig)

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                with _quiet():
                    os.killpg(process.pid, signal.SIGCONT)
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with _quiet():
                    os.killpg(process.pid, signal.SIGKILL)
        self.servers.stop()

    def django(self, code: str, *, settings: str = "production") -> dict:
        """Run Python with Django set up (production settings by default); its JSON output."""
        env = self.production if settings == "production" else dict(self.env, DJANGO_SETTINGS_MODULE=settings)
        program = "import django, json\ndjango.setup()\n" + code
        result = subprocess.run([PYTHON, "-c", program], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"python failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def get(self, path: str, headers=None, timeout=10) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(self.base + path,
                                         headers={"X-Forwarded-For": "192.0.2.1", **(headers or {})})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()
        except (urllib.error.URLError, OSError):
            return 0, {}, b""  # not listening (yet)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, trace):
        return kind is not None and issubclass(kind, ProcessLookupError)


def wait_for(condition, timeout: float, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


# --- phases ----------------------------------------------------------------------------------

def prepare(stack: Stack) -> dict:
    before = stack.django("from lsi.health import readiness\nprint(json.dumps(readiness()[1]))")
    check(before["migrations"] == "fout" and before["database"] == "ok",
          f"readiness before migrate names the migrations: {before}")
    result = subprocess.run([str(ROOT / "scripts/start-migrate.sh")], cwd=ROOT, env=stack.production,
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    # The static files as the image has them (Dockerfile): collected, with a manifest.
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=stack.production,
                   check=True, timeout=300)
    seeded = subprocess.run([PYTHON, str(ROOT / "scripts/prod_seed.py")], cwd=ROOT, env=stack.env,
                            capture_output=True, text=True, timeout=300)
    if seeded.returncode != 0:
        raise RuntimeError(f"seed failed:\n{seeded.stderr[-3000:]}")
    seed = json.loads(seeded.stdout.strip().splitlines()[-1])
    (stack.work / "seed.json").write_text(json.dumps(seed))
    return seed


def start_roles(stack: Stack) -> None:
    stack.start("web", "scripts/start-web.sh", WEB_WORKERS="3")
    stack.start_worker("worker1")
    stack.start_worker("worker2")
    stack.start("beat", "scripts/start-beat.sh")
    ready = wait_for(lambda: stack.get("/health/ready/")[0] == 200, 60)
    check(bool(ready), "the web processes are ready (/health/ready/)")
    workers = wait_for(lambda: all("ready." in (stack.work / f"{w}.log").read_text(errors="replace")
                                   for w in ("worker1", "worker2")), 60)
    check(bool(workers), "two Celery workers are ready")


def smoke(stack: Stack) -> None:
    status, _headers, body = stack.get("/health/live/")
    check(status == 200 and json.loads(body) == {"status": "ok"}, "liveness answers 200")
    status, _headers, body = stack.get("/health/ready/")
    check(status == 200 and set(json.loads(body)["checks"].values()) == {"ok"},
          f"readiness: {body.decode()}")
    status, headers, _body = stack.get("/inloggen/")
    check(status == 301 and headers.get("Location", "").startswith("https://"),
          "without the proxy's X-Forwarded-Proto the portal redirects to HTTPS")
    status, headers, _body = stack.get("/inloggen/", {"X-Forwarded-Proto": "https"})
    check(status == 200 and "max-age=31536000" in headers.get("Strict-Transport-Security", ""),
          "through the proxy (X-Forwarded-Proto: https) the login page answers with HSTS")
    request_id = headers.get("X-Request-ID")
    time.sleep(0.5)
    lines = [json.loads(line) for line in (stack.work / "web.log").read_text().splitlines()
             if line.startswith("{")]
    mine = [line for line in lines
            if line.get("request_id") == request_id and line["logger"] == "lsi.request"]
    check(bool(mine) and mine[0]["path"] == "/inloggen/" and "user_id" in mine[0],
          "the web log is JSON with the request id and user id")


def run_locust(stack: Stack, seconds: int, prefix: str) -> tuple[list[dict], list[dict]]:
    events = stack.work / f"{prefix}-events.jsonl"
    events.unlink(missing_ok=True)
    env = dict(os.environ, LOAD_SEED=str(stack.work / "seed.json"), LOAD_EVENTS=str(events))
    command = [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "scripts/locustfile.py"), "--headless",
               "-u", str(USERS), "-r", str(USERS), "-t", f"{seconds}s", "--host", stack.base,
               "--csv", str(stack.work / prefix), "--only-summary", "--loglevel", "WARNING",
               "--stop-timeout", "10", "--exit-code-on-error", "0"]
    with open(stack.work / f"{prefix}-locust.log", "w") as log:
        subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                       timeout=seconds + 90, check=False)
    with open(stack.work / f"{prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    happened = [json.loads(line) for line in events.read_text().splitlines()] if events.exists() else []
    return rows, happened


def print_stats(rows: list[dict], seconds: int) -> None:
    say(f"load: {USERS} users for {seconds} s; gunicorn 3 workers, 2 Celery workers x 2 processes")
    print(f"{'endpoint':44} {'requests':>8} {'fails':>5} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "TOTAL"
        print(f"{name[:44]:44} {row['Request Count']:>8} {row['Failure Count']:>5} "
              f"{float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}")


def load(stack: Stack) -> None:
    rows, happened = run_locust(stack, LOAD_SECONDS, "load")
    print_stats(rows, LOAD_SECONDS)
    total = next(row for row in rows if row["Name"] == "Aggregated")
    (stack.work / "figures.json").write_text(json.dumps(rows))
    check(int(total["Request Count"]) > 100, f"the load ran: {total['Request Count']} requests")
    check(not [e for e in happened if e["kind"] in ("5xx", "error")], f"no 5xx under load: {happened[:5]}")
    check(not [e for e in happened if e["kind"] == "leak"], "no response held another partner's signals")
    check(int(total["Failure Count"]) == 0, f"no failed request under load ({total['Failure Count']})")
    say(f"errors: {total['Failure Count']}, requests/s: {float(total['Requests/s']):.1f}")


def import_csv() -> str:
    letters = "ABCEGHJKLMNPRTVXZ"  # no W: 8011WR is the seed's street
    header = ("postcode;huisnummer;huisletter;huisnummertoevoeging;straat;woonplaats;categorie;"
              "indicatoren;referentie;datum_signaal")
    out = io.StringIO()
    out.write(header + "\n")
    day = time.strftime("%Y-%m-%d", time.localtime(time.time() - 5 * 86400))
    for i in range(IMPORT_ROWS):
        code = f"{8011 + i % 7}{letters[(i // 7) % 17]}{letters[(i // 119) % 17]}"
        number = i // 2023 + 1
        out.write(f"{code};{number};;;Teststraat;Zwolle;uitkeringsfraude;Postretour;"
                  f"LASTUWV-I{i:06d};{day}\n")
    return out.getvalue()


def fault_import(stack: Stack, seed: dict) -> None:
    """SIGKILL the worker's pool processes while they import 100,000 rows."""
    path = stack.work / "import.csv"
    path.write_text(import_csv())
    stack.signal_group("worker2", signal.SIGSTOP)  # worker1 takes the import
    try:
        made = stack.django(f"""
from django.db import transaction
from projects.models import Project, User
from signals import importer, tasks
user = User.objects.get(username="uwv")
with transaction.atomic():
    upload = importer.receive_file(Project.objects.get(pk={seed['project']}), user.partner, user,
                                   open({str(path)!r}, "rb").read(), "honderdduizend.csv")
    # Five seconds later: the import (3.5 s on a quiet machine) must not be over before the
    # script has started watching it.
    transaction.on_commit(lambda: tasks.process_upload.apply_async((upload.pk,), countdown=5))
print(json.dumps({{"upload": upload.pk}}))""")
        upload = made["upload"]
        # The load test may have left tasks queued ahead of it: give worker1 time to reach it.
        running = wait_for(lambda: (stack.sql("SELECT status, attempts FROM signals_upload WHERE id=%s",
                                              upload) or [("", 0)])[0] == ("bezig", 1), 240, 0.1)
        check(bool(running), "the 100,000-row import is being processed by worker1")
        main = stack.processes["worker1"].pid
        pool = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        for pid in pool:  # frozen at once, mid-import (it takes only seconds on a quiet machine) ...
            os.kill(int(pid), signal.SIGSTOP)
        for pid in pool:  # ... then killed
            os.kill(int(pid), signal.SIGKILL)
        say(f"killed worker1's pool processes {pool} during the import")
    finally:
        stack.signal_group("worker2", signal.SIGCONT)
    done = wait_for(lambda: (stack.sql("SELECT status FROM signals_upload WHERE id=%s", upload)
                             or [("",)])[0][0] not in ("bezig", "wachtrij", ""), 240, 1)
    (status, attempts, accepted), = stack.sql(
        "SELECT status, attempts, rows_accepted FROM signals_upload WHERE id=%s", upload)
    (signals,), = stack.sql("SELECT count(*) FROM signals_signal WHERE upload_id=%s", upload)
    (history,), = stack.sql("SELECT count(*) FROM signals_historicalsignal WHERE upload_id=%s", upload)
    check(bool(done) and status == "verwerkt" and attempts == 2,
          f"after redelivery the import finished on its second attempt ({status}, {attempts} attempts)")
    check(accepted == signals == history == IMPORT_ROWS,
          f"stored exactly once: {accepted} accepted, {signals} signals, {history} history rows")


def web_download(stack: Stack, seed: dict, username: str, path: str) -> tuple[int, bytes]:
    import requests
    from loadclient import send_secure_cookies_over_plain_http, totp

    send_secure_cookies_over_plain_http()

    session = requests.Session()
    host = f"127.0.0.1:{stack.web_port}"
    session.headers.update({"X-Forwarded-Proto": "https", "Origin": f"https://{host}",
                            "Referer": f"https://{host}/", "X-Forwarded-For": "192.0.2.200"})
    session.get(stack.base + "/inloggen/")

    def post(url, data):
        token = session.cookies.get("csrftoken")
        return session.post(stack.base + url, data={**data, "csrfmiddlewaretoken": token})

    post("/inloggen/", {"username": username, "password": seed["password"]})
    key = seed["accounts"][username]["key"]
    response = post("/account/code/?next=/", {"token": totp(key)})
    if "/account/code/" in response.url:
        time.sleep(31 - time.time() % 30)
        post("/account/code/?next=/", {"token": totp(key)})
    response = session.get(stack.base + path)
    return response.status_code, response.content


def fault_pdf(stack: Stack, seed: dict) -> None:
    """Kill the worker that makes a PDF; another worker makes it once; the web serves it."""
    stack.signal_group("worker2", signal.SIGSTOP)  # worker1 takes the job
    try:
        def status_of(pk):
            return (stack.sql("SELECT status FROM reports_reportjob WHERE id=%s", pk) or [("",)])[0][0]

        running, status, job = None, "", None
        for _ in range(5):
            requested = stack.django(f"""
from projects.models import Project, User
from lsi.reports import jobs
job, created = jobs.request_report(User.objects.get(username="projectleider"), "voortgang",
                                   project=Project.objects.get(pk={seed['project']}))
print(json.dumps({{"job": job.pk, "created": created}}))""")
            job = requested["job"]
            if not requested["created"]:
                # The load test's own request of this report is still running: let it finish first.
                wait_for(lambda pk=job: status_of(pk) not in ("wachtrij", "bezig"), 60, 0.2)
                continue
            running = wait_for(lambda pk=job: status_of(pk) == "bezig", 240, 0.02)
            stack.signal_group("worker1", signal.SIGSTOP)  # frozen while it makes the PDF
            status = status_of(job)
            if running and status == "bezig":
                break
            stack.signal_group("worker1", signal.SIGCONT)  # it was done already: try again
        stack.kill("worker1")  # the whole worker: main process and pool, SIGKILL
        check(bool(running) and status == "bezig", f"worker1 was killed while it made the PDF ({status})")
    finally:
        stack.signal_group("worker2", signal.SIGCONT)
    done = wait_for(lambda: (stack.sql("SELECT status FROM reports_reportjob WHERE id=%s", job)
                             or [("",)])[0][0] == "klaar", 90, 0.5)
    (attempts, name, digest), = stack.sql(
        "SELECT attempts, file_name, sha256 FROM reports_reportjob WHERE id=%s", job)
    (files,), = stack.sql("SELECT count(*) FROM projects_privatefile WHERE name=%s", name)
    (made,), = stack.sql("SELECT count(*) FROM reports_historicalreportjob WHERE id=%s "
                         "AND history_change_reason='Gemaakt'", job)
    check(bool(done) and attempts == 2, f"worker2 made the PDF after the kill ({attempts} attempts)")
    check(files == 1 and made == 1, f"the PDF is stored once ({files} file, {made} 'Gemaakt' in history)")
    status, body = web_download(stack, seed, "projectleider", f"/rapportages/opdrachten/{job}/pdf/")
    check(status == 200 and body.startswith(b"%PDF") and hashlib.sha256(body).hexdigest() == digest,
          "a web process that did not make it serves the PDF, byte for byte")
    stack.start_worker("worker1")


def fault_restarts(stack: Stack) -> None:
    """Restart Redis, then PostgreSQL, while the load runs."""
    import threading

    windows: dict[str, tuple[float, float]] = {}

    def restarts():
        time.sleep(8)
        windows["redis"] = stack.restart("redis")
        time.sleep(12)
        windows["postgres"] = stack.restart("postgres")

    thread = threading.Thread(target=restarts)
    thread.start()
    rows, happened = run_locust(stack, FAULT_LOAD_SECONDS, "faults")
    thread.join()
    total = next(row for row in rows if row["Name"] == "Aggregated")
    bad = [e for e in happened if e["kind"] in ("5xx", "error")]

    def within(event, down, up):
        # A request in flight while the server was down may fail (a long export that was
        # committing when PostgreSQL stopped), however long it took: its span overlaps the outage.
        return event.get("started", event["t"]) <= up + GRACE and event["t"] >= down

    for kind, (down, up) in windows.items():
        during = [e for e in bad if within(e, down, up)]
        say(f"{kind} restart: down {up - down:.1f} s; {len(during)} 5xx/errors within it (+{GRACE:.0f} s)")
    outside = [e for e in bad if not any(within(e, down, up) for down, up in windows.values())]
    check(not outside, f"no 5xx outside the restarts ({len(outside)}: {outside[:5]})")
    check(not [e for e in happened if e["kind"] == "leak"], "no leak during the faults")
    say(f"fault load: {total['Request Count']} requests, {total['Failure Count']} failed")
    # The probe may queue behind the load's last long exports on a busy machine: it asks again.
    ready = wait_for(lambda: stack.get("/health/ready/")[0] == 200, 60, 1)
    check(bool(ready), "ready again after both restarts, without restarting the web processes")
    web = stack.processes["web"]
    check(web.poll() is None, "gunicorn was not restarted")
    for name in ("worker1", "worker2"):
        process = stack.processes.get(name)
        if process is not None and process.poll() is not None:
            # What compose's "restart: unless-stopped" does for a worker that exited on the fault.
            say(f"{name} exited during the restarts (code {process.returncode}); started again")
            stack.processes.pop(name)
            stack.start_worker(name)
    active = ("SELECT (SELECT count(*) FROM signals_upload WHERE status IN ('wachtrij','bezig'))"
              " + (SELECT count(*) FROM reports_reportjob WHERE status IN ('wachtrij','bezig'))")
    pending = wait_for(lambda: (stack.sql(active) or [(1,)])[0][0] == 0, 180, 1)
    check(bool(pending), "every upload and PDF queued before or during the restarts is done")
    lost = stack.sql("SELECT count(*) FROM signals_upload WHERE status='mislukt'")
    check(lost == [(0,)], f"no upload failed ({lost})")


def main() -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="lsi-prod-smoke-"))
    stack = Stack(work)
    try:
        stack.start_servers()
        seed = prepare(stack)
        start_roles(stack)
        if not failures:
            smoke(stack)
            load(stack)
            fault_import(stack, seed)
            fault_pdf(stack, seed)
            fault_restarts(stack)
    except Exception as error:  # noqa: BLE001 - reported, with the logs, as a failure
        failures.append(f"{type(error).__name__}: {error}")
        say(f"FAIL  {type(error).__name__}: {error}")
    finally:
        if failures:
            for name in ("web", "worker1", "worker2", "beat"):
                log = work / f"{name}.log"
                if log.exists():
                    say(f"--- last lines of {name}.log")
                    print("\n".join(log.read_text(errors="replace").splitlines()[-25:]))
        stack.stop()
    for failure in failures:  # last, so that a shortened log still shows them
        say(f"failed: {failure}")
    say(f"{'passed' if not failures else 'FAILED'} in {time.monotonic() - started:.0f} s "
        f"(logs in {work})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
