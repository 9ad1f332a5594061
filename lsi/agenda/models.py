"""The uitvoeringsagenda of the LSI, the theme of a project and the interesseverkenning.

No personal data in any of it: the agenda holds aims and figures, a theme is a name, and the
interesseverkenning keeps a partner's *count* of addresses, never the addresses.
Writes go through ``agendas.py`` and ``interest.py``; reads that depend on the user through
``querysets.py``.
"""
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Body, Partner, Project

from .querysets import AgendaQuerySet, InterestQuestionQuerySet

# An agenda covers at most this many years (a meerjarige agenda, not a wish list).
MAX_SPAN_YEARS = 10


class Agenda(models.Model):
    """Uitvoeringsagenda: what the LSI means to do over a span of years."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        ADOPTED = "vastgesteld", _("Vastgesteld")

    title = models.CharField(_("titel"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("eerste jaar"))
    last_year = models.PositiveSmallIntegerField(_("laatste jaar"))
    summary = models.TextField(_("samenvatting"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.CONCEPT, editable=False)
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True, editable=False)
    adopted_reference = models.CharField(_("kenmerk van het besluit"), max_length=100, blank=True,
                                         editable=False)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", editable=False,
                                   verbose_name=_("vastgelegd door"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", editable=False, verbose_name=_("opgesteld door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AgendaQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year", "-pk"]
        verbose_name = _("uitvoeringsagenda")
        verbose_name_plural = _("uitvoeringsagenda's")
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")), name="agenda_years_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.first_year}–{self.last_year})"

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED


class Theme(models.Model):
    """A theme of the agenda (for example schijnzelfstandigheid), in plain words."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("beschrijving in gewone taal"), max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [models.UniqueConstraint(fields=["agenda", "name"], name="one_theme_name_per_agenda")]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    """Which step of a project a target counts: a plan approved, a project started (signal
    intake or, for a KIP, the work begun), or a project closed."""

    APPROVED = "goedgekeurd", _("Goedgekeurd")
    STARTED = "gestart", _("Gestart")
    CLOSED = "afgesloten", _("Afgesloten")


class Target(models.Model):
    """A target for one year: a number of projects (of a type, format, region or theme, at a
    stage), a number of learning activities, or the capacity in hours (a plain figure)."""

    class Kind(models.TextChoices):
        PROJECTS = "projecten", _("Aantal projecten")
        LEARNING = "leren", _("Leeractiviteiten (afgeronde evaluaties)")
        CAPACITY = "capaciteit", _("Capaciteit (uren)")

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("jaar"))
    kind = models.CharField(_("soort doel"), max_length=20, choices=Kind.choices, default=Kind.PROJECTS)
    stage = models.CharField(_("telt projecten die"), max_length=20, choices=Stage.choices,
                             default=Stage.STARTED, blank=True)
    project_type = models.CharField(_("type"), max_length=20, blank=True, choices=Project.Type.choices)
    format = models.CharField(_("format"), max_length=20, blank=True, choices=Project.Format.choices)
    region = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               limit_choices_to={"kind": Body.Kind.REGIONAL}, verbose_name=_("regio (RPF)"))
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="targets", verbose_name=_("thema"))
    number = models.PositiveIntegerField(_("doel (aantal)"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "-kind", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return f"{self.year}: {self.label}"

    @cached_property
    def label(self) -> str:
        """The target in words: "Gebiedsgericht · WGA · RPF Oost · gestart" (worked out once per
        object: the progress page shows it in its chart and in its tables)."""
        if self.kind != self.Kind.PROJECTS:
            return str(self.Kind(self.kind).label)
        parts = [Project.Type(self.project_type).label if self.project_type else "",
                 Project.Format(self.format).label if self.format else "",
                 self.region.name if self.region_id else "", self.theme.name if self.theme_id else ""]
        words = " · ".join(str(part) for part in parts if part) or _("Alle projecten")
        return f"{words} · {str(Stage(self.stage).label).lower()}"


class Risk(models.Model):
    """A risk to the agenda, with the measures against it and its escalation route."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField(_("risico"), max_length=2000)
    measures = models.TextField(_("maatregelen"), max_length=2000)
    escalation_route = models.TextField(_("escalatieroute"), max_length=1000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")

    def __str__(self) -> str:
        return self.description[:80]


class ProjectTheme(models.Model):
    """The agenda theme a project works on, set by its projectleider on the plan. Kept here,
    on the programme's side, because the projects app knows nothing of the agenda."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="agenda_theme",
                                   verbose_name=_("project"))
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="projects",
                              verbose_name=_("thema"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thema van een project")
        verbose_name_plural = _("thema's van projecten")


class InterestQuestion(models.Model):
    """Interesseverkenning: the projectleider asks a partner how many addresses in the plan's area
    might interest it, before it joins. The partner answers with a *count* or declines; the
    addresses themselves never leave the partner."""

    class Status(models.TextChoices):
        OPEN = "open", _("Gevraagd")
        ANSWERED = "beantwoord", _("Beantwoord")
        DECLINED = "afgeslagen", _("Afgeslagen")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interest_questions",
                                verbose_name=_("project"))
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("partner"))
    message = models.TextField(_("toelichting bij de vraag"), max_length=2000, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("gevraagd door"))
    asked_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    address_count = models.PositiveIntegerField(_("aantal mogelijk interessante adressen"), null=True,
                                                blank=True)
    decline_reason = models.TextField(_("reden van afslaan"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+", verbose_name=_("beantwoord door"))
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    history = HistoricalRecords()

    objects = InterestQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["project", "partner__name"]
        verbose_name = _("interesseverkenning")
        verbose_name_plural = _("interesseverkenningen")
        constraints = [
            models.UniqueConstraint(fields=["project", "partner"], name="one_interest_question_per_partner"),
        ]

    def __str__(self) -> str:
        return f"{self.partner.code} · {self.project}"
