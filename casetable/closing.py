"""Closing the casustafel and the execution phase through the lifecycle service.

The casustafel closes (casustafel → uitvoering) only when every address on the agenda has a
decision; the execution (uitvoering → afronding) only when every open control assignment has a
result ("niet uitgevoerd" always carries its reason). Checked here, with the project row locked,
then ``projects.lifecycle.advance`` records the transition.
"""
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects import lifecycle
from projects.models import Project
from projects.phases import Phase

from .agenda import require_lead
from .errors import CaseTableError
from .models import Assignment, CaseItem


def undecided_items(project: Project):
    return CaseItem.objects.filter(project=project, decision__isnull=True).order_by("address_key")


def assignments_without_result(project: Project):
    return Assignment.objects.filter(project=project, status=Assignment.Status.OPEN, result="") \
        .select_related("partner").order_by("planned_date", "pk")


def _listed(rows, attribute: str) -> str:
    names = [getattr(row, attribute) for row in rows[:5]]
    return ", ".join(names) + (" …" if len(rows) > 5 else "")


def _advance(project: Project, by, reason: str) -> Project:
    try:
        return lifecycle.advance(project, by, reason, checked=True)
    except lifecycle.TransitionError as error:
        raise CaseTableError(error.message) from None


@transaction.atomic
def close_case_table(project: Project, by, reason: str = "") -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require_lead(project, by)
    if project.phase != Phase.CASE_TABLE:
        raise CaseTableError(_("Alleen een project in de fase casustafel kan de casustafel afsluiten."))
    open_items = list(undecided_items(project))
    if open_items:
        raise CaseTableError(ngettext(
            "Nog %(n)d adres op de agenda heeft geen besluit: %(list)s.",
            "Nog %(n)d adressen op de agenda hebben geen besluit: %(list)s.", len(open_items))
            % {"n": len(open_items), "list": _listed(open_items, "address_display")})
    return _advance(project, by, (reason or "").strip() or _("Casustafel afgesloten: elk agendapunt heeft "
                                                             "een besluit"))


@transaction.atomic
def close_execution(project: Project, by, reason: str = "") -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require_lead(project, by)
    if project.phase != Phase.EXECUTION:
        raise CaseTableError(_("Alleen een project in de fase uitvoering kan de uitvoering afsluiten."))
    waiting = list(assignments_without_result(project))
    if waiting:
        raise CaseTableError(ngettext(
            "Nog %(n)d controleopdracht heeft geen uitkomst: %(list)s.",
            "Nog %(n)d controleopdrachten hebben geen uitkomst: %(list)s.", len(waiting))
            % {"n": len(waiting), "list": _listed(waiting, "address_display")})
    return _advance(project, by, (reason or "").strip() or _("Uitvoering afgesloten: elke controle heeft "
                                                             "een uitkomst"))
