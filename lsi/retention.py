"""Retention: personal data is removed when its period has passed (domain.md §6).

Two periods per project (documented defaults, editable in the plan):
- signals that were **not** selected for the casustafel: ``retention_unselected_days`` (28)
  after the casustafel was closed (the step from casustafel to uitvoering);
- everything else: ``retention_days`` (730) after the project was closed (gesloten or
  afgebroken).

The nightly beat task removes the personal data and its copies in the history tables, through
the one path that may delete history rows (``projects.dbguard.purge_allowed``). Before the
first removal the project's figures are frozen, so reports keep their numbers. The record of
decisions stays (outcome, who, when, motivation) but without the address. Each purge writes a
``PurgeRecord`` with counts only. A documented legal hold pauses a project's purge. Running
the purge twice removes nothing more.
"""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from casetable.models import (
    Assignment,
    CareReferral,
    CaseItem,
    DossierPdf,
    ExceptionAddress,
    Intervention,
    SignalTest,
)
from projects.dbguard import purge_allowed
from projects.history import save_with
from projects.models import FrozenFigures, LegalHold, PhaseTransition, Project, PurgeRecord
from projects.phases import Phase
from projects.refusals import Refused
from signals import overlap
from signals.models import InformationRequest, RequestedAddress, Signal, Upload

from . import reports
from .models import ReportJob

REMOVED = "[verwijderd na bewaartermijn]"


@dataclass
class Due:
    project: Project
    scope: str
    due_at: datetime
    on_hold: bool


def _moment(project: Project, **lookup) -> datetime | None:
    step = PhaseTransition.objects.filter(project=project, **lookup).order_by("-at").first()
    return step.at if step else None


def schedule(project: Project) -> list[Due]:
    """When each kind of personal data of this project is to be removed."""
    on_hold = project.legal_holds.filter(lifted_at__isnull=True).exists()
    due = []
    closed_table = _moment(project, from_phase=Phase.CASE_TABLE)
    if closed_table:
        due.append(Due(project, PurgeRecord.Scope.UNSELECTED,
                       closed_table + timedelta(days=project.retention_unselected_days), on_hold))
    closed = _moment(project, to_phase__in=[Phase.CLOSED, Phase.CANCELLED])
    if closed and project.phase in (Phase.CLOSED, Phase.CANCELLED):
        due.append(Due(project, PurgeRecord.Scope.ALL,
                       closed + timedelta(days=project.retention_days), on_hold))
    return due


def upcoming():
    """Every project's next purges, soonest first (for the coördinator)."""
    rows = [due for project in Project.objects.all() for due in schedule(project)]
    return sorted(rows, key=lambda due: due.due_at)


def _delete_with_history(queryset, counts: Counter, label: str) -> None:
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        model.objects.filter(pk__in=chunk).delete()
        # After the rows: deleting them writes "-" history rows, which go too.
        model.history.model.objects.filter(id__in=chunk).delete()
    counts[label] += len(ids)


def _erase_history(queryset) -> None:
    """Remove the history copies of rows that stay (anonymised)."""
    model = queryset.model
    model.history.model.objects.filter(id__in=list(queryset.values_list("pk", flat=True))).delete()


def _signal_counts(signals) -> dict:
    return {f"signalen {row['category__name']}": row["n"]
            for row in signals.values("category__name").annotate(n=Count("id"))}


def purge_unselected(project: Project, counts: Counter) -> None:
    selected = CaseItem.objects.filter(project=project).values("address_key")
    signals = Signal.objects.filter(project=project).exclude(address_key__in=selected)
    signals = signals.exclude(pk__in=SignalTest.objects.values("signal_id"))
    counts.update(_signal_counts(signals))
    _delete_with_history(signals, Counter(), "signalen")
    overlap.rebuild(project.pk)  # the verwonderadressen follow the signals that stay
    requested = RequestedAddress.objects.filter(request__project=project).exclude(address_key__in=selected)
    _delete_with_history(requested, counts, "adressen in informatieverzoeken")


