"""Notifications by e-mail that are never lost.

``notify`` writes one outbox row (``Notification``) per recipient in the caller's transaction;
after the commit a task sends each immediate one (``send``), with retries and back-off. A row
marked sent is never sent again; every attempt carries the same Message-ID (from the row id), so
a send repeated after a killed worker is recognisably the same message. Digest rows wait for the
daily digest (``send_digests``): one e-mail per user. No personal data in any message: the
project's name, the kind of task and a link to the page.
"""
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .history import save_with
from .models import Notification, NotificationPreference
from .sending import MAX_ATTEMPTS, send, send_digests  # noqa: F401  (the outbox's other half)


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
    # The plan waits for the partner's answer, and only the partner can give it.
    "participation_proposed": Kind(_("Voorstel om deel te nemen aan een project"), mandatory=True),
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



def follows_up_failures(user) -> bool:
    """Only the coördinator follows up messages that kept failing; nobody else sees the outbox
    of others."""
    return user.is_authenticated and user.is_active and user.is_coordinator


def failed_for(user):
    """The messages that kept failing, with their SMTP error, for those who follow them up."""
    if not follows_up_failures(user):
        return Notification.objects.none()
    return (Notification.objects.filter(status=Notification.Status.FAILED)
            .select_related("recipient", "project"))
