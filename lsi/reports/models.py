"""Report jobs: a report requested by a user, made by a Celery task, kept privately."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.filejobs import FileJob
from projects.models import Project

from .querysets import ReportJobQuerySet, ReportKind


class ReportJob(FileJob):
    """A report requested by a user, made as a private PDF by a task (``projects.filejobs``)."""

    Kind = ReportKind

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="report_jobs")
    year = models.PositiveIntegerField(_("jaar"), null=True, blank=True)
    project_type = models.CharField(_("type"), max_length=20, blank=True)
    subject = models.CharField(_("adressleutel (inzage)"), max_length=40, blank=True)
    history = HistoricalRecords()

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("rapportage-opdracht")
        verbose_name_plural = _("rapportage-opdrachten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def download_name(self) -> str:
        if self.subject:
            return f"{self.kind}-{self.subject}.pdf"
        subject = f"project-{self.project_id}" if self.project_id else f"{self.year or 'alle'}"
        return f"{self.kind}-{subject}.pdf"
