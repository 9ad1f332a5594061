"""The phases of a project (interventieteam) and which transitions between them exist.

Pure data; the rules that decide whether a transition may happen live in ``lifecycle.py``.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    SUBMITTED = "ingediend", _("Ingediend")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    READY = "gereed", _("Gereed voor gegevensverwerking")
    INTAKE = "signalering", _("Signalering")
    CASE_TABLE = "casustafel", _("Casustafel")
    EXECUTION = "uitvoering", _("Uitvoering")
    COMPLETION = "afronding", _("Afronding")
    CLOSED = "gesloten", _("Gesloten")
    ON_HOLD = "on_hold", _("On hold")
    CANCELLED = "afgebroken", _("Afgebroken")


# The main line, in order. A KIP project skips signal intake and the casustafel.
MAIN_LINE = [
    Phase.CONCEPT,
    Phase.SUBMITTED,
    Phase.APPROVED,
    Phase.READY,
    Phase.INTAKE,
    Phase.CASE_TABLE,
    Phase.EXECUTION,
    Phase.COMPLETION,
    Phase.CLOSED,
]
KIP_SKIPS = {Phase.INTAKE, Phase.CASE_TABLE}
FINAL = {Phase.CLOSED, Phase.CANCELLED}
# Phases a project can be put on hold from (and returns to).
HOLDABLE = set(MAIN_LINE) - FINAL
