"""Verwonderadressen: addresses with active signals from at least N different partners.

Computed in the database, always current (a withdrawn signal drops out at once), with one
grouped query that follows perf-notes.md: the covering index ``signal_overlap`` (project,
status, address_key, partner) feeds ``SELECT DISTINCT address_key, partner_id``, which is then
grouped per address. The total for the pager comes from a window function in the same query.
The details of the 50 addresses on a page (display, categories) come from a second, indexed
query. Nothing is scored: the user chooses the order (by count or by postcode).

Reads only; the caller has already checked that the user leads the project.
"""
import math
import re
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection

from projects.models import Partner, Project
from signals.models import Signal

from .models import DEFAULT_MIN_PARTNERS, CaseItem, CaseTableSettings, ExceptionAddress

PER_PAGE = 50
SORTS = {
    "partners_desc": "partners DESC, address_key ASC",
    "partners_asc": "partners ASC, address_key ASC",
    "postcode_asc": "address_key ASC",
    "postcode_desc": "address_key DESC",
}
DEFAULT_SORT = "partners_desc"
_POSTCODE_PREFIX = re.compile(r"[1-9][0-9]{0,3}|[1-9][0-9]{3}[A-Z]{1,2}")


def min_partners(project: Project) -> int:
    """N of the selection rule for this project (2 unless the projectleider changed it)."""
    value = CaseTableSettings.objects.filter(project=project).values_list("min_partners", flat=True)
    return value[0] if value else DEFAULT_MIN_PARTNERS


def normalise_prefix(text: str) -> str | None:
    """A postcode area prefix ("8011", "8011 w", "80") in key form, or None when invalid."""
    prefix = re.sub(r"\s+", "", text or "").upper()
    return prefix if _POSTCODE_PREFIX.fullmatch(prefix) else None


@dataclass
class Criteria:
    """What the user asked for; everything optional except the project's rule."""

    min_partners: int
    postcode: str = ""
    partner_id: int | None = None
    category_id: int | None = None
    min_count: int | None = None
    sort: str = DEFAULT_SORT

    @property
    def threshold(self) -> int:
        return max(self.min_partners, self.min_count or 0)


@dataclass
class FlaggedAddress:
    """One verwonderadres on a page of the overview."""

    address_key: str
    partner_count: int
    partner_ids: list[int] = field(default_factory=list)
    partner_codes: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    address_display: str = ""
    signal_count: int = 0
    is_exception: bool = False
    on_agenda: bool = False


class _Total:
    """Lets Django's Paginator compute pages from a total we already know."""

    def __init__(self, total: int):
        self.total = total

    def count(self) -> int:
        return self.total


def _grouped_sql(project: Project, criteria: Criteria, *, limit: int, offset: int):
    table = connection.ops.quote_name(Signal._meta.db_table)
    where = ["project_id = %s", "status = %s", "address_key <> ''"]
    params: list = [project.pk, Signal.Status.ACTIVE]
    if criteria.postcode:
        where.append("address_key LIKE %s")
        params.append(criteria.postcode + "%")
    if criteria.category_id:
        where.append(
            f"address_key IN (SELECT address_key FROM {table} WHERE project_id = %s "
            "AND status = %s AND category_id = %s)"
        )
        params += [project.pk, Signal.Status.ACTIVE, criteria.category_id]
    having = ["COUNT(*) >= %s"]
    params_having: list = [criteria.threshold]
    if criteria.partner_id:
        having.append("SUM(CASE WHEN partner_id = %s THEN 1 ELSE 0 END) > 0")
        params_having.append(criteria.partner_id)
    sql = (
        f"SELECT address_key, COUNT(*) AS partners, COUNT(*) OVER () AS total "
        f"FROM (SELECT DISTINCT address_key, partner_id FROM {table} WHERE {' AND '.join(where)}) pairs "
        f"GROUP BY address_key HAVING {' AND '.join(having)} "
        f"ORDER BY {SORTS.get(criteria.sort, SORTS[DEFAULT_SORT])} LIMIT %s OFFSET %s"
    )
    return sql, params + params_having + [limit, offset]


