"""Our figure beside its floor, measured in the same run, for ``manage.py bench``.

A floor is what the same result costs done by hand: the page's rows read with one hand-written
query and the same template rendered with them, or a raw ``COPY`` of the same rows. Runs
alternate ours and the floor, so what the machine does meanwhile (other processes, a
checkpoint) hits both; each figure is the median of its runs after one warm-up of each. Before
the runs the garbage that building the data and migrating the bench database left behind is
collected once, so that a full collection of that heap does not fall into one of the runs;
during the runs the collector works as in any server process.
"""
import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.shortcuts import render
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from projects.querysets import project_grants

# Statements that are no query of the page: the transaction around it.
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


@dataclass
class Measure:
    """One line of the bench: ours, the floor, and the targets (None: no target)."""

    label: str
    ours_ms: float
    floor_ms: float | None = None
    factor_target: float | None = None
    ms_target: float | None = None
    queries: int | None = None  # the page's own statements (see ``count_queries``)
    all_queries: int | None = None
    query_target: int | None = None
    peak_mb: float | None = None
    mb_target: float | None = None
    note: str = ""
    steps: list[tuple[str, float]] = field(default_factory=list)
    extra_misses: list[str] = field(default_factory=list)  # targets in other units (requests/s)

    @property
    def factor(self) -> float | None:
        return self.ours_ms / self.floor_ms if self.floor_ms else None

    def misses(self) -> list[str]:
        """The targets this figure misses, in words."""
        missed = list(self.extra_misses)
        if self.factor_target is not None and self.factor is not None and self.factor > self.factor_target:
            missed.append(f"factor {self.factor:.1f} > {self.factor_target}")
        if self.ms_target is not None and self.ours_ms > self.ms_target:
            missed.append(f"{self.ours_ms:.0f} ms > {self.ms_target:.0f} ms")
        if self.query_target is not None and self.queries is not None and self.queries > self.query_target:
            missed.append(f"{self.queries} queries > {self.query_target}")
        if self.mb_target is not None and self.peak_mb is not None and self.peak_mb > self.mb_target:
            missed.append(f"{self.peak_mb:.0f} MB > {self.mb_target:.0f} MB")
        return missed


def database_url() -> str:
    """The address of the database the bench runs in, for the processes it starts (a worker
    making a PDF, gunicorn under load)."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _ms(action: Callable) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def alternate(ours: Callable, floor: Callable | None, runs: int, *, warm_up: bool = True,
              between: Callable | None = None) -> tuple[float, float | None]:
    """Medians of ``runs`` timings of ours and of the floor, taken in turns. ``between`` runs
    (untimed) before each timing, e.g. to undo an import."""
    if warm_up:
        for action in (ours, floor):
            if action is not None:
                if between:
                    between()
                action()
    gc.collect()
    mine, floors = [], []
    for _run in range(runs):
        if between:
            between()
        mine.append(_ms(ours))
        if floor is not None:
            if between:
                between()
            floors.append(_ms(floor))
    return statistics.median(mine), (statistics.median(floors) if floors else None)


def count_queries(action: Callable) -> tuple[int, int]:
    """(the page's own statements, all statements) of one run of ``action``. Not the page's
    own: the transaction around it (BEGIN/COMMIT, savepoints), and what every signed-in
    request reads before any view runs: the session and the user (with the partner)."""
    with CaptureQueriesContext(connection) as captured:
        action()
    own, user_read = 0, False
    for query in captured.captured_queries:
        sql = query["sql"].lstrip()
        if sql.upper().startswith(TRANSACTION) or '"django_session"' in sql:
            continue
        if not user_read and sql.startswith("SELECT") and 'FROM "projects_user"' in sql:
            user_read = True
            continue
        own += 1
    return own, len(captured)


class KnownTotal:
    """A Paginator's object list whose length the floor already knows."""

    def __init__(self, total: int):
        self.total = total

    def count(self) -> int:
        return self.total


def page_of(rows: list, number: int, total: int, per_page: int = 50) -> Page:
    return Page(rows, number, Paginator(KnownTotal(total), per_page))


def floor_request(user, url: str):
    """A GET request as the template sees it, for rendering a floor: the user loaded with its
    partner and its grants read, so rendering asks the database nothing."""
    request = RequestFactory().get(url)
    request.user = user
    request.resolver_match = resolve(request.path)
    request.session = {}
    project_grants(user)
    return request


def render_floor(request, template: str, context: dict) -> None:
    response = render(request, template, context)
    if response.status_code != 200:
        raise RuntimeError(f"{template}: status {response.status_code}")


def static_choices(form) -> None:
    """Read a form's model choices once (a ModelChoiceField reads them on every render)."""
    for bound in form.fields.values():
        if hasattr(bound, "queryset") and bound.queryset is not None:
            bound.choices = list(bound.choices)
