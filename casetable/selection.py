"""Verwonderadressen: addresses with active signals from at least N different partners.

Read from the overlap per address (``signals.AddressOverlap``), which every writer of signals
keeps current in its own transaction (``signals.overlap.refresh``): always current, a withdrawn
signal drops out at once, and the overview reads an indexed table instead of grouping all
signals of the project on every request. The sorts follow its indexes (project, count, key);
the total for the pager is a count over the same index. The details of the 50 addresses on a
page (display, partner codes, categories) come from the signals themselves, in one indexed
query. Nothing is scored: the user chooses the order (by count or by postcode).

Reads only. The page comes from ``AddressOverlap.objects.visible_to(user)`` (the projectleider
only); the details are read for the addresses of that page alone.
"""
import math
import re
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce

from projects.models import Partner, Project
from signals.models import MIN_PARTNERS, AddressOverlap, Signal

from .models import CaseItem, CaseTableSettings, ExceptionAddress

PER_PAGE = 50
SORTS = {
    "partners_desc": ("-partner_count", "address_key"),
    "partners_asc": ("partner_count", "address_key"),
    "postcode_asc": ("address_key",),
    "postcode_desc": ("-address_key",),
}
DEFAULT_SORT = "partners_desc"
_POSTCODE_PREFIX = re.compile(r"[1-9][0-9]{0,3}|[1-9][0-9]{3}[A-Z]{1,2}")


def min_partners(project: Project) -> int:
    """N of the selection rule for this project (2 unless the projectleider changed it); read
    along with the project when it came from ``with_rule``."""
    rule = getattr(project, "selection_rule", None)
    if rule is not None:
        return rule
    value = CaseTableSettings.objects.filter(project=project).values_list("min_partners", flat=True)
    return value[0] if value else MIN_PARTNERS


def with_rule(projects):
    """Projects with N of their selection rule read in the same query (for ``min_partners``)."""
    rule = CaseTableSettings.objects.filter(project=OuterRef("pk")).values("min_partners")[:1]
    return projects.annotate(selection_rule=Coalesce(Subquery(rule), MIN_PARTNERS))


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


def matching(project: Project, criteria: Criteria, user):
    """The verwonderadressen that ``user`` sees (the projectleider) that meet the rule and the
    filters (unordered queryset)."""
    rows = AddressOverlap.objects.visible_to(user).filter(
        project=project, partner_count__gte=criteria.threshold)
    if criteria.postcode:
        rows = rows.filter(address_key__startswith=criteria.postcode)
    if criteria.partner_id:
        rows = rows.filter(partner_ids__contains=f",{int(criteria.partner_id)},")
    if criteria.category_id:
        rows = rows.filter(category_ids__contains=f",{int(criteria.category_id)},")
    return rows


def _page_rows(project, criteria, user, number: int, per_page: int) -> tuple[list[FlaggedAddress], int]:
    """One page, in the order the user chose, with the exception and agenda markers, and the
    total of all matching addresses counted in the same query (0 when the page is empty)."""
    same_address = {"project": project, "address_key": OuterRef("address_key")}
    rows = (
        matching(project, criteria, user)
        .order_by(*SORTS.get(criteria.sort, SORTS[DEFAULT_SORT]))
        .annotate(is_exception=Exists(ExceptionAddress.objects.filter(**same_address)),
                  on_agenda=Exists(CaseItem.objects.filter(**same_address)),
                  total=Window(Count("*")))
        .values_list("address_key", "partner_count", "is_exception", "on_agenda", "total")
    )[(number - 1) * per_page:number * per_page]
    found = [FlaggedAddress(address_key=key, partner_count=count, is_exception=exception, on_agenda=agenda)
             for key, count, exception, agenda, _total in rows]
    return found, (rows[0][4] if rows else 0)


def flagged_addresses(project: Project, criteria: Criteria, page_number=1,
                      per_page: int = PER_PAGE, *, user) -> Page:
    """One page of verwonderadressen (a Django ``Page``, so the usual pager template works).
    A page past the end shows the last page. The page and its total come in one query; only a
    page past the end asks for the total apart, then reads the last page."""
    try:
        number = max(1, int(page_number))
    except (TypeError, ValueError):
        number = 1
    rows, total = _page_rows(project, criteria, user, number, per_page)
    if not rows and number > 1:
        total = matching(project, criteria, user).count()
        number = max(1, math.ceil(total / per_page))
        rows = _page_rows(project, criteria, user, number, per_page)[0] if total else []
    describe(project, rows)
    return Page(rows, number, Paginator(_Total(total), per_page))


def flagged_count(project: Project) -> int:
    """How many verwonderadressen the project has under its rule: a number for the reports,
    no address in it."""
    return AddressOverlap.objects.filter(
        project=project, partner_count__gte=min_partners(project)).count()


def flagged_total(projects) -> int:
    """The verwonderadressen of many projects together, each under its own rule, in one
    query (the stuurgroep report counts hundreds of projects)."""
    rule = CaseTableSettings.objects.filter(project=OuterRef("project")).values("min_partners")[:1]
    return (AddressOverlap.objects.filter(project__in=projects)
            .alias(rule=Coalesce(Subquery(rule), MIN_PARTNERS))
            .filter(partner_count__gte=F("rule")).count())


def describe(project: Project, rows: list[FlaggedAddress]) -> None:
    """Fill in display, partner codes and categories for the addresses of one page, from their
    active signals (so they show what the signals say now)."""
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
    for row in rows:
        row.partner_codes.sort()
        row.categories.sort()


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
