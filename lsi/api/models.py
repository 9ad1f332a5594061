"""API clients of partner systems, and the idempotency keys of their deliveries.

An API client acts through a service user of its own: a partner user (role *medewerker
partner*) of the client's partner, without a password, so it cannot log in to the portal. It
holds exactly the grants of that partner's users (the partner's group), never a project lead.
History and the access log name that user as the actor, so "who did this?" has the same answer
for a person and a system, and every existing rule and query applies unchanged.
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Partner, Project
from signals.models import Upload

from .querysets import ApiClientQuerySet


class ApiClient(models.Model):
    name = models.CharField(_("naam"), max_length=100)
    contact = models.CharField(_("contactpersoon (naam en e-mail)"), max_length=200)
    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.PROTECT,
                                related_name="api_clients")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="api_client", editable=False)
    # Empty: every project the partner takes part in. Otherwise only these.
    projects = models.ManyToManyField(Project, verbose_name=_("projecten"), blank=True,
                                      related_name="+")
    expires_at = models.DateTimeField(_("geldig tot"))
    token_prefix = models.CharField(max_length=10, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    token_issued_at = models.DateTimeField(_("sleutel uitgegeven op"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("aangemaakt door"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("ingetrokken door"))
    history = HistoricalRecords(excluded_fields=["token_hash"], m2m_fields=[projects])

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["partner__code", "name"]
        verbose_name = _("API-client")
        verbose_name_plural = _("API-clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.partner.code})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class Delivery(models.Model):
    """One batch delivered through the API: the upload it made (the importer's own record),
    whether it came as JSON rows, and the client's Idempotency-Key with the body it came with.
    The same key again with the same body answers with this delivery; with another body it is
    refused."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="deliveries")
    upload = models.OneToOneField(Upload, on_delete=models.CASCADE, null=True,
                                  related_name="api_delivery")
    as_json = models.BooleanField(default=False)
    # NULL, not "": deliveries without a key never collide in the unique constraint.
    idempotency_key = models.CharField(max_length=255, null=True, blank=True)  # noqa: DJ001
    body_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "idempotency_key"],
                                               name="api_idempotency_key_once")]
