"""One entry of "Mijn taken": something that waits for this user now.

Each app says which of its own tasks wait for a user (``tasks(user)`` in its selectors, scoped by
the same ``visible_to`` and predicates as the page the task links to); the start page gathers
them. A task counts what waits (``count``, or None when there is nothing to count) and names its
deadline when there is one."""
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from . import lifecycle
from .models import Body, Participation, Project
from .phases import Phase


@dataclass(frozen=True)
class Task:
    kind: str          # what kind of task, stable (for tests and styling)
    label: str         # what to do, in the reader's language
    url: str           # the page where it is done
    project_name: str
    count: int | None = None
    deadline: date | None = None


def in_order(tasks) -> list[Task]:
    """The nearest deadline first; tasks without one after them, by project and label."""
    return sorted(tasks, key=lambda t: (t.deadline is None, t.deadline or date.max, t.project_name, t.label))


def tasks(user, stalled_projects=()) -> list[Task]:
    """Mijn taken of the project screens: readiness to confirm (the partner's users), plans that
    wait for a decision this user records (``lifecycle.may_record_decision``), and the projects
    that stand still (stuurgroep and coördinator, ``stalled_projects`` from the start page)."""
    found = []
    visible = Project.objects.visible_to(user)
    if user.is_partner_user:
        # The participations the project page offers "Gereedheid melden" for.
        for participation in (Participation.objects.filter(
                partner_id=user.partner_id, ready_at__isnull=True, project__phase=Phase.APPROVED,
                project__in=visible).select_related("project").order_by("project__name")):
            project = participation.project
            found.append(Task("readiness", _("Gereedheid voor gegevensverwerking melden"),
                              project.get_absolute_url() + "#ready-heading", project.name))
    if user.steers_programme:
        submitted = list(visible.filter(phase=Phase.SUBMITTED).select_related("region").order_by("name"))
        steering = Body.objects.filter(kind=Body.Kind.STEERING).first() if submitted else None
        for project in submitted:
            if lifecycle.may_record_decision(user, project, steering):
                found.append(Task("plan_decision", _("Besluit over het projectplan vastleggen"),
                                  project.get_absolute_url(), project.name))
        if stalled_projects:
            found.append(Task("stalled", _("Projecten die stilstaan bekijken"),
                              reverse("projects:steering"), "", count=len(stalled_projects)))
    return found
