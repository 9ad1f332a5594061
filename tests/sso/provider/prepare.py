"""Prepare the test provider: its signing key, database, users and the portal as its client.

    python -m tests.sso.provider.prepare <portal base URL>
(with OIDC_PROVIDER_DIR and DJANGO_SETTINGS_MODULE=tests.sso.provider.settings)."""
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "lsi-portaal"
CLIENT_SECRET = "geheim-van-de-test-provider"
PASSWORD = "provider-wachtwoord"
USERS = {  # username: e-mail address at the partner
    "medewerker": "medewerker@uwv.example",
    "sterk": "sterk@uwv.example",
    "verlopen": "verlopen@uwv.example",
    "anderpubliek": "anderpubliek@uwv.example",
    "onbekend": "onbekend@uwv.example",
    "ongeverifieerd": "ongeverifieerd@uwv.example",
}


def main(portal: str) -> None:
    data = Path(os.environ["OIDC_PROVIDER_DIR"])
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (data / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

    import django
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, email in USERS.items():
        User.objects.create_user(username, email, PASSWORD)
    Application.objects.create(
        name="LSI-portaal", client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=f"{portal}/inloggen/organisatie-terug/",
        post_logout_redirect_uris=f"{portal}/inloggen/",
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True)


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
