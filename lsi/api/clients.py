"""Managing API clients: create, rotate, revoke. The coördinator's actions, with history.

The token is returned once, by ``create`` and ``rotate``; only its hash is stored.
"""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.history import attribute, save_with
from projects.models import Partner
from projects.refusals import Refused

from . import tokens
from .models import ApiClient
from .rules import manage_problem


class ClientRefused(Refused):
    """An API client cannot be created or changed; ``message`` says why."""


def _service_user(partner: Partner, name: str, by):
    """A partner user of ``partner`` for one client: no usable password (no portal login)."""
    User = get_user_model()
    base = f"api-{partner.code.lower()}"
    number = User.objects.filter(username__startswith=base).count() + 1
    while User.objects.filter(username=f"{base}-{number}").exists():
        number += 1
    user = User(username=f"{base}-{number}", first_name="API", last_name=name[:150],
                partner=partner, role=User.Role.PARTNER)
    user.set_unusable_password()
    return save_with(user, by, "Service-gebruiker van een API-client")


@transaction.atomic
def create(by, *, partner: Partner, name: str, contact: str, projects=(),
           expires_at) -> tuple[ApiClient, str]:
    if problem := manage_problem(by):
        raise ClientRefused(problem)
    if partner.delivery == Partner.Delivery.NONE:
        raise ClientRefused(_("%(partner)s levert geen signalen aan.") % {"partner": partner.code}, "partner")
    if expires_at <= timezone.now():
        raise ClientRefused(_("Kies een vervaldatum in de toekomst."), "expires_at")
    _require_taking_part(partner, projects)
    token, prefix, digest = tokens.new_token()
    client = ApiClient(name=name.strip(), contact=contact.strip(), partner=partner,
                       user=_service_user(partner, name, by), expires_at=expires_at,
                       token_prefix=prefix, token_hash=digest, created_by=by)
    save_with(client, by, "API-client aangemaakt")
    client.projects.set(projects)
    return client, token


def _require_taking_part(partner: Partner, projects) -> None:
    others = [p for p in projects if not p.participations.filter(partner=partner).exists()]
    if others:
        raise ClientRefused(_("%(partner)s neemt niet deel aan: %(projects)s.") % {
            "partner": partner.code, "projects": ", ".join(p.name for p in others)}, "projects")


@transaction.atomic
def set_projects(client: ApiClient, by, projects) -> ApiClient:
    """The projects the client may deliver to (none chosen: all its partner takes part in)."""
    if problem := manage_problem(by):
        raise ClientRefused(problem)
    client = ApiClient.objects.select_for_update().select_related("partner").get(pk=client.pk)
    if client.revoked_at is not None:
        raise ClientRefused(_("Deze API-client is ingetrokken; maak een nieuwe aan."))
    projects = list(projects)
    _require_taking_part(client.partner, projects)
    # The m2m history row names the acting user and the reason (simple-history reads them).
    attribute(client, by, "Projecten van de API-client gewijzigd").projects.set(projects)
    return client


@transaction.atomic
def rotate(client: ApiClient, by) -> str:
    """A new token for the client; the old one stops working at once."""
    if problem := manage_problem(by):
        raise ClientRefused(problem)
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        raise ClientRefused(_("Deze API-client is ingetrokken; maak een nieuwe aan."))
    token, client.token_prefix, client.token_hash = tokens.new_token()
    client.token_issued_at = timezone.now()
    save_with(client, by, "Nieuwe API-sleutel uitgegeven",
              update_fields=["token_prefix", "token_hash", "token_issued_at"])
    return token


@transaction.atomic
def revoke(client: ApiClient, by) -> ApiClient:
    """Revoke the client for good: its token is refused and its service user deactivated."""
    if problem := manage_problem(by):
        raise ClientRefused(problem)
    client = ApiClient.objects.select_for_update().select_related("user").get(pk=client.pk)
    if client.revoked_at is not None:
        raise ClientRefused(_("Deze API-client is al ingetrokken."))
    client.revoked_at, client.revoked_by = timezone.now(), by
    save_with(client, by, "API-client ingetrokken", update_fields=["revoked_at", "revoked_by"])
    client.user.is_active = False
    save_with(client.user, by, "API-client ingetrokken", update_fields=["is_active"])
    return client


def authenticate(token: str) -> ApiClient | None:
    """The client whose token this is, if the token is right (usable or not), else None."""
    parts = tokens.split(token)
    if parts is None:
        return None
    client = ApiClient.objects.select_related("user", "partner").filter(token_prefix=parts[0]).first()
    if client is None or not tokens.matches(parts[1], client.token_hash):
        return None
    return client
