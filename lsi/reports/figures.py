"""The figures of the reports: counts only, never personal data (except the annex).

Used for the page on screen and for the PDF alike, so both show the same numbers.
"""
import re
from collections import Counter, defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from projects import warnings
from projects.models import PhaseLimit, PhaseTransition, Project
from projects.phases import Phase
from projects.roles import leads_of as project_leads
from projects.selectors import phase_timeline
from signals.models import Signal

from . import charts, sections
from .models import ProcessingPurpose
from .outcomes import outcome_figures


def signal_counts(projects) -> dict:
    """Active signals per partner and per category, plus withdrawn and under review."""
    rows = (
        Signal.objects.filter(project__in=projects)
        .values("partner__name", "category__name", "status")
        .annotate(n=Count("id"))
    )
    per_partner, per_category, per_status = Counter(), Counter(), Counter()
    table = defaultdict(Counter)
    for row in rows:
        per_status[row["status"]] += row["n"]
        if row["status"] == Signal.Status.ACTIVE:
            per_partner[row["partner__name"]] += row["n"]
            per_category[row["category__name"]] += row["n"]
            table[row["partner__name"]][row["category__name"]] += row["n"]
    return {
        "per_partner": sorted(per_partner.items()),
        "per_category": sorted(per_category.items()),
        "table": {partner: dict(counts) for partner, counts in sorted(table.items())},
        "categories": sorted(per_category),
        "active": per_status[Signal.Status.ACTIVE],
        "withdrawn": per_status[Signal.Status.WITHDRAWN],
        "review": per_status[Signal.Status.REVIEW],
    }


def casetable_counts(projects) -> dict:
    """Casustafel figures: verwonderadressen, agenda, decisions, controls, interventions
    (zorgmeldingen only as a count)."""
    from casetable.models import Assignment, CareReferral, CaseItem, Intervention
    from casetable.selection import flagged_total

    flagged = flagged_total(projects)
    items = CaseItem.objects.filter(project__in=projects)
    decisions = Counter(
        label for label in items.filter(decision__isnull=False)
        .values_list("decision__outcome", flat=True)
    )
    outcome_labels = dict(CaseItem._meta.get_field("decision").related_model.Outcome.choices)
    results = Counter(Assignment.objects.filter(project__in=projects).exclude(result="")
                      .values_list("result", flat=True))
    interventions = Counter(Intervention.objects.filter(item__project__in=projects)
                            .values_list("kind", flat=True))
    return {
        "flagged": flagged,
        "agenda": items.count(),
        "exceptions": items.filter(is_exception=True).count(),
        "decisions": sorted((str(outcome_labels.get(k, k)), n) for k, n in decisions.items()),
        "controls": sorted((str(dict(Assignment.Result.choices).get(k, k)), n) for k, n in results.items()),
        "interventions": sorted((str(dict(Intervention.Kind.choices).get(k, k)), n)
                                for k, n in interventions.items()),
        "care_referrals": CareReferral.objects.filter(project__in=projects).count(),
        "outcomes": outcome_figures(projects),
    }


def bar_chart(title: str, items: list[tuple[str, int]], label_header: str, value_header: str) -> dict:
    """A bar chart with the same numbers as a table (``reports/_chart.html`` shows both)."""
    return {
        "svg": charts.bar_chart(title, items, empty=_("Geen gegevens")),
        "title": title, "headers": [label_header, value_header],
        "rows": [(label, [value]) for label, value in items],
    }


def timeline_chart(title: str, spans) -> dict:
    """A timeline with the same spans as a table of start and end dates."""
    return {
        "svg": charts.timeline(title, spans, empty=_("Geen gegevens")),
        "title": title, "headers": [_("Project"), _("Start"), _("Einde")], "dates": True,
        "rows": [(label, [start, end]) for label, start, end in spans],
    }


def phases_in_order(counts: Counter) -> list[tuple[str, int]]:
    """Counts per phase in the order of the lifecycle (concept first, closed and cancelled last)
    rather than in the alphabet."""
    return [(phase.label, counts[phase]) for phase in Phase if counts.get(phase)]


def project_figures(project: Project) -> dict:
    """The numbers of a project: live, or frozen when its personal data has been purged."""
    frozen = getattr(project, "frozen_figures", None) if project.pk else None
    if frozen is not None:
        return frozen.figures
    return {"signals": signal_counts([project]), "casetable": casetable_counts([project])}


def project_report(project: Project, with_warnings: bool = False) -> dict:
    """Voortgangsrapportage / eindrapport: plan, partners, readiness, approvals, timeline,
    toetsmomenten and figures. No personal data. ``with_warnings``: also the plan's warnings
    (capacity per partner), for whoever sees the whole plan (``querysets.with_plan_warnings``);
    otherwise ``plan_warnings`` is None and the report says nothing of them."""
    timeline = phase_timeline(project)
    figures = project_figures(project)
    signals = figures["signals"]
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
        "casetable": figures["casetable"],
        "frozen": hasattr(project, "frozen_figures"),
        "plan_warnings": [message for _partner, message in warnings.plan_warnings(project)]
        if with_warnings else None,
        "signals_chart": bar_chart(_("Actieve signalen per partner"), signals["per_partner"],
                                   _("Partner"), _("Signalen")),
        "decisions_chart": bar_chart(_("Besluiten casustafel"), figures["casetable"]["decisions"],
                                     _("Besluit"), _("Aantal")),
        "timeline_chart": charts.timeline(
            _("Fasen van het project"),
            [(step["phase"].label, timezone.localdate(step["start"]),
              timezone.localdate(step["end"]) if step["end"] else today) for step in timeline],
            empty=_("Geen gegevens"),
        ),
    }


