"""Withdrawing a signal (intrekken): by its own partner, with a reason, before the casustafel."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.history import save_with
from projects.refusals import Refused

from . import overlap
from .models import Signal
from .rules import withdraw_problem


@transaction.atomic
def withdraw(signal: Signal, by, reason: str) -> Signal:
    reason = (reason or "").strip()
    signal = Signal.objects.select_for_update().select_related("project").get(pk=signal.pk)
    if problem := withdraw_problem(by, signal):
        raise Refused(problem)
    if not reason:
        raise Refused(_("Geef een reden op voor het intrekken."))
    signal.status = Signal.Status.WITHDRAWN
    signal.withdrawn_at = timezone.now()
    signal.withdrawn_by = by
    signal.withdrawn_reason = reason
    save_with(signal, by, f"Ingetrokken: {reason}",
              update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    overlap.refresh(signal.project_id, [signal.address_key])
    return signal
