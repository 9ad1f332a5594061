"""A partner's identity provider, and the requests of identities that have no portal account."""
import os

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Partner

SECRET_VARIABLE = RegexValidator(
    r"^LSI_OIDC_[A-Z0-9_]+$",
    _("De naam van een omgevingsvariabele die begint met LSI_OIDC_ (hoofdletters, cijfers, _)."))


def may_manage(user) -> bool:
    """Only the coördinator registers identity providers and handles access requests."""
    return user.is_authenticated and user.is_active and user.is_coordinator


class IdentityProviderQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if may_manage(user) else self.none()

    def for_login(self):
        return self.filter(active=True).select_related("partner").order_by("partner__name")


class IdentityProvider(models.Model):
    """The OpenID Connect provider of one partner organisation. The client secret is never
    stored: ``secret_variable`` names the environment variable that holds it."""

    class Match(models.TextChoices):
        EMAIL = "email", _("e-mailadres van het account")
        USERNAME = "username", _("gebruikersnaam van het account")

    partner = models.OneToOneField(Partner, on_delete=models.PROTECT, related_name="identity_provider",
                                   verbose_name=_("partner"))
    issuer = models.URLField(_("issuer (uitgever)"), max_length=300)
    client_id = models.CharField(_("client-id"), max_length=200)
    secret_variable = models.CharField(_("omgevingsvariabele met het client-secret"), max_length=100,
                                       validators=[SECRET_VARIABLE])
    identity_claim = models.CharField(_("claim met de identiteit"), max_length=50, default="email")
    match_on = models.CharField(_("gekoppeld aan"), max_length=10, choices=Match.choices,
                                default=Match.EMAIL)
    mfa_values = models.CharField(
        _("waarden van amr of acr die gelden als tweede factor"), max_length=300,
        default="mfa,otp,hwk,swk", blank=True,
        help_text=_("Met komma's gescheiden. Staat een ervan in de amr- of acr-claim, dan vraagt "
                    "het portaal geen eigen tweede factor meer."))
    authorization_endpoint = models.URLField(max_length=300, editable=False)
    token_endpoint = models.URLField(max_length=300, editable=False)
    jwks_uri = models.URLField(max_length=300, editable=False)
    end_session_endpoint = models.URLField(max_length=300, blank=True, editable=False)
    signing_algorithm = models.CharField(max_length=10, default="RS256", editable=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    history = HistoricalRecords()

    objects = IdentityProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self):
        return str(self.partner)

    def secret(self) -> str:
        return os.environ.get(self.secret_variable, "")

    def counts_as_mfa(self, claims: dict) -> bool:
        accepted = {value.strip() for value in self.mfa_values.split(",") if value.strip()}
        amr = claims.get("amr") or []
        said = set(amr if isinstance(amr, list) else [amr]) | {claims.get("acr") or ""}
        return bool(accepted & {str(value) for value in said})


class AccessRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if may_manage(user) else self.none()

    def open(self):
        return self.filter(handled_at__isnull=True)


class AccessRequest(models.Model):
    """Someone signed in at their organisation's provider, but no portal account matches: the
    coördinator decides (creates the account with the right roles, or not). Never created with
    rights."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="requests")
    identity = models.CharField(_("identiteit"), max_length=254)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=1)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "identity"], name="sso_one_request")]
        ordering = ["-last_seen"]
