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
from .rules import require_lead


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


def _close(project: Project, by, phase: Phase, wrong_phase: str, reason: str) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require_lead(project, by)
    if project.phase != phase:
        raise CaseTableError(wrong_phase)
    return lifecycle.close_phase(project, by, reason)


@transaction.atomic
def close_case_table(project: Project, by, reason: str = "") -> Project:
    return _close(project, by, Phase.CASE_TABLE,
                  _("Alleen een project in de fase casustafel kan de casustafel afsluiten."),
                  (reason or "").strip() or _("Casustafel afgesloten: elk agendapunt heeft een besluit"))


@transaction.atomic
def close_execution(project: Project, by, reason: str = "") -> Project:
    return _close(project, by, Phase.EXECUTION,
                  _("Alleen een project in de fase uitvoering kan de uitvoering afsluiten."),
                  (reason or "").strip() or _("Uitvoering afgesloten: elke controle heeft een uitkomst"))
