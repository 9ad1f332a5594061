"""The provider's own description of its endpoints (OpenID Connect Discovery 1.0)."""
import requests
from django.utils.translation import gettext as _


class DiscoveryError(Exception):
    """Why the provider's configuration could not be used; the message is for the coördinator."""


def discover(issuer: str, timeout: float = 5.0) -> dict:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=timeout)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError):
        raise DiscoveryError(_("De configuratie van de provider is niet op te halen van %(url)s.")
                             % {"url": url}) from None
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise DiscoveryError(_("De provider noemt een andere issuer dan %(issuer)s.") % {"issuer": issuer})
    required = ("authorization_endpoint", "token_endpoint", "jwks_uri")
    missing = ", ".join(key for key in required if not document.get(key))
    if missing:
        raise DiscoveryError(_("De configuratie van de provider mist: %(keys)s.") % {"keys": missing})
    # Only signatures with the provider's public key: never "none", never a shared secret (HS*).
    algorithms = [alg for alg in document.get("id_token_signing_alg_values_supported") or ["RS256"]
                  if isinstance(alg, str) and alg[:2] in ("RS", "ES", "PS")]
    if not algorithms:
        raise DiscoveryError(_("De provider ondertekent ID-tokens niet met een publieke sleutel (RS256)."))
    return {
        "authorization_endpoint": document["authorization_endpoint"],
        "token_endpoint": document["token_endpoint"],
        "jwks_uri": document["jwks_uri"],
        "end_session_endpoint": document.get("end_session_endpoint", ""),
        "signing_algorithm": "RS256" if "RS256" in algorithms else algorithms[0],
    }
