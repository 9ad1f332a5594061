"""The programme's pages: the uitvoeringsagenda with its progress, a project's theme, the
VNG-adviser's overview of gebiedsgerichte plans and the interesseverkenning. Thin: scope the
read (``querysets``), ask the predicate (``rules``), call the service, render."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from projects.models import Project
from projects.refusals import Refused, show_on

from . import agendas, interest, progress, removals, rules, selectors
from .forms import (
    AdoptForm,
    AgendaEditForm,
    AgendaForm,
    AnswerForm,
    AskForm,
    ProjectThemeForm,
    RemoveForm,
    RiskForm,
    TargetForm,
    ThemeForm,
)
from .models import Agenda, InterestQuestion, ProjectTheme, Risk, Target, Theme
from .querysets import area_plans_visible_to, sees_agendas

PARTS = {"thema": Theme, "doel": Target, "risico": Risk}
HISTORY_ROWS = 30  # the latest changes on the page; the admin's history holds all of them


@login_required
def agenda_list(request):
    if not sees_agendas(request.user):
        raise Http404
    agendas_seen = Agenda.objects.visible_to(request.user)
    form = AgendaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda = agendas.create_agenda(request.user, **form.cleaned_data)
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("De uitvoeringsagenda is als concept opgesteld."))
            return redirect("agenda:detail", agenda_pk=agenda.pk)
    return render(request, "agenda/list.html", {
        "agendas": agendas_seen, "form": form, "create_problem": rules.create_problem(request.user),
        "page_has_errors": bool(form.errors)}, status=400 if form.errors else 200)


def _agenda(request, agenda_pk) -> Agenda:
    return get_object_or_404(Agenda.objects.visible_to(request.user), pk=agenda_pk)


def _detail(request, agenda, *, status=200, **forms):
    edit_problem = rules.edit_problem(request.user, agenda)
    adopt_problem = rules.adopt_problem(request.user, agenda)
    themes = list(agenda.themes.annotate(project_count=Count("projects")))
    context = {
        **progress.agenda_progress(agenda, names=progress.value_names(agenda, themes)),
        "themes": themes,
        "risks": agenda.risks.all(),
        "history": selectors.history_of(agenda, limit=HISTORY_ROWS),
        "edit_problem": edit_problem, "adopt_problem": adopt_problem,
        "remove_form": RemoveForm(),
        "page_has_errors": any(form.errors for form in forms.values()),
    }
    if not edit_problem:  # the forms only for whoever may use them
        context.update({
            "target_list": removals.target_list(request, agenda, context["years"]),
            "edit_form": forms.get("edit_form") or AgendaEditForm(prefix="edit", initial={
                "title": agenda.title, "first_year": agenda.first_year, "last_year": agenda.last_year,
                "summary": agenda.summary}),
            "theme_form": forms.get("theme_form") or ThemeForm(prefix="theme"),
            "target_form": forms.get("target_form") or TargetForm(agenda=agenda, prefix="target"),
            "risk_form": forms.get("risk_form") or RiskForm(prefix="risk"),
        })
    if not adopt_problem:
        context["adopt_form"] = forms.get("adopt_form") or AdoptForm(prefix="adopt")
    context["error_forms"] = [form for form in forms.values() if form.errors]
    return render(request, "agenda/detail.html", context, status=status)


@login_required
@require_GET
def agenda_detail(request, agenda_pk):
    return _detail(request, _agenda(request, agenda_pk))


def _post(request, agenda, form_name, form, action, done: str):
    """Validate ``form``, run ``action(cleaned_data)``; on success back to the agenda, else the
    page with every problem on the form (status 400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, done)
            return redirect("agenda:detail", agenda_pk=agenda.pk)
    return _detail(request, agenda, status=400, **{form_name: form})


@login_required
@require_POST
def agenda_edit(request, agenda_pk):
    agenda = _agenda(request, agenda_pk)
    return _post(request, agenda, "edit_form", AgendaEditForm(request.POST, prefix="edit"),
                 lambda data: agendas.update_agenda(agenda, request.user, **data),
                 _("De uitvoeringsagenda is gewijzigd."))


@login_required
@require_POST
def agenda_adopt(request, agenda_pk):
    agenda = _agenda(request, agenda_pk)
    return _post(request, agenda, "adopt_form", AdoptForm(request.POST, prefix="adopt"),
                 lambda data: agendas.adopt(agenda, request.user, **data),
                 _("De uitvoeringsagenda is vastgesteld."))


@login_required
@require_POST
def theme_add(request, agenda_pk):
    agenda = _agenda(request, agenda_pk)
    return _post(request, agenda, "theme_form", ThemeForm(request.POST, prefix="theme"),
                 lambda data: agendas.add_theme(agenda, request.user, **data), _("Het thema is toegevoegd."))


