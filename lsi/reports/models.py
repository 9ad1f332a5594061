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
    # A voortgangsrapportage made for whoever sees the whole plan (projectleider, coördinator,
    # stuurgroep) holds the plan's warnings about each partner's capacity; only they get it.
    whole_plan = models.BooleanField(_("met de waarschuwingen bij het plan"), default=False,
                                     editable=False)
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


class ProcessingPurpose(models.Model):
    """A purpose of the processing in the verwerkingsregister (art. 30 AVG), each with its own
    legal basis, maintained by the privacy officer (with history). Enforcement rests on art. 64
    Wet SUWI; care and help with niet-gebruik do not (that article's purpose does not cover them)
    and need their own basis and, for further use of signal data, an art. 6 lid 4 AVG assessment."""

    key = models.SlugField(_("sleutel"), max_length=40, unique=True, editable=False)
    name = models.CharField(_("doel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=2000)
    legal_basis = models.TextField(_("grondslag"), max_length=2000)
    further_use = models.BooleanField(
        _("verdere verwerking"), default=False,
        help_text=_("Gegevens die voor een ander doel zijn verzameld, worden hiervoor verder verwerkt."))
    compatibility_assessment = models.TextField(
        _("toets verenigbaarheid (artikel 6 lid 4 AVG)"), max_length=5000, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("doel van de verwerking")
        verbose_name_plural = _("doelen van de verwerking")

    def __str__(self) -> str:
        return self.name

    @property
    def assessment_missing(self) -> bool:
        return self.further_use and not self.compatibility_assessment.strip()
