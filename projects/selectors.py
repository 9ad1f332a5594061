"""Reads for the project screens. Visibility always starts from ``Project.objects.visible_to``."""
import re

from django.db.models import Count, Q, Sum
from django.utils import timezone

from . import agreement, lifecycle, plans, warnings
from .models import EscalationFlag, PhaseLimit, Project
from .phases import FINAL, Phase
from .roles import can_manage, is_lead, leads_of, participation_of, sees_whole_plan


def filtered_projects(user, form):
    projects = Project.objects.visible_to(user).select_related("initiator", "region")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            projects = projects.filter(
                Q(name__icontains=data["q"]) | Q(area__icontains=data["q"])
                | Q(sector__icontains=data["q"]) | Q(initiator__name__icontains=data["q"])
            )
        if data["phase"]:
            projects = projects.filter(phase=data["phase"])
        if data["project_type"]:
            projects = projects.filter(project_type=data["project_type"])
        if data["region"]:
            projects = projects.filter(region=data["region"])
    return projects.order_by("name")


def phase_timeline(project: Project) -> list[dict]:
    """Each phase the project went through, with its start and how long it lasted (days)."""
    steps = list(project.transitions.select_related("by"))
    timeline = []
    start = project.created_at
    phase = Phase.CONCEPT
    for step in steps:
        timeline.append({"phase": Phase(phase), "start": start, "end": step.at,
                         "days": (step.at - start).days, "transition": step})
        phase, start = step.to_phase, step.at
    timeline.append({"phase": Phase(phase), "start": start, "end": None,
                     "days": (timezone.now() - start).days, "transition": None})
    return timeline


def project_detail(user, project: Project) -> dict:
    manager = can_manage(user, project)
    own = participation_of(user, project)
    return {
        "project": project,
        "participations": project.participations.select_related("partner", "ready_by")
        .prefetch_related("categories"),
        "leads": leads_of(project),
        # The link between a KIP study and the projects that followed from it, both ways; only
        # what this user sees.
        "kip_study": Project.objects.visible_to(user).filter(pk=project.kip_study_id).first()
        if project.kip_study_id else None,
        "follow_ups": Project.objects.visible_to(user).filter(kip_study=project).order_by("name")
        if project.project_type == Project.Type.KIP else [],
        "approvals": project.approvals.select_related("body", "recorded_by"),
        "checkpoints": project.checkpoints.select_related("recorded_by"),
        "timeline": phase_timeline(project),
        "history": project.history.select_related("history_user")[:50],
        "can_manage": manager,
        "may_edit_plan": plans.plan_edit_problem(user, project) is None,
        "is_lead": is_lead(user, project),
        "own_participation": own,
        "plan_gaps": lifecycle.plan_gaps(project) if project.phase == Phase.CONCEPT else [],
        "competent_body": lifecycle.competent_body(project),
        "may_decide": project.phase == Phase.SUBMITTED
        and lifecycle.may_record_decision(user, project),
        "next_phase": lifecycle.next_phase(project),
        "plan_warnings": warnings.for_user(user, project),
        "sees_whole_plan": sees_whole_plan(user, project),
        "may_answer": own is not None and agreement.answer_problem(user, own) is None,
        "may_record_realised": plans.realised_problem(user, project) is None,
    }


def stalled(projects, now=None):
    table = PhaseLimit.table()
    return [project for project in projects if project.is_stalled(now, table)]


def start_page(user) -> dict:
    visible = Project.objects.visible_to(user).select_related("initiator")
    context = {"led": [], "taking_part": [], "stalled": []}
    if user.steers_programme:
        context["stalled"] = stalled(visible.exclude(phase__in=FINAL))
        context["escalations"] = EscalationFlag.objects.select_related("project")[:30]
        context["counts"] = visible.values("phase").annotate(n=Count("id")).order_by("phase")
    if user.is_partner_user:
        context["led"] = list(Project.objects.led_by(user).order_by("name"))
        context["taking_part"] = list(
            visible.filter(participations__partner=user.partner).order_by("name")
        )
    return context


def steering_overview(user, form) -> dict:
    """All projects with phase, type, area, days in phase and the stalled flag."""
    projects = list(
        filtered_projects(user, form).annotate(
            partner_count=Count("participations", distinct=True),
            capacity=Sum("participations__capacity_hours"),
        )
    )
    now = timezone.now()
    table = PhaseLimit.table()
    by_phase = {}
    for project in projects:
        project.stalled = project.is_stalled(now, table)
        by_phase[project.get_phase_display()] = by_phase.get(project.get_phase_display(), 0) + 1
    return {
        "projects": projects,
        "now": now,
        "by_phase": sorted(by_phase.items()),
        "stalled_count": sum(1 for project in projects if project.stalled),
    }


def filtered_access_log(entries, form):
    """The access log filtered by user, partner, project, address and period; oldest first when
    one address is asked for ("who has seen this address?"), else newest first."""
    entries = entries.select_related("user", "partner", "project")
    if not (form.is_bound and form.is_valid()):
        return entries.order_by("-at", "-pk")
    data = form.cleaned_data
    if data["user"]:
        entries = entries.filter(user__username=data["user"])
    if data["partner"]:
        entries = entries.filter(partner=data["partner"])
    if data["project"]:
        entries = entries.filter(project=data["project"])
    if data["date_from"]:
        entries = entries.filter(at__date__gte=data["date_from"])
    if data["date_to"]:
        entries = entries.filter(at__date__lte=data["date_to"])
    if data["result"]:
        entries = entries.filter(result=data["result"])
    if data["address_key"]:  # one address: the whole key, not a key it is the start of
        key = data["address_key"]
        entries = entries.filter(address_keys__regex=r"(^| )" + re.escape(key) + r"( |$)")
        return entries.order_by("at", "pk")
    if data["postcode_only"]:  # a postcode: every address in it
        return entries.filter(address_keys__contains=data["postcode_only"]).order_by("at", "pk")
    return entries.order_by("-at", "-pk")