@login_required
@require_POST
def target_add(request, agenda_pk):
    agenda = _agenda(request, agenda_pk)
    return _post(request, agenda, "target_form", TargetForm(request.POST, agenda=agenda, prefix="target"),
                 lambda data: agendas.add_target(agenda, request.user, **data), _("Het doel is toegevoegd."))


@login_required
@require_POST
def risk_add(request, agenda_pk):
    agenda = _agenda(request, agenda_pk)
    return _post(request, agenda, "risk_form", RiskForm(request.POST, prefix="risk"),
                 lambda data: agendas.add_risk(agenda, request.user, **data), _("Het risico is toegevoegd."))


@login_required
@require_POST
def part_remove(request, agenda_pk, part, part_pk):
    agenda = _agenda(request, agenda_pk)
    if part not in PARTS:
        raise Http404
    item = get_object_or_404(PARTS[part].objects.filter(agenda=agenda), pk=part_pk)
    form = RemoveForm(request.POST)
    form.is_valid()
    try:
        agendas.remove(item, request.user, form.cleaned_data.get("reason", ""))
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het onderdeel is verwijderd."))
    return redirect("agenda:detail", agenda_pk=agenda.pk)


@login_required
def project_theme(request, pk):
    """The theme of a project: shown to whoever sees the project, chosen by its projectleider."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    current = ProjectTheme.objects.filter(project=project).select_related("theme__agenda").first()
    problem = rules.theme_problem(request.user, project)
    form = ProjectThemeForm(request.POST or None, initial={"theme": current.theme if current else None})
    if request.method == "POST":
        if problem:
            messages.error(request, problem)
            return redirect("agenda:project_theme", pk=project.pk)
        if form.is_valid():
            try:
                agendas.set_project_theme(project, request.user, form.cleaned_data["theme"])
            except Refused as error:
                show_on(form, error)
            else:
                messages.success(request, _("Het thema van het project is vastgelegd."))
                return redirect(project)
    return render(request, "agenda/project_theme.html", {
        "project": project, "current": current, "form": form, "problem": problem,
        "page_has_errors": bool(form.errors)}, status=400 if form.errors else 200)


@login_required
@require_GET
def area_plans(request):
    """The gebiedsgerichte plans and their status, for the VNG-adviser (no personal data)."""
    if rules.area_plans_problem(request.user):
        raise Http404
    plans = (area_plans_visible_to(request.user).select_related("initiator", "region")
             .only("name", "format", "phase", "start_date", "planned_end", "phase_since",
                   "initiator__name", "region__name").order_by("-start_date", "name"))
    return render(request, "agenda/area_plans.html", {
        "page": Paginator(plans, 50).get_page(request.GET.get("page"))})


def _surveyed_project(request, pk) -> Project:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if rules.survey_problem(request.user, project):
        raise Http404
    return project


@login_required
def interest_survey(request, pk):
    """The interesseverkenning of a plan: every answer, and the question to more partners."""
    project = _surveyed_project(request, pk)
    problem = rules.ask_problem(request.user, project)
    form = AskForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            asked = interest.ask(project, request.user, **form.cleaned_data)
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("De vraag is gesteld aan %(n)s partner(s).") % {"n": len(asked)})
            return redirect("agenda:interest", pk=project.pk)
    questions = InterestQuestion.objects.visible_to(request.user).filter(project=project).select_related(
        "partner", "answered_by", "asked_by")
    return render(request, "agenda/interest_survey.html", {
        "project": project, "questions": questions, "form": form, "problem": problem,
        "page_has_errors": bool(form.errors)}, status=400 if form.errors else 200)


@login_required
@require_GET
def interest_inbox(request):
    """The questions put to the user's own partner."""
    questions = (InterestQuestion.objects.visible_to(request.user).filter(partner_id=request.user.partner_id)
                 .select_related("project").order_by("-asked_at"))
    return render(request, "agenda/interest_inbox.html", {"questions": questions})


@login_required
def interest_answer(request, question_pk):
    question = get_object_or_404(
        InterestQuestion.objects.visible_to(request.user).filter(partner_id=request.user.partner_id)
        .select_related("project", "partner"), pk=question_pk)
    problem = rules.answer_problem(request.user, question)
    form = AnswerForm(request.POST or None, initial={"address_count": question.address_count})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interest.answer(question, request.user, address_count=data["address_count"],
                            decline=data["decline"], reason=data["reason"])
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("Uw antwoord is vastgelegd."))
            return redirect("agenda:interest_inbox")
    return render(request, "agenda/interest_answer.html", {
        "question": question, "project": question.project, "form": form, "problem": problem,
        "history": question.history.select_related("history_user__partner")[:20],
        "page_has_errors": bool(form.errors)}, status=400 if form.errors else 200)
