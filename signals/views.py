"""Screens for signals: delivering, listing, exporting, withdrawing, information requests.

Every object comes from a ``visible_to`` queryset; what is not the user's is a 404. Every
view of personal data writes an access-log entry in the same transaction.
"""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import accesslog
from projects.exports import download, export
from projects.models import Project
from projects.refusals import Refused
from projects.roles import is_lead
from projects.sorting import sort_links

from . import delivery_template, events, importer, information_requests, rules, selectors, tasks, withdrawals
from .forms import (
    AnswerForm,
    InformationRequestForm,
    SignalEntryForm,
    SignalFilterForm,
    UploadForm,
    WithdrawForm,
)
from .models import InformationRequest, RequestedAddress, Signal, Upload
from .querysets import delivering_project_ids, signal_project_ids


def _signal_project(request, pk) -> Project:
    """A project in which the user sees signals (lead or taking part), else 404."""
    if pk not in signal_project_ids(request.user):
        raise Http404
    return get_object_or_404(Project, pk=pk)


def _delivering_project(request, pk) -> Project:
    """A project the user's own partner takes part in, else 404."""
    if pk not in delivering_project_ids(request.user):
        raise Http404
    return get_object_or_404(Project, pk=pk)


@login_required
@accesslog.logs_denied(events.SIGNAL_LIST, "signal")
@transaction.atomic
def signal_list(request, pk):
    if pk not in signal_project_ids(request.user):
        raise Http404
    project = selectors.list_project(pk)
    form = SignalFilterForm(request.GET or None, categories=project.category_choices)
    lead = is_lead(request.user, project)
    page = selectors.signal_page(request.user, project, form, request.GET.get("page"),
                                 with_partner=lead)
    _prepare_rows(page.object_list)
    accesslog.record(request, events.SIGNAL_LIST, object_type="signal",
                     ids=[s.pk for s in page.object_list], project=project,
                     rows=len(page.object_list), query=request.GET.urlencode(),
                     addresses=[s.address_key for s in page.object_list])
    return render(request, "signals/signal_list.html", {
        "project": project, "form": form, "page": page, "is_lead": lead,
        "may_deliver": pk in delivering_project_ids(request.user),
        "sort_links": sort_links(request.GET, form.cleaned_data.get("sort", "") if form.is_bound
                                 and form.is_valid() else "", SORT_COLUMNS),
    })


# The signal list's sortable columns: their first and second sort (``selectors.SORTS``).
SORT_COLUMNS = {"address": ("address_asc", "address_desc"), "date": ("date_desc", "date_asc")}


def _prepare_rows(signals) -> None:
    """Give each row of the list its link, status label and grounds (up to 80 characters, as
    ``truncatechars``), translating the status labels and resolving the link's pattern once
    per page instead of once per row."""
    labels = {value: str(label) for value, label in Signal.Status.choices}
    prefix, _, suffix = reverse("signals:detail", args=[1]).rpartition("/1/")
    for signal in signals:
        signal.detail_url = f"{prefix}/{signal.pk}/{suffix}"
        signal.status_label = labels.get(signal.status, signal.status)
        grounds = signal.grounds
        signal.grounds_short = Truncator(grounds).chars(80) if len(grounds) > 80 else grounds


@login_required
@accesslog.logs_denied(events.SIGNAL_EXPORT, "signal")
@transaction.atomic
def signal_export(request, pk, fmt):
    project = _signal_project(request, pk)
    form = SignalFilterForm(request.GET or None)
    header, rows = selectors.signal_export_rows(request.user, project, form)
    accesslog.record(request, events.SIGNAL_EXPORT, object_type="signal", project=project,
                     rows=len(rows), query=f"{fmt} {request.GET.urlencode()}".strip(),
                     addresses=[row[header.index("adressleutel")] for row in rows])
    return export(fmt, f"signalen-project-{project.pk}", header, rows)


