"""Reads for the signal screens. Every read starts from a ``visible_to`` queryset."""
from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q
from django.shortcuts import get_object_or_404

from projects.models import Category, Partner, Project

from .information_requests import project_addresses
from .models import Signal

EXPORT_HEADER = [
    "partner", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "straat",
    "woonplaats", "adressleutel", "categorie", "indicatoren", "referentie", "datum_signaal",
    "status", "aangeleverd_op", "aanlevering",
]


def list_project(pk: int) -> Project:
    """The project of a signal list, with the choices of its category filter (every category,
    by name) as ``category_choices``: one read for the page's frame. The caller has checked
    that the user sees signals in it."""
    names = Category.objects.order_by("name")
    if connection.vendor != "postgresql":  # the demo on SQLite: a second read
        project = get_object_or_404(Project, pk=pk)
        project.category_choices = list(names.values_list("pk", "name"))
        return project
    project = get_object_or_404(Project.objects.annotate(
        category_ids=ArraySubquery(names.values("pk")),
        category_names=ArraySubquery(names.values("name"))), pk=pk)
    project.category_choices = list(zip(project.category_ids, project.category_names, strict=True))
    return project


# The signal list's sorts (the column headers' links); each ends on the id, so a page is stable.
SORTS = {
    "address_asc": ("postcode", "house_number", "house_letter", "house_number_suffix", "pk"),
    "address_desc": ("-postcode", "-house_number", "-house_letter", "-house_number_suffix", "-pk"),
    "date_asc": ("signal_date", "pk"),
    "date_desc": ("-signal_date", "-pk"),
}


def filtered_signals(user, project: Project, form):
    signals = (
        Signal.objects.visible_in(user, project.pk)
        .select_related("partner", "category").order_by("-pk")
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data.get("sort") in SORTS:
            signals = signals.order_by(*SORTS[data["sort"]])
        if data["q"]:
            signals = signals.filter(Q(reference__icontains=data["q"]) | Q(street__icontains=data["q"]))
        if data["category"]:
            signals = signals.filter(category=data["category"])
        if data["postcode"]:
            signals = signals.filter(postcode__startswith=data["postcode"].replace(" ", "").upper())
        if data["status"]:
            signals = signals.filter(status=data["status"])
        if data["upload"]:
            signals = signals.filter(upload_id=data["upload"])
    return signals


class _IdsFirst:
    """Filtered signals as a Paginator's object list. The count comes from the index; a page
    is fetched by first picking its ids (on the list index, however deep the page) and then
    only those rows with their partner and category, in one query. A page nearer the end of
    the list is picked counting from the end, so no page reads more than half the list."""

    def __init__(self, signals, related: tuple[str, ...]):
        self.signals, self.related = signals, related
        self.total = None

    def count(self) -> int:
        self.total = self.signals.count()
        return self.total

    def __getitem__(self, index: slice) -> list[Signal]:
        start, stop = index.start or 0, index.stop
        if self.total is not None and stop is not None and self.total - stop < start:
            ids = self.signals.reverse().values("pk")[self.total - stop:self.total - start]
        else:
            ids = self.signals.values("pk")[start:stop]
        # The rows come from the same scoped queryset (``visible_in``), narrowed to the ids.
        return list(self.signals.select_related(None).select_related(*self.related).filter(pk__in=ids))


def signal_page(user, project: Project, form, number, *, with_partner: bool = True,
                per_page: int = 50) -> Page:
    """One page of the signals the user sees in the project, filtered by ``form``. An invalid
    page number gives the first page, one past the end the last (``Paginator.get_page``).
    ``with_partner=False`` leaves out each row's partner (a partner's own list, where it is
    always the user's own partner)."""
    related = ("partner", "category") if with_partner else ("category",)
    signals = _IdsFirst(filtered_signals(user, project, form), related)
    return Paginator(signals, per_page).get_page(number)


def signal_export_rows(user, project: Project, form) -> tuple[list[str], list[list]]:
    rows = [
        [s.partner.code, s.postcode, s.house_number or "", s.house_letter, s.house_number_suffix,
         s.street, s.city, s.address_key, s.category.name, s.grounds, s.reference,
         s.signal_date.isoformat() if s.signal_date else "", s.get_status_display(),
         s.delivered_at.isoformat(timespec="seconds"), s.upload_id or ""]
        for s in filtered_signals(user, project, form).iterator(chunk_size=5000)
    ]
    return EXPORT_HEADER, rows


def on_request_partners(project: Project):
    return Partner.objects.filter(
        participations__project=project, delivery=Partner.Delivery.ON_REQUEST
    )


def address_choices(project: Project, limit: int = 500) -> list[tuple[str, str]]:
    """Addresses in the project for an information request, most partners first."""
    rows = list(project_addresses(project)[:limit])
    display = {
        s.pk: s.address_display
        for s in Signal.objects.filter(pk__in=[row["any_id"] for row in rows])
    }
    return [
        (row["address_key"], f"{display[row['any_id']]} ({row['partners']} partner(s))")
        for row in rows
    ]


ERRORS_PER_PAGE = 50


def upload_report(upload, page_number) -> tuple[Page, list[dict]]:
    """A page of the errors an upload keeps in full, and the kinds (column and rule) of which
    more errors were found than kept, each with how many more ("en nog N")."""
    from projects.messages import shown

    page = Paginator(upload.errors, ERRORS_PER_PAGE).get_page(page_number)
    page.object_list = [shown(error) for error in page.object_list]  # in the reader's language
    more = [{**shown(group), "more": group["count"] - group["kept"]}
            for group in upload.error_counts if group["count"] > group["kept"]]
    return page, more


def address_display(key: str) -> str:
    """An address key as people write it, with the street and city of the latest signal that
    names them ("Melkmarkt 173, 8011 AP Zwolle"); without one, "8011 AP 173". Only for pages
    whose user may see that address (the privacy officer's access log and inzage)."""
    from .addresses import key_display

    signal = (Signal.objects.filter(address_key=key).exclude(street="")
              .order_by("-pk").only("street", "city", "postcode", "house_number", "house_letter",
                                    "house_number_suffix", "typed_address").first())
    return signal.address_display if signal else key_display(key)