def purge_all(project: Project, by_label: Counter) -> None:
    counts = by_label
    for job in ReportJob.objects.filter(project=project, kind=ReportJob.Kind.ANNEX):
        if job.path and job.path.exists():
            job.path.unlink()
    _delete_with_history(ReportJob.objects.filter(project=project, kind=ReportJob.Kind.ANNEX),
                         counts, "bijlagen met adressen")
    items = CaseItem.objects.filter(project=project)
    for pdf in DossierPdf.objects.filter(item__in=items).exclude(file_name=""):
        path = Path(settings.PRIVATE_FILES_ROOT) / pdf.file_name
        if path.exists():
            path.unlink()
    _delete_with_history(DossierPdf.objects.filter(item__in=items), counts, "dossier-PDF's")
    _delete_with_history(SignalTest.objects.filter(item__in=items), counts, "toetsen van signalen")
    _delete_with_history(CareReferral.objects.filter(project=project), counts, "zorgmeldingen")
    _delete_with_history(ExceptionAddress.objects.filter(project=project), counts, "uitzonderingen")
    signals = Signal.objects.filter(project=project)
    counts.update(_signal_counts(signals))
    _delete_with_history(signals, Counter(), "signalen")
    overlap.rebuild(project.pk)  # no signals left: no overlap either
    _delete_with_history(RequestedAddress.objects.filter(request__project=project), counts,
                         "adressen in informatieverzoeken")
    _delete_with_history(InformationRequest.objects.filter(project=project), counts,
                         "informatieverzoeken")
    _delete_with_history(Upload.objects.filter(project=project), counts, "aanleveringen")
    # What stays, without the address: the agenda items, decisions, results and interventions.
    assignments = Assignment.objects.filter(project=project)
    interventions = Intervention.objects.filter(item__in=items)
    for queryset in (items, assignments, interventions):
        _erase_history(queryset)
    counts["adressen op de agenda (geanonimiseerd)"] += items.count()
    for item in items:
        item.address_key, item.address_display = "", REMOVED
        item.exception_reason = item.risk_note = ""
        item._change_reason = "Persoonsgegevens verwijderd na bewaartermijn"
        item.save()
    for assignment in assignments:
        assignment.address_display, assignment.findings = REMOVED, ""
        assignment._change_reason = "Persoonsgegevens verwijderd na bewaartermijn"
        assignment.save()
    for intervention in interventions:
        intervention.description = ""
        intervention._change_reason = "Persoonsgegevens verwijderd na bewaartermijn"
        intervention.save()


def purge(due: Due) -> PurgeRecord | None:
    """Carry out one due purge; None when there was nothing (more) to remove."""
    project = due.project
    counts: Counter = Counter()
    with purge_allowed():
        Project.objects.select_for_update().get(pk=project.pk)
        if not hasattr(project, "frozen_figures") and not FrozenFigures.objects.filter(
                project=project).exists():
            FrozenFigures.objects.create(project=project, figures=reports.project_figures(project))
        if due.scope == PurgeRecord.Scope.UNSELECTED:
            purge_unselected(project, counts)
        else:
            purge_all(project, counts)
        removed = {label: n for label, n in counts.items() if n}
        if not removed:
            return None
        return PurgeRecord.objects.create(project=project, scope=due.scope, counts=removed)


def run(now=None) -> list[PurgeRecord]:
    """The nightly purge: every due period of every project not under a legal hold."""
    now = now or timezone.now()
    records = []
    for due in upcoming():
        if due.due_at <= now and not due.on_hold:
            record = purge(due)
            if record:
                records.append(record)
    return records


class HoldRefused(Refused):
    """A legal hold that may not be placed or lifted (by this user, without a reason)."""


@transaction.atomic
def place_hold(project: Project, by, reason: str) -> LegalHold:
    reason = (reason or "").strip()
    if not by.is_coordinator:
        raise HoldRefused(_("Alleen de coördinator kan een bewaarplicht opleggen."))
    if not reason:
        raise HoldRefused(_("Geef de reden voor de bewaarplicht op (bijvoorbeeld een lopende procedure)."))
    hold = LegalHold(project=project, reason=reason, placed_by=by)
    save_with(hold, by)
    return hold


@transaction.atomic
def lift_hold(hold: LegalHold, by, reason: str) -> LegalHold:
    reason = (reason or "").strip()
    if not by.is_coordinator:
        raise HoldRefused(_("Alleen de coördinator kan een bewaarplicht opheffen."))
    if not reason:
        raise HoldRefused(_("Geef de reden voor het opheffen op."))
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), by, reason
    save_with(hold, by)
    return hold
