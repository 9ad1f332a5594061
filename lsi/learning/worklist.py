"""Mijn taken of the evaluation: projects in afronding whose evaluation this user writes
(``evaluation.evaluation_problem``) and that is not yet complete."""
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.models import Project
from projects.phases import Phase
from projects.worklist import Task

from .evaluation import evaluation_problem


def tasks(user) -> list[Task]:
    projects = (Project.objects.visible_to(user).filter(phase=Phase.COMPLETION)
                .exclude(evaluation__completed_at__isnull=False).order_by("name"))
    return [Task("evaluation", _("Evaluatie schrijven en afronden"),
                 reverse("learning:evaluation", args=[project.pk]), project.name)
            for project in projects if evaluation_problem(user, project) is None]
