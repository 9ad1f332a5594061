"""Reads for the casustafel screens. The caller has already scoped the object to the user
(``visible_to``); these only gather what a screen shows."""
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, OuterRef, Q
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404

from projects.models import Category, Participation, Partner, Project
from signals.models import Signal

from . import closing, selection
from .models import CaseItem, CaseTableSession
from .rules import deliberation_problem


def flagged_project(user, pk: int) -> Project:
    """The project of the verwonderadressen page, 404 unless the user leads it, with what the
    page's forms offer read along in the same query: N of the selection rule
    (``selection.with_rule``), the participating partners (``partner_list``, by code) and their
    categories (``category_list``, by name)."""
    projects = selection.with_rule(Project.objects.led_by(user))
    if connection.vendor != "postgresql":  # the demo on SQLite: separate reads
        project = get_object_or_404(projects, pk=pk)
        project.partner_list = list(participating_partners(project))
        project.category_list = list(project_categories(project))
        return project
    partners = Partner.objects.filter(participations__project=OuterRef("pk")).order_by("code")
    chosen = Participation.categories.through.objects.filter(
        participation__project=OuterRef(OuterRef("pk"))).values("category_id")
    categories = Category.objects.filter(pk__in=chosen).order_by("name")
    project = get_object_or_404(projects.annotate(
        partner_rows=ArraySubquery(partners.values(row=JSONObject(
            id="pk", code="code", name="name", delivery="delivery"))),
        category_rows=ArraySubquery(categories.values(row=JSONObject(id="pk", code="code", name="name"))),
    ), pk=pk)
    project.partner_list = [Partner(**row) for row in project.partner_rows]
    project.category_list = [Category(**row) for row in project.category_rows]
    return project


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
