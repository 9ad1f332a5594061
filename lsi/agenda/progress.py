"""The progress of the agenda, computed from the projects: nothing is typed twice.

Per year the projects approved (the competent body's decision), started (signal intake opened,
or for a KIP the work begun) and closed, grouped in the database by type, format, region and
theme: three grouped queries (and one for the evaluations), whatever the number of projects.
Each target's realised figure is then the sum of the groups it names.
"""
from collections import defaultdict
from datetime import date, datetime

from django.db.models import Avg, Count, F, Max, Min
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from lsi.learning.models import Evaluation
from lsi.reports import charts
from projects.models import ApprovalDecision, Body, PhaseTransition, Project
from projects.phases import Phase

from .models import Stage, Target, Theme

DIMENSIONS = ("project_type", "format", "region", "theme")


def _grouped(rows, year_field: str, project_prefix: str):
    prefix = f"{project_prefix}__" if project_prefix else ""
    return (rows.values(year=ExtractYear(year_field), project_type=F(f"{prefix}project_type"),
                        format=F(f"{prefix}format"), region=F(f"{prefix}region_id"),
                        theme=F(f"{prefix}agenda_theme__theme_id"))
            .annotate(n=Count("pk")).order_by())


def _years(first_year: int, last_year: int) -> tuple[datetime, datetime]:
    """The span as moments in the portal's time zone: from the first of January of the first
    year up to (not including) the first of January after the last."""
    zone = timezone.get_current_timezone()
    return datetime(first_year, 1, 1, tzinfo=zone), datetime(last_year + 1, 1, 1, tzinfo=zone)


def stage_counts(first_year: int, last_year: int) -> dict[str, list[dict]]:
    """Per stage the grouped counts: rows of year, type, format, region, theme and n.

    Each project counts once per stage: it is approved once (a rejected plan goes back to
    concept and its approval is the later one), leaves "gereed" for the work once, and closes
    once; so the groups count rows, without a DISTINCT."""
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    start, end = _years(first_year, last_year)
    approved = ApprovalDecision.objects.filter(
        outcome=ApprovalDecision.Outcome.APPROVED, decided_on__range=(first, last))
    # The step out of "gereed" into the work: signalering, or for a KIP uitvoering. It happens
    # once per project (a project on hold returns to the phase it left, not through "gereed").
    started = PhaseTransition.objects.filter(
        from_phase=Phase.READY, to_phase__in=[Phase.INTAKE, Phase.EXECUTION],
        at__gte=start, at__lt=end)
    closed = PhaseTransition.objects.filter(to_phase=Phase.CLOSED, at__gte=start, at__lt=end)
    return {
        Stage.APPROVED: list(_grouped(approved, "decided_on", "project")),
        Stage.STARTED: list(_grouped(started, "at", "project")),
        Stage.CLOSED: list(_grouped(closed, "at", "project")),
    }


def evaluations_per_year(first_year: int, last_year: int) -> dict[int, int]:
    start, end = _years(first_year, last_year)
    rows = (Evaluation.objects.filter(completed_at__gte=start, completed_at__lt=end)
            .values(year=ExtractYear("completed_at")).annotate(n=Count("pk")).order_by())
    return {row["year"]: row["n"] for row in rows}


def by_stage_and_year(counts: dict) -> dict[tuple, list[dict]]:
    """The grouped rows per (stage, year), so that a target reads only the groups of its year."""
    index = defaultdict(list)
    for stage, rows in counts.items():
        for row in rows:
            index[(stage, row["year"])].append(row)
    return index


def realised(target: Target, index: dict, evaluations: dict[int, int]) -> int | None:
    """What the projects achieved towards ``target`` (None: a plain figure, nothing to count).
    ``index``: ``by_stage_and_year`` of the grouped counts."""
    if target.kind == Target.Kind.CAPACITY:
        return None
    if target.kind == Target.Kind.LEARNING:
        return evaluations.get(target.year, 0)
    wanted = {"project_type": target.project_type, "format": target.format,
              "region": target.region_id, "theme": target.theme_id}
    wanted = [(key, value) for key, value in wanted.items() if value]
    return sum(row["n"] for row in index.get((target.stage, target.year), ())
               if all(row[key] == value for key, value in wanted))


def _labels(agenda) -> dict[str, dict]:
    return {
        "project_type": dict(Project.Type.choices),
        "format": dict(Project.Format.choices),
        "region": dict(Body.objects.filter(kind=Body.Kind.REGIONAL).values_list("pk", "name")),
        "theme": dict(Theme.objects.filter(agenda=agenda).values_list("pk", "name")),
    }


