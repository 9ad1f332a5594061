"""Signing in through a partner's identity provider, on mozilla-django-oidc's code flow.

The library reads one provider from the settings; here the provider is the one the user chose on
the login page (kept in the session by ``views.start``). Beyond the library's checks (signature
against the provider's keys, expiry, nonce, state) the ID token must come from that provider's
issuer and be meant for the portal (``aud``). A user is matched, never created: an identity
without an account becomes an ``AccessRequest`` for the coördinator.
"""
import logging

import jwt
import requests
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from projects.backends import PortalBackend
from projects.history import save_with
from projects.models import User

from .models import AccessRequest, IdentityProvider

SESSION_PROVIDER = "lsi_sso_provider"
SESSION_OUTCOME = "lsi_sso_outcome"
logger = logging.getLogger("lsi.sso")


class TokenRefused(SuspiciousOperation):
    """The ID token is valid but not for this sign-in; ``why`` is logged."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


class PartnerProviderBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):  # the settings hold no provider: see authenticate
        self.UserModel = User
        self.provider = None

    def get_user(self, user_id):
        # As for a password sign-in: the partner read with the user, and a deactivated account
        # is signed out on its next request.
        return PortalBackend.get_user(self, user_id)

    def get_settings(self, attr, *args):
        if attr == "OIDC_CREATE_USER":
            return False
        if attr == "OIDC_STORE_ID_TOKEN":  # the hint that lets the provider end its session too
            return True
        if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
            return "sso:callback"
        return import_from_settings(attr, *args)

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or SESSION_PROVIDER not in request.session:
            return None  # a password login: not ours
        self.provider = IdentityProvider.objects.for_login().filter(
            pk=request.session[SESSION_PROVIDER]).first()
        if self.provider is None:
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = self.provider.token_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = self.provider.jwks_uri
        self.OIDC_OP_USER_ENDPOINT = ""
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        self.OIDC_RP_CLIENT_SECRET = self.provider.secret()
        self.OIDC_RP_SIGN_ALGO = self.provider.signing_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException, ValueError) as error:
            # Refused by a check (signature, expiry, nonce, issuer, audience) or the provider did
            # not answer as it should: the user is told, the log says which, never who.
            self._outcome(request, "refused")
            logger.warning("sso login refused", extra={
                "partner": self.provider.partner.code, "why": getattr(error, "why", type(error).__name__)})
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)  # signature, expiry (PyJWT), nonce
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences or (
                len(audiences) > 1 and payload.get("azp") != self.provider.client_id):
            raise TokenRefused("audience")
        if str(payload.get("iss", "")).rstrip("/") != self.provider.issuer.rstrip("/"):
            raise TokenRefused("issuer")
        if self.provider.identity_claim == "email" and payload.get("email_verified") is not True:
            # An address the provider has not verified (a guest account, a self-set address) could
            # be a colleague's: it signs in nobody.
            raise TokenRefused("email_not_verified")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        return payload  # the verified ID token's claims; no second call to the provider

    def verify_claims(self, claims):
        return bool(str(claims.get(self.provider.identity_claim) or "").strip())

    def filter_users_by_claims(self, claims):
        identity = str(claims[self.provider.identity_claim]).strip()
        field = "email__iexact" if self.provider.match_on == IdentityProvider.Match.EMAIL else "username"
        return User.objects.filter(partner=self.provider.partner, is_active=True, **{field: identity})

    def get_or_create_user(self, access_token, id_token, payload):
        users = list(self.filter_users_by_claims(payload)) if self.verify_claims(payload) else []
        request = self.request
        if len(users) != 1:
            if not self.verify_claims(payload):
                self._outcome(request, "refused")
                return None
            identity = str(payload[self.provider.identity_claim]).strip()[:254]
            record_access_request(self.provider, identity)
            self._outcome(request, "unknown")
            return None
        request.session[SESSION_OUTCOME] = {"mfa": self.provider.counts_as_mfa(payload),
                                            "provider": self.provider.pk}
        return users[0]

    @staticmethod
    def _outcome(request, outcome: str) -> None:
        request.session[SESSION_OUTCOME] = {"failure": outcome}
        request.session.save()


def record_access_request(provider: IdentityProvider, identity: str) -> AccessRequest:
    """One open request per identity; asking again counts as another attempt."""
    from django.urls import reverse

    from projects import notifications

    with transaction.atomic():
        request, created = AccessRequest.objects.select_for_update().get_or_create(
            provider=provider, identity=identity)
        if not created:  # asked again: open again, one more attempt (last_seen follows the save)
            request.attempts, request.handled_at, request.handled_by = request.attempts + 1, None, None
            save_with(request, None, "Opnieuw gevraagd")
        if created:  # the coördinators are told in the request's own transaction (the outbox)
            coordinators = User.objects.filter(role=User.Role.COORDINATOR, is_active=True)
            notifications.notify("sso_access_request", coordinators, link=reverse("sso:providers"))
    return request
