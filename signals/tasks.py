"""Celery tasks of the signal intake: thin wrappers that take ids and call the importer."""
from celery import shared_task
from django.db import DatabaseError, InterfaceError
from django.utils import translation

from . import importer


# A database that restarts under the import is retried with back-off (the import is one
# transaction: nothing of the cut-off try is kept); without it the task would end acknowledged
# and the upload would wait forever.
@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660,
             autoretry_for=(DatabaseError, InterfaceError), retry_backoff=2, retry_backoff_max=60,
             max_retries=5)
def process_upload(upload_id: int, language: str | None = None) -> str:
    """Process a queued upload. Idempotent: a finished upload is left as it is. ``language``:
    the language of the report's messages (that of the delivery request), else the active one."""
    from .models import Upload

    if not Upload.objects.filter(pk=upload_id).exists():
        return "verdwenen"  # removed (for example by the retention purge) before the task ran
    if language is None:
        return importer.process_upload(upload_id).status
    with translation.override(language):
        return importer.process_upload(upload_id).status
