"""Screens for projects: thin views that parse, call a selector or service, and render."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import agreement, lifecycle, plans, selectors, warnings
from .forms import (
    AgreementForm,
    CheckpointForm,
    DecisionForm,
    ParticipationForm,
    ProjectFilterForm,
    ProjectForm,
    RealisedHoursForm,
    ReasonForm,
)
from .models import Participation, Project
from .refusals import Refused
from .roles import participation_of


def _project(request, pk) -> Project:
    """The project, if the user may see it; otherwise a 404 (never a hint that it exists)."""
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


def _run(request, action, success: str) -> bool:
    """Call a service; show its Dutch refusal as an error message."""
    try:
        action()
    except Refused as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


@login_required
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    projects = selectors.filtered_projects(request.user, form)
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    return render(request, "projects/project_list.html", {"form": form, "page": page})


@login_required
def project_detail(request, pk):
    project = _project(request, pk)
    context = selectors.project_detail(request.user, project)
    context.update(
        participation_form=ParticipationForm(),
        decision_form=DecisionForm(initial={"body": lifecycle.competent_body(project)}),
        checkpoint_form=CheckpointForm(),
        agreement_form=AgreementForm(),
        realised_form=RealisedHoursForm(),
        reason_form=ReasonForm(),
    )
    return render(request, "projects/project_detail.html", context)


@login_required
def project_create(request):
    if not plans.may_create(request.user):
        messages.error(request, _("U kunt geen nieuw project starten."))
        return redirect("projects:list")
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lead = data.pop("lead", None)
        try:
            project = plans.create_project(request.user, lead=lead, **data)
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Het projectvoorstel is aangemaakt. Voeg nu de partners toe."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "page_has_errors": bool(form.errors)})


@login_required
def project_edit(request, pk):
    project = _project(request, pk)
    if problem := plans.plan_edit_problem(request.user, project):
        messages.error(request, problem)
        return redirect(project)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        if _run(request, lambda: plans.update_plan(project, request.user, **data),
                _("Het projectplan is opgeslagen.")):
            return redirect(project)
        project.refresh_from_db()
    return render(request, "projects/project_form.html", {"form": form, "project": project,
                                                          "page_has_errors": bool(form.errors)})


@login_required
@require_POST
def participation_set(request, pk):
    project = _project(request, pk)
    form = ParticipationForm(request.POST)
    if form.is_valid():
        _run(request, lambda: plans.set_participation(project, request.user, **form.cleaned_data),
             _("De deelname van %(partner)s is vastgelegd.") % {"partner": form.cleaned_data["partner"]})
    else:
        messages.error(request, _("Controleer de gegevens van de partner: %(errors)s")
                       % {"errors": " ".join(m for e in form.errors.values() for m in e)})
    return redirect(project)


@login_required
@require_POST
def participation_remove(request, pk, participation_pk):
    project = _project(request, pk)
    participation = get_object_or_404(Participation, project=project, pk=participation_pk)
    _run(request, lambda: plans.remove_participation(participation, request.user),
         _("De partner is uit het plan verwijderd."))
    return redirect(project)


def _warn(request, project) -> None:
    """The plan's warnings (capacity and the like) as messages: shown, never a block."""
    for message in warnings.for_user(request.user, project):
        messages.warning(request, message)


@login_required
@require_POST
def submit(request, pk):
    project = _project(request, pk)
    if _run(request, lambda: lifecycle.submit(project, request.user), _("Het plan is ingediend.")):
        _warn(request, project)
    return redirect(project)


@login_required
@require_POST
def agreement_answer(request, pk):
    """A partner's users accept or decline their proposed participation."""
    project = _project(request, pk)
    participation = participation_of(request.user, project)
    if participation is None:
        raise Http404
    form = AgreementForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect(project)
    data = form.cleaned_data
    if data["answer"] == "akkoord":
        _run(request, lambda: agreement.accept(participation, request.user, data["reason"]),
             _("Uw organisatie gaat akkoord met de deelname."))
    else:
        _run(request, lambda: agreement.decline(participation, request.user, data["reason"]),
             _("Uw organisatie gaat niet akkoord met de deelname; de projectleider ziet uw reden."))
    return redirect(project)


@login_required
@require_POST
def realised_hours(request, pk, participation_pk):
    project = _project(request, pk)
    participation = get_object_or_404(Participation, project=project, pk=participation_pk)
    form = RealisedHoursForm(request.POST)
    if form.is_valid():
        _run(request, lambda: plans.record_realised_hours(
            participation, request.user, form.cleaned_data["realised_hours"]),
            _("De gerealiseerde uren van %(partner)s zijn vastgelegd.")
            % {"partner": participation.partner.name})
    else:
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
    return redirect(project)


@login_required
@require_POST
def decide(request, pk):
    project = _project(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        if _run(request, lambda: lifecycle.record_decision(project, request.user, **form.cleaned_data),
                _("Het besluit is vastgelegd.")):
            _warn(request, project)
    else:
        messages.error(request, _("Vul het orgaan, het besluit en de datum in."))
    return redirect(project)


@login_required
@require_POST
def confirm_ready(request, pk):
    project = _project(request, pk)
    participation = participation_of(request.user, project)
    if participation is None:
        messages.error(request, _("Uw organisatie neemt niet deel aan dit project."))
    else:
        _run(request, lambda: lifecycle.confirm_ready(participation, request.user),
             _("U heeft gemeld dat uw organisatie gegevens kan verwerken voor dit project."))
    return redirect(project)


TRANSITIONS = {
    "advance": (lifecycle.advance, _("Het project is naar de volgende fase gegaan.")),
    "hold": (lifecycle.hold, _("Het project staat on hold.")),
    "resume": (lifecycle.resume, _("Het project is hervat.")),
    "cancel": (lifecycle.cancel, _("Het project is afgebroken.")),
}


@login_required
@require_POST
def transition(request, pk, action):
    project = _project(request, pk)
    if action not in TRANSITIONS:
        return redirect(project)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    service, success = TRANSITIONS[action]
    if action == "advance" and not request.POST.get("confirmed"):
        if problem := lifecycle.advance_problem(request.user, project):
            messages.error(request, problem)
            return redirect(project)
        target = lifecycle.next_phase(project)
        return render(request, "confirm.html", {
            "title": _("Naar fase: %(phase)s") % {"phase": target.label},
            "consequences": lifecycle.consequences(project, target), "reason": reason,
            "action": request.path, "confirm_label": _("Ja, naar fase: %(phase)s") % {"phase": target.label},
            "back": project.get_absolute_url(),
        })
    _run(request, lambda: service(project, request.user, reason), str(success))
    return redirect(project)


@login_required
@require_POST
def checkpoint(request, pk):
    project = _project(request, pk)
    form = CheckpointForm(request.POST)
    if form.is_valid():
        _run(request, lambda: plans.record_checkpoint(project, request.user, **form.cleaned_data),
             _("Het toetsmoment is vastgelegd."))
    else:
        messages.error(request, _("Vul het toetsmoment, de datum en de uitkomst in."))
    return redirect(project)


@login_required
def steering_overview(request):
    """Stuurgroep-overzicht: every project's phase and progress, never personal data."""
    if not request.user.steers_programme:
        raise Http404
    form = ProjectFilterForm(request.GET or None)
    return render(
        request, "projects/steering_overview.html",
        {"form": form, **selectors.steering_overview(request.user, form)},
    )
