"""Capacity pledges ("capaciteitstoezeggingen") and partner-wide suspensions ("opschortingen").

No personal data: hours and a description of expertise per partner. Written by ``pledges.py``
and ``suspensions.py``; reads that depend on the user go through ``querysets.py``.
"""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Partner, User

from .querysets import PledgeQuerySet, SuspensionQuerySet


class CapacityPledge(models.Model):
    """The hours a partner makes available for LSI work in one year, or in one quarter of it,
    with the expertise it offers. A quarter's own pledge counts for that quarter; otherwise a
    quarter of the year's pledge does."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="capacity_pledges",
                                verbose_name=_("partner"))
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(
        _("kwartaal"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Leeg: de toezegging geldt voor het hele jaar."))
    hours = models.PositiveIntegerField(_("uren"), validators=[MaxValueValidator(1_000_000)])
    expertise = models.TextField(_("expertise"), blank=True, max_length=2000)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("vastgelegd door"))
    updated_at = models.DateTimeField(_("vastgelegd op"), auto_now=True)
    history = HistoricalRecords()

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "year", "quarter"]
        verbose_name = _("capaciteitstoezegging")
        verbose_name_plural = _("capaciteitstoezeggingen")
        constraints = [
            models.UniqueConstraint(fields=["partner", "year", "quarter"], name="one_pledge_per_quarter"),
            models.UniqueConstraint(fields=["partner", "year"], condition=Q(quarter__isnull=True),
                                    name="one_pledge_per_year"),
        ]

    def __str__(self) -> str:
        period = f"{self.year} K{self.quarter}" if self.quarter else str(self.year)
        return f"{self.partner.name}, {period}: {self.hours}"

    @property
    def period_label(self) -> str:
        return f"{self.year} K{self.quarter}" if self.quarter else str(self.year)


class Suspension(models.Model):
    """A partner suspends all its LSI work (as the Belastingdienst and Toeslagen did in 2022):
    recorded by the coördinator with a reason and a date, lifted with a date."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="suspensions",
                                verbose_name=_("partner"))
    starts_on = models.DateField(_("opgeschort vanaf"))
    reason = models.TextField(_("reden"), max_length=2000)
    ends_on = models.DateField(_("opgeheven op"), null=True, blank=True)
    end_reason = models.TextField(_("reden van opheffen"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("vastgelegd door"))
    history = HistoricalRecords()

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")

    def __str__(self) -> str:
        return f"{self.partner.name} ({self.starts_on:%d-%m-%Y})"

    @property
    def is_current(self) -> bool:
        return self.ends_on is None