def steering_report(year: int | None, project_type: str = "") -> dict:
    """Stuurgroep-overzicht across all projects (optionally one type), with the year totals."""
    projects = Project.objects.all().select_related("region")
    if project_type:
        projects = projects.filter(project_type=project_type)
    projects = list(projects.annotate(capacity=Sum("participations__capacity_hours")))
    now = timezone.now()
    limits = PhaseLimit.table()
    for project in projects:
        project.stalled = project.is_stalled(now, limits)
    per_phase = Counter(p.phase for p in projects)
    per_type = Counter(p.get_project_type_display() for p in projects)
    per_region = Counter(str(p.region) if p.region else "–" for p in projects)
    year = year or timezone.localdate().year
    in_year = Q(at__year=year)
    started = PhaseTransition.objects.filter(
        in_year, project__in=projects, from_phase=Phase.READY).values("project").distinct().count()
    finished = PhaseTransition.objects.filter(
        in_year, project__in=projects, to_phase=Phase.CLOSED).values("project").distinct().count()
    signals_in_year = Signal.objects.filter(project__in=projects, delivered_at__year=year).count()
    casetable = casetable_counts([p for p in projects if p.start_date and p.start_date.year <= year
                                  and (not p.planned_end or p.planned_end.year >= year)])
    return {
        "year": year,
        "project_type": project_type,
        "type_label": dict(Project.Type.choices).get(project_type, ""),
        "generated_at": now,
        "projects": projects,
        "stalled": [p for p in projects if p.stalled],
        "per_phase": phases_in_order(per_phase),
        "per_type": sorted(per_type.items()),
        "per_region": sorted(per_region.items()),
        # The sections other apps add (capacity, …): their templates and their figures.
        **sections.steering(year, project_type, [p.pk for p in projects] if project_type else None),
        "totals": {"started": started, "finished": finished, "signals": signals_in_year},
        "casetable": casetable,
        "interventions_chart": bar_chart(_("Interventies per soort"), casetable["interventions"],
                                         _("Interventie"), _("Aantal")),
        "phase_chart": bar_chart(_("Projecten per fase"), phases_in_order(per_phase),
                                 _("Fase"), _("Projecten")),
        "type_chart": bar_chart(_("Projecten per type"), sorted(per_type.items()),
                                _("Type"), _("Projecten")),
        "timeline_chart": timeline_chart(
            _("Looptijd van de projecten in %(year)s") % {"year": year},
            [(p.name, p.start_date, p.planned_end) for p in projects
             if p.start_date and p.planned_end and p.start_date.year <= year <= p.planned_end.year
             and p.start_date <= p.planned_end][:40],
        ),
    }


def project_annex(project: Project) -> dict:
    """Bijlage met adressen, for the projectleider only: per agenda address the decision,
    assignments, results and interventions (zorgmeldingen in a separate section)."""
    from casetable.models import CareReferral, CaseItem

    items = list(
        CaseItem.objects.filter(project=project)
        .select_related("decision", "decision__executing_partner", "decision__second_partner")
        .prefetch_related("assignments__partner", "interventions__partner")
        .order_by("address_key")
    )
    return {
        "project": project, "generated_at": timezone.now(), "items": items,
        "care_referrals": CareReferral.objects.filter(project=project).order_by("recorded_at"),
    }


def subject_access(address_key: str) -> dict:
    """Inzage (art. 15 AVG) for one address across projects: signals, casustafel decisions and
    their motivation, control results, interventions and who accessed it; zorgmeldingen apart."""
    from casetable.models import CareReferral, CaseItem
    from projects.models import AccessLogEntry

    items = list(
        CaseItem.objects.filter(address_key=address_key)
        .select_related("project", "decision", "decision__decided_by")
        .prefetch_related("assignments__partner", "interventions__partner")
        .order_by("added_at")
    )
    from signals.selectors import address_display

    return {
        "address_key": address_key,
        "address": address_display(address_key),
        "generated_at": timezone.now(),
        "signals": Signal.objects.filter(address_key=address_key)
        .select_related("project", "partner", "category").order_by("delivered_at"),
        "items": items,
        "care_referrals": CareReferral.objects.filter(item__address_key=address_key)
        .select_related("project"),
        "accesses": AccessLogEntry.objects.filter(address_keys__regex=key_pattern(address_key))
        .select_related("user", "partner", "project").order_by("at", "pk"),
    }


def key_pattern(address_key: str) -> str:
    """A regular expression matching one whole key in the space-separated ``address_keys``."""
    return r"(^| )" + re.escape(address_key) + r"( |$)"


def processing_register(project: Project) -> dict:
    """The register entry of this processing (art. 30 AVG). No personal data."""
    return {
        "project": project,
        "generated_at": timezone.now(),
        "participations": project.participations.select_related("partner")
        .prefetch_related("categories"),
        "leads": [str(user) for user in project_leads(project)],
        "purposes": list(ProcessingPurpose.objects.all()),
    }


def years() -> list[int]:
    current = timezone.localdate().year
    first = Project.objects.order_by("created_at").values_list("created_at__year", flat=True).first()
    return list(range(current, (first or current) - 1, -1))


