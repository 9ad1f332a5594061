"""Celery tasks for reports: thin wrappers that take ids (queue "pdf" by the route render_*)."""
from celery import shared_task

from projects import filejobs

from . import files
from .models import ReportJob


@shared_task(bind=True, **filejobs.TASK_OPTIONS)
def render_report(self, job_id: int) -> str:
    return filejobs.run_task(self, ReportJob, job_id, files.make_report)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def clean_up_reports() -> int:
    """Nightly (beat): remove old report files."""
    return files.clean_up()
