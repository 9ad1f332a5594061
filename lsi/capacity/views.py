"""Capacity screens: thin views over ``figures`` (reads), ``pledges`` and ``suspensions``
(writes). Who sees what is decided by ``querysets.partner_scope`` / ``visible_to``; what is not
yours is a 404."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lsi.reports.figures import bar_chart
from projects.models import Project
from projects.refusals import Refused, show_on

from . import figures, pledges, suspensions
from .forms import DeletePledgeForm, LiftForm, OverviewForm, PledgeForm, SuspensionForm
from .models import CapacityPledge, Suspension
from .quarters import Quarter, span
from .querysets import partner_scope, plan_problem, scoped


def _scope_or_404(user):
    scope = partner_scope(user)
    if scope is not None and not scope:
        raise Http404
    return scope


def overview_context(user, first_year: int, years: int) -> dict:
    """The capacity page: partner × quarter for the partners ``user`` may see."""
    quarters = span(Quarter(first_year, 1), 4 * years)
    scope = partner_scope(user)
    grid = figures.grid(quarters, partner_ids=scope)
    chart = bar_chart(_("Ingezet in projecten per kwartaal (uren)"),
                      [(cell.quarter.label, round(cell.committed)) for cell in grid["totals"]],
                      _("Kwartaal"), _("Ingezet"))
    chart["headers"] = [_("Kwartaal"), _("Toegezegd"), _("Ingezet"), _("Bevroren"), _("Gerealiseerd"),
                        _("Vrij")]
    chart["rows"] = [(cell.quarter.label, [round(cell.pledged or 0), round(cell.committed),
                                           round(cell.frozen), round(cell.realised),
                                           round((cell.pledged or 0) - cell.committed)])
                     for cell in grid["totals"]]
    return {"grid": grid, "chart": chart, "first_year": first_year, "years": years}


@login_required
def overview(request):
    _scope_or_404(request.user)
    form = OverviewForm(request.GET or None)
    first_year, years = timezone.localdate().year, 3
    if form.is_valid():
        first_year = form.cleaned_data["first_year"] or first_year
        years = form.cleaned_data["years"] or years
    return render(request, "capacity/overview.html", {
        "form": form, **overview_context(request.user, first_year, years),
        "may_pledge": pledges.pledge_problem(request.user) is None})


@login_required
def pledge_list(request):
    _scope_or_404(request.user)
    may_pledge = pledges.pledge_problem(request.user) is None
    form = PledgeForm(request.POST or None, user=request.user) if may_pledge else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            partner = data.pop("partner", None) or request.user.partner
            try:
                pledge = pledges.set_pledge(request.user, partner=partner, **data)
            except Refused as error:
                show_on(form, error)
            else:
                messages.success(request, _("De toezegging van %(partner)s voor %(period)s is vastgelegd.")
                                 % {"partner": partner.name, "period": pledge.period_label})
                return redirect("capacity:pledges")
    rows = CapacityPledge.objects.visible_to(request.user).select_related("partner", "updated_by")
    deleted = (scoped(CapacityPledge.history.filter(history_type="-"), request.user)
               .select_related("partner", "history_user").order_by("-history_date")[:DELETED_SHOWN])
    return render(request, "capacity/pledges.html", {
        "pledges": rows, "deleted": deleted, "form": form,
        "page_has_errors": bool(form and form.errors)})


DELETED_SHOWN = 50  # the latest deleted pledges on the list; the admin's history holds all


@login_required
def pledge_detail(request, pk):
    pledge = get_object_or_404(CapacityPledge.objects.visible_to(request.user), pk=pk)
    return render(request, "capacity/pledge_detail.html", {
        "pledge": pledge, "history": pledge.history.select_related("history_user")[:50],
        "may_delete": pledges.pledge_problem(request.user, pledge.partner) is None})


@login_required
def pledge_delete(request, pk):
    """Delete a pledge, after a confirmation page that asks why: for whoever may enter it (the
    same predicate); anyone else, another partner's users included, gets a 404."""
    pledge = get_object_or_404(CapacityPledge.objects.visible_to(request.user).select_related("partner"),
                               pk=pk)
    if pledges.pledge_problem(request.user, pledge.partner):
        raise Http404
    form = DeletePledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pledges.delete_pledge(request.user, pledge, form.cleaned_data["reason"])
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("De toezegging van %(partner)s voor %(period)s is verwijderd.")
                             % {"partner": pledge.partner.name, "period": pledge.period_label})
            return redirect("capacity:pledges")
    return render(request, "capacity/pledge_delete.html", {
        "pledge": pledge, "form": form, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200)


@login_required
def plan(request, pk):
    """For a plan's partners: the hours in this plan and the free capacity in its period without
    this plan (a figure, nothing else of other projects)."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if plan_problem(request.user, project):
        raise Http404
    free = figures.free_for_project(project)
    rows = [{"participation": p, "free": free.get(p.partner_id)}
            for p in project.participations.select_related("partner")]
    warnings = [message for _partner, message in figures.plan_warnings(project)]
    return render(request, "capacity/plan.html", {"project": project, "rows": rows, "warnings": warnings})


@login_required
def suspension_list(request):
    _scope_or_404(request.user)
    may_suspend = suspensions.suspend_problem(request.user) is None
    form = SuspensionForm(request.POST or None) if may_suspend else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                suspension = suspensions.suspend(request.user, **form.cleaned_data)
            except Refused as error:
                show_on(form, error)
            else:
                messages.success(request, _("De opschorting van %(partner)s is vastgelegd.")
                                 % {"partner": suspension.partner.name})
                return redirect("capacity:suspension", pk=suspension.pk)
    rows = Suspension.objects.visible_to(request.user).select_related("partner", "recorded_by")
    return render(request, "capacity/suspensions.html", {
        "suspensions": rows, "form": form, "page_has_errors": bool(form and form.errors)})


@login_required
def suspension_detail(request, pk):
    suspension = get_object_or_404(Suspension.objects.visible_to(request.user), pk=pk)
    may_lift = suspension.is_current and suspensions.suspend_problem(request.user) is None
    form = LiftForm(request.POST or None) if may_lift else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                suspensions.lift(suspension, request.user, ends_on=form.cleaned_data["ends_on"],
                                 reason=form.cleaned_data["end_reason"])
            except Refused as error:
                show_on(form, error)
            else:
                messages.success(request, _("De opschorting is opgeheven."))
                return redirect("capacity:suspension", pk=suspension.pk)
    return render(request, "capacity/suspension_detail.html", {
        "suspension": suspension, "projects": suspensions.touched_projects(suspension.partner),
        "form": form, "history": suspension.history.select_related("history_user")[:50],
        "page_has_errors": bool(form and form.errors)})
