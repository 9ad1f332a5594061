"""Health answers for the load balancer and the container healthchecks.

``/health/live/``: the process is up and answers (nothing else is touched).
``/health/ready/``: this node can serve requests: the database answers, every migration is
applied, the broker answers and the file storage (the database's ``PrivateFile`` table) can be
read. 200 when all are, 503 with the failing check's name when one is not.

Both are answered by the first middleware, before the host check, the HTTPS redirect, the
session and the login: a healthcheck has no cookie, no TLS and no public host name. The answer
names checks only, never data, an address or an error message.
"""
import json
import time

from django.http import HttpResponse

LIVE = "/health/live/"
READY = "/health/ready/"
_migrated = False  # once every migration is applied, a running process need not look again


def _database() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _migrations() -> None:
    global _migrated
    if _migrated:
        return
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("migrations not applied")
    _migrated = True


def _broker() -> None:
    from django.conf import settings
    from kombu import Connection

    if not settings.CELERY_BROKER_URL:
        return  # tasks run in process (development, the demo): nothing to reach
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as connection:
        connection.ensure_connection(max_retries=1, timeout=2)


def _storage() -> None:
    from projects.models import PrivateFile

    PrivateFile.objects.only("pk").exists()


CHECKS = {"database": _database, "migrations": _migrations, "broker": _broker, "storage": _storage}


def readiness() -> tuple[bool, dict]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:  # noqa: BLE001 - any failure means: not ready; the name says which
            results[name] = "fout"
            if name == "database":
                from django.db import connection

                connection.close_if_unusable_or_obsolete()
    return all(value == "ok" for value in results.values()), results


def _answer(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """The first middleware: answers the two health URLs itself (GET or HEAD only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info in (LIVE, READY):
            if request.path_info == LIVE:
                return _answer(200, {"status": "ok"})
            started = time.monotonic()
            ready, checks = readiness()
            return _answer(200 if ready else 503, {
                "status": "ok" if ready else "niet gereed", "checks": checks,
                "ms": round((time.monotonic() - started) * 1000)})
        return self.get_response(request)
