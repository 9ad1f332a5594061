"""Sending the outbox (``notifications`` writes it): one row at a time with a stable Message-ID,
or the daily digest per user. Used by the tasks; imports neither of them."""
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from .history import save_with
from .models import Notification

MAX_ATTEMPTS = 5


def _message(to, subject, text, message_id) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to],
                                     headers={"Message-ID": message_id})
    message.attach_alternative(linebreaks(escape(text)), "text/html")
    return message


def send(pk: int) -> str:
    """Send one outbox row; returns its status. When SMTP fails, the attempt and its error are
    recorded and the error raised again, so the task retries (after ``MAX_ATTEMPTS``: failed)."""
    with transaction.atomic():
        row = Notification.objects.select_for_update().select_related("recipient").get(pk=pk)
        if row.status != Notification.Status.PENDING or row.digest:
            return row.status
        try:
            _message(row.recipient.email, row.subject, row.body, row.message_id).send()
        except (smtplib.SMTPException, OSError) as error:
            failure = error
        else:
            row.status, row.sent_at, row.last_error = Notification.Status.SENT, timezone.now(), ""
            row.attempts += 1
            save_with(row, None, "Verzonden")
            return row.status
    with transaction.atomic():
        row = Notification.objects.select_for_update().get(pk=pk)
        row.attempts += 1
        row.last_error = f"{type(failure).__name__}: {failure}"[:2000]
        if row.attempts >= MAX_ATTEMPTS:
            row.status = Notification.Status.FAILED
        save_with(row, None, "Verzenden mislukt")
    if row.status == Notification.Status.FAILED:
        return row.status
    raise failure


def send_digests() -> int:
    """The daily digest: one e-mail per user with all their waiting digest rows."""
    sent = 0
    users = (Notification.objects.filter(status=Notification.Status.PENDING, digest=True)
             .values_list("recipient", flat=True).distinct())
    for user_pk in list(users):
        with transaction.atomic():
            rows = list(Notification.objects.select_for_update().select_related("recipient")
                        .filter(recipient_id=user_pk, status=Notification.Status.PENDING, digest=True)
                        .order_by("created_at", "pk"))
            if not rows:
                continue
            user = rows[0].recipient
            with translation.override(user.language or settings.LANGUAGE_CODE):
                subject = str(_("Dagoverzicht LSI-portaal: %(n)s berichten") % {"n": len(rows)})
                text = render_to_string("notifications/digest.txt", {"rows": rows, "user": user}).strip()
            digest_id = f"<lsi-digest-{rows[0].pk}-{len(rows)}@{settings.LSI_MAIL_DOMAIN}>"
            _message(user.email, subject, text, digest_id).send()
            now = timezone.now()
            for row in rows:
                row.status, row.sent_at, row.attempts = Notification.Status.SENT, now, row.attempts + 1
                save_with(row, None, "Verzonden in het dagoverzicht")
            sent += 1
    return sent
