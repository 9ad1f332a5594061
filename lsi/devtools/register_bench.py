"""Load on the public register, called by ``manage.py bench --only register`` (``run(stdout)``).

Publishes the bench projects that are not yet public (as their coördinator would), starts
gunicorn with the production settings on loopback only (after ``collectstatic``; the shared
cache in Redis, as in production) and lets Locust, a real HTTP load generator, offer a steady
load of anonymous readers for a bounded time (``scripts/register_locustfile.py``: project
pages, the overview, the about page, the open data). Each run prints requests/s, p50/p95/p99
and failures per page. Target: at least 300 requests/s, a p95 under 50 ms, no failures.

Runs inside the database the bench command has prepared.
"""
import csv
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from lsi.devtools.measure import Measure, database_url
from lsi.public import publishing
from lsi.public.models import Publication
from projects.models import Project

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
TARGET_RPS, TARGET_P95_MS = 300, 50
# 32 readers, each asking 10 times a second at random moments (open arrivals: a slow answer
# does not lower the rate offered), offer 320 requests/s; three gunicorn workers, as
# scripts/start-web.sh starts by default.
SECONDS, USERS, RATE, WORKERS = 20, 32, 10.0, 3
PUBLISHED = 25
WARM_UP_SECONDS = 5


def publish_projects() -> list[int]:
    by = get_user_model().objects.filter(role="coordinator", is_active=True).order_by("pk").first()
    done = set(Publication.objects.public().values_list("project_id", flat=True))
    wanted = max(0, PUBLISHED - len(done))
    candidates = Project.objects.exclude(pk__in=done).exclude(phase__in=publishing.NOT_YET).order_by("pk")
    for project in candidates[:wanted]:
        publishing.publish(project, by, summary="Partners kijken samen naar adressen in de wijk.")
    return list(Publication.objects.public().values_list("project_id", flat=True))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(port: int) -> dict:
    # Not the development settings' own (lsi.settings.dev sets DEBUG and switches 2FA off).
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "LSI_2FA_")) and k != "DEBUG"}
    broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    return dict(base, DJANGO_SETTINGS_MODULE="lsi.settings.production", DATABASE_URL=database_url(),
                CELERY_BROKER_URL=broker, SECRET_KEY=secrets.token_urlsafe(60),
                ALLOWED_HOSTS="127.0.0.1,localhost", LSI_TRUSTED_PROXIES="1", EMAIL_HOST="127.0.0.1",
                WEB_BIND=f"127.0.0.1:{port}", WEB_WORKERS=str(WORKERS), LOG_LEVEL="WARNING",
                PATH=f"{BIN}:{os.environ['PATH']}")


def _wait_until_up(base: str) -> None:
    for _ in range(150):
        try:
            request = urllib.request.Request(f"{base}/register/", headers={"X-Forwarded-Proto": "https"})
            urllib.request.urlopen(request, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")


def _locust(base: str, projects: list[int], work: Path, number, seconds: int = SECONDS) -> list[dict]:
    prefix = work / f"register-{number}"
    subprocess.run(
        [str(BIN / "locust"), "-f", "scripts/register_locustfile.py", "--headless", "--host", base,
         "--users", str(USERS), "--spawn-rate", str(USERS), "--run-time", f"{seconds}s",
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT, check=False, capture_output=True,
        env=dict(os.environ, REGISTER_PROJECTS=",".join(map(str, projects)), REGISTER_RATE=str(RATE)))
    with open(f"{prefix}_stats.csv") as stats:
        return list(csv.DictReader(stats))


def run(stdout, runs: int = 3) -> list[Measure]:
    projects = publish_projects()
    if not projects:
        raise RuntimeError("no projects to publish: the bench builds them first")
    connection.close()  # gunicorn's workers are the database's clients now
    port = _free_port()
    env = _server_env(port)
    # The production pages name their static files from the manifest that collectstatic writes.
    subprocess.run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env, check=True)
    web = subprocess.Popen(["sh", "scripts/start-web.sh"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    figures = []
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base)
        with tempfile.TemporaryDirectory() as work:
            # Not measured: each worker's first requests load the translations and open its
            # database connection, as after any start.
            _locust(base, projects, Path(work), "warm-up", seconds=WARM_UP_SECONDS)
            for number in range(runs):
                rows = _locust(base, projects, Path(work), number)
                total = next(row for row in rows if row["Name"] == "Aggregated")
                figures.append((float(total["Requests/s"]), float(total["95%"]), int(total["Failure Count"])))
                stdout.write(f"register, run {number + 1} of {runs} (load average "
                             f"{os.getloadavg()[0]:.1f}):")
                for row in rows:
                    stdout.write(f"    {row['Name'][:34]:34} {row['Request Count']:>7} req "
                                 f"{row['Failure Count']:>4} fail {float(row['Requests/s']):6.1f}/s "
                                 f"p50 {row['50%']:>4} p95 {row['95%']:>4} p99 {row['99%']:>4} ms")
    finally:
        web.terminate()
        web.wait(timeout=30)
    rps = statistics.median(f[0] for f in figures)
    p95 = statistics.median(f[1] for f in figures)
    fails = sum(f[2] for f in figures)
    misses = []
    if rps < TARGET_RPS:
        misses.append(f"{rps:.0f} req/s < {TARGET_RPS}")
    if fails:
        misses.append(f"{fails} failed requests")
    runs_text = "; ".join(f"{r:.0f}/s p95 {p:.0f}" for r, p, _f in figures)
    return [Measure(f"openbaar register onder last (p95, {len(projects)} publ.)", p95,
                    ms_target=TARGET_P95_MS,
                    note=f"{rps:.0f} req/s (doel >= {TARGET_RPS}), {fails} fouten; runs: {runs_text}",
                    extra_misses=misses)]
