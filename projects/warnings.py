"""Plan warnings: what a plan should know but that never blocks it (partners are equals and
cannot force each other). A higher app registers a provider when Django starts (its
AppConfig.ready), as the capacity app does for pledges and load; ``projects`` itself imports
none of them.

A provider takes a project and returns ``(partner_id, message)`` pairs: the message is about
that partner's business, so ``for_user`` shows a partner's users only the warnings about their
own partner, and the projectleider, the coördinator and the stuurgroep all of them.
"""
from collections.abc import Callable

PROVIDERS: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def plan_warnings(project) -> list[tuple[int | None, str]]:
    """Every registered provider's warnings about the plan."""
    found = []
    for provider in PROVIDERS:
        found.extend(provider(project))
    return found


def for_user(user, project) -> list[str]:
    """The warnings this user may read: all of them for whoever manages or steers; a partner's
    users those about their own partner; nobody else any."""
    from .roles import sees_whole_plan

    if not user.is_authenticated:
        return []
    everything = sees_whole_plan(user, project)
    if not everything and not user.is_partner_user:
        return []
    return [message for partner_id, message in plan_warnings(project)
            if everything or partner_id == user.partner_id]
