"""The casustafel: verwonderadressen, agenda, tests, decisions, controls, debriefing, dossier.

Everything here is for the projectleider of the project only, except the control assignments
(``Assignment``, seen by the users of the executing partner) and the zorgmeldingen
(``CareReferral``, seen by the gemeente of the project). Who sees what is decided in
``querysets.py``; writes go through the service modules (``agenda.py``, ``deliberation.py``,
``controls.py``, ``debriefing.py``, ``closing.py``, ``dossier.py``). Every model keeps its
history (django-simple-history) with the acting user and a reason.
"""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.filejobs import FileJob
from projects.models import Partner, Project
from signals.models import ADDRESS_DISPLAY_MAX_LENGTH, MIN_PARTNERS, Signal

from .querysets import (
    AssignmentQuerySet,
    CareReferralQuerySet,
    InterventionQuerySet,
    LeadOnlyItemQuerySet,
    LeadOnlyProjectQuerySet,
)

MAX_MIN_PARTNERS = 10


def _history(**options) -> HistoricalRecords:
    """History with the acting user and a change reason of any length (a revision's reason is
    kept whole, not cut at simple-history's default 100 characters)."""
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True), **options)


class CaseTableSettings(models.Model):
    """The selection rule of a project: an address is a verwonderadres when active signals of at
    least ``min_partners`` different partners name it (meervoudig belang)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="case_table_settings",
        verbose_name=_("project"),
    )
    min_partners = models.PositiveSmallIntegerField(
        _("minimaal aantal partners"), default=MIN_PARTNERS,
        validators=[MinValueValidator(MIN_PARTNERS), MaxValueValidator(MAX_MIN_PARTNERS)],
    )
    history = _history()

    objects = LeadOnlyProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("selectieregel casustafel")
        verbose_name_plural = _("selectieregels casustafel")

    def __str__(self) -> str:
        return f"{self.project}: {self.min_partners}"


class ExceptionAddress(models.Model):
    """An address the projectleider selected although fewer than N partners signalled it
    (uitzondering). Only with a written reason; marked as an exception wherever it appears."""

    project = models.ForeignKey(Project,
                                verbose_name=_("project"), on_delete=models.CASCADE, related_name="+")
    address_key = models.CharField(_("adressleutel"), max_length=40)
    address_display = models.CharField(_("adres"), max_length=ADDRESS_DISPLAY_MAX_LENGTH)
    partner_count = models.PositiveSmallIntegerField(_("aantal partners bij toevoegen"))
    reason = models.TextField(_("reden voor de uitzondering"), max_length=2000)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("toegevoegd door"))
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    history = _history()

    objects = LeadOnlyProjectQuerySet.as_manager()

    class Meta:
        ordering = ["address_key"]
        verbose_name = _("uitzondering")
        verbose_name_plural = _("uitzonderingen")
        constraints = [
            models.UniqueConstraint(fields=["project", "address_key"], name="one_exception_per_address"),
        ]

    def __str__(self) -> str:
        return self.address_display


class CaseTableSession(models.Model):
    """Een casustafel: the meeting at which the partners discuss the verwonderadressen."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE,
                                related_name="case_table_sessions", verbose_name=_("project"))
    held_on = models.DateField(_("datum"))
    present = models.ManyToManyField(Partner, blank=True, related_name="+",
                                     verbose_name=_("aanwezige partners"))
    notes = models.TextField(_("opmerkingen"), blank=True, max_length=5000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                   verbose_name=_("aangemaakt door"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    history = _history(m2m_fields=[present])

    objects = LeadOnlyProjectQuerySet.as_manager()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("casustafel")
        verbose_name_plural = _("casustafels")

    def __str__(self) -> str:
        return f"{_('Casustafel')} {self.held_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("casetable:session", args=[self.pk])


class CaseItem(models.Model):
    """An agendapunt: one address on the agenda of a casustafel, with the selection rule it met
    when it was put there, the risk check, and (through ``decision``) the current decision.

    ``version`` grows with every change; a form that carries an older version is refused
    (optimistic locking), so nobody overwrites a change they have not seen."""

    project = models.ForeignKey(Project,
                                verbose_name=_("project"), on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(CaseTableSession, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("casustafel"))
    address_key = models.CharField(_("adressleutel"), max_length=40)
    address_display = models.CharField(_("adres"), max_length=ADDRESS_DISPLAY_MAX_LENGTH)
    rule_min_partners = models.PositiveSmallIntegerField(_("selectieregel: minimaal aantal partners"))
    partner_count_at_selection = models.PositiveSmallIntegerField(_("aantal partners bij selectie"))
    partner_codes_at_selection = models.CharField(_("partners bij selectie"), max_length=300)
    is_exception = models.BooleanField(_("uitzondering"), default=False)
    exception_reason = models.TextField(_("reden voor de uitzondering"), blank=True, max_length=2000)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("geagendeerd door"))
    added_at = models.DateTimeField(_("geagendeerd op"), default=timezone.now)
    risk_current = models.BooleanField(_("risico actueel voor twee of meer partners"), null=True)
    risk_note = models.TextField(_("toelichting risico"), blank=True, max_length=2000)
    risk_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                         verbose_name=_("risico vastgelegd door"), on_delete=models.PROTECT,
                                         null=True, blank=True, related_name="+")
    risk_recorded_at = models.DateTimeField(_("risico vastgelegd op"), null=True, blank=True)
    decision = models.ForeignKey("Decision", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("huidig besluit"))
    version = models.PositiveIntegerField(_("versie"), default=1)
    history = _history()

    objects = LeadOnlyProjectQuerySet.as_manager()

    class Meta:
        ordering = ["session", "address_key"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            # Once per session; after the retention purge the key is empty on every item.
            models.UniqueConstraint(fields=["session", "address_key"], condition=~models.Q(address_key=""),
                                    name="address_once_per_session"),
        ]

    def __str__(self) -> str:
        return self.address_display

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("casetable:item", args=[self.pk])

    def signals(self):
        """Every signal of the project on this address (any status), oldest first. Naming every
        status lets the covering index (project, status, address_key, …) find them directly."""
        return Signal.objects.filter(project_id=self.project_id, status__in=Signal.Status.values,
                                     address_key=self.address_key) \
            .select_related("partner", "category", "delivered_by").order_by("pk")

    def active_signals(self):
        """The active signals of the project on this address, oldest first: the ones the
        casustafel tests and decides on."""
        return Signal.objects.filter(project_id=self.project_id, address_key=self.address_key) \
            .active().select_related("partner", "category").order_by("pk")


class SignalTest(models.Model):
    """Step 1: the substantiation test (toetsing van de onderbouwing) of one signal."""

    class Result(models.TextChoices):
        HOLDS = "houdt_stand", _("Houdt stand")
        DOES_NOT_HOLD = "houdt_geen_stand", _("Houdt geen stand")
        UNCLEAR = "onduidelijk", _("Onduidelijk")

    item = models.ForeignKey(CaseItem,
                             verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="tests")
    # RESTRICT: a signal that was tested is not deleted on its own (the accountability record).
    signal = models.ForeignKey(Signal, on_delete=models.RESTRICT, related_name="+",
                               verbose_name=_("signaal"))
    result = models.CharField(_("uitkomst"), max_length=20, choices=Result.choices)
    note = models.TextField(_("toelichting"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                    verbose_name=_("vastgelegd door"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    history = _history()

    objects = LeadOnlyItemQuerySet.as_manager()

    class Meta:
        ordering = ["signal_id"]
        verbose_name = _("toetsing signaal")
        verbose_name_plural = _("toetsingen signalen")
        constraints = [
            models.UniqueConstraint(fields=["item", "signal"], name="one_test_per_signal"),
        ]


class Decision(models.Model):
    """Steps 3-6: what the casustafel decided for an address, why, who executes it, who decided
    and when. Never changed: a revision is a new decision (with its reason) that supersedes it."""

    class Outcome(models.TextChoices):
        NO_ACTION = "geen_actie", _("Geen actie (vermoeden ontkracht)")
        ADMINISTRATIVE = "administratief_onderzoek", _("Administratief onderzoek")
        INVITATION = "uitnodiging_gesprek", _("Uitnodiging voor gesprek")
        DIGITAL_HEARING = "digitaal_horen", _("Digitaal horen")
        OBSERVATION = "waarneming", _("Waarneming ter plaatse")
        HOME_VISIT = "huisbezoek", _("Huisbezoek")

    item = models.ForeignKey(CaseItem,
                             verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("besluit"), max_length=30, choices=Outcome.choices)
    subsidiarity = models.TextField(
        _("lichtere middelen overwogen en waarom die niet volstaan"), blank=True, max_length=5000)
    proportionality = models.TextField(_("waarom de actie proportioneel is"), blank=True,
                                       max_length=5000)
    reasonable_ground = models.TextField(
        _("concrete feiten die een redelijke grond voor het huisbezoek geven"), blank=True,
        max_length=5000)
    executing_partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name=_("uitvoerende partner"))
    second_partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("tweede partner (duo)"))
    planned_date = models.DateField(_("geplande datum"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("besloten door"))
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    revision_reason = models.TextField(_("reden voor herziening"), blank=True, max_length=2000)
    supersedes = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("herziet besluit"))
    history = _history()

    objects = LeadOnlyItemQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return str(self.get_outcome_display())

    @property
    def is_action(self) -> bool:
        return self.outcome != self.Outcome.NO_ACTION

    @property
    def partners(self) -> list[Partner]:
        return [p for p in (self.executing_partner, self.second_partner) if p is not None]


class Assignment(models.Model):
    """A controleopdracht: one executing partner's part of a decision.

    The partner's users see only ``address_display``, ``action``, ``planned_date`` and
    ``duo_partner``, and record the result; nothing else of the casustafel."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CANCELLED = "vervallen", _("Vervallen")

    class Result(models.TextChoices):
        CARRIED_OUT = "uitgevoerd", _("Uitgevoerd")
        NOBODY_HOME = "niemand_thuis", _("Niemand thuis")
        NO_CONSENT = "geen_toestemming", _("Geen toestemming")
        NOT_CARRIED_OUT = "niet_uitgevoerd", _("Niet uitgevoerd")

    project = models.ForeignKey(Project,
                                verbose_name=_("project"), on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(CaseItem,
                             verbose_name=_("agendapunt"), on_delete=models.CASCADE,
                             related_name="assignments")
    decision = models.ForeignKey(Decision,
                                 verbose_name=_("besluit"), on_delete=models.CASCADE,
                                 related_name="assignments")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("partner"))
    duo_partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("duopartner"))
    address_display = models.CharField(_("adres"), max_length=ADDRESS_DISPLAY_MAX_LENGTH)
    action = models.CharField(_("actie"), max_length=30, choices=Decision.Outcome.choices)
    planned_date = models.DateField(_("geplande datum"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)
    cancelled_reason = models.TextField(_("reden vervallen"), blank=True, max_length=2000)
    result = models.CharField(_("uitkomst"), max_length=20, choices=Result.choices, blank=True)
    result_reason = models.TextField(_("reden niet uitgevoerd"), blank=True, max_length=2000)
    rights_informed = models.BooleanField(_("bewoners geïnformeerd over hun rechten"), null=True)
    consent = models.BooleanField(_("toestemming gegeven"), null=True)
    findings = models.TextField(_("bevindingen"), blank=True, max_length=5000)
    result_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+", verbose_name=_("vastgelegd door"))
    result_at = models.DateTimeField(_("vastgelegd op"), null=True, blank=True)
    # When the executing partner was told that the result is due (``controls.remind_due_results``):
    # once per assignment.
    result_due_notified_at = models.DateTimeField(_("herinnering uitkomst verstuurd op"), null=True,
                                                  blank=True)
    history = _history()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["planned_date", "pk"]
        verbose_name = _("controleopdracht")
        verbose_name_plural = _("controleopdrachten")

    def __str__(self) -> str:
        return f"{self.address_display} – {self.get_action_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("casetable:assignment", args=[self.pk])

    @property
    def has_result(self) -> bool:
        return bool(self.result)


class OutcomeStatus(models.TextChoices):
    OPEN = "lopend", _("Lopend")
    DONE = "afgerond", _("Afgerond")


class OutcomeCategory(models.TextChoices):
    # handhavingstraject
    NO_IRREGULARITY = "geen_onrechtmatigheid", _("Geen onrechtmatigheid")
    REVISION = "herziening_zonder_sanctie", _("Herziening zonder sanctie")
    WARNING = "waarschuwing", _("Waarschuwing")
    FINE = "boete", _("Boete")
    CONDITIONAL_FINE = "voorwaardelijke_boete", _("Voorwaardelijke boete")
    RECOVERY = "terugvordering", _("Terugvordering")
    ENDED = "beeindiging", _("Beëindiging of stopzetting van een uitkering of toeslag")
    CRIMINAL = "strafrechtelijk", _("Strafrechtelijk traject")
    OTHER = "anders", _("Anders")
    # correctie BRP
    BRP_CORRECTED = "brp_gecorrigeerd", _("BRP gecorrigeerd")
    BRP_NOT_CORRECTED = "brp_niet_gecorrigeerd", _("BRP niet gecorrigeerd")
    # hulp bij niet-gebruik
    APPLIED = "aanvraag_gedaan", _("Aanvraag gedaan")
    GRANTED = "toegekend", _("Toegekend")
    NOT_APPLIED = "geen_aanvraag", _("Geen aanvraag")


OUTCOMES_BY_KIND = {
    "handhavingstraject": [
        OutcomeCategory.NO_IRREGULARITY, OutcomeCategory.REVISION, OutcomeCategory.WARNING,
        OutcomeCategory.FINE, OutcomeCategory.CONDITIONAL_FINE, OutcomeCategory.RECOVERY,
        OutcomeCategory.ENDED, OutcomeCategory.CRIMINAL, OutcomeCategory.OTHER],
    "brp_correctie": [OutcomeCategory.BRP_CORRECTED, OutcomeCategory.BRP_NOT_CORRECTED],
    "niet_gebruik": [OutcomeCategory.APPLIED, OutcomeCategory.GRANTED, OutcomeCategory.NOT_APPLIED],
}
# Only these outcomes carry an amount in euros.
WITH_AMOUNT = {OutcomeCategory.FINE, OutcomeCategory.CONDITIONAL_FINE, OutcomeCategory.RECOVERY}


class Intervention(models.Model):
    """The debriefing: an intervention decided for an address after the control. A zorgmelding
    is never an ``Intervention``: it is a ``CareReferral``, stored apart."""

    class Kind(models.TextChoices):
        ENFORCEMENT = "handhavingstraject", _("Handhavingstraject")
        BRP_CORRECTION = "brp_correctie", _("Correctie BRP")
        NON_USE = "niet_gebruik", _("Hulp bij niet-gebruik van voorzieningen")
        NONE = "geen", _("Geen interventie")
        OTHER = "anders", _("Anders")

    item = models.ForeignKey(CaseItem,
                             verbose_name=_("agendapunt"), on_delete=models.CASCADE,
                             related_name="interventions")
    kind = models.CharField(_("interventie"), max_length=30, choices=Kind.choices)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("door partner"))
    description = models.TextField(_("toelichting"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                    verbose_name=_("vastgelegd door"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    # What came of it, recorded by the executing partner (or the projectleider): a category and
    # an amount only, never free text about the person (sanctions can be criminal-law data).
    outcome_status = models.CharField(_("stand van zaken"), max_length=10,
                                      choices=OutcomeStatus.choices, blank=True)
    outcome_category = models.CharField(_("uitkomst"), max_length=40,
                                        choices=OutcomeCategory.choices, blank=True)
    outcome_amount = models.DecimalField(_("bedrag (euro)"), max_digits=12, decimal_places=2,
                                         null=True, blank=True)
    outcome_date = models.DateField(_("datum uitkomst"), null=True, blank=True)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("uitkomst vastgelegd door"))
    outcome_at = models.DateTimeField(_("uitkomst vastgelegd op"), null=True, blank=True)
    history = _history()

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    @property
    def outcome_categories(self) -> list[str]:
        """The outcome categories that fit this kind of intervention (none: no outcome asked)."""
        return OUTCOMES_BY_KIND.get(self.kind, [])


class CareReferral(models.Model):
    """Een zorgmelding: a referral to care services, kept apart from enforcement data.

    Visible to the projectleider and the gemeente(n) taking part in the project only; never to
    enforcement partners and never in an enforcement export."""

    project = models.ForeignKey(Project,
                                verbose_name=_("project"), on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(CaseItem,
                             verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="+")
    address_key = models.CharField(_("adressleutel"), max_length=40)
    address_display = models.CharField(_("adres"), max_length=ADDRESS_DISPLAY_MAX_LENGTH)
    referred_to = models.CharField(_("gemeld bij"), max_length=200)
    description = models.TextField(_("wat is gemeld"), max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                    verbose_name=_("vastgelegd door"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    consent = models.BooleanField(_("toestemming van de bewoner"), null=True, blank=True)
    referral_way = models.CharField(_("wijze van doorverwijzen"), max_length=20, blank=True,
                                    choices=[("folder", _("Folder")),
                                             ("warme_overdracht", _("Warme overdracht"))])
    municipality_outcome = models.CharField(
        _("uitkomst bij de gemeente"), max_length=20, blank=True,
        choices=[("aanvaard", _("Aanvaard")), ("geweigerd", _("Geweigerd")), ("onbekend", _("Onbekend"))])
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("uitkomst vastgelegd door"))
    outcome_at = models.DateTimeField(_("uitkomst vastgelegd op"), null=True, blank=True)
    history = _history()

    objects = CareReferralQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("zorgmelding")
        verbose_name_plural = _("zorgmeldingen")


class DossierPdf(FileJob):
    """One PDF of a selection dossier (GALOP II), made by a Celery task and kept privately
    (``projects.filejobs``)."""

    item = models.ForeignKey(CaseItem,
                             verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="pdfs")
    history = _history()

    objects = LeadOnlyItemQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("dossier-PDF")
        verbose_name_plural = _("dossier-PDF's")
