"""Celery tasks of the projects app: thin wrappers around services."""
from celery import shared_task

from . import escalation


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def flag_stalled_projects() -> int:
    """Nightly (beat): flag projects that sit in one phase longer than its limit."""
    return escalation.flag_stalled_projects()
