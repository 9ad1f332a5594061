"""Making a report's PDF (the body of its task) and cleaning up old report files.

Both run through the one file-job machine (``projects.filejobs``): statuses, retries, the guarded
private path. A report whose requester may no longer see it is not made.
"""
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects import filejobs, notifications
from projects.history import delete_with
from projects.pdf import render_pdf

from . import figures
from .models import ReportJob
from .querysets import report_problem, with_plan_warnings


def context_for(job: ReportJob) -> tuple[str, dict]:
    if job.kind == ReportJob.Kind.STEERING:
        return "pdf/steering_report.html", figures.steering_report(job.year, job.project_type)
    if job.kind == ReportJob.Kind.ANNEX:
        return "pdf/project_annex.html", figures.project_annex(job.project)
    if job.kind == ReportJob.Kind.SUBJECT_ACCESS:
        return "pdf/subject_access.html", figures.subject_access(job.subject)
    if job.kind == ReportJob.Kind.REGISTER:
        return "pdf/register.html", figures.processing_register(job.project)
    return "pdf/project_report.html", figures.project_report(job.project, with_warnings=job.whole_plan)


def _refused(job: ReportJob) -> str | None:
    """Why the requester may no longer have this PDF: the report's own rule, and for the version
    with the plan's warnings, still seeing the whole plan."""
    if problem := report_problem(job.requested_by, job.kind, job.project):
        return problem
    if job.whole_plan and not with_plan_warnings(job.requested_by, job.project):
        return _("U ziet het hele plan niet meer; de rapportage met de waarschuwingen wordt niet gemaakt.")
    return None


def _render(job: ReportJob) -> bytes:
    template, context = context_for(job)
    return render_pdf(template, context)


def make_report(job_id: int) -> ReportJob:
    """Render the PDF of a job and store it privately. The body of the Celery task."""
    return filejobs.run(
        ReportJob, job_id,
        refused=_refused,
        render=_render, relative_name=lambda job: f"reports/{job.pk}.pdf", on_done=_announce)


def _announce(job: ReportJob) -> None:
    """The requester hears that the PDF is ready (an outbox row in the job's transaction)."""
    notifications.notify("report_ready", [job.requested_by], project=job.project, by=job.requested_by,
                         link=reverse("reports:job_download", args=[job.pk]))


def clean_up(now=None) -> int:
    """Remove report files and jobs older than LSI_REPORT_KEEP_DAYS. Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.LSI_REPORT_KEEP_DAYS)
    removed = 0
    for job in ReportJob.objects.filter(requested_at__lt=cutoff).exclude(status__in=ReportJob.ACTIVE):
        job.remove_file()
        delete_with(job, None, gettext_noop("Verlopen rapportage opgeruimd"))
        removed += 1
    return removed
