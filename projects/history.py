"""Writing domain data with its history (django-simple-history): who did it and why.

Every service saves and deletes through these helpers, so that no change is stored without
the acting user, and a reason where the service gives one.
"""


def attribute(obj, by, reason: str = ""):
    """Name the acting user (and the reason) for the next saves or deletes of ``obj``."""
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    return obj


def save_with(obj, by, reason: str = "", **save_kwargs):
    """Save ``obj`` as ``by``, with ``reason`` in its history; returns ``obj``."""
    attribute(obj, by, reason).save(**save_kwargs)
    return obj


def delete_with(obj, by, reason: str = "") -> None:
    """Delete ``obj`` as ``by``, with ``reason`` in its history."""
    attribute(obj, by, reason).delete()
