"""The figures of the reports: counts only, never personal data (except the annex).

Used for the page on screen and for the PDF alike, so both show the same numbers.
"""
from collections import Counter, defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone

from projects import escalation
from projects.models import Participation, PhaseTransition, Project
from projects.phases import Phase
from projects.selectors import phase_timeline
from signals.models import Signal

from . import charts


def signal_counts(projects) -> dict:
    """Active signals per partner and per category, plus withdrawn and under review."""
    rows = (
        Signal.objects.filter(project__in=projects)
        .values("partner__code", "category__name", "status")
        .annotate(n=Count("id"))
    )
    per_partner, per_category, per_status = Counter(), Counter(), Counter()
    table = defaultdict(Counter)
    for row in rows:
        per_status[row["status"]] += row["n"]
        if row["status"] == Signal.Status.ACTIVE:
            per_partner[row["partner__code"]] += row["n"]
            per_category[row["category__name"]] += row["n"]
            table[row["partner__code"]][row["category__name"]] += row["n"]
    return {
        "per_partner": sorted(per_partner.items()),
        "per_category": sorted(per_category.items()),
        "table": {partner: dict(counts) for partner, counts in sorted(table.items())},
        "categories": sorted(per_category),
        "active": per_status[Signal.Status.ACTIVE],
        "withdrawn": per_status[Signal.Status.WITHDRAWN],
        "review": per_status[Signal.Status.REVIEW],
    }


def project_report(project: Project) -> dict:
    """Voortgangsrapportage / eindrapport: plan, partners, readiness, approvals, timeline,
    toetsmomenten and figures. No personal data."""
    timeline = phase_timeline(project)
    signals = signal_counts([project])
    today = timezone.localdate()
    return {
        "project": project,
        "generated_at": timezone.now(),
        "participations": project.participations.select_related("partner", "ready_by")
        .prefetch_related("categories"),
        "capacity_total": project.participations.aggregate(n=Sum("capacity_hours"))["n"] or 0,
        "approvals": project.approvals.select_related("body"),
        "checkpoints": project.checkpoints.all(),
        "timeline": timeline,
        "signals": signals,
        "signals_chart": charts.bar_chart("Actieve signalen per partner", signals["per_partner"]),
        "timeline_chart": charts.timeline(
            "Fasen van het project",
            [(step["phase"].label, timezone.localdate(step["start"]),
              timezone.localdate(step["end"]) if step["end"] else today) for step in timeline],
        ),
    }


def steering_report(year: int | None, project_type: str = "") -> dict:
    """Stuurgroep-overzicht across all projects (optionally one type), with the year totals."""
    projects = Project.objects.all().select_related("region")
    if project_type:
        projects = projects.filter(project_type=project_type)
    projects = list(projects.annotate(capacity=Sum("participations__capacity_hours")))
    now = timezone.now()
    limits = escalation.limits()
    for project in projects:
        project.stalled = project.is_stalled(now, limits)
    per_phase = Counter(p.get_phase_display() for p in projects)
    per_type = Counter(p.get_project_type_display() for p in projects)
    per_region = Counter(str(p.region) if p.region else "–" for p in projects)
    capacity = (
        Participation.objects.filter(project__in=projects).values("partner__code")
        .annotate(hours=Sum("capacity_hours"), projects=Count("project")).order_by("partner__code")
    )
    year = year or timezone.localdate().year
    in_year = Q(at__year=year)
    started = PhaseTransition.objects.filter(
        in_year, project__in=projects, from_phase=Phase.READY).values("project").distinct().count()
    finished = PhaseTransition.objects.filter(
        in_year, project__in=projects, to_phase=Phase.CLOSED).values("project").distinct().count()
    signals_in_year = Signal.objects.filter(project__in=projects, delivered_at__year=year).count()
    return {
        "year": year,
        "project_type": project_type,
        "type_label": dict(Project.Type.choices).get(project_type, ""),
        "generated_at": now,
        "projects": projects,
        "stalled": [p for p in projects if p.stalled],
        "per_phase": sorted(per_phase.items()),
        "per_type": sorted(per_type.items()),
        "per_region": sorted(per_region.items()),
        "capacity": list(capacity),
        "totals": {"started": started, "finished": finished, "signals": signals_in_year},
        "phase_chart": charts.bar_chart("Projecten per fase", sorted(per_phase.items())),
        "type_chart": charts.bar_chart("Projecten per type", sorted(per_type.items())),
        "capacity_chart": charts.bar_chart(
            "Toegezegde capaciteit per partner (uren)",
            [(row["partner__code"], row["hours"] or 0) for row in capacity],
        ),
        "timeline_chart": charts.timeline(
            f"Looptijd van de projecten in {year}",
            [(p.name, p.start_date, p.planned_end) for p in projects
             if p.start_date and p.planned_end and p.start_date.year <= year <= p.planned_end.year
             and p.start_date <= p.planned_end][:40],
        ),
    }


def years() -> list[int]:
    current = timezone.localdate().year
    first = Project.objects.order_by("created_at").values_list("created_at__year", flat=True).first()
    return list(range(current, (first or current) - 1, -1))


