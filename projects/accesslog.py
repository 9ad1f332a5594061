"""Writing the access log: one entry per view, search, export or download of personal data.

Call ``record`` inside the same transaction as the read it records, never after commit. Each
kind of access is an event, named once in its app's ``events.py`` through ``event``; ``record``
refuses a name that is not registered there.
"""
from collections.abc import Iterable
from functools import wraps

from django.http import Http404

from . import network
from .models import AccessLogEntry

# Every access-log event: its name (what the log stores) and what it means.
EVENTS: dict[str, str] = {}


def event(name: str, meaning) -> str:
    """Register an access-log event; returns the name to pass to ``record`` and ``logs_denied``."""
    if name in EVENTS:
        raise ValueError(f"access-log event {name!r} is registered twice")
    if len(name) > AccessLogEntry._meta.get_field("action").max_length:
        raise ValueError(f"access-log event {name!r} is longer than the log's action column")
    EVENTS[name] = meaning
    return name


def _origin(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    return network.client_ip(request), getattr(request, "request_id", "")


def record(
    request, action: str, *, user=None, object_type: str, ids: Iterable = (), project=None,
    rows: int = 0, query: str = "", allowed: bool = True, addresses: Iterable[str] = (),
) -> AccessLogEntry:
    """Log one access. ``request`` may be None for commands and tasks (pass ``user``).
    ``addresses``: the address keys shown, for "who has seen this address?"."""
    if action not in EVENTS:
        raise ValueError(f"access-log event {action!r} is not registered (accesslog.event)")
    user = user or getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    ip, request_id = _origin(request)
    return AccessLogEntry.objects.create(
        user=user,
        partner_id=user.partner_id if user else None,
        action=action,
        object_type=object_type,
        object_ids=",".join(str(i) for i in ids),
        address_keys=" ".join(sorted({key for key in addresses if key})),
        query=query,
        project=project,
        row_count=rows,
        result=AccessLogEntry.Result.ALLOWED if allowed else AccessLogEntry.Result.DENIED,
        ip_address=ip,
        request_id=request_id,
    )


def logs_denied(action: str, object_type: str):
    """Decorate a view of personal data: a 404 (not yours, or not there) is logged as a denied
    attempt, after the view's own transaction has rolled back."""
    if action not in EVENTS:
        raise ValueError(f"access-log event {action!r} is not registered (accesslog.event)")

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                record(request, action, object_type=object_type,
                       ids=[str(value) for value in kwargs.values()], allowed=False,
                       query=request.get_full_path()[:500])
                raise

        return wrapped

    return decorate
