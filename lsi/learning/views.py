"""The evaluation of a project and the lessons register (no personal data in either)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.models import Project
from projects.phases import Phase
from projects.refusals import Refused, show_on

from . import evaluation as service
from . import lessons, selectors
from .forms import EvaluationForm, HideForm, LessonForm, LessonSearchForm, SatisfactionForm
from .models import Evaluation, Lesson


def _project(request, pk) -> Project:
    """A project whose evaluation this user may see: a partner that took part, or the programme."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if not (request.user.sees_all_projects or request.user.is_privacy_officer
            or project.participations.filter(partner_id=request.user.partner_id).exists()):
        raise Http404
    return project


def _page(request, project, *, form=None, satisfaction_form=None, status=200):
    evaluation = Evaluation.objects.visible_to(request.user).filter(project=project).first()
    goals = service.plan_goals(project)
    if form is None:
        initial = {}
        if evaluation is not None:
            initial = {"what_worked": evaluation.what_worked, "what_did_not": evaluation.what_did_not,
                       "bottlenecks": evaluation.bottlenecks, "follow_up": evaluation.follow_up}
            assessed = {row.goal: row for row in evaluation.goals.all()}
            for n, goal in enumerate(goals):
                if goal in assessed:
                    initial[f"goal_{n}"] = assessed[goal].achieved
                    initial[f"goal_note_{n}"] = assessed[goal].note
        form = EvaluationForm(goals=goals, initial=initial)
    return render(request, "learning/evaluation.html", {
        "project": project, "evaluation": evaluation, "form": form,
        "satisfaction_form": satisfaction_form or SatisfactionForm(),
        "write_problem": service.evaluation_problem(request.user, project),
        "satisfaction_problem": service.satisfaction_problem(request.user, project),
        "close_problem": (service.exit_problem(project) if project.phase == Phase.COMPLETION
                          else _("Het project is niet in de fase afronding.")),
        "page_has_errors": bool(form.errors) or bool(satisfaction_form and satisfaction_form.errors),
    }, status=status)


@login_required
def evaluation_page(request, pk):
    project = _project(request, pk)
    if request.method != "POST":
        return _page(request, project)
    form = EvaluationForm(request.POST, goals=service.plan_goals(project))
    if form.is_valid():
        data = form.cleaned_data
        try:
            service.save_evaluation(
                project, request.user, goals=form.goal_values(), what_worked=data["what_worked"],
                what_did_not=data["what_did_not"], bottlenecks=data["bottlenecks"],
                follow_up=data["follow_up"], complete="complete" in request.POST)
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("De evaluatie is afgerond.") if "complete" in request.POST
                             else _("De evaluatie is opgeslagen."))
            return redirect("learning:evaluation", pk=project.pk)
    return _page(request, project, form=form, status=400)


@login_required
@require_POST
def satisfaction(request, pk):
    project = _project(request, pk)
    form = SatisfactionForm(request.POST)
    if form.is_valid():
        try:
            service.give_satisfaction(project, request.user, **form.cleaned_data)
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("De tevredenheid van uw organisatie is vastgelegd."))
            return redirect("learning:evaluation", pk=project.pk)
    return _page(request, project, satisfaction_form=form, status=400)


@login_required
@require_POST
@transaction.atomic
def close(request, pk):
    project = _project(request, pk)
    try:
        service.close_project(project, request.user, request.POST.get("reason", "")[:100])
    except Refused as error:
        messages.error(request, error.message)
        return redirect("learning:evaluation", pk=project.pk)
    messages.success(request, _("Het project is gesloten."))
    return redirect(project)


@login_required
def lesson_list(request):
    add_form = LessonForm(request.POST or None) if request.method == "POST" else LessonForm()
    if request.method == "POST" and add_form.is_valid():
        try:
            lessons.add_lesson(request.user, **add_form.cleaned_data)
        except Refused as error:
            show_on(add_form, error)
        else:
            messages.success(request, _("De les is vastgelegd."))
            return redirect("learning:lessons")
    form = LessonSearchForm(request.GET or None)
    found = selectors.lessons_found(request.user, form.cleaned_data if form.is_valid() else None)
    page = selectors.page_of(found, request.GET.get("page"))
    return render(request, "learning/lessons.html", {
        "form": form, "page": page, "add_form": add_form, "page_has_errors": bool(add_form.errors)},
        status=400 if add_form.errors else 200)


@login_required
@require_POST
def lesson_hide(request, lesson_pk):
    lesson = get_object_or_404(Lesson.objects.visible_to(request.user), pk=lesson_pk)
    if not request.user.is_privacy_officer:
        raise Http404
    form = HideForm(request.POST)
    if form.is_valid():
        lessons.hide(lesson, request.user, form.cleaned_data["reason"])
        messages.success(request, _("De les is verborgen."))
    else:
        messages.error(request, _("Geef de reden om de les te verbergen."))
    return redirect("learning:lessons")
