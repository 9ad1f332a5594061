"""A knelpunt: what is stuck in a project (or in the LSI as a whole), who owns it, at which level
it is handled, and the answer back. No personal data (the service refuses addresses)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import EscalationFlag, Project
from projects.querysets import project_grants


class Level(models.TextChoices):
    COORDINATOR = "coordinator", _("Coördinator")
    PREPARATION = "voorbereidingsgroep", _("Voorbereidingsgroep")
    STEERING = "stuurgroep", _("Stuurgroep")


LEVELS = list(Level)


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    SOLVED = "opgelost", _("Opgelost")
    UNSOLVABLE = "niet_op_te_lossen", _("Niet op te lossen")


CLOSED = {Status.SOLVED, Status.UNSOLVABLE}


class KnelpuntQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coördinator and stuurgroep: all. The projectleider and the partners of a project: that
        project's knelpunten (and those of the LSI as a whole). Nobody else."""
        if not user.is_authenticated:
            return self.none()
        if user.steers_programme:
            return self.all()
        grants = project_grants(user)
        projects = set(grants.led) | set(grants.taking_part)
        if not user.is_partner_user:
            return self.none()
        return self.filter(Q(project_id__in=projects) | Q(project__isnull=True))

    def unresolved(self):
        return self.exclude(status__in=CLOSED)


class Knelpunt(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="knelpunten", verbose_name=_("project"),
                                help_text=_("Leeg: een knelpunt van de LSI als geheel."))
    title = models.CharField(_("wat zit vast"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=3000, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+", verbose_name=_("gemeld door"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("eigenaar"))
    level = models.CharField(_("niveau"), max_length=30, choices=Level.choices, default=Level.COORDINATOR)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.OPEN)
    due_date = models.DateField(_("uiterste datum"), null=True, blank=True)
    answer = models.TextField(_("antwoord aan het project"), max_length=3000, blank=True)
    escalation_flag = models.OneToOneField(EscalationFlag, on_delete=models.SET_NULL, null=True,
                                           blank=True, related_name="knelpunt", editable=False)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    history = HistoricalRecords()

    objects = KnelpuntQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("coordination:detail", args=[self.pk])

    @property
    def age_days(self) -> int:
        return (timezone.now() - self.created_at).days
