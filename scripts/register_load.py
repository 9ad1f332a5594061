"""Load on the public register: gunicorn with the production settings on loopback only, and
Locust (headless, bounded in time) as the HTTP load generator. Prints requests/s, p50/p95/p99
and failures; exits non-zero below TARGET_RPS, at a p95 of TARGET_P95_MS or more, or on any error.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsi_bench CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python scripts/register_load.py [--seconds 20] [--users 30] [--rate 10] [--workers 2]

It needs a migrated database with projects (``manage.py bench`` builds them in ``<name>_bench``)
and publishes those that are not yet public, as their coördinator would.
"""
import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TARGET_RPS, TARGET_P95_MS = 300, 50

PUBLISH = """
from django.contrib.auth import get_user_model
from lsi.public import publishing
from lsi.public.models import Publication
from projects.models import Project
by = get_user_model().objects.filter(role="coordinator", is_active=True).first()
done = set(Publication.objects.public().values_list("project_id", flat=True))
for project in Project.objects.exclude(pk__in=done).filter(phase="signalering").order_by("pk")[:25]:
    publishing.publish(project, by, summary="Partners kijken samen naar adressen in de wijk.")
print(",".join(str(p) for p in Publication.objects.public().values_list("project_id", flat=True)))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--rate", type=float, default=10, help="requests/s per simulated reader")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    published = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", PUBLISH], cwd=ROOT, check=True,
        capture_output=True, text=True, env=dict(base_env, DJANGO_SETTINGS_MODULE="lsi.settings.dev"),
    ).stdout.strip().splitlines()[-1]
    if not published:
        print("no published projects: run manage.py bench first (it builds the projects)")
        return 2
    port = free_port()
    env = dict(base_env, DJANGO_SETTINGS_MODULE="lsi.settings.production",
               SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="127.0.0.1,localhost",
               LSI_TRUSTED_PROXIES="1", EMAIL_HOST="127.0.0.1", WEB_BIND=f"127.0.0.1:{port}",
               WEB_WORKERS=str(args.workers), LOG_LEVEL="WARNING", PATH=f"{BIN}:{os.environ['PATH']}")
    # The production pages name their static files from the manifest that collectstatic writes.
    subprocess.run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env, check=True)
    web = subprocess.Popen(["sh", "scripts/start-web.sh"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                request = urllib.request.Request(f"{base}/register/", headers={"X-Forwarded-Proto": "https"})
                urllib.request.urlopen(request, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.TemporaryDirectory() as work:
            prefix = Path(work) / "register"
            subprocess.run(
                [str(BIN / "locust"), "-f", "scripts/register_locustfile.py", "--headless",
                 "--host", base, "--users", str(args.users), "--spawn-rate", str(args.users),
                 "--run-time", f"{args.seconds}s", "--csv", str(prefix), "--only-summary",
                 "--loglevel", "WARNING"],
                cwd=ROOT, env=dict(base_env, REGISTER_PROJECTS=published, REGISTER_RATE=str(args.rate)),
                check=False, capture_output=True)
            rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))
    finally:
        web.terminate()
        web.wait(timeout=30)
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(f"{'page':36} {'requests':>8} {'fails':>5} {'req/s':>7} {'p50':>5} {'p95':>5} {'p99':>5}  (ms)")
    for row in rows:
        print(f"{row['Name'][:36]:36} {row['Request Count']:>8} {row['Failure Count']:>5} "
              f"{float(row['Requests/s']):7.1f} {row['50%']:>5} {row['95%']:>5} {row['99%']:>5}")
    rps, p95, fails = float(total["Requests/s"]), float(total["95%"]), int(total["Failure Count"])
    ok = rps >= TARGET_RPS and p95 < TARGET_P95_MS and fails == 0
    print(f"offered {args.users * args.rate:.0f} req/s with {args.workers} gunicorn workers for "
          f"{args.seconds} s: {rps:.0f} req/s, p95 {p95:.0f} ms, {fails} failures -> "
          f"{'OK' if ok else 'TARGET MISSED'} (target >= {TARGET_RPS} req/s, "
          f"p95 < {TARGET_P95_MS} ms, 0 failures)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
