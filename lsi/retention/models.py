"""Retention: legal holds, what each purge removed (counts only) and the figures frozen before it."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Project

User = settings.AUTH_USER_MODEL


class LegalHoldQuerySet(models.QuerySet):
    def in_force(self):
        """The holds not lifted: while one is in force, the project's personal data stays."""
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    """A documented legal hold: while it is in force, the project's personal data is not purged."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField(_("reden"), max_length=2000)
    placed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(_("reden opheffing"), blank=True, max_length=2000)
    history = HistoricalRecords()

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at"]
        verbose_name = _("bewaarplicht (legal hold)")
        verbose_name_plural = _("bewaarplichten (legal hold)")


class PurgeRecord(models.Model):
    """What the retention purge removed from a project: counts only, no personal data."""

    class Scope(models.TextChoices):
        UNSELECTED = "niet_geselecteerd", _("Niet-geselecteerde signalen")
        ALL = "alles", _("Alle persoonsgegevens")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="purges")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    at = models.DateTimeField(default=timezone.now)
    counts = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("verwijdering na bewaartermijn")
        verbose_name_plural = _("verwijderingen na bewaartermijn")


class FrozenFigures(models.Model):
    """The project's figures taken just before personal data is purged, so that reports keep
    showing the right numbers afterwards."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="frozen_figures")
    taken_at = models.DateTimeField(default=timezone.now)
    figures = models.JSONField(default=dict)
    history = HistoricalRecords()
