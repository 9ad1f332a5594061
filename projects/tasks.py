"""Celery tasks of the projects app: thin wrappers around services."""
from celery import shared_task

from . import escalation


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def flag_stalled_projects() -> int:
    """Nightly (beat): flag projects that sit in one phase longer than its limit."""
    return escalation.flag_stalled_projects()


@shared_task(bind=True, acks_late=True, max_retries=8, soft_time_limit=60, time_limit=90)
def send_notification(self, pk: int) -> str:
    """Send one outbox row; on an SMTP failure retry with back-off (the row keeps its attempts
    and its error, and is marked failed after ``notifications.MAX_ATTEMPTS``)."""
    from . import sending

    try:
        return sending.send(pk)
    except Exception as error:
        raise self.retry(exc=error, countdown=min(600, 5 * 2 ** self.request.retries)) from error


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def send_digests() -> int:
    """Daily (beat): one digest e-mail per user with the messages they want once a day."""
    from . import sending

    return sending.send_digests()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_pending_notifications() -> int:
    """Every few minutes (beat): queue immediate messages still waiting (for example after the
    SMTP server was down longer than the retries), so nothing waits forever."""
    from .models import Notification

    pending = list(Notification.objects.filter(status=Notification.Status.PENDING, digest=False)
                   .values_list("pk", flat=True)[:1000])
    for pk in pending:
        send_notification.delay(pk)
    return len(pending)
