"""Outcomes reported back: the executing partner (and the projectleider) record what came of
an intervention; the gemeente records what came of a zorgmelding. Scoped by each model's
``visible_to``; the predicates in ``rules`` say why an action is not possible."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from projects import accesslog
from projects.models import Project
from projects.refusals import Refused
from projects.roles import is_lead

from . import events, outcomes, rules
from .forms import CareOutcomeForm, OutcomeForm, show_error
from .models import CareReferral, Intervention
from .querysets import led_project_ids, taking_part_project_ids


@login_required
@accesslog.logs_denied(events.OUTCOME_LIST, "intervention")
@require_GET
@transaction.atomic
def outcome_list(request, pk):
    """Uitkomsten: the projectleider sees every intervention of the project, a partner's users
    the interventions their own partner carries out."""
    if pk not in set(led_project_ids(request.user)) | set(taking_part_project_ids(request.user)):
        raise Http404
    project = get_object_or_404(Project, pk=pk)
    interventions = list(Intervention.objects.visible_to(request.user)
                         .filter(item__project=project, kind__in=["handhavingstraject", "brp_correctie",
                                                                  "niet_gebruik"])
                         .select_related("item", "partner").order_by("outcome_status", "recorded_at"))
    accesslog.record(request, events.OUTCOME_LIST, object_type="intervention",
                     ids=[i.pk for i in interventions], project=project, rows=len(interventions),
                     addresses=[i.item.address_key for i in interventions])
    return render(request, "casetable/outcome_list.html", {
        "project": project, "interventions": interventions, "is_lead": is_lead(request.user, project)})


@login_required
@accesslog.logs_denied(events.OUTCOME_VIEW, "intervention")
@transaction.atomic
def outcome_detail(request, intervention_pk):
    intervention = get_object_or_404(Intervention.objects.visible_to(request.user)
                                     .select_related("item__project", "partner"), pk=intervention_pk)
    data = request.POST if request.method == "POST" else None
    form = OutcomeForm(data, intervention=intervention, initial={
        "status": intervention.outcome_status, "category": intervention.outcome_category,
        "amount": intervention.outcome_amount, "decided_on": intervention.outcome_date})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                outcomes.record_outcome(intervention, request.user, **{
                    "status": form.cleaned_data["status"], "category": form.cleaned_data["category"],
                    "amount": form.cleaned_data["amount"], "decided_on": form.cleaned_data["decided_on"]})
        except Refused as error:
            show_error(form, error)
        else:
            messages.success(request, _("De uitkomst is vastgelegd."))
            return redirect(reverse("casetable:outcomes", args=[intervention.item.project_id]))
    project = intervention.item.project
    accesslog.record(request, events.OUTCOME_VIEW, object_type="intervention", ids=[intervention.pk],
                     project=project, rows=1, addresses=[intervention.item.address_key])
    return render(request, "casetable/outcome_detail.html", {
        "intervention": intervention, "project": project, "form": form,
        "page_has_errors": bool(form.errors), "problem": rules.outcome_problem(request.user, intervention)})


@login_required
@accesslog.logs_denied(events.CARE_OUTCOME_VIEW, "care_referral")
@transaction.atomic
def care_outcome(request, referral_pk):
    referral = get_object_or_404(CareReferral.objects.visible_to(request.user).select_related("project"),
                                 pk=referral_pk)
    initial = {"consent": {True: "ja", False: "nee"}.get(referral.consent),
               "referral_way": referral.referral_way, "municipality_outcome": referral.municipality_outcome}
    form = CareOutcomeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                outcomes.record_care_outcome(referral, request.user, **form.cleaned_data)
        except Refused as error:
            show_error(form, error)
        else:
            messages.success(request, _("De uitkomst van de zorgmelding is vastgelegd."))
            return redirect(reverse("casetable:care_referrals", args=[referral.project_id]))
    accesslog.record(request, events.CARE_OUTCOME_VIEW, object_type="care_referral", ids=[referral.pk],
                     project=referral.project, rows=1, addresses=[referral.address_key])
    return render(request, "casetable/care_outcome.html", {
        "referral": referral, "project": referral.project, "form": form,
        "page_has_errors": bool(form.errors), "problem": rules.care_outcome_problem(request.user, referral)})
