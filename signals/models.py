"""Signals (signalen): an address plus a suspicion, delivered by one partner in one project.

A signal belongs to its partner through a foreign key; who may see it follows from the
project grants (see ``querysets.py``). There is no permission row per signal.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Category, Partner, Project

from .querysets import (
    AddressOverlapQuerySet,
    InformationRequestQuerySet,
    SignalQuerySet,
    UploadQuerySet,
)

# The longest street and city an import accepts, and so the longest address as shown
# ("<street> <number><letter>-<suffix>, <pc4> <pc2> <city>"): every copy of an address
# (agenda, exceptions, assignments, referrals, information requests) has room for it.
STREET_MAX_LENGTH = 200
CITY_MAX_LENGTH = 100
ADDRESS_DISPLAY_MAX_LENGTH = STREET_MAX_LENGTH + CITY_MAX_LENGTH + 40

class Upload(models.Model):
    """One delivered file (or one form entry): what came in and what became of it.

    The file itself is not kept after processing; its name and hash are.
    """

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("In de wachtrij")
        PROCESSING = "bezig", _("Wordt verwerkt")
        ACCEPTED = "verwerkt", _("Verwerkt")
        REJECTED = "afgewezen", _("Afgewezen")
        DUPLICATE = "dubbel", _("Al eerder aangeleverd")

    PENDING = (Status.QUEUED, Status.PROCESSING)

    project = models.ForeignKey(Project,
                                verbose_name=_("project"), on_delete=models.CASCADE, related_name="uploads")
    partner = models.ForeignKey(Partner,
                                verbose_name=_("partner"), on_delete=models.PROTECT, related_name="uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("aangeleverd op"), default=timezone.now)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    rows_total = models.PositiveIntegerField(_("regels in het bestand"), default=0)
    rows_accepted = models.PositiveIntegerField(_("signalen opgeslagen"), default=0)
    rows_review = models.PositiveIntegerField(_("adressen ter beoordeling"), default=0)
    rows_already_delivered = models.PositiveIntegerField(_("al eerder aangeleverd"), default=0)
    # The report: the first ``importer.ERRORS_KEPT`` errors (or notes) in full, how many there
    # are in all, and how many per column and kind ([{"column", "kind", "message", "count"}]).
    errors = models.JSONField(_("foutenrapport"), default=list, blank=True)
    errors_total = models.PositiveIntegerField(_("aantal fouten of meldingen"), default=0)
    error_counts = models.JSONField(_("fouten per kolom en soort"), default=list, blank=True)
    # How often a worker started processing it (a worker that dies leaves it pending).
    attempts = models.PositiveSmallIntegerField(_("verwerkingspogingen"), default=0)
    # The delivered file (zlib-compressed), only until it is processed; then it is erased.
    pending_data = models.BinaryField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["pending_data"])

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("aanlevering")
        verbose_name_plural = _("aanleveringen")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING


class _BulkHistory(HistoricalRecords):
    """History for a table filled 100,000 rows at a time. History rows are append-only
    (projects/dbguard.py): they keep the acting user's id as a fact, without a foreign-key
    check, and without an index on it (history is read per signal, never per user)."""

    def _get_history_user_fields(self):
        fields = super()._get_history_user_fields()
        fields["history_user"].db_index = False
        return fields


class SignalStatus(models.TextChoices):
    ACTIVE = "actief", _("Actief")
    REVIEW = "beoordelen", _("Adres ter beoordeling")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class Signal(models.Model):
    """Een signaal: an address and a suspicion (vermoeden) with its grounds (indicatoren)."""

    Status = SignalStatus

    class Source(models.TextChoices):
        FILE = "bestand", _("Bestand")
        FORM = "formulier", _("Formulier")
        REQUEST = "verzoek", _("Antwoord op informatieverzoek")

    # Foreign keys without their own index: the composite indexes below lead with project,
    # and every index costs time on each of the 100,000-row imports (measured). For the
    # same reason the database checks only the keys that decide who sees a signal (project,
    # partner). Its category is checked by the importer against the categories agreed for the
    # partner in the project (stricter than existence); who delivered it, from which upload and
    # who withdrew it are written by the services from rows they have just loaded
    # (db_constraint=False). Deleting any of those rows is refused by on_delete=PROTECT.
    project = models.ForeignKey(Project,
                                verbose_name=_("project"), on_delete=models.CASCADE, related_name="signals",
                                db_index=False)
    partner = models.ForeignKey(Partner,
                                verbose_name=_("partner"), on_delete=models.PROTECT, related_name="signals",
                                db_index=False)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("aangeleverd door"), db_index=False, db_constraint=False,
    )
    delivered_at = models.DateTimeField(_("aangeleverd op"), default=timezone.now)
    upload = models.ForeignKey(
        Upload, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals",
        db_index=False, db_constraint=False,
    )
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    # The address as typed by the partner ...
    typed_address = models.CharField(_("adres zoals aangeleverd"), max_length=200)
    # ... and as parsed (BAG conventions); empty while the address is under review.
    postcode = models.CharField(_("postcode"), max_length=6)
    house_number = models.PositiveIntegerField(_("huisnummer"), null=True, blank=True)
    house_letter = models.CharField(_("huisletter"), max_length=1, blank=True)
    house_number_suffix = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    street = models.CharField(_("straat"), max_length=STREET_MAX_LENGTH, blank=True)
    city = models.CharField(_("woonplaats"), max_length=CITY_MAX_LENGTH, blank=True)
    address_key = models.CharField(
        _("genormaliseerde adressleutel"), max_length=40, blank=True,
        help_text=_("Zelfde adres, zelfde sleutel, hoe het ook is getypt. Leeg zolang het "
                    "adres ter beoordeling staat."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("categorie"),
        db_index=False, db_constraint=False,
    )
    grounds = models.TextField(_("indicatoren (gronden)"), max_length=2000)
    reference = models.CharField(_("referentie partner"), max_length=100, blank=True)
    signal_date = models.DateField(_("datum signaal"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    review_reason = models.CharField(_("reden beoordeling"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("ingetrokken door"), db_index=False, db_constraint=False,
    )
    withdrawn_reason = models.TextField(_("reden intrekking"), blank=True, max_length=2000)
    history = _BulkHistory(  # read per signal (its id), never per project or partner
        no_db_index=["project", "partner", "delivered_by", "upload", "category", "withdrawn_by"],
        user_db_constraint=False,
    )

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["project", "partner", "-id"], name="signal_partner_list"),
            # The projectleider's list. The filter columns ride along (PostgreSQL), so a filtered
            # page is picked from the index alone, in list order, however deep the page.
            models.Index(fields=["project", "-id"], name="signal_project_list",
                         include=["postcode", "status", "category"]),
            # Every signal of one address, whatever its status (the dossier, the history).
            models.Index(fields=["project", "address_key"], name="signal_address"),
        ]
        constraints = [
            # An address + category is delivered once per partner and project. The same index
            # covers the verwonderadressen: active signals per project, by address, with their
            # partners (measured), so each import keeps one index fewer up to date.
            models.UniqueConstraint(
                fields=["project", "address_key", "partner", "category"],
                condition=Q(status=SignalStatus.ACTIVE),
                name="signal_once_per_partner",
            ),
        ]


    def __str__(self) -> str:
        return f"{self.typed_address} – {self.category}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("signals:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def address_display(self) -> str:
        if not self.house_number:
            return self.typed_address
        number = f"{self.house_number}{self.house_letter}"
        if self.house_number_suffix:
            number += f"-{self.house_number_suffix}"
        return f"{self.street + ' ' if self.street else ''}{number}, {self.postcode[:4]} " \
               f"{self.postcode[4:]}{' ' + self.city if self.city else ''}"


class InformationRequest(models.Model):
    """An information request (informatieverzoek) from the projectleider to a partner that
    delivers only on request (Belastingdienst MKB), about addresses already in the project."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="information_requests"
    )
    partner = models.ForeignKey(Partner,
                                verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                   verbose_name=_("aangemaakt door"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    message = models.TextField(_("toelichting"), blank=True, max_length=2000)
    history = HistoricalRecords()

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("informatieverzoek")
        verbose_name_plural = _("informatieverzoeken")

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("signals:request_detail", args=[self.pk])


class RequestedAddress(models.Model):
    """One address in an information request, with the partner's answer."""

    class Answer(models.TextChoices):
        OPEN = "open", _("Nog niet beantwoord")
        SIGNAL = "signaal", _("Signaal")
        NO_INFORMATION = "geen_informatie", _("Geen informatie")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="addresses")
    address_key = models.CharField(max_length=40)
    address_display = models.CharField(max_length=ADDRESS_DISPLAY_MAX_LENGTH)
    answer = models.CharField(max_length=20, choices=Answer.choices, default=Answer.OPEN)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    signal = models.OneToOneField(Signal, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="requested_address")
    history = HistoricalRecords()

    class Meta:
        ordering = ["address_key"]
        constraints = [
            models.UniqueConstraint(fields=["request", "address_key"], name="address_once_per_request")
        ]


# Meervoudig belang: an address concerns several partners when at least this many different
# partners signalled it. The floor of the selection rule N; the overlap table keeps these rows.
MIN_PARTNERS = 2


class AddressOverlap(models.Model):
    """Overlap per address (verwonderadressen): for every address with active signals of at
    least two different partners in a project, how many partners and which, and which
    categories. Derived data, never edited by hand: ``overlap.refresh`` recomputes it from the
    active signals in the same transaction as every write of signals, so the overview reads an
    indexed table instead of grouping all signals on each request.

    Only addresses with two or more partners are kept: the selection rule N is at least 2, and
    an exception (one partner) is looked up in the signals themselves. No history: every row
    can be recomputed from the signals, whose history is kept.
    """

    project = models.ForeignKey(Project,
                                verbose_name=_("project"), on_delete=models.CASCADE, related_name="+",
                                db_index=False)
    address_key = models.CharField(max_length=40)
    partner_count = models.PositiveSmallIntegerField()
    # ",3,7,12,": the ids of the partners and of the categories, for the filters (LIKE ',7,'),
    # portable to SQLite. Names and codes are read at display time, so a rename cannot drift.
    partner_ids = models.TextField()
    category_ids = models.TextField()

    objects = AddressOverlapQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "address_key"], name="overlap_once_per_address"),
        ]
        indexes = [
            # The sorts of the overview: by count (either way), then by address key.
            models.Index(fields=["project", "-partner_count", "address_key"], name="overlap_count_desc"),
            models.Index(fields=["project", "partner_count", "address_key"], name="overlap_count_asc"),
        ]

    def __str__(self) -> str:
        return f"{self.address_key}: {self.partner_count}"
