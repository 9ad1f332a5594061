"""Login lockout on django-axes, with two thresholds.

- An **account** is locked at one address after ``AXES_FAILURE_LIMIT`` wrong passwords for that
  username from that address (axes' own rule, ``AXES_LOCKOUT_PARAMETERS``). Colleagues behind
  the same office address are not affected, and made-up usernames lock nobody real.
- An **address** is locked only after ``LSI_ADDRESS_FAILURE_LIMIT`` failures for any usernames
  from it (much higher): one client guessing many names is stopped without locking an office.

The client's address is ``network.client_ip`` (the trusted proxy's forwarded header), the same
address the access log records. The coördinator sees both kinds of lock and can lift them.
"""
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from . import accesslog, events


def _recent(request=None):
    attempts = AccessAttempt.objects.all()
    if cool_off := get_cool_off(request):
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts


def address_failures(ip_address: str | None, request=None) -> int:
    if not ip_address:
        return 0
    return _recent(request).filter(ip_address=ip_address).aggregate(
        n=Sum("failures_since_start"))["n"] or 0


def address_locked(ip_address: str | None, request=None) -> bool:
    return address_failures(ip_address, request) >= settings.LSI_ADDRESS_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, plus the address threshold."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return address_locked(getattr(request, "axes_ip_address", None), request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and address_locked(getattr(request, "axes_ip_address", None), request):
            request.axes_locked_out = True  # axes' middleware then answers with lockout_response


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out reader sees: it says what is locked (this account here, or every
    login from this address), so it is true for whoever reads it."""
    by_address = address_locked(getattr(request, "axes_ip_address", None), request)
    return render(request, "account/locked_out.html", {
        "by_address": by_address, "username": get_client_username(request, credentials) or "",
    }, status=429)


def locked_accounts():
    """Username + address combinations at or over the account threshold."""
    return _recent().filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time")


def locked_addresses() -> list[dict]:
    """Addresses at or over the address threshold, with their failures and last attempt."""
    return list(
        _recent().values("ip_address").annotate(failures=Sum("failures_since_start"),
                                                last=Max("attempt_time"))
        .filter(failures__gte=settings.LSI_ADDRESS_FAILURE_LIMIT).order_by("-last")
    )


def unlock_account(request, username: str) -> None:
    """The coördinator unlocks an account (at every address); recorded in the access log."""
    reset(username=username)
    accesslog.record(request, events.ACCOUNT_UNLOCKED, object_type="user", query=username)


def unlock_address(request, ip_address: str) -> None:
    """The coördinator lifts the lock on an address; recorded in the access log."""
    reset(ip=ip_address)
    accesslog.record(request, events.ADDRESS_UNLOCKED, object_type="address", query=ip_address)
