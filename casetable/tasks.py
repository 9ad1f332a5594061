"""Celery tasks of the casustafel: thin wrappers that take ids and call a service."""
from celery import shared_task

from . import dossier
from .models import DossierPdf


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=150)
def render_dossier_pdf(dossier_pdf_id: int) -> str:
    """Make the PDF of a selection dossier (queue ``pdf``, see ``CELERY_TASK_ROUTES``).
    Idempotent: a finished PDF is not made again; a job row that is gone is skipped."""
    try:
        return dossier.render_pdf(dossier_pdf_id).status
    except DossierPdf.DoesNotExist:
        return "ontbreekt"
