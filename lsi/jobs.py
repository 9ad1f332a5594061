"""Report jobs: requesting a report, making it (in a Celery task) and cleaning up old files.

Requesting the same report while one is queued or running returns that job instead of
starting a second. Making a report is idempotent: a finished job is left as it is; a job
whose worker died is made again when the task is redelivered (acks_late).
"""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.history import attribute, save_with
from projects.pdf import render_pdf
from projects.refusals import Refused
from projects.roles import is_lead

from . import reports
from .models import ReportJob
from .querysets import may_see_project_report, may_see_steering_report


class ReportRefused(Refused):
    """A report this user may not request."""


def may_request(user, kind: str, project=None) -> bool:
    if kind == ReportJob.Kind.STEERING:
        return may_see_steering_report(user)
    if kind == ReportJob.Kind.SUBJECT_ACCESS:
        return user.is_authenticated and user.is_privacy_officer
    if project is None:
        return False
    if kind == ReportJob.Kind.ANNEX:
        return is_lead(user, project)
    if kind == ReportJob.Kind.REGISTER:
        from projects.models import Project

        return Project.objects.visible_to(user).filter(pk=project.pk).exists()
    return may_see_project_report(user, project)


def request_report(user, kind: str, *, project=None, year=None, project_type="",
                   subject="") -> tuple[ReportJob, bool]:
    """Queue a report; returns (job, created). The task starts after the transaction commits."""
    if not may_request(user, kind, project):
        raise ReportRefused(_("U kunt deze rapportage niet aanvragen."))
    from . import tasks

    key = {"kind": kind, "project": project, "year": year, "project_type": project_type or "",
           "subject": subject}
    with transaction.atomic():
        running = ReportJob.objects.select_for_update().filter(
            **key, status__in=ReportJob.ACTIVE).first()
        if running is not None:
            return running, False
        job = ReportJob(**key, requested_by=user)
        save_with(job, user)
        transaction.on_commit(lambda: tasks.render_report.delay(job.pk))
    return job, True


def _progress(job: ReportJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def context_for(job: ReportJob) -> tuple[str, dict]:
    if job.kind == ReportJob.Kind.STEERING:
        return "pdf/steering_report.html", reports.steering_report(job.year, job.project_type)
    if job.kind == ReportJob.Kind.ANNEX:
        return "pdf/project_annex.html", reports.project_annex(job.project)
    if job.kind == ReportJob.Kind.SUBJECT_ACCESS:
        return "pdf/subject_access.html", reports.subject_access(job.subject)
    if job.kind == ReportJob.Kind.REGISTER:
        return "pdf/register.html", reports.processing_register(job.project)
    return "pdf/project_report.html", reports.project_report(job.project)


def make_report(job_id: int) -> ReportJob:
    """Render the PDF of a job and store it privately. The body of the Celery task."""
    job = ReportJob.objects.select_related("project", "requested_by").get(pk=job_id)
    if job.status == ReportJob.Status.DONE:
        return job
    attribute(job, job.requested_by)
    _progress(job, status=ReportJob.Status.RUNNING, started_at=timezone.now(), progress=10,
              attempts=job.attempts + 1, error="")
    template, context = context_for(job)
    _progress(job, progress=50)
    content = render_pdf(template, context)
    folder = settings.PRIVATE_FILES_ROOT / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    file_name = f"{job.pk}.pdf"
    (folder / file_name).write_bytes(content)
    _progress(job, status=ReportJob.Status.DONE, progress=100, file_name=file_name,
              finished_at=timezone.now())
    return job


def mark_failed(job_id: int, error: str) -> None:
    job = ReportJob.objects.get(pk=job_id)
    attribute(job, job.requested_by)
    _progress(job, status=ReportJob.Status.FAILED, error=error[:2000], finished_at=timezone.now())


def clean_up(now=None) -> int:
    """Remove report files and jobs older than LSI_REPORT_KEEP_DAYS. Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.LSI_REPORT_KEEP_DAYS)
    removed = 0
    for job in ReportJob.objects.filter(requested_at__lt=cutoff).exclude(status__in=ReportJob.ACTIVE):
        if job.path and job.path.exists():
            job.path.unlink()
        job._change_reason = "Verlopen rapportage opgeruimd"
        job.delete()
        removed += 1
    return removed
