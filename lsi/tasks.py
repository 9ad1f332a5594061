"""Celery tasks for reports: thin wrappers that take ids (queue "pdf" by the route render_*)."""
from celery import shared_task
from django.db import DatabaseError, InterfaceError

from . import jobs
from .models import ReportJob


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=300, time_limit=360,
    autoretry_for=(DatabaseError, InterfaceError, OSError), retry_backoff=True, retry_backoff_max=120,
    max_retries=5,
)
def render_report(self, job_id: int) -> None:
    if not ReportJob.objects.filter(pk=job_id).exists():
        return  # the job was removed (cleaned up) before the task ran
    try:
        jobs.make_report(job_id)
    except Exception as error:
        if isinstance(error, self.autoretry_for) and self.request.retries < self.max_retries:
            raise
        jobs.mark_failed(job_id, f"{type(error).__name__}: {error}")


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def clean_up_reports() -> int:
    """Nightly (beat): remove old report files."""
    return jobs.clean_up()


@shared_task(acks_late=True, soft_time_limit=3000, time_limit=3300)
def purge_expired_personal_data() -> int:
    """Nightly (beat): remove personal data whose retention period has passed."""
    from . import retention

    return len(retention.run())
