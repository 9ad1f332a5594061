"""Private files made by a task: one status machine, one retry policy, one guarded path.

A ``FileJob`` row is requested by a user, picked up by a Celery task, and ends as a file in the
database (``PrivateFile``, written in the same transaction as the job's last status, readable
by every web process; never a static file) or as a failure the page explains. The
dossier PDF (casetable) and the report PDFs (lsi.reports) are both file jobs:

    queued → running → done | failed        (a failed or done job is not run again; a job whose
                                               worker died is run again: acks_late)
"""
import hashlib
import io

from django.conf import settings
from django.db import DatabaseError, InterfaceError, models, transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .history import save_with
from .models import PrivateFile

# The one retry policy of every file task: a database or file-system hiccup is retried with
# back-off; anything else (or the last retry) marks the job failed.
RETRY_ON = (DatabaseError, InterfaceError, OSError)
TASK_OPTIONS = {
    "acks_late": True, "reject_on_worker_lost": True, "soft_time_limit": 300, "time_limit": 360,
    "retry_backoff": True, "retry_backoff_max": 120, "max_retries": 5,
}


class Status(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    RUNNING = "bezig", _("Wordt gemaakt")
    DONE = "klaar", _("Klaar")
    FAILED = "mislukt", _("Mislukt")


ACTIVE = (Status.QUEUED, Status.RUNNING)
# Which status may follow which: the status machine.
NEXT = {
    Status.QUEUED: {Status.RUNNING, Status.FAILED},
    Status.RUNNING: {Status.RUNNING, Status.DONE, Status.FAILED},  # running again: a redelivery
    Status.DONE: set(),
    Status.FAILED: set(),
}


class FileJob(models.Model):
    """What every file job keeps: who asked, when, how it went, and where the file is."""

    Status = Status
    ACTIVE = ACTIVE

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    def _stored(self):
        if not self.file_name:
            return PrivateFile.objects.none()
        return PrivateFile.objects.filter(name=self.file_name)

    def has_file(self) -> bool:
        return self.status == Status.DONE and self._stored().exists()

    def read_file(self) -> bytes | None:
        """The file's bytes, or None when it is not (or no longer) there."""
        data = self._stored().values_list("data", flat=True).first()
        return None if data is None else bytes(data)

    def remove_file(self) -> None:
        self._stored().delete()


def move(job: FileJob, status: str, reason: str, **fields) -> FileJob:
    """The one writer of a job's status: refuses a step the status machine does not have."""
    if status not in NEXT[Status(job.status)]:
        raise ValueError(f"file job {job.pk}: {job.status} → {status} is not a step")
    for name, value in fields.items():
        setattr(job, name, value)
    job.status = status
    return save_with(job, job.requested_by, reason)


def run(model, job_id: int, *, refused, render, relative_name, on_done=None) -> FileJob:
    """The task body of every file job. ``refused(job)``: why the requester may no longer have
    the file (or None); ``render(job)``: the file's bytes; ``relative_name(job)``: the file's
    unique name; ``on_done(job)``: what to record with the finished job, in the
    same transaction (an access-log entry). Idempotent: a done job keeps its file."""
    with transaction.atomic():
        job = model.objects.select_for_update(of=("self",)).get(pk=job_id)
        if job.has_file() or job.status == Status.FAILED:
            return job
        if problem := refused(job):
            return move(job, Status.FAILED, "Geen toegang", error=str(problem), finished_at=timezone.now())
        move(job, Status.RUNNING, "Wordt gemaakt", started_at=timezone.now(), progress=10,
             attempts=job.attempts + 1, error="")
    data = render(job)
    name = relative_name(job)
    digest = hashlib.sha256(data).hexdigest()
    # The file and the job's last status in one transaction: a worker that dies before the
    # commit leaves neither, and the redelivered job makes the file again (replacing nothing).
    with transaction.atomic():
        job = model.objects.select_for_update(of=("self",)).get(pk=job_id)
        if job.has_file() or job.status == Status.FAILED:
            return job  # another worker finished it meanwhile
        PrivateFile.objects.update_or_create(
            name=name, defaults={"data": data, "size": len(data), "sha256": digest,
                                 "created_at": timezone.now()})
        move(job, Status.DONE, "Gemaakt", progress=100, file_name=name, size=len(data),
             sha256=digest, finished_at=timezone.now())
        if on_done is not None:
            on_done(job)
    return job


def fail(model, job_id: int, error: str) -> None:
    """Mark a job failed after its last try (the task's own error, for the administrator)."""
    with transaction.atomic():
        job = model.objects.select_for_update(of=("self",)).get(pk=job_id)
        if job.status in ACTIVE:
            move(job, Status.FAILED, "Mislukt", error=error[:2000], finished_at=timezone.now())


def run_task(task, model, job_id: int, body) -> str:
    """What a file task does: skip a job that is gone, retry a hiccup, mark the rest failed."""
    try:
        if not model.objects.filter(pk=job_id).exists():
            return "ontbreekt"  # removed (cleaned up) before the task ran
        return body(job_id).status
    except Exception as error:
        if isinstance(error, RETRY_ON) and task.request.retries < task.max_retries:
            # 5 s, 10 s, 20 s … (at most a minute), not Celery's default three minutes.
            raise task.retry(exc=error, countdown=min(60, 5 * 2 ** task.request.retries)) from error
        fail(model, job_id, f"{type(error).__name__}: {error}")
        return Status.FAILED


def download(job: FileJob, filename: str) -> FileResponse:
    """The finished file as a download (never cached); a 404 when it is not (or no longer) there."""
    data = job.read_file() if job.status == Status.DONE else None
    if data is None:
        raise Http404
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=filename,
                            content_type="application/pdf")
    response["Cache-Control"] = "no-store"
    return response
