"""Closing the casustafel and the execution phase through the lifecycle service.

The casustafel closes (casustafel → uitvoering) only when every address on the agenda has a
decision; the execution (uitvoering → afronding) only when every open control assignment has a
result ("niet uitgevoerd" always carries its reason). These checks are registered with the
lifecycle as the exits of those phases (``EXITS``); ``projects.lifecycle.close_phase`` runs them
with the project row locked and records the transition.
"""
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from projects import lifecycle
from projects.models import Project
from projects.phases import Phase, PhaseExit

from .errors import CaseTableError
from .models import Assignment, CaseItem
from .rules import lead_problem


def undecided_items(project: Project):
    return CaseItem.objects.filter(project=project, decision__isnull=True).order_by("address_key")


def assignments_without_result(project: Project):
    return Assignment.objects.filter(project=project, status=Assignment.Status.OPEN, result="") \
        .select_related("partner").order_by("planned_date", "pk")


def _listed(rows, attribute: str) -> str:
    names = [getattr(row, attribute) for row in rows[:5]]
    return ", ".join(names) + (" …" if len(rows) > 5 else "")


def case_table_problem(project: Project) -> str | None:
    """Why the casustafel may not close now (casustafel → uitvoering), or None."""
    open_items = list(undecided_items(project))
    if open_items:
        return ngettext(
            "Nog %(n)d adres op de agenda heeft geen besluit: %(list)s.",
            "Nog %(n)d adressen op de agenda hebben geen besluit: %(list)s.", len(open_items)) \
            % {"n": len(open_items), "list": _listed(open_items, "address_display")}
    return None


def execution_problem(project: Project) -> str | None:
    """Why the execution may not close now (uitvoering → afronding), or None."""
    waiting = list(assignments_without_result(project))
    if waiting:
        return ngettext(
            "Nog %(n)d controleopdracht heeft geen uitkomst: %(list)s.",
            "Nog %(n)d controleopdrachten hebben geen uitkomst: %(list)s.", len(waiting)) \
            % {"n": len(waiting), "list": _listed(waiting, "address_display")}
    return None


_ELSEWHERE = gettext_lazy("Sluit deze fase af op de pagina van de casustafel: daar wordt "
                          "gecontroleerd of elk adres een besluit en elke controle een uitkomst heeft.")
# The phases the casustafel closes itself, registered with the lifecycle (``apps.py``).
EXITS = {
    Phase.CASE_TABLE: PhaseExit(case_table_problem, CaseTableError, _ELSEWHERE),
    Phase.EXECUTION: PhaseExit(execution_problem, CaseTableError, _ELSEWHERE),
}


_WRONG_PHASE = {
    Phase.CASE_TABLE: gettext_lazy("Alleen een project in de fase casustafel kan de casustafel afsluiten."),
    Phase.EXECUTION: gettext_lazy("Alleen een project in de fase uitvoering kan de uitvoering afsluiten."),
}


def close_problem(user, project: Project, phase: Phase | None = None) -> str | None:
    """Why this user may not close the casustafel's phase of the project now, or None. ``phase``:
    the phase the user means to close (the project's own when not given)."""
    phase = phase or project.phase
    if problem := lead_problem(user, project):
        return problem
    if project.phase != phase or phase not in EXITS:
        return str(_WRONG_PHASE.get(phase, _WRONG_PHASE[Phase.CASE_TABLE]))
    return EXITS[phase].problem(project)


def consequences(project: Project) -> tuple[str, str, list[str]]:
    """The title, the confirm button and what closing the current phase changes, in words."""
    if project.phase == Phase.CASE_TABLE:
        return (_("Casustafel afsluiten"), _("Ja, casustafel afsluiten"), [
            _("Het project gaat naar de fase uitvoering; dit wordt met uw reden vastgelegd."),
            _("De selectie, de agenda en de besluiten liggen daarna vast."),
            _("De uitvoerende partners zien hun controleopdrachten en leggen de uitkomst vast."),
            _("Signalen van adressen die niet op de agenda stonden, worden %(days)s dagen na het "
              "afsluiten verwijderd.") % {"days": project.retention_unselected_days},
        ])
    return (_("Uitvoering afsluiten"), _("Ja, uitvoering afsluiten"), [
        _("Het project gaat naar de fase afronding; dit wordt met uw reden vastgelegd."),
        _("Uitkomsten van controles, interventies en zorgmeldingen kunnen daarna niet meer worden "
          "vastgelegd of gewijzigd."),
    ])


def _close(project: Project, by, phase: Phase, reason: str) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if problem := close_problem(by, project, phase):
        raise CaseTableError(problem)
    return lifecycle.close_phase(project, by, reason)


@transaction.atomic
def close_case_table(project: Project, by, reason: str = "") -> Project:
    return _close(project, by, Phase.CASE_TABLE,
                  (reason or "").strip() or _("Casustafel afgesloten: elk agendapunt heeft een besluit"))


@transaction.atomic
def close_execution(project: Project, by, reason: str = "") -> Project:
    return _close(project, by, Phase.EXECUTION,
                  (reason or "").strip() or _("Uitvoering afgesloten: elke controle heeft een uitkomst"))