def breakdown(agenda, counts: dict) -> list[dict]:
    """Per dimension (type, format, region, theme) a table: per value and stage, a count per year."""
    labels, years = _labels(agenda), agenda.years
    tables = []
    titles = {"project_type": _("Per type"), "format": _("Per format"), "region": _("Per regio"),
              "theme": _("Per thema")}
    for dimension in DIMENSIONS:
        cells = defaultdict(int)
        for stage, rows in counts.items():
            for row in rows:
                value = row[dimension]
                if dimension == "theme" and value not in labels["theme"]:
                    value = None  # a theme of another agenda counts as "no theme" here
                cells[(value, stage, row["year"])] += row["n"]
        values = sorted({value for value, _stage, _year in cells},
                        key=lambda v: (v is None, str(labels[dimension].get(v, ""))))
        body = []
        for value in values:
            label = str(labels[dimension].get(value, "")) if value is not None else _("(geen)")
            for stage in Stage:
                body.append({"label": label, "stage": stage.label,
                             "counts": [cells.get((value, stage, year), 0) for year in years]})
        tables.append({"title": titles[dimension], "rows": body})
    return tables


def agenda_progress(agenda, only_year: int | None = None) -> dict:
    """The agenda's targets per year, each with what the projects realised; the totals per year
    and stage; the breakdown per type, format, region and theme; a chart per year.
    ``only_year``: that year alone, without the breakdown (the stuurgroep report's section)."""
    first, last = (only_year, only_year) if only_year else (agenda.first_year, agenda.last_year)
    counts = stage_counts(first, last)
    index = by_stage_and_year(counts)
    evaluations = evaluations_per_year(first, last)
    targets = list(agenda.targets.filter(year__range=(first, last)).select_related("region", "theme"))
    per_year = []
    for year in range(first, last + 1):
        rows = []
        for target in (t for t in targets if t.year == year):
            done = realised(target, index, evaluations)
            share = round(100 * done / target.number) if done is not None and target.number else None
            rows.append({"target": target, "realised": done, "share": share})
        counted = [row for row in rows if row["realised"] is not None]
        title = _("Doelen en resultaat %(year)s") % {"year": year}
        per_year.append({
            "year": year, "rows": rows,
            "totals": {stage: sum(r["n"] for r in index.get((stage, year), ())) for stage in Stage},
            "evaluations": evaluations.get(year, 0),
            "chart": {
                "svg": charts.bar_chart(title, [(_("%(label)s (doel %(number)s)")
                                                 % {"label": row["target"].label,
                                                    "number": row["target"].number}, row["realised"])
                                                for row in counted], empty=_("Geen gegevens")),
                "title": title,
                "headers": [_("Doel"), _("Doel (aantal)"), _("Gerealiseerd")],
                "rows": [(row["target"].label, [row["target"].number, row["realised"]]) for row in counted],
            },
        })
    return {"agenda": agenda, "years": per_year,
            "breakdown": [] if only_year else breakdown(agenda, counts), "stages": list(Stage)}


def lead_times(year: int | None = None, project_type: str = "") -> list[dict]:
    """Doorlooptijd from concept to signalering, per project type, in days: the projects whose
    signalering began (in ``year``, when given). Computed in the database."""
    steps = PhaseTransition.objects.filter(from_phase=Phase.READY, to_phase=Phase.INTAKE)
    if year:
        steps = steps.filter(at__year=year)
    if project_type:
        steps = steps.filter(project__project_type=project_type)
    duration = F("at") - F("project__created_at")
    rows = (steps.values("project__project_type")
            .annotate(n=Count("project", distinct=True), mean=Avg(duration), shortest=Min(duration),
                      longest=Max(duration)).order_by("project__project_type"))
    labels = dict(Project.Type.choices)
    return [{"type": labels.get(row["project__project_type"], row["project__project_type"]),
             "projects": row["n"], "mean": row["mean"].days, "shortest": row["shortest"].days,
             "longest": row["longest"].days} for row in rows]


def current_agenda(year: int):
    """The agenda the stuurgroep adopted for ``year`` (the latest, when several), else the latest
    concept covering it."""
    from .models import Agenda

    covering = Agenda.objects.filter(first_year__lte=year, last_year__gte=year)
    return (covering.filter(status=Agenda.Status.ADOPTED).order_by("-adopted_on", "-pk").first()
            or covering.order_by("-pk").first())


