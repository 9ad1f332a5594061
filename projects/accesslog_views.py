"""The access log, for the functionaris gegevensbescherming only (everyone else: 404)."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import render

from . import accesslog, addressing, events
from .exports import export
from .forms import AccessLogFilterForm
from .models import AccessLogEntry
from .postcodes import AreaError
from .selectors import filtered_access_log

EXPORT_HEADER = ["tijdstip", "gebruiker", "partner", "actie", "betekenis", "objecttype", "objecten",
                 "adressen", "zoekvraag", "project", "aantal", "uitkomst", "ip", "verzoek-id"]


def postcode_display(postcode: str) -> str:
    return f"{postcode[:4]} {postcode[4:]}" if postcode else ""


def _entries(request):
    entries = AccessLogEntry.objects.visible_to(request.user)
    if not request.user.is_authenticated or not request.user.is_privacy_officer:
        raise Http404
    form = AccessLogFilterForm(request.GET or None)
    try:
        return form, filtered_access_log(entries, form)
    except AreaError:
        return form, entries.none()


@login_required
@transaction.atomic
def access_log(request):
    form, entries = _entries(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.meaning = accesslog.EVENTS.get(entry.action, entry.action)
    accesslog.record(request, events.ACCESS_LOG_VIEW, object_type="access_log",
                     rows=len(page.object_list), query=request.GET.urlencode())
    address = ""
    if form.is_valid():
        data = form.cleaned_data
        address = addressing.display(data["address_key"]) if data["address_key"] else \
            postcode_display(data["postcode_only"])
    return render(request, "accesslog/list.html", {"form": form, "page": page, "address": address})


@login_required
@transaction.atomic
def access_log_export(request):
    form, entries = _entries(request)
    rows = [
        [e.at.isoformat(timespec="seconds"), e.user.username if e.user else "",
         e.partner.code if e.partner else "", e.action, str(accesslog.EVENTS.get(e.action, e.action)),
         e.object_type, e.object_ids,
         e.address_keys, e.query, e.project_id or "", e.row_count, e.get_result_display(),
         e.ip_address or "", e.request_id]
        for e in entries.select_related("user", "partner")[:200_000]
    ]
    accesslog.record(request, events.ACCESS_LOG_EXPORT, object_type="access_log", rows=len(rows),
                     query=request.GET.urlencode())
    return export("csv", "toegangslog", EXPORT_HEADER, rows)
