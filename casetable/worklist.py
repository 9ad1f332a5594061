"""Mijn taken of the casustafel: agenda addresses without a decision (the projectleider, while
the agenda is open: ``rules.DELIBERATION_PHASES``), and controls whose result is to be recorded
(``Assignment.objects.visible_to``: the executing partner's own, all of the project for its
projectleider; in phase uitvoering, as ``rules.record_result_problem`` asks). One query each,
counted per project."""
from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.phases import Phase
from projects.worklist import Task

from .models import Assignment, CaseItem
from .rules import DELIBERATION_PHASES


def tasks(user) -> list[Task]:
    if not (user.is_authenticated and user.is_partner_user):
        return []
    found = []
    undecided = (
        CaseItem.objects.visible_to(user)
        .filter(decision__isnull=True, project__phase__in=DELIBERATION_PHASES)
        .values("project_id", "project__name")
        .annotate(n=Count("pk"), first=Min("session__held_on")).order_by("project__name")
    )
    for row in undecided:
        found.append(Task("undecided", _("Agendapunten zonder besluit afhandelen"),
                          reverse("casetable:overview", args=[row["project_id"]]), row["project__name"],
                          count=row["n"], deadline=row["first"]))
    waiting = (
        Assignment.objects.visible_to(user)
        .filter(status=Assignment.Status.OPEN, result="", project__phase=Phase.EXECUTION)
        .values("project_id", "project__name")
        .annotate(n=Count("pk"), first=Min("planned_date")).order_by("project__name")
    )
    for row in waiting:
        found.append(Task("control_result", _("Uitkomst van controles vastleggen"),
                          reverse("casetable:assignments", args=[row["project_id"]]), row["project__name"],
                          count=row["n"], deadline=row["first"]))
    return found
