"""The evaluation of a project and the lessons register. No personal data in either: the
services refuse text that looks like an address (postcode + house number)."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Partner, Project

from .querysets import EvaluationQuerySet, LessonQuerySet


class Bottleneck(models.TextChoices):
    CAPACITY = "capaciteit", _("Capaciteit")
    DATA_SHARING = "gegevensdeling", _("Gegevensdeling")
    PLANNING = "planning", _("Planning")
    PRIVACY = "privacy", _("Privacy")
    COOPERATION = "samenwerking", _("Samenwerking")
    CARE = "zorg", _("Zorg")


class Evaluation(models.Model):
    """What a project achieved and learned; required before it can be closed."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="evaluation",
                                   verbose_name=_("project"))
    what_worked = models.TextField(_("wat werkte"), max_length=5000, blank=True)
    what_did_not = models.TextField(_("wat werkte niet"), max_length=5000, blank=True)
    bottlenecks = models.JSONField(_("knelpunten"), default=list, blank=True)
    follow_up = models.TextField(_("vervolg op projectniveau"), max_length=5000, blank=True,
                                 help_text=_("Bijvoorbeeld een beleidswijziging of een nieuwe werkwijze."))
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+", verbose_name=_("afgerond door"))
    history = HistoricalRecords()

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")

    def __str__(self) -> str:
        return str(_("Evaluatie van %(project)s") % {"project": self.project.name})


class GoalAssessment(models.Model):
    class Achieved(models.TextChoices):
        YES = "ja", _("Ja")
        PARTLY = "deels", _("Deels")
        NO = "nee", _("Nee")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="goals")
    goal = models.CharField(_("doel"), max_length=500)
    achieved = models.CharField(_("bereikt"), max_length=10, choices=Achieved.choices)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")


class Satisfaction(models.Model):
    """Each partner's own satisfaction with the project, entered by that partner."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="satisfaction")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("partner"))
    score = models.PositiveSmallIntegerField(_("tevredenheid (1-5)"))
    remark = models.TextField(_("opmerking"), max_length=2000, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("ingevuld door"))
    entered_at = models.DateTimeField(_("ingevuld op"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "partner"],
                                               name="one_score_per_partner")]
        verbose_name = _("tevredenheid")
        verbose_name_plural = _("tevredenheid")


class Lesson(models.Model):
    """A lesson for other projects: searchable by every signed-in user."""

    class Status(models.TextChoices):
        PROPOSED = "voorgesteld", _("Voorgesteld")
        ADOPTED = "verwerkt", _("Verwerkt in het format")
        REJECTED = "afgewezen", _("Afgewezen")

    text = models.TextField(_("les"), max_length=5000)
    theme = models.CharField(_("thema"), max_length=100)
    project_type = models.CharField(_("projecttype"), max_length=30, blank=True,
                                    choices=Project._meta.get_field("project_type").choices)
    format = models.CharField(_("format"), max_length=30, blank=True,
                              choices=Project._meta.get_field("format").choices)
    # Stored as ",label,label," so that one label is found with a plain substring match.
    tags = models.CharField(_("labels"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("eigenaar"))
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="lessons", verbose_name=_("project"))
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    hidden = models.BooleanField(_("verborgen door de FG"), default=False)
    history = HistoricalRecords()

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]
