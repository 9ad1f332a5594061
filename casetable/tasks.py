"""Celery tasks of the casustafel: thin wrappers that take ids and call a service."""
from celery import shared_task

from projects import filejobs

from . import controls, dossier, outcomes
from .models import DossierPdf


@shared_task(bind=True, **{**filejobs.TASK_OPTIONS, "soft_time_limit": 120, "time_limit": 150})
def render_dossier_pdf(self, dossier_pdf_id: int) -> str:
    """Make the PDF of a selection dossier (queue ``pdf``, see ``CELERY_TASK_ROUTES``).
    Idempotent: a finished PDF is not made again; a job row that is gone is skipped."""
    return filejobs.run_task(self, DossierPdf, dossier_pdf_id, dossier.render_pdf)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def remind_open_outcomes() -> int:
    """Nightly (beat): remind executing partners of outcomes still open (``outcomes``)."""
    return outcomes.remind_open_outcomes()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def remind_due_results() -> int:
    """Nightly (beat): tell executing partners once per control whose result is due (``controls``)."""
    return controls.remind_due_results()
