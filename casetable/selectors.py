"""Reads for the casustafel screens. The caller has already scoped the object to the user
(``visible_to``); these only gather what a screen shows."""
from django.db.models import Count, Q

from projects.models import Category, Partner, Project
from signals.models import Signal

from . import closing
from .models import CaseItem, CaseTableSession
from .rules import deliberation_problem


def participating_partners(project: Project):
    return Partner.objects.filter(participations__project=project).order_by("code")


def project_categories(project: Project):
    return Category.objects.filter(participations__project=project).distinct().order_by("name")


def sessions(project: Project):
    return (
        CaseTableSession.objects.filter(project=project)
        .annotate(item_count=Count("items", distinct=True),
                  decided_count=Count("items", filter=Q(items__decision__isnull=False), distinct=True))
        .prefetch_related("present")
        .order_by("held_on", "pk")
    )


def overview(user, project: Project) -> dict:
    exit_rule = closing.EXITS.get(project.phase)
    return {
        "sessions": sessions(project),
        "undecided": closing.undecided_items(project).count(),
        "without_result": closing.assignments_without_result(project).count(),
        "item_count": CaseItem.objects.filter(project=project).count(),
        "may_deliberate": deliberation_problem(user, project) is None,
        # Why this phase cannot be closed now: shown instead of the button (the same check
        # the lifecycle runs when it is closed).
        "close_problem": exit_rule.problem(project) if exit_rule else None,
    }


def session_items(session: CaseTableSession) -> list[CaseItem]:
    items = list(
        session.items.select_related("decision").annotate(test_count=Count("tests")).order_by("address_key")
    )
    active = dict(
        Signal.objects.filter(project_id=session.project_id, status=Signal.Status.ACTIVE,
                              address_key__in=[i.address_key for i in items])
        .values_list("address_key").annotate(n=Count("id")).values_list("address_key", "n")
    )
    for item in items:
        item.active_count = active.get(item.address_key, 0)
    return items
