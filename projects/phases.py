"""The phases of a project (interventieteam) and which transitions between them exist.

The table of phases: the main line, what a KIP skips, what can be put on hold, what is final,
and which phases a higher app closes itself (``register_exit``). Whether a transition may
happen now is decided in ``lifecycle.py`` from this table.
"""
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class PhaseExit:
    """A phase that an app closes itself, after its own checks.

    ``problem(project)`` says why the project may not leave the phase now (or None); it runs in
    the lifecycle's transaction, with the project row locked. ``refusal`` is the app's refusal
    class. ``elsewhere`` tells a user who tries the generic "next phase" where to close it."""

    problem: Callable
    refusal: type
    elsewhere: str


# Filled by the owning apps when Django starts (their AppConfig.ready), e.g. the casustafel.
EXITS: dict[str, PhaseExit] = {}


def register_exit(phase: Phase, exit_rule: PhaseExit) -> None:
    EXITS[phase] = exit_rule
