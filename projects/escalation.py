"""Escalation: the nightly check that flags projects sitting too long in one phase.

The coördinator is the first step when a project stalls. Limits per phase are
data (``PhaseLimit``); a phase without a limit uses ``LSI_STALLED_AFTER_DAYS``.
"""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from .history import save_with
from .models import EscalationFlag, PhaseLimit, Project
from .phases import FINAL


@transaction.atomic
def flag_stalled_projects(now=None) -> int:
    """Flag every running project past its phase limit; resolve flags of projects that moved
    on. Idempotent: running it twice on one day changes nothing but the check time."""
    now = now or timezone.now()
    table = PhaseLimit.table()
    flagged = 0
    for project in Project.objects.exclude(phase__in=FINAL):
        limit = PhaseLimit.limit_for(project.phase, table)
        days = project.days_in_phase(now)
        if days <= limit:
            continue
        flag, created = EscalationFlag.objects.get_or_create(
            project=project, phase=project.phase, phase_since=project.phase_since,
            defaults={"days_in_phase": days, "limit_days": limit, "flagged_at": now,
                      "last_checked_at": now},
        )
        if not created:
            flag.days_in_phase, flag.limit_days, flag.last_checked_at = days, limit, now
            save_with(flag, None, gettext_noop("Nachtelijke controle"),
                      update_fields=["days_in_phase", "limit_days", "last_checked_at"])
        flagged += 1
    open_flags = EscalationFlag.objects.filter(resolved_at__isnull=True).select_related("project")
    for flag in open_flags:
        project = flag.project
        moved_on = project.phase != flag.phase or project.phase_since != flag.phase_since
        if moved_on or project.phase in FINAL:
            flag.resolved_at = now
            save_with(flag, None, gettext_noop("Project is verder gegaan"), update_fields=["resolved_at"])
    return flagged


