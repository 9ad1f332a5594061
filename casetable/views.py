"""Screens of the casustafel: thin views that parse the request, call a selector or a service,
and render.

Every object comes from a ``visible_to`` queryset or a project the user leads; whatever is not
the user's is a 404. Every view of personal data writes an access-log entry in the same
transaction (``@transaction.atomic``).
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from projects import accesslog, filejobs
from projects.exports import export
from projects.models import Partner, Project
from projects.phases import Phase
from projects.refusals import Refused
from projects.roles import is_lead
from projects.sorting import sort_links
from signals.selectors import on_request_partners

from . import (
    agenda,
    choice,
    closing,
    controls,
    debriefing,
    deliberation,
    dossier,
    events,
    rules,
    selection,
    selectors,
    tasks,
)
from .errors import Conflict
from .exports import case_table_rows
from .forms import (
    ADDRESS_KEY,
    CareReferralForm,
    CloseForm,
    DecisionForm,
    ExceptionForm,
    FilterForm,
    InterventionForm,
    ResultForm,
    RiskForm,
    RuleForm,
    SelectionForm,
    SessionForm,
    TestsForm,
    read_choices,
    show_error,
)
from .models import (
    Assignment,
    CareReferral,
    CaseItem,
    CaseTableSession,
    Decision,
    DossierPdf,
    Intervention,
)
from .querysets import led_project_ids, municipality_project_ids, taking_part_project_ids

# ---- scoping helpers ---------------------------------------------------------------------------

def _has_errors(*forms) -> bool:
    """Does any of the page's forms come back with errors? The page title then starts with
    "Fout:" and the error summary at the top takes the focus."""
    return any(form is not None and form.is_bound and form.errors for form in forms)


def _led_project(request, pk) -> Project:
    """A project the user leads, else 404 (``led_by``: the user's lead grants)."""
    return get_object_or_404(Project.objects.led_by(request.user), pk=pk)


def _item(request, item_pk) -> CaseItem:
    return get_object_or_404(
        CaseItem.objects.visible_to(request.user).select_related("project", "session"), pk=item_pk)


def _sessions_for_selection(project):
    return CaseTableSession.objects.filter(project=project).order_by("-held_on", "-pk")


# ---- verwonderadressen -------------------------------------------------------------------------

def _flagged(request, project):
    """The project as the verwonderadressen read it: its rule, partners and categories in one
    read (``selectors.flagged_project``)."""
    if hasattr(project, "partner_list"):
        return project
    return selectors.flagged_project(request.user, project.pk)


def _filters(request, project):
    filters = FilterForm(request.GET or None, partners=selectors.participating_partners(project),
                         categories=selectors.project_categories(project))
    read_choices(filters.fields["partner"], project.partner_list)
    read_choices(filters.fields["category"], project.category_list)
    rule = selection.min_partners(project)
    return filters, rule, filters.criteria(rule)


def _render_flagged(request, project, *, selection_form=None, exception_form=None):
    project = _flagged(request, project)
    partners = project.partner_list
    filters, rule, criteria = _filters(request, project)
    may_deliberate = rules.deliberation_problem(request.user, project) is None
    if selection_form is None:
        fresh_form = SelectionForm(sessions=_sessions_for_selection(project),
                                   on_request_partners=on_request_partners(project))
        read_choices(fresh_form.fields["partner"],
                     [p for p in partners if p.delivery == Partner.Delivery.ON_REQUEST])
        if may_deliberate:  # the agenda action, with its casustafels
            read_choices(fresh_form.fields["session"], _sessions_for_selection(project))
    page = selection.flagged_addresses(project, criteria, request.GET.get("page"), user=request.user)
    exceptions = selection.exception_rows(project)
    shown = [row.address_key for row in page.object_list] + [e["exception"].address_key for e in exceptions]
    # The addresses chosen so far, on this page and the others (kept in the session).
    chosen = set(selection_form.data.getlist("address_keys") if selection_form is not None
                 else choice.chosen(request.session, project))
    accesslog.record(
        request, events.FLAGGED_LIST, object_type="address",
        ids=[row.address_key for row in page.object_list] + [e["exception"].address_key for e in exceptions],
        project=project, rows=len(page.object_list) + len(exceptions), query=request.GET.urlencode(),
        addresses=[row.address_key for row in page.object_list] + [e["exception"].address_key
                                                                   for e in exceptions],
    )
    return render(request, "casetable/flagged_addresses.html", {
        "project": project, "filters": filters, "page": page, "rule": rule, "criteria": criteria,
        "sort_links": _sort_links(request, criteria.sort),
        "chosen": chosen, "chosen_elsewhere": len(chosen - set(shown)),
        "exceptions": exceptions, "page_has_errors": _has_errors(selection_form, exception_form),
        "selection_form": selection_form or fresh_form,
        "exception_form": exception_form or ExceptionForm(),
        "may_deliberate": may_deliberate,
    })


# A sortable column: its ascending and descending sort (the first click gives the first).
SORT_COLUMNS = {"postcode": ("postcode_asc", "postcode_desc"), "partners": ("partners_desc", "partners_asc")}


def _sort_links(request, current: str) -> dict:
    return sort_links(request.GET, current, SORT_COLUMNS)


@login_required
@accesslog.logs_denied(events.FLAGGED_LIST, "address")
@require_GET
@transaction.atomic
def flagged(request, pk):
    """Verwonderadressen: addresses with active signals of at least N partners."""
    return _render_flagged(request, selectors.flagged_project(request.user, pk))


@login_required
@require_POST
@transaction.atomic
def flagged_select(request, pk):
    """Put the selected addresses on a casustafel agenda, or send an information request."""
    project = _led_project(request, pk)
    # The boxes of this page together with the addresses chosen on the other pages.
    posted = request.POST.copy()
    posted.setlist("address_keys", choice.remember(
        request.session, project, shown=request.POST.getlist("shown"),
        checked=request.POST.getlist("address_keys")))
    form = SelectionForm(posted, sessions=_sessions_for_selection(project),
                         on_request_partners=on_request_partners(project))
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if data["action"] == "agenda":
                    items = agenda.add_items(data["session"], request.user, address_keys=data["address_keys"])
                    choice.clear(request.session, project)
                    messages.success(request, _("%(n)d adres(sen) op de agenda gezet.") % {"n": len(items)})
                    return redirect(data["session"])
                info_request = agenda.send_information_request(
                    project, request.user, partner=data["partner"], address_keys=data["address_keys"],
                    message=data["message"])
                choice.clear(request.session, project)
                messages.success(request, _("Het informatieverzoek is verstuurd."))
                return redirect(info_request)
        except Refused as error:
            show_error(form, error)
    return _render_flagged(request, project, selection_form=form)


@login_required
@require_POST
def flagged_choose(request, pk):
    """Keep the choice of this page and go to another page, or choose all addresses of this
    page, all that meet the filters, or none. Back to the overview with its filters."""
    project = _led_project(request, pk)
    valid = [key for key in request.POST.getlist("shown") if ADDRESS_KEY.fullmatch(key)]
    checked = [key for key in request.POST.getlist("address_keys") if ADDRESS_KEY.fullmatch(key)]
    choice.remember(request.session, project, shown=valid, checked=checked)
    params = request.GET.copy()
    wanted = request.POST.get("choice")
    if wanted == "page":
        page_keys = [key for key in request.POST.getlist("page_keys") if ADDRESS_KEY.fullmatch(key)]
        choice.add(request.session, project, page_keys)
    elif wanted == "all":
        _filters_form, _rule, criteria = _filters(request, _flagged(request, project))
        if problem := choice.all_matching_problem(project, criteria, request.user):
            messages.error(request, problem)
        else:
            found = choice.all_matching(project, criteria, request.user)
            choice.add(request.session, project, found)
            messages.success(request, ngettext(
                "Het %(n)d adres dat aan de filters voldoet, is gekozen.",
                "Alle %(n)d adressen die aan de filters voldoen, zijn gekozen.", len(found))
                % {"n": len(found)})
    elif wanted == "none":
        choice.clear(request.session, project)
        messages.success(request, _("De keuze is gewist."))
    if (goto := request.POST.get("goto", "")).isdigit():
        params["page"] = goto
    query = "?" + params.urlencode() if params else ""
    return redirect(reverse("casetable:flagged", args=[project.pk]) + query)


@login_required
@require_POST
@transaction.atomic
def exception_add(request, pk):
    """Add an address that fewer than N partners signalled, with a written reason."""
    project = _led_project(request, pk)
    form = ExceptionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                key = agenda.address_key_of(data["postcode"], data["huisnummer"], data["huisletter"],
                                            data["toevoeging"])
                agenda.add_exception(project, request.user, address_key=key, reason=data["reason"])
        except Refused as error:
            show_error(form, error)
        else:
            messages.success(request, _("Het adres is als uitzondering toegevoegd."))
            return redirect("casetable:flagged", pk=project.pk)
    return _render_flagged(request, project, exception_form=form)


# ---- the casustafel of a project -----------------------------------------------------------------

def _render_overview(request, project, *, session_form=None, rule_form=None, status=200):
    partners = selectors.participating_partners(project)
    return render(request, "casetable/overview.html", {
        "project": project, **selectors.overview(request.user, project),
        "rule": selection.min_partners(project),
        "rule_form": rule_form or RuleForm(initial={"min_partners": selection.min_partners(project)}),
        "session_form": session_form or SessionForm(partners=partners),
        "close_form": CloseForm(),
        "page_has_errors": _has_errors(session_form, rule_form),
    }, status=status)


@login_required
def overview(request, pk):
    """The casustafel of a project: rule, sessions, closing, exports. No addresses."""
    project = _led_project(request, pk)
    if request.method == "POST":
        form = SessionForm(request.POST, partners=selectors.participating_partners(project))
        if form.is_valid():
            try:
                session = agenda.create_session(project, request.user, **form.cleaned_data)
            except Refused as error:
                show_error(form, error)
            else:
                messages.success(request, _("De casustafel is aangemaakt. Zet nu adressen op de agenda."))
                return redirect(session)
        return _render_overview(request, project, session_form=form)
    return _render_overview(request, project)


@login_required
@require_POST
def rule_set(request, pk):
    project = _led_project(request, pk)
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            agenda.set_rule(project, request.user, min_partners=form.cleaned_data["min_partners"])
        except Refused as error:
            show_error(form, error)
        else:
            messages.success(request, _("De selectieregel is vastgelegd."))
            return redirect("casetable:overview", pk=project.pk)
    return _render_overview(request, project, rule_form=form)


def _close(request, pk, phase, service, success):
    project = _led_project(request, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("casetable:overview", pk=project.pk)
    reason = form.cleaned_data["reason"]
    if not request.POST.get("confirmed"):
        if problem := closing.close_problem(request.user, project, phase):
            messages.error(request, problem)
            return redirect("casetable:overview", pk=project.pk)
        title, label, consequences = closing.consequences(project)
        return render(request, "confirm.html", {
            "title": title, "consequences": consequences, "reason": reason, "action": request.path,
            "confirm_label": label, "back": reverse("casetable:overview", args=[project.pk]),
        })
    try:
        service(project, request.user, reason)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("casetable:overview", pk=project.pk)


@login_required
@require_POST
def close_case_table(request, pk):
    return _close(request, pk, Phase.CASE_TABLE, closing.close_case_table,
                  _("De casustafel is afgesloten; het project is in de fase uitvoering."))


@login_required
@require_POST
def close_execution(request, pk):
    return _close(request, pk, Phase.EXECUTION, closing.close_execution,
                  _("De uitvoering is afgesloten; het project is in de fase afronding."))


@login_required
@accesslog.logs_denied(events.CASE_TABLE_EXPORT, "case_item")
@require_GET
@transaction.atomic
def export_list(request, pk, fmt):
    """The casustafel list with decisions and debriefing (never zorgmeldingen)."""
    project = _led_project(request, pk)
    header, rows = case_table_rows(project)
    accesslog.record(request, events.CASE_TABLE_EXPORT, object_type="case_item", project=project,
                     rows=len(rows), query=fmt, addresses=[row[2] for row in rows])
    return export(fmt, f"casustafel-project-{project.pk}", header, rows)


# ---- a session and its agenda ------------------------------------------------------------------

@login_required
@accesslog.logs_denied(events.AGENDA_VIEW, "case_item")
@transaction.atomic
def session_detail(request, session_pk):
    session = get_object_or_404(CaseTableSession.objects.visible_to(request.user)
                                .select_related("project"), pk=session_pk)
    project = session.project
    partners = selectors.participating_partners(project)
    form = SessionForm(request.POST or None, partners=partners, initial={
        "held_on": session.held_on, "present": session.present.all(), "notes": session.notes})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                agenda.update_session(session, request.user, **form.cleaned_data)
        except Refused as error:
            show_error(form, error)
        else:
            messages.success(request, _("De casustafel is bijgewerkt."))
            return redirect(session)
    items = selectors.session_items(session)
    accesslog.record(request, events.AGENDA_VIEW, object_type="case_item", ids=[i.pk for i in items],
                     project=project, rows=len(items), addresses=[i.address_key for i in items])
    return render(request, "casetable/session_detail.html", {
        "session": session, "project": project, "items": items, "form": form,
        "page_has_errors": _has_errors(form),
        "present": session.present.order_by("code"),
        "may_deliberate": rules.deliberation_problem(request.user, project) is None,
    })


# ---- an agenda item: tests, risk, decision, controls, debriefing --------------------------------

def _item_page(request, item, *, forms=None, status=200):
    """The working page of an agenda item, with the forms of each step (bound ones kept)."""
    item.refresh_from_db()
    context = dossier.dossier_context(item, include_care=True, with_history=False)
    project = item.project
    partners = selectors.participating_partners(project)
    active = [row["signal"] for row in context["signal_rows"] if row["signal"].is_active]
    forms = forms or {}
    tests_initial = TestsForm.initial_for(item, context["signal_rows"])
    decision_initial = DecisionForm.initial_for(item, context["decision"])
    risk_initial = RiskForm.initial_for(item)
    for name in ("tests", "risk", "decision"):
        if name in forms and forms[name].is_bound:
            # Keep what the user typed, but on the version they have now seen.
            data = forms[name].data.copy()
            data["version"] = str(item.version)
            forms[name].data = data
    context.update({
        "tests_form": forms.get("tests") or TestsForm(initial=tests_initial, signals=active),
        "risk_form": forms.get("risk") or RiskForm(initial=risk_initial),
        "decision_form": forms.get("decision") or DecisionForm(initial=decision_initial, partners=partners),
        "intervention_form": forms.get("intervention") or InterventionForm(partners=partners),
        "care_form": forms.get("care") or CareReferralForm(),
        "may_deliberate": rules.deliberation_problem(request.user, project) is None,
        "in_execution": project.phase == Phase.EXECUTION,
        "outcomes": Decision.Outcome,
    })
    context["forms_with_errors"] = [
        context[name]
        for name in ("tests_form", "risk_form", "decision_form", "intervention_form", "care_form")
        if _has_errors(context[name])
    ]
    context["page_has_errors"] = bool(context["forms_with_errors"])
    context["current_step"] = deliberation.current_step(
        [s.pk for s in active], {row["signal"].pk: row["test"].result for row in context["signal_rows"]
                                 if row["test"]}, item.risk_current, context["decision"] is not None)
    accesslog.record(request, events.ITEM_VIEW, object_type="case_item", ids=[item.pk],
                     project=project, rows=len(context["signal_rows"]), addresses=[item.address_key])
    return render(request, "casetable/item_detail.html", context, status=status)


@login_required
@accesslog.logs_denied(events.ITEM_VIEW, "case_item")
@require_GET
@transaction.atomic
def item_detail(request, item_pk):
    return _item_page(request, _item(request, item_pk))


def _step(request, item_pk, name, build, call, success):
    """Run one step's service; on a refusal show the page again with the message on its field,
    on a conflict with the newer state (409)."""
    item = _item(request, item_pk)
    form = build(item)
    if form.is_valid():
        try:
            with transaction.atomic():
                call(item, form.cleaned_data, form)
        except Conflict as error:
            form.add_error(None, error.message)
            return _item_page(request, item, forms={name: form}, status=409)
        except Refused as error:
            show_error(form, error)
        else:
            messages.success(request, success)
            return redirect(item)
    return _item_page(request, item, forms={name: form})


@login_required
@require_POST
@transaction.atomic
def item_tests(request, item_pk):
    return _step(
        request, item_pk, "tests",
        lambda item: TestsForm(request.POST, signals=list(item.active_signals())),
        lambda item, data, form: deliberation.record_tests(
            item, request.user, version=data["version"], results=form.results()),
        _("De toetsing is vastgelegd."))


@login_required
@require_POST
@transaction.atomic
def item_risk(request, item_pk):
    return _step(
        request, item_pk, "risk", lambda item: RiskForm(request.POST),
        lambda item, data, form: deliberation.record_risk(
            item, request.user, version=data["version"], risk_current=data["risk_current"],
            note=data["risk_note"]),
        _("Het risico is vastgelegd."))


@login_required
@require_POST
@transaction.atomic
def item_decide(request, item_pk):
    return _step(
        request, item_pk, "decision",
        lambda item: DecisionForm(request.POST, partners=selectors.participating_partners(item.project)),
        lambda item, data, form: deliberation.decide(item, request.user, **data),
        _("Het besluit is vastgelegd."))


@login_required
@require_POST
@transaction.atomic
def intervention_add(request, item_pk):
    return _step(
        request, item_pk, "intervention",
        lambda item: InterventionForm(request.POST, partners=selectors.participating_partners(item.project)),
        lambda item, data, form: debriefing.add_intervention(item, request.user, **data),
        _("De interventie is vastgelegd."))


def _remove(request, row, service, success):
    """Remove one debriefing row through its service; back to the item page with the outcome."""
    try:
        service(row, request.user)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(row.item)


@login_required
@require_POST
def intervention_remove(request, intervention_pk):
    intervention = get_object_or_404(Intervention.objects.visible_to(request.user).filter(
        item__project_id__in=led_project_ids(request.user)).select_related("item"), pk=intervention_pk)
    return _remove(request, intervention, debriefing.remove_intervention,
                   _("De interventie is verwijderd."))


@login_required
@require_POST
@transaction.atomic
def care_referral_add(request, item_pk):
    return _step(
        request, item_pk, "care", lambda item: CareReferralForm(request.POST),
        lambda item, data, form: debriefing.add_care_referral(item, request.user, **data),
        _("De zorgmelding is vastgelegd (apart van de handhavingsgegevens)."))


@login_required
@require_POST
def care_referral_remove(request, referral_pk):
    referral = get_object_or_404(CareReferral.objects.visible_to(request.user).filter(
        project_id__in=led_project_ids(request.user)).select_related("item"), pk=referral_pk)
    return _remove(request, referral, debriefing.remove_care_referral,
                   _("De zorgmelding is verwijderd."))


# ---- the selection dossier ---------------------------------------------------------------------

@login_required
@accesslog.logs_denied(events.DOSSIER_VIEW, "case_item")
@require_GET
@transaction.atomic
def dossier_page(request, item_pk):
    item = get_object_or_404(CaseItem.objects.visible_to(request.user).select_related(*dossier.ITEM_RELATED),
                             pk=item_pk)
    context = dossier.dossier_context(item, include_care=True, loaded=True)
    accesslog.record(request, events.DOSSIER_VIEW, object_type="case_item", ids=[item.pk],
                     project=item.project, rows=len(context["signal_rows"]), addresses=[item.address_key])
    context["pdf"] = dossier.latest_pdf(item)
    return render(request, "casetable/dossier.html", context)


@login_required
@require_POST
def dossier_pdf(request, item_pk):
    item = _item(request, item_pk)
    with transaction.atomic():
        pdf_row = dossier.request_pdf(item, request.user)
        transaction.on_commit(lambda: tasks.render_dossier_pdf.delay(pdf_row.pk))
    messages.success(request, _("De PDF wordt gemaakt. Deze pagina toont wanneer hij klaar is."))
    return redirect("casetable:dossier", item_pk=item.pk)


@login_required
@require_GET
def pdf_status(request, pdf_pk):
    """The htmx fragment polled while the PDF is made (no personal data)."""
    pdf_row = get_object_or_404(DossierPdf.objects.visible_to(request.user), pk=pdf_pk)
    return render(request, "casetable/_pdf_status.html", {"pdf": pdf_row})


@login_required
@accesslog.logs_denied(events.DOSSIER_DOWNLOAD, "case_item")
@require_GET
@transaction.atomic
def pdf_download(request, pdf_pk):
    pdf_row = get_object_or_404(DossierPdf.objects.visible_to(request.user)
                                .select_related("item__project"), pk=pdf_pk)
    if not pdf_row.has_file():
        raise Http404
    accesslog.record(request, events.DOSSIER_DOWNLOAD, object_type="case_item", ids=[pdf_row.item_id],
                     project=pdf_row.item.project, rows=1, query=f"pdf {pdf_row.pk}",
                     addresses=[pdf_row.item.address_key])
    return filejobs.download(pdf_row, f"selectiedossier-{pdf_row.item_id}.pdf")


# ---- control assignments -----------------------------------------------------------------------

def _assignment_project(request, pk) -> Project:
    """A project the user leads or their partner takes part in, else 404."""
    allowed = set(led_project_ids(request.user)) | set(taking_part_project_ids(request.user))
    if pk not in allowed:
        raise Http404
    return get_object_or_404(Project, pk=pk)


@login_required
@accesslog.logs_denied(events.ASSIGNMENT_LIST, "assignment")
@require_GET
@transaction.atomic
def assignment_list(request, pk):
    """Mijn controleopdrachten: the projectleider sees all of the project, a partner's users only
    their own partner's (address, action, planned date, duo partner)."""
    project = _assignment_project(request, pk)
    # visible_to: all of the project for its projectleider, the own partner's open ones otherwise.
    assignments = list(Assignment.objects.visible_to(request.user).filter(project=project)
                       .select_related("partner", "duo_partner", "item").order_by("planned_date", "pk"))
    accesslog.record(request, events.ASSIGNMENT_LIST, object_type="assignment",
                     ids=[a.pk for a in assignments], project=project, rows=len(assignments),
                     addresses=[a.item.address_key for a in assignments])
    return render(request, "casetable/assignment_list.html", {
        "project": project, "assignments": assignments, "is_lead": is_lead(request.user, project),
        "sees_care": pk in municipality_project_ids(request.user),
    })


@login_required
@accesslog.logs_denied(events.ASSIGNMENT_VIEW, "assignment")
@transaction.atomic
def assignment_detail(request, assignment_pk):
    assignment = get_object_or_404(Assignment.objects.visible_to(request.user)
                                   .select_related("project", "partner", "duo_partner", "item"),
                                   pk=assignment_pk)
    form = ResultForm(request.POST or None, action=assignment.action, initial={
        "result": assignment.result, "result_reason": assignment.result_reason,
        "rights_informed": {True: "ja", False: "nee"}.get(assignment.rights_informed),
        "consent": {True: "ja", False: "nee"}.get(assignment.consent), "findings": assignment.findings,
    })
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                controls.record_result(assignment, request.user, **form.cleaned_data)
        except Refused as error:
            show_error(form, error)
        else:
            messages.success(request, _("De uitkomst van de controle is vastgelegd."))
            return redirect(assignment)
    accesslog.record(request, events.ASSIGNMENT_VIEW, object_type="assignment", ids=[assignment.pk],
                     project=assignment.project, rows=1, addresses=[assignment.item.address_key])
    return render(request, "casetable/assignment_detail.html", {
        "assignment": assignment, "form": form, "page_has_errors": _has_errors(form),
        "may_record": rules.record_result_problem(request.user, assignment) is None,
        "is_lead": is_lead(request.user, assignment.project),
    })


# ---- zorgmeldingen -----------------------------------------------------------------------------

@login_required
@accesslog.logs_denied(events.CARE_REFERRAL_LIST, "care_referral")
@require_GET
@transaction.atomic
def care_referral_list(request, pk):
    """Zorgmeldingen of a project: the projectleider and the gemeente taking part only."""
    allowed = set(led_project_ids(request.user)) | set(municipality_project_ids(request.user))
    if pk not in allowed:
        raise Http404
    project = get_object_or_404(Project, pk=pk)
    referrals = list(CareReferral.objects.visible_to(request.user).filter(project=project)
                     .select_related("recorded_by__partner").order_by("-recorded_at"))
    accesslog.record(request, events.CARE_REFERRAL_LIST, object_type="care_referral",
                     ids=[r.pk for r in referrals], project=project, rows=len(referrals),
                     addresses=[r.address_key for r in referrals])
    return render(request, "casetable/care_referral_list.html", {"project": project, "referrals": referrals})
