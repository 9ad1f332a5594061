"""Writing the access log: one entry per view, search, export or download of personal data.

Call ``record`` inside the same transaction as the read it records, never after commit.
"""
from collections.abc import Iterable

from .models import AccessLogEntry


def _origin(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    return (
        request.META.get("REMOTE_ADDR"),
        request.headers.get("X-Request-ID", "")[:64],
    )


def record(
    request, action: str, *, user=None, object_type: str, ids: Iterable = (), project=None,
    rows: int = 0, query: str = "", allowed: bool = True,
) -> AccessLogEntry:
    """Log one access. ``request`` may be None for commands and tasks (pass ``user``)."""
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
        query=query,
        project=project,
        row_count=rows,
        result=AccessLogEntry.Result.ALLOWED if allowed else AccessLogEntry.Result.DENIED,
        ip_address=ip,
        request_id=request_id,
    )
