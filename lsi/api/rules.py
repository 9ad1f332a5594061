"""Who may manage API clients, and why not."""
from django.utils.translation import gettext as _


def manage_problem(user) -> str | None:
    """Why this user may not create, rotate or revoke API clients, or None."""
    if not (user.is_authenticated and user.is_active and user.is_coordinator):
        return _("Alleen de coördinator beheert API-clients.")
    return None


def client_problem(client) -> str | None:
    """Why this client's token is not accepted now, or None (the answer is a 401)."""
    if client.revoked_at is not None:
        return _("Deze API-sleutel is ingetrokken.")
    if client.is_expired:
        return _("Deze API-sleutel is verlopen.")
    return None
