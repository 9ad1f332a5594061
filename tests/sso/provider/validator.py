"""The provider's claims. Some of its test users get tokens that are wrong in one way each, so
the portal's checks meet real tokens signed by a real provider:

- ``sterk`` signed in with a second factor (``amr`` holds ``mfa``);
- ``verlopen`` gets an ID token that expired ten minutes ago;
- ``anderpubliek`` gets an ID token meant for another client (``aud``);
- ``ongeverifieerd`` has an e-mail address the provider has not verified.
"""
import time

from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever the scope

    def get_additional_claims(self, request):
        user = request.user
        claims = {"email": user.email, "preferred_username": user.username,
                  "email_verified": user.username != "ongeverifieerd",
                  "amr": ["pwd", "mfa"] if user.username == "sterk" else ["pwd"]}
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        if request.user.username == "verlopen":
            claims["exp"] = int(time.time()) - 600
        if request.user.username == "anderpubliek":
            claims["aud"] = "een-ander-portaal"
        return claims, expiration
