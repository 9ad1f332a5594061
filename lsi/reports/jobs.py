"""Requesting a report: one job per report at a time, made by a task after the commit.

Requesting the same report while one is queued or running returns that job instead of
starting a second. The PDF is made by ``files.make_report`` (through ``tasks.render_report``).
"""
from django.db import transaction
from django.utils.translation import gettext_noop

from projects.history import save_with
from projects.refusals import Refused

from . import tasks
from .models import ReportJob
from .querysets import report_problem, with_plan_warnings


class ReportRefused(Refused):
    """A report this user may not request."""


def request_report(user, kind: str, *, project=None, year=None, project_type="",
                   subject="") -> tuple[ReportJob, bool]:
    """Queue a report; returns (job, created). The task starts after the transaction commits."""
    if problem := report_problem(user, kind, project):
        raise ReportRefused(problem)
    key = {"kind": kind, "project": project, "year": year, "project_type": project_type or "",
           "subject": subject,
           "whole_plan": kind == ReportJob.Kind.PROJECT and with_plan_warnings(user, project)}
    with transaction.atomic():
        running = ReportJob.objects.select_for_update().filter(
            **key, status__in=ReportJob.ACTIVE).first()
        if running is not None:
            return running, False
        job = save_with(ReportJob(**key, requested_by=user), user, gettext_noop("Rapportage aangevraagd"))
        transaction.on_commit(lambda: tasks.render_report.delay(job.pk))
    return job, True
