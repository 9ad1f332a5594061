"""The knelpunten register: one list, one page per knelpunt with its actions."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from projects.models import Project
from projects.refusals import Refused, show_on

from . import knelpunten
from .forms import AnswerForm, AssignForm, EscalateForm, ReportForm
from .models import Knelpunt


@login_required
def register(request):
    """Every knelpunt this user may see; a new one for a project (or the LSI as a whole)."""
    project = None
    if request.GET.get("project") or request.POST.get("project"):
        try:
            pk = int(request.GET.get("project") or request.POST.get("project"))
        except ValueError as error:
            raise Http404 from error
        project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    found = Knelpunt.objects.visible_to(request.user).select_related("project", "owner")
    if project is not None:
        found = found.filter(project=project)
    if request.GET.get("open"):
        found = found.unresolved()
    form = ReportForm(request.POST if request.method == "POST" else None)
    problem = knelpunten.raise_problem(request.user, project)
    if request.method == "POST" and problem is None and form.is_valid():
        try:
            knelpunt = knelpunten.report(request.user, project=project, **form.cleaned_data)
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("Het knelpunt is gemeld bij de coördinator."))
            return redirect(knelpunt)
    return render(request, "coordination/register.html", {
        "page": Paginator(found, 50).get_page(request.GET.get("page")), "project": project,
        "form": form, "problem": problem, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200)


@login_required
def detail(request, pk):
    knelpunt = get_object_or_404(Knelpunt.objects.visible_to(request.user).select_related(
        "project", "owner", "raised_by"), pk=pk)
    forms = {"assign": AssignForm(), "escalate": EscalateForm(), "answer": AnswerForm()}
    action = request.POST.get("action")
    if request.method == "POST" and action in forms:
        form = {"assign": AssignForm, "escalate": EscalateForm, "answer": AnswerForm}[action](request.POST)
        forms[action] = form
        if form.is_valid():
            service = {"assign": knelpunten.assign, "escalate": knelpunten.escalate,
                       "answer": knelpunten.answer}[action]
            try:
                service(knelpunt, request.user, **form.cleaned_data)
            except Refused as error:
                show_on(form, error)
            else:
                messages.success(request, _("Het knelpunt is bijgewerkt."))
                return redirect(knelpunt)
    errors = any(form.errors for form in forms.values())
    return render(request, "coordination/detail.html", {
        "knelpunt": knelpunt, "forms": forms, "problem": knelpunten.handle_problem(request.user, knelpunt),
        "history": knelpunt.history.select_related("history_user")[:30], "page_has_errors": errors},
        status=400 if errors else 200)
