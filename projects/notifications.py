"""Notifications by e-mail that are never lost.

``notify`` writes one outbox row (``Notification``) per recipient in the caller's transaction;
after the commit a task sends each immediate one (``send``), with retries and back-off. A row
marked sent is never sent again; every attempt carries the same Message-ID (from the row id), so
a send repeated after a killed worker is recognisably the same message. Digest rows wait for the
daily digest (``send_digests``): one e-mail per user. No personal data in any message: the
project's name, the kind of task and a link to the page.
"""
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from .history import save_with
from .models import Notification, NotificationPreference

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Kind:
    label: object
    mandatory: bool = False  # cannot be switched off (only moved to the digest)


KINDS = {
    "intake_opened": Kind(_("Signalering geopend: u kunt signalen aanleveren")),
    "readiness_asked": Kind(_("Gevraagd: bevestig dat uw organisatie gegevens kan verwerken")),
    "plan_decided": Kind(_("Besluit over een projectplan")),
    "information_request": Kind(_("Informatieverzoek ontvangen"), mandatory=True),
    "assignment_made": Kind(_("Controleopdracht voor uw organisatie"), mandatory=True),
    "report_ready": Kind(_("Rapportage klaar om te downloaden")),
}


def mode_for(user, kind: str) -> str:
    preference = (NotificationPreference.objects.filter(user=user, kind=kind)
                  .values_list("mode", flat=True).first())
    mode = preference or NotificationPreference.Mode.NOW
    if mode == NotificationPreference.Mode.OFF and KINDS[kind].mandatory:
        return NotificationPreference.Mode.DIGEST
    return mode


def set_preference(user, kind: str, mode: str) -> NotificationPreference:
    if mode == NotificationPreference.Mode.OFF and KINDS[kind].mandatory:
        mode = NotificationPreference.Mode.DIGEST
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first() or \
        NotificationPreference(user=user, kind=kind)
    preference.mode = mode
    return save_with(preference, user, "Berichtvoorkeur gewijzigd")


def notify(kind: str, recipients, *, project=None, link: str = "", by=None) -> list[Notification]:
    """One outbox row per active recipient with an e-mail address, in the caller's transaction;
    sent after the commit. The text is rendered now, in each recipient's own language."""
    rows = []
    for user in {u.pk: u for u in recipients if u.is_active and u.email}.values():
        mode = mode_for(user, kind)
        if mode == NotificationPreference.Mode.OFF:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            context = {"user": user, "project": project, "link": _absolute(link), "kind": KINDS[kind].label}
            subject = " ".join(render_to_string(f"notifications/{kind}_subject.txt", context).split())
            body = render_to_string(f"notifications/{kind}.txt", context).strip()
        row = Notification(recipient=user, kind=kind, project=project, subject=subject[:200], body=body,
                           link=_absolute(link), digest=mode == NotificationPreference.Mode.DIGEST)
        rows.append(save_with(row, by or user, "Bericht klaargezet"))
    immediate = [row.pk for row in rows if not row.digest]
    if immediate:
        from .tasks import send_notification

        transaction.on_commit(lambda: [send_notification.delay(pk) for pk in immediate])
    return rows


def _absolute(link: str) -> str:
    return f"{settings.LSI_BASE_URL.rstrip('/')}{link}" if link.startswith("/") else link


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
