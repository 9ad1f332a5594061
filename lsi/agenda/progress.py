"""The progress of the agenda, computed from the projects: nothing is typed twice.

Per year the projects approved (the competent body's decision), started (signal intake opened,
or for a KIP the work begun) and closed, grouped in the database by type, format, region and
theme: one grouped statement for the three steps (and one for the evaluations), whatever the
number of projects. Each target's realised figure is then the sum of the groups it names.

The page shows five years of it: every label is worked out once here, and the tables beside the
charts are built by ``reports.tables`` (one join per table, not a template loop per cell).
"""
from collections import defaultdict
from datetime import date, datetime

from django.db.models import Avg, CharField, Count, F, Max, Min, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lsi.learning.models import Evaluation
from lsi.reports import charts, tables
from projects.models import ApprovalDecision, Body, PhaseTransition, Project
from projects.phases import Phase

from .models import Stage, Target, Theme

DIMENSIONS = ("project_type", "format", "region", "theme")


def _grouped(rows, year_field: str, stage: str):
    """The rows of one step grouped by year, type, format, region and theme, tagged with the
    step (the same columns in the same order for each step, so that they form one UNION ALL)."""
    return (rows.values(year=ExtractYear(year_field), project_type=F("project__project_type"),
                        format=F("project__format"), region=F("project__region_id"),
                        theme=F("project__agenda_theme__theme_id"))
            .annotate(n=Count("pk"), stage=Value(str(stage), output_field=CharField())).order_by())


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
    counts = {stage: [] for stage in Stage}
    steps = _grouped(approved, "decided_on", Stage.APPROVED).union(
        _grouped(started, "at", Stage.STARTED), _grouped(closed, "at", Stage.CLOSED), all=True)
    for row in steps:
        counts[Stage(row.pop("stage"))].append(row)
    return counts


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


def value_names(agenda, themes=None) -> dict[str, dict]:
    """The names of the breakdown's values; ``themes``: the agenda's themes, when read already."""
    return {
        "project_type": {key: str(label) for key, label in Project.Type.choices},
        "format": {key: str(label) for key, label in Project.Format.choices},
        "region": dict(Body.objects.filter(kind=Body.Kind.REGIONAL).values_list("pk", "name")),
        "theme": {theme.pk: theme.name for theme in themes} if themes is not None
        else dict(Theme.objects.filter(agenda=agenda).values_list("pk", "name")),
    }


def breakdown(agenda, counts: dict, names: dict | None = None) -> list[dict]:
    """Per dimension (type, format, region, theme) a table: per value and stage, a count per year
    (``table``: built once, see ``reports.tables``)."""
    names, years = names or value_names(agenda), agenda.years
    titles = {"project_type": _("Per type"), "format": _("Per format"), "region": _("Per regio"),
              "theme": _("Per thema")}
    stages = [(stage, str(stage.label)) for stage in Stage]
    headers_after = [_("Stap"), *years]
    none, empty = _("(geen)"), _("Geen gegevens")
    tables_ = []
    for dimension in DIMENSIONS:
        named = names[dimension]
        cells = defaultdict(int)
        for stage, rows in counts.items():
            for row in rows:
                value = row[dimension]
                if dimension == "theme" and value not in named:
                    value = None  # a theme of another agenda counts as "no theme" here
                cells[(value, stage, row["year"])] += row["n"]
        values = sorted({value for value, _stage, _year in cells},
                        key=lambda v: (v is None, str(named.get(v, ""))))
        body = []
        for value in values:
            label = str(named.get(value, "")) if value is not None else none
            for stage, stage_label in stages:
                body.append((label, [stage_label, *(cells.get((value, stage, year), 0) for year in years)]))
        title = titles[dimension]
        tables_.append({"title": title, "rows": body,
                        "table": tables.table(title, [title, *headers_after], body, empty=empty)})
    return tables_


def _target_header(target) -> str:
    if not target.note:
        return target.label
    return format_html('{} <span class="lsi-muted">({})</span>', target.label, target.note)


def _year(year: int, targets: list, index: dict, evaluations: dict[int, int]) -> dict:
    """One year of the agenda: its targets with what was realised, the totals per stage, the
    chart of the counted targets and the tables beside it (each drawn once)."""
    rows = []
    for target in targets:
        done = realised(target, index, evaluations)
        share = round(100 * done / target.number) if done is not None and target.number else None
        rows.append({"target": target, "realised": done, "share": share})
    counted = [row for row in rows if row["realised"] is not None]
    title = _("Doelen en resultaat %(year)s") % {"year": year}
    goal = _("%(label)s (doel %(number)s)")
    chart_rows = [(row["target"].label, [row["target"].number, row["realised"]]) for row in counted]
    headers = [_("Doel"), _("Doel (aantal)"), _("Gerealiseerd")]
    not_counted = _("streefcijfer (niet geteld)")
    return {
        "year": year, "rows": rows,
        "totals": {stage: sum(r["n"] for r in index.get((stage, year), ())) for stage in Stage},
        "evaluations": evaluations.get(year, 0),
        "chart": {
            "svg": mark_safe(charts.bar_chart(  # charts escapes every text it draws
                title, [(goal % {"label": row["target"].label, "number": row["target"].number},
                         row["realised"]) for row in counted], empty=_("Geen gegevens"))),
            "title": title, "headers": headers, "rows": chart_rows,
            "table": tables.table(_("%(title)s (tabel)") % {"title": title}, headers, chart_rows,
                                  empty=_("Geen gegevens")),
        },
        "targets_table": tables.table(
            _("Alle doelen van %(year)s") % {"year": year}, [*headers, _("Percentage")],
            [(_target_header(row["target"]),
              [row["target"].number, not_counted if row["realised"] is None else row["realised"],
               None if row["share"] is None else f"{row['share']}%"]) for row in rows],
            empty=_("Geen doelen voor dit jaar.")),
    }


def agenda_progress(agenda, only_year: int | None = None, names: dict | None = None) -> dict:
    """The agenda's targets per year, each with what the projects realised; the totals per year
    and stage; the breakdown per type, format, region and theme; a chart per year.
    ``only_year``: that year alone, without the breakdown (the stuurgroep report's section).
    ``names``: ``value_names`` when the caller has read the agenda's themes already."""
    first, last = (only_year, only_year) if only_year else (agenda.first_year, agenda.last_year)
    counts = stage_counts(first, last)
    index = by_stage_and_year(counts)
    evaluations = evaluations_per_year(first, last)
    per_year = defaultdict(list)
    for target in agenda.targets.filter(year__range=(first, last)).select_related("region", "theme"):
        per_year[target.year].append(target)
    years = [_year(year, per_year[year], index, evaluations) for year in range(first, last + 1)]
    return {"agenda": agenda, "years": years,
            "breakdown": [] if only_year else breakdown(agenda, counts, names),
            "stages": [str(stage.label) for stage in Stage]}


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