@login_required
@accesslog.logs_denied(events.SIGNAL_VIEW, "signal")
@transaction.atomic
def signal_detail(request, signal_pk):
    signal = get_object_or_404(
        Signal.objects.visible_to(request.user).select_related(
            "project", "partner", "category", "delivered_by", "withdrawn_by", "upload"),
        pk=signal_pk,
    )
    accesslog.record(request, events.SIGNAL_VIEW, object_type="signal", ids=[signal.pk],
                     project=signal.project, rows=1, addresses=[signal.address_key])
    return render(request, "signals/signal_detail.html", {
        "signal": signal, "withdraw_form": WithdrawForm(),
        "may_withdraw": rules.withdraw_problem(request.user, signal) is None,
        "history": signal.history.select_related("history_user"),
    })


@login_required
@require_POST
def signal_withdraw(request, signal_pk):
    signal = get_object_or_404(Signal.objects.visible_to(request.user), pk=signal_pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden op voor het intrekken."))
        return redirect(signal)
    try:
        withdrawals.withdraw(signal, request.user, form.cleaned_data["reason"])
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het signaal is ingetrokken."))
    return redirect(signal)


@login_required
def deliver(request, pk):
    """The upload page: a file, the template, the column list, and a single-signal form."""
    project = _delivering_project(request, pk)
    participation, closed = _open_participation(request, project)
    upload_form = UploadForm()
    if request.method == "POST" and participation is not None:
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = _receive(request, project, request.user.partner, upload_form.cleaned_data["file"])
            return redirect("signals:upload_detail", upload_pk=upload.pk)
    return _render_deliver(request, project, participation, closed, upload_form=upload_form)


def _open_participation(request, project):
    """The participation through which the user delivers now, or None and the reason why not."""
    try:
        return importer.open_participation(project, request.user.partner, request.user), None
    except Refused as error:
        return None, error.message


def _render_deliver(request, project, participation, closed, *, upload_form=None, entry_form=None):
    """The upload page with what was agreed for the partner: its categories, the intake
    deadline and the limits of a file."""
    categories = list(participation.categories.order_by("name")) if participation else []
    entry_form = entry_form or SignalEntryForm(categories=categories)
    return render(request, "signals/deliver.html", {
        "project": project, "closed": closed, "upload_form": upload_form or UploadForm(),
        "entry_form": entry_form, "columns": delivery_template.COLUMN_HELP,
        "categories": categories,
        "max_megabytes": settings.LSI_UPLOAD_MAX_BYTES // (1024 * 1024),
        "max_rows": settings.LSI_UPLOAD_MAX_ROWS,
        "page_has_errors": bool(entry_form.is_bound and entry_form.errors
                                or upload_form is not None and upload_form.is_bound and upload_form.errors),
        "uploads": Upload.objects.visible_to(request.user).filter(
            project=project, partner=request.user.partner)[:20],
    })


def _receive(request, project, partner, uploaded) -> Upload:
    """Read the upload (never more than the limit allows) and queue it for the worker."""
    data = uploaded.read(settings.LSI_UPLOAD_MAX_BYTES + 1)
    with transaction.atomic():
        upload = importer.receive_file(project, partner, request.user, data, uploaded.name)
        if upload.is_pending:
            transaction.on_commit(lambda: tasks.process_upload.delay(upload.pk))
    return upload


@login_required
@require_POST
def enter(request, pk):
    project = _delivering_project(request, pk)
    participation, closed = _open_participation(request, project)
    if participation is None:
        messages.error(request, closed)
        return redirect("signals:deliver", pk=project.pk)
    form = SignalEntryForm(request.POST, categories=participation.categories.order_by("name"))
    if not form.is_valid():
        # The page again, with what was typed and each error beside its field.
        return _render_deliver(request, project, participation, None, entry_form=form)
    upload = importer.enter_signal(project, request.user.partner, request.user, form.values())
    return redirect("signals:upload_detail", upload_pk=upload.pk)


@login_required
@accesslog.logs_denied(events.UPLOAD_VIEW, "upload")
@transaction.atomic
def upload_detail(request, upload_pk):
    upload = get_object_or_404(
        Upload.objects.visible_to(request.user).select_related("project", "partner", "uploaded_by"),
        pk=upload_pk,
    )
    page, more = selectors.upload_report(upload, request.GET.get("page"))
    accesslog.record(request, events.UPLOAD_VIEW, object_type="upload", ids=[upload.pk],
                     project=upload.project, rows=len(page.object_list))
    return render(request, "signals/upload_detail.html", {"upload": upload, "page": page, "more": more})


@login_required
def upload_status(request, upload_pk):
    """The htmx fragment polled while an upload waits or is processed (no personal data).
    When it is done, the page reloads to show the report."""
    upload = get_object_or_404(Upload.objects.visible_to(request.user), pk=upload_pk)
    response = render(request, "signals/_upload_status.html", {"upload": upload})
    if not upload.is_pending:
        response["HX-Refresh"] = "true"
    return response


@login_required
def template_file(request, fmt):
    """The empty delivery template (no personal data)."""
    return download(delivery_template.template_bytes(fmt), f"sjabloon-signalen.{fmt}")


@login_required
@accesslog.logs_denied(events.REQUEST_LIST, "information_request")
@transaction.atomic
def request_list(request, pk):
    project = _signal_project(request, pk)
    lead = is_lead(request.user, project)
    requests = InformationRequest.objects.visible_to(request.user).filter(project=project)
    form = None
    if lead:
        form = InformationRequestForm(
            request.POST or None, partners=selectors.on_request_partners(project),
            addresses=selectors.address_choices(project),
        )
        if request.method == "POST" and form.is_valid():
            try:
                created = information_requests.create_request(
                    project, request.user, partner=project.participations.get(
                        partner_id=form.cleaned_data["partner"]).partner,
                    address_keys=form.cleaned_data["addresses"],
                    message=form.cleaned_data["message"],
                )
            except Refused as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Het informatieverzoek is verstuurd."))
                return redirect(created)
    elif request.method == "POST":
        raise Http404
    accesslog.record(request, events.REQUEST_LIST, object_type="information_request",
                     ids=[r.pk for r in requests], project=project, rows=len(requests))
    return render(request, "signals/request_list.html", {
        "project": project, "requests": requests.select_related("partner", "created_by"),
        "form": form,
    })


@login_required
@accesslog.logs_denied(events.REQUEST_VIEW, "information_request")
@transaction.atomic
def request_detail(request, request_pk):
    info_request = get_object_or_404(
        InformationRequest.objects.visible_to(request.user).select_related("project", "partner"),
        pk=request_pk,
    )
    return _render_request(request, info_request)


def _render_request(request, info_request, *, failed=None, failed_form=None):
    """The request with an answer form per open address; ``failed_form`` is the answer for the
    address ``failed`` that was not recorded, shown again with what was typed and its errors."""
    items = list(info_request.addresses.select_related("answered_by", "signal__category"))
    accesslog.record(request, events.REQUEST_VIEW, object_type="information_request",
                     ids=[info_request.pk], project=info_request.project, rows=len(items),
                     addresses=[item.address_key for item in items])
    answering = rules.answer_problem(request.user, info_request) is None
    categories = list(info_request.project.participations.get(
        partner=info_request.partner).categories.order_by("name"))
    for item in items:
        if not answering or item.answer != RequestedAddress.Answer.OPEN:
            continue
        if failed is not None and item.pk == failed.pk:
            item.answer_form = failed_form
        else:
            item.answer_form = AnswerForm(categories=categories, address=item.address_display,
                                          auto_id=f"answer-{item.pk}-%s")
    return render(request, "signals/request_detail.html", {
        "info_request": info_request, "items": items, "answering": answering,
        "failed": failed, "failed_form": failed_form, "page_has_errors": failed is not None,
    })


@login_required
@require_POST
@transaction.atomic
def request_answer(request, item_pk):
    item = get_object_or_404(
        RequestedAddress.objects.filter(
            request__in=InformationRequest.objects.visible_to(request.user)
        ).select_related("request__project", "request__partner"),
        pk=item_pk,
    )
    participation = item.request.project.participations.get(partner=item.request.partner)
    form = AnswerForm(request.POST, categories=participation.categories.order_by("name"),
                      address=item.address_display, auto_id=f"answer-{item.pk}-%s")
    if form.is_valid():
        try:
            with transaction.atomic():
                information_requests.answer(item, request.user, **form.cleaned_data)
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Uw antwoord is vastgelegd."))
            return redirect(item.request)
    return _render_request(request, item.request, failed=item, failed_form=form)
