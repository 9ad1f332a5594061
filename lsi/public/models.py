"""A publication: the public snapshot of a project at the moment it was published. The public
pages read only these snapshots, never the project itself: what is public is exactly what was
previewed and published, until it is published again or withdrawn."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Project


class PublicationQuerySet(models.QuerySet):
    def public(self):
        """The current publication of every published project (the latest, not withdrawn)."""
        latest = (self.model.objects.filter(project_id=models.OuterRef("project_id"))
                  .order_by("-published_at", "-pk").values("pk")[:1])
        return self.filter(pk=models.Subquery(latest), withdrawn_at__isnull=True)


class Publication(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="publications",
                                verbose_name=_("project"))
    snapshot = models.JSONField(_("openbare inhoud"))
    summary = models.TextField(_("samenvatting in gewone taal"), max_length=3000)
    letter_date = models.DateField(_("datum bewonersbrief"), null=True, blank=True)
    letter_text = models.TextField(_("tekst bewonersbrief"), max_length=10000, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("gepubliceerd door"))
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+", verbose_name=_("ingetrokken door"))
    withdraw_reason = models.TextField(_("reden van intrekken"), max_length=2000, blank=True)
    history = HistoricalRecords()

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
