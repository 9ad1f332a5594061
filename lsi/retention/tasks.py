"""Celery task of retention: a thin nightly wrapper (beat)."""
from celery import shared_task

from . import purge


@shared_task(acks_late=True, soft_time_limit=3000, time_limit=3300)
def purge_expired_personal_data() -> int:
    """Nightly (beat): remove personal data whose retention period has passed."""
    return len(purge.run())