def _run(project, criteria, number: int, per_page: int) -> tuple[list[FlaggedAddress], int]:
    sql, params = _grouped_sql(project, criteria, limit=per_page, offset=(number - 1) * per_page)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    return [FlaggedAddress(address_key=key, partner_count=count) for key, count, _total in rows], total


def flagged_addresses(project: Project, criteria: Criteria, page_number=1,
                      per_page: int = PER_PAGE) -> Page:
    """One page of verwonderadressen (a Django ``Page``, so the usual pager template works)."""
    try:
        number = max(1, int(page_number))
    except (TypeError, ValueError):
        number = 1
    rows, total = _run(project, criteria, number, per_page)
    if not rows and number > 1:
        # Past the end: count, then show the last page.
        _rows, total = _run(project, criteria, 1, 1)
        number = max(1, math.ceil(total / per_page))
        rows, total = _run(project, criteria, number, per_page)
    describe(project, rows)
    return Page(rows, number, Paginator(_Total(total), per_page))


def describe(project: Project, rows: list[FlaggedAddress]) -> None:
    """Fill in display, partner codes, categories and markers for the addresses of one page."""
    keys = [row.address_key for row in rows]
    if not keys:
        return
    address_fields = ["typed_address", "postcode", "house_number", "house_letter", "house_number_suffix",
                      "street", "city"]
    signals = (
        Signal.objects.filter(project=project, status=Signal.Status.ACTIVE, address_key__in=keys)
        .order_by("pk")
        .values_list("address_key", "partner_id", "partner__code", "category__name", *address_fields)
    )
    by_key = {row.address_key: row for row in rows}
    for key, partner_id, code, category, *address in signals:
        row = by_key[key]
        row.signal_count += 1
        if not row.address_display:  # the oldest signal's address, as the partner typed it
            row.address_display = Signal(**dict(zip(address_fields, address, strict=True))).address_display
        if code not in row.partner_codes:
            row.partner_codes.append(code)
            row.partner_ids.append(partner_id)
        if category not in row.categories:
            row.categories.append(category)
    exceptions = set(ExceptionAddress.objects.filter(project=project, address_key__in=keys)
                     .values_list("address_key", flat=True))
    agenda = set(CaseItem.objects.filter(project=project, address_key__in=keys)
                 .values_list("address_key", flat=True))
    for row in rows:
        row.partner_codes.sort()
        row.categories.sort()
        row.is_exception = row.address_key in exceptions
        row.on_agenda = row.address_key in agenda


def address_overlap(project: Project, address_keys) -> dict[str, list[int]]:
    """For the given addresses: the partners with an active signal on it (current, any count)."""
    pairs = (
        Signal.objects.filter(project=project, status=Signal.Status.ACTIVE,
                              address_key__in=list(address_keys))
        .values_list("address_key", "partner_id").distinct()
    )
    overlap: dict[str, list[int]] = {}
    for key, partner_id in pairs:
        overlap.setdefault(key, []).append(partner_id)
    return {key: sorted(ids) for key, ids in overlap.items()}


def address_display(project: Project, address_key: str) -> str:
    signal = Signal.objects.filter(project=project, status__in=Signal.Status.values,
                                   address_key=address_key).order_by("pk").first()
    return signal.address_display if signal else address_key


def exception_rows(project: Project) -> list[dict]:
    """The exceptions of the project with their current overlap."""
    exceptions = list(ExceptionAddress.objects.filter(project=project).select_related("added_by__partner"))
    if not exceptions:
        return []
    overlap = address_overlap(project, [e.address_key for e in exceptions])
    codes = dict(Partner.objects.values_list("pk", "code"))
    agenda = set(CaseItem.objects.filter(project=project, address_key__in=[
        e.address_key for e in exceptions]).values_list("address_key", flat=True))
    return [
        {"exception": e, "partner_codes": sorted(codes[p] for p in overlap.get(e.address_key, [])),
         "on_agenda": e.address_key in agenda}
        for e in exceptions
    ]
