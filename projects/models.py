"""Partners, users, projects (interventieteams), participation, approvals and checks.

Every domain model keeps its history (django-simple-history): who changed what, when, why.
Writes go through the service modules (``lifecycle.py``, ``plans.py``), reads that depend on
the user through ``querysets.py``.
"""
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermission, UserObjectPermission
from simple_history import register
from simple_history.models import HistoricalRecords

from .phases import FINAL, Phase
from .postcodes import parse_area
from .querysets import AccessLogQuerySet, ProjectQuerySet, project_grants


class Partner(models.Model):
    """A convenantpartner (or advisory member) of the LSI."""

    class Kind(models.TextChoices):
        NATIONAL = "landelijk", _("Landelijk")
        MUNICIPALITY = "gemeente", _("Gemeente")
        ADVISORY = "adviserend", _("Adviserend")

    class Delivery(models.TextChoices):
        UP_FRONT = "vooraf", _("Levert signalen vooraf")
        ON_REQUEST = "op_verzoek", _("Levert alleen op verzoek")
        NONE = "geen", _("Levert geen signalen")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    is_signatory = models.BooleanField(_("formele convenantpartner"), default=True)
    delivery = models.CharField(
        _("levering van signalen"), max_length=20, choices=Delivery.choices,
        default=Delivery.UP_FRONT,
    )
    active_from = models.DateField(_("partner vanaf"), null=True, blank=True)
    active_until = models.DateField(_("partner tot en met"), null=True, blank=True)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="partner", editable=False,
        help_text=_("De groep waarop object-rechten voor deze partner worden verleend."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        if self.group_id is None:
            from django.contrib.auth.models import Group

            self.group, _created = Group.objects.get_or_create(name=f"partner:{self.code}")
        super().save(*args, **kwargs)

    def is_active_on(self, day) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_until is None or day <= self.active_until
        )


class PortalUserManager(UserManager):
    """Accepts the partner as an instance or its primary key (``createsuperuser`` passes one)."""

    def _create_user_object(self, username, email, password, **extra_fields):
        partner = extra_fields.get("partner")
        if partner is not None and not isinstance(partner, Partner):
            extra_fields["partner"] = Partner.objects.get(pk=partner)
        return super()._create_user_object(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person using the portal. Belongs to exactly one partner.

    Projectleider is not a global role: it is an object permission on a project.
    """

    class Role(models.TextChoices):
        PARTNER = "partner", _("Medewerker partner")
        COORDINATOR = "coordinator", _("Coördinator (LSI-secretariaat)")
        STEERING = "stuurgroep", _("Lid stuurgroep")
        PRIVACY_OFFICER = "fg", _("Functionaris gegevensbescherming")
        VNG_ADVISER = "vng_adviseur", _("VNG-adviseur")

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="users", verbose_name=_("partner")
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    language = models.CharField(_("taal van e-mails"), max_length=5, choices=settings.LANGUAGES,
                                default="nl")
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = PortalUserManager()
    REQUIRED_FIELDS = ["email", "partner"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        name = self.get_full_name() or self.username
        return f"{name} ({self.partner.code})" if self.partner_id else name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "partner" not in update_fields:
            return
        # Partner grants are given to the partner's group; membership follows the partner.
        groups = self.groups.filter(name__startswith="partner:")
        if list(groups.values_list("pk", flat=True)) != [self.partner.group_id]:
            self.groups.remove(*groups)
            self.groups.add(self.partner.group_id)

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def is_steering(self) -> bool:
        return self.role == self.Role.STEERING

    @property
    def is_partner_user(self) -> bool:
        return self.role == self.Role.PARTNER

    @property
    def is_privacy_officer(self) -> bool:
        """The functionaris gegevensbescherming (FG)."""
        return self.role == self.Role.PRIVACY_OFFICER

    @property
    def is_vng_adviser(self) -> bool:
        """An adviser of the VNG: reads the gebiedsgerichte plans and their status, nothing
        else (the VNG advises gemeenten and is not a formal partner)."""
        return self.role == self.Role.VNG_ADVISER

    @property
    def role_label(self) -> str:
        """The role as the portal shows it (header, start page, account): a partner user who
        leads a project is "Projectleider", not "Medewerker partner". Asked of the user's
        grants, which a request reads once (``project_grants``)."""
        if self.is_partner_user and project_grants(self).led:
            return _("Projectleider")
        return self.get_role_display()

    @property
    def steers_programme(self) -> bool:
        """Stuurgroep or coördinator: the overview of all projects, the steering report."""
        return self.role in (self.Role.STEERING, self.Role.COORDINATOR)

    @property
    def sees_all_projects(self) -> bool:
        """Coördinator, stuurgroep and privacy officer see every project (not its signals)."""
        return self.is_active and self.role in (
            self.Role.COORDINATOR, self.Role.STEERING, self.Role.PRIVACY_OFFICER)


class Body(models.Model):
    """A body that approves project plans: the stuurgroep, an RPF, or a successor.

    Kept as data, because the evaluation recommends reconsidering the RPF's.
    """

    class Kind(models.TextChoices):
        STEERING = "stuurgroep", _("Stuurgroep")
        REGIONAL = "regionaal", _("Regionaal platform (RPF)")
        OTHER = "anders", _("Ander orgaan")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """A category of suspicion (vermoeden) that a signal can carry."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")

    def __str__(self) -> str:
        return self.name


