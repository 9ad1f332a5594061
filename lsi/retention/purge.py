"""Retention: personal data is removed when its period has passed.

Two periods per project (documented defaults, editable in the plan):
- signals that were **not** selected for the casustafel: ``retention_unselected_days`` (28)
  after the casustafel was closed (the step from casustafel to uitvoering);
- everything else: ``retention_days`` (730) after the project was closed (gesloten or
  afgebroken).

The nightly beat task removes the personal data and its copies in the history tables, through
the one path that may delete history rows (``projects.dbguard.purge_allowed``). Each app says
which of its data is personal and removes it (its ``personal_data.py``); this module only knows
when, and in which order. Before the
first removal the project's figures are frozen, so reports keep their numbers. The record of
decisions stays (outcome, who, when, motivation) but without the address. Each purge writes a
``PurgeRecord`` with counts only. A documented legal hold pauses a project's purge. Running
the purge twice removes nothing more.
"""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casetable import personal_data as casetable_personal_data
from projects.dbguard import delete_with_history, purge_allowed
from projects.history import save_with
from projects.models import Notification, PhaseTransition, Project
from projects.phases import Phase
from projects.refusals import Refused
from signals import personal_data as signals_personal_data

from ..reports import figures
from ..reports import personal_data as reports_personal_data
from .models import FrozenFigures, LegalHold, PurgeRecord


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
    on_hold = project.legal_holds.in_force().exists()
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


def purge_unselected(project: Project, counts: Counter) -> None:
    """The signals of addresses that never reached the agenda (and were not tested)."""
    signals_personal_data.purge_unselected(
        project, counts, keep_addresses=casetable_personal_data.selected_addresses(project),
        keep_signals=casetable_personal_data.tested_signals())


def purge_all(project: Project, counts: Counter) -> None:
    """All personal data of a closed project, asking each app from the top down: reports first,
    then the casustafel (whose rows refer to signals), then the signals; what stays of the
    casustafel is kept without the address."""
    reports_personal_data.purge_all(project, counts)
    delete_with_history(Notification.objects.filter(project=project), counts, "berichten")
    casetable_personal_data.purge_all(project, counts)
    signals_personal_data.purge_all(project, counts)
    casetable_personal_data.anonymise(project, counts)


def purge(due: Due) -> PurgeRecord | None:
    """Carry out one due purge; None when there was nothing (more) to remove."""
    project = due.project
    counts: Counter = Counter()
    with purge_allowed():
        Project.objects.select_for_update().get(pk=project.pk)
        if not hasattr(project, "frozen_figures") and not FrozenFigures.objects.filter(
                project=project).exists():
            FrozenFigures.objects.create(project=project, figures=figures.project_figures(project))
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
