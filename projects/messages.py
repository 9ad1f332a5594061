"""Messages to a user that are stored (upload errors, refusals of a file): a Dutch template
with named parameters, translated only when shown, so a report stored today reads in English
for an English user tomorrow.

A stored error keeps its readable Dutch ``message`` and adds ``code`` (the template) and
``params``; errors stored before templates existed have only ``message`` and are shown as they
are. Pure module: the templates are marked for ``makemessages`` with the local ``gettext_noop``
below; Django's gettext is imported only when a message is shown.
"""
from dataclasses import dataclass, field


def gettext_noop(template: str) -> str:
    """Mark a template for translation without translating it (the extractor knows the name)."""
    return template


@dataclass(frozen=True)
class Text:
    """A message: a Dutch template with ``{name}`` placeholders and its parameters."""

    template: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.params) if self.params else self.template

    def translated(self) -> str:
        return translated(self.template, self.params, str(self))


def text(template: str, **params) -> Text:
    return Text(template, params)


def translated(template: str, params: dict, fallback: str) -> str:
    from django.utils.translation import gettext

    try:
        return gettext(template).format(**params) if params else gettext(template)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return fallback


def shown(stored: dict) -> dict:
    """A stored error (or error group) with its message in the active language."""
    if not stored.get("code"):
        return stored
    return {**stored, "message": translated(stored["code"], stored.get("params") or {},
                                            stored.get("message", ""))}