# The agreed bounds of the retention periods, in days: selected addresses from one month to
# five years after the project (default two years); other signals from one week to three
# months after the casustafel (default four weeks).
RETENTION_SELECTED_DAYS = (30, 5 * 365)
RETENTION_UNSELECTED_DAYS = (7, 90)


class Project(models.Model):
    """An interventieteam: a joint enforcement project of several partners."""

    class Type(models.TextChoices):
        AREA = "gebiedsgericht", _("Gebiedsgericht")
        SECTOR = "branchegericht", _("Branchegericht")
        PHENOMENON = "fenomeengericht", _("Fenomeengericht")
        KIP = "kip", _("Kennis- en informatieplatform (KIP)")

    class Format(models.TextChoices):
        WGA = "wga", _("Wijkgerichte Aanpak (WGA)")
        ADDRESS_FRAUD = "adresfraude", _("Lokale aanpak adresfraude")
        FRIT = "frit", _("Flexibel Regionaal Interventieteam (FRIT)")
        OTHER = "afwijkend", _("Anders / afwijkend format")

    name = models.CharField(_("naam"), max_length=200)
    project_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    initiator = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="initiated_projects",
        verbose_name=_("initiatiefnemer"),
    )
    region = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="projects",
        limit_choices_to={"kind": Body.Kind.REGIONAL}, verbose_name=_("regio (RPF)"),
    )
    reason = models.TextField(_("aanleiding"), blank=True, max_length=5000)
    goals = models.TextField(_("doelstellingen"), blank=True, max_length=5000)
    area = models.TextField(
        _("gebied (postcodes)"), blank=True, max_length=5000,
        help_text=_("Postcodegebieden (PC4 of PC6), gescheiden door komma's; "
                    "een reeks mag ook, bijvoorbeeld 8011-8017."),
    )
    sector = models.CharField(_("branche of fenomeen"), max_length=200, blank=True)
    kip_study = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups",
        limit_choices_to={"project_type": "kip"}, verbose_name=_("voortgekomen uit KIP-studie"),
        help_text=_("De studie van een kennis- en informatieplatform waaruit dit project volgde."),
    )
    dpia_reference = models.CharField(_("DPIA-kenmerk"), max_length=100, blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    intake_deadline = models.DateField(_("uiterste datum signalen"), null=True, blank=True)
    case_table_date = models.DateField(_("datum casustafel"), null=True, blank=True)
    control_dates = models.CharField(
        _("controledag(en)"), max_length=200, blank=True,
        help_text=_("Een of meer datums, gescheiden door komma's (dd-mm-jjjj)."),
    )
    planned_end = models.DateField(_("geplande einddatum"), null=True, blank=True)
    retention_days = models.PositiveIntegerField(
        _("bewaartermijn geselecteerde adressen (dagen)"), default=730,
        validators=[MinValueValidator(RETENTION_SELECTED_DAYS[0]),
                    MaxValueValidator(RETENTION_SELECTED_DAYS[1])],
        help_text=_("Na afsluiting van het project; standaard twee jaar, hoogstens vijf jaar."),
    )
    retention_unselected_days = models.PositiveIntegerField(
        _("bewaartermijn niet-geselecteerde signalen (dagen)"), default=28,
        validators=[MinValueValidator(RETENTION_UNSELECTED_DAYS[0]),
                    MaxValueValidator(RETENTION_UNSELECTED_DAYS[1])],
        help_text=_("Na het sluiten van de casustafel; standaard vier weken, hoogstens drie maanden."),
    )
    phase = models.CharField(
        _("fase"), max_length=20, choices=Phase.choices, default=Phase.CONCEPT, editable=False
    )
    phase_before_hold = models.CharField(
        max_length=20, choices=Phase.choices, blank=True, editable=False
    )
    phase_since = models.DateTimeField(_("in deze fase sinds"), default=timezone.now, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        permissions = [
            ("lead_project", _("Is projectleider van dit project")),
            ("take_part_in_project", _("Partner neemt deel aan dit project")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:detail", args=[self.pk])

    @property
    def area_items(self) -> list[str]:
        """The area as PC4/PC6 items (validated when the plan is saved)."""
        return parse_area(self.area)

    @property
    def processes_personal_data(self) -> bool:
        """A KIP does research only: no address signals, no personal data."""
        return self.project_type != self.Type.KIP

    @property
    def is_area_based(self) -> bool:
        return self.project_type == self.Type.AREA

    def days_in_phase(self, now=None) -> int:
        return ((now or timezone.now()) - self.phase_since).days

    def is_stalled(self, now=None, limits: dict | None = None) -> bool:
        """Longer in this phase than its limit (``PhaseLimit``, else LSI_STALLED_AFTER_DAYS)?
        ``limits``: ``PhaseLimit.table()``, read once for a list of projects."""
        return self.phase not in FINAL and self.days_in_phase(now) > PhaseLimit.limit_for(self.phase, limits)


class Participation(models.Model):
    """A partner taking part in a project, with its commitments (data minimisation up front).

    The projectleider proposes it (hours, categories); the partner's own users accept or
    decline it with a reason ("akkoord"), before the plan can be submitted (art. 3 lid 8)."""

    class Agreement(models.TextChoices):
        PROPOSED = "voorgesteld", _("Voorgesteld, wacht op de partner")
        ACCEPTED = "akkoord", _("Akkoord")
        DECLINED = "afgewezen", _("Afgewezen")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participations",
        verbose_name=_("project"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="participations",
        verbose_name=_("partner"),
    )
    capacity_hours = models.PositiveIntegerField(_("toegezegde capaciteit (uren)"), default=0)
    categories = models.ManyToManyField(
        Category, blank=True, related_name="participations",
        verbose_name=_("categorieën die de partner mag aanleveren"),
    )
    realised_hours = models.PositiveIntegerField(
        _("gerealiseerde capaciteit (uren)"), null=True, blank=True,
        help_text=_("Vastgelegd bij de afronding, voor de evaluatie."))
    agreement = models.CharField(_("akkoord van de partner"), max_length=20, choices=Agreement.choices,
                                 default=Agreement.PROPOSED)
    agreement_reason = models.TextField(_("toelichting van de partner"), blank=True, max_length=2000)
    agreement_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("akkoord of afwijzing door"),
    )
    agreement_at = models.DateTimeField(_("akkoord of afwijzing op"), null=True, blank=True)
    ready_at = models.DateTimeField(_("gereed voor gegevensverwerking op"), null=True, blank=True)
    ready_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("gereed gemeld door"),
    )
    history = HistoricalRecords(m2m_fields=[categories])

    class Meta:
        ordering = ["partner__code"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(fields=["project", "partner"], name="one_participation_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.partner.code} in {self.project}"

    @property
    def is_ready(self) -> bool:
        return self.ready_at is not None

    @property
    def is_accepted(self) -> bool:
        return self.agreement == self.Agreement.ACCEPTED

    @property
    def delivers_on_request(self) -> bool:
        return self.partner.delivery == Partner.Delivery.ON_REQUEST


class PhaseTransition(models.Model):
    """One step of a project through its lifecycle: who, when, why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(_("van fase"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("naar fase"), max_length=20, choices=Phase.choices)
    at = models.DateTimeField(_("op"), default=timezone.now)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    reason = models.TextField(_("reden"), max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")


class ApprovalDecision(models.Model):
    """The decision of the competent body on a submitted project plan."""

    class Outcome(models.TextChoices):
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        REJECTED = "afgewezen", _("Afgewezen")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="approvals")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, verbose_name=_("orgaan"))
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices)
    decided_on = models.DateField(_("datum besluit"))
    remarks = models.TextField(_("opmerkingen"), blank=True, max_length=5000)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "pk"]
        verbose_name = _("besluit over projectplan")
        verbose_name_plural = _("besluiten over projectplannen")


class Checkpoint(models.Model):
    """A PDCA toetsmoment: is the project keeping to the agreements?"""

    class Moment(models.TextChoices):
        START = "start", _("Bij de start")
        DURING = "tijdens", _("Tijdens het project")
        AFTER = "na", _("Na afloop")

    class Outcome(models.TextChoices):
        COMPLIANT = "voldoet", _("Voldoet aan de afspraken")
        PARTLY = "deels", _("Voldoet deels")
        NOT_COMPLIANT = "voldoet_niet", _("Voldoet niet")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="checkpoints")
    moment = models.CharField(_("toetsmoment"), max_length=20, choices=Moment.choices)
    checked_on = models.DateField(_("datum"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    remarks = models.TextField(_("opmerkingen"), blank=True, max_length=5000)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["checked_on", "pk"]
        verbose_name = _("toetsmoment")
        verbose_name_plural = _("toetsmomenten")


class EnrolmentCode(models.Model):
    """A one-time code the coördinator issues for a user's first two-factor enrolment: with
    ``LSI_2FA_ENROLMENT_CODE_REQUIRED`` (production), a password alone cannot enrol a phone.
    Only the code's hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="enrolment_codes", verbose_name=_("gebruiker"))
    code_hash = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("uitgegeven door"))
    issued_at = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activatiecode")
        verbose_name_plural = _("activatiecodes")


class AccessLogEntry(models.Model):
    """One view, search, export or download of personal data: who, when, what, how many.

    Written in the same transaction as the action it records, through ``accesslog.record``.
    """

    class Result(models.TextChoices):
        ALLOWED = "toegestaan", _("Toegestaan")
        DENIED = "geweigerd", _("Geweigerd")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60)
    object_ids = models.TextField(blank=True)
    address_keys = models.TextField(
        blank=True, help_text=_("De adressleutels die de gebruiker te zien kreeg, gescheiden door spaties."))
    query = models.TextField(blank=True)
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    row_count = models.PositiveIntegerField(default=0)
    result = models.CharField(max_length=20, choices=Result.choices, default=Result.ALLOWED)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")


# Grants (projectleider, partner takes part) are domain data too: keep who granted them, when.
register(UserObjectPermission, app="projects", table_name="projects_historical_user_grant")
register(GroupObjectPermission, app="projects", table_name="projects_historical_group_grant")


class PhaseLimit(models.Model):
    """How many days a project may sit in one phase before it is flagged as stalled."""

    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, unique=True)
    max_days = models.PositiveIntegerField(_("maximaal aantal dagen"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["phase"]
        verbose_name = _("termijn per fase")
        verbose_name_plural = _("termijnen per fase")

    def __str__(self) -> str:
        return f"{self.get_phase_display()}: {self.max_days}"

    @classmethod
    def table(cls) -> dict[str, int]:
        """Every phase's limit in days."""
        return dict(cls.objects.values_list("phase", "max_days"))

    @classmethod
    def limit_for(cls, phase: str, known: dict | None = None) -> int:
        """The limit of ``phase`` (from ``known``, a ``table()`` read earlier, when given)."""
        table = cls.table() if known is None else known
        return table.get(phase, settings.LSI_STALLED_AFTER_DAYS)


class EscalationFlag(models.Model):
    """A project flagged by the nightly check for sitting too long in one phase."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="escalations")
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    phase_since = models.DateTimeField(_("in fase sinds"))
    days_in_phase = models.PositiveIntegerField(_("dagen in fase"))
    limit_days = models.PositiveIntegerField(_("termijn (dagen)"))
    flagged_at = models.DateTimeField(_("gesignaleerd op"), default=timezone.now)
    last_checked_at = models.DateTimeField(_("laatst gecontroleerd"), default=timezone.now)
    resolved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-flagged_at"]
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        constraints = [
            # One flag per stay in a phase; the nightly run updates it.
            models.UniqueConstraint(fields=["project", "phase", "phase_since"], name="one_flag_per_stay")
        ]


class Notification(models.Model):
    """The outbox: one e-mail to one user, written in the same transaction as its event and sent
    by a task (``projects.notifications``). No personal data: the project, the kind of task and
    a link, never an address, grounds or a resident's name."""

    class Status(models.TextChoices):
        PENDING = "wacht", _("Wacht op verzending")
        SENT = "verzonden", _("Verzonden")
        FAILED = "mislukt", _("Mislukt")
        SKIPPED = "overgeslagen", _("Niet verstuurd (uitgezet)")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("ontvanger"))
    kind = models.CharField(_("soort"), max_length=40)
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+", verbose_name=_("project"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"), max_length=5000)
    link = models.CharField(_("link"), max_length=300, blank=True)
    digest = models.BooleanField(_("in het dagoverzicht"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "digest"], name="notification_pending")]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    @property
    def message_id(self) -> str:
        """The same for every attempt, so a redelivered send is recognisably the same message."""
        return f"<lsi-notification-{self.pk}@{settings.LSI_MAIL_DOMAIN}>"


class NotificationPreference(models.Model):
    """How a user wants one kind of message: immediately, in the daily digest, or not at all."""

    class Mode(models.TextChoices):
        NOW = "direct", _("Direct")
        DIGEST = "dagoverzicht", _("In het dagoverzicht")
        OFF = "uit", _("Niet")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(_("soort"), max_length=40)
    mode = models.CharField(_("wanneer"), max_length=20, choices=Mode.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]
        verbose_name = _("berichtvoorkeur")
        verbose_name_plural = _("berichtvoorkeuren")
class PrivateFile(models.Model):
    """A file the application made (a report or dossier PDF), kept in the database itself: every
    web process and worker reads the same rows, the file is written in the same transaction as
    its job's status, and it is secured, backed up and purged with the rest of the data. Only
    ``projects.filejobs`` reads and writes these rows; a file is made again rather than edited,
    so it has no history of its own (its job's history says who asked for it and when)."""

    name = models.CharField(max_length=255, unique=True)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name
