"""The verwonderadressen chosen by the projectleider, kept in the session across the pages of
the overview until they are put on an agenda or sent in an information request.

Only address keys are kept, per project; what may be done with them is checked, as always, by
the service that acts on them (``agenda.add_items``, ``agenda.send_information_request``)."""
from django.utils.translation import gettext as _

from .selection import matching

# More than this many addresses are never chosen at once (filter first).
MAX_CHOSEN = 1000


def _key(project) -> str:
    return f"lsi_chosen_{project.pk}"


def chosen(session, project) -> list[str]:
    return list(session.get(_key(project), []))


def _store(session, project, keys) -> list[str]:
    keys = sorted(set(keys))[:MAX_CHOSEN]
    session[_key(project)] = keys
    return keys


def merged(session, project, *, shown, checked) -> list[str]:
    """The choice with this page's boxes as sent: what was chosen elsewhere stays, the
    addresses shown on this page are chosen exactly when their box is checked."""
    shown = set(shown)
    return sorted({key for key in chosen(session, project) if key not in shown} | set(checked))


def remember(session, project, *, shown, checked) -> list[str]:
    return _store(session, project, merged(session, project, shown=shown, checked=checked))


def add(session, project, keys) -> list[str]:
    return _store(session, project, set(chosen(session, project)) | set(keys))


def all_matching_problem(project, criteria, user) -> str | None:
    """Why every address that meets the filters cannot be chosen at once, or None."""
    if matching(project, criteria, user).count() > MAX_CHOSEN:
        return _("Meer dan %(n)d adressen voldoen aan de filters. Verfijn de filters en kies dan "
                 "alle adressen.") % {"n": MAX_CHOSEN}
    return None


def all_matching(project, criteria, user) -> list[str]:
    return list(matching(project, criteria, user).values_list("address_key", flat=True)[:MAX_CHOSEN])


def clear(session, project) -> None:
    session.pop(_key(project), None)
