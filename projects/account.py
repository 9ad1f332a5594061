"""Two-factor login (TOTP with recovery codes) and lockouts: the services behind the account
pages. The second factor is django-otp's; lockouts are in lockout.py."""
import base64
import secrets
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def has_device(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def pending_totp(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def manual_key(device: TOTPDevice) -> str:
    """The key to type into an authenticator app: base32 (what every app takes), in groups of
    four letters for reading aloud and typing."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def unused_recovery_codes(user, codes) -> list[str]:
    """Those of ``codes`` that are the user's own recovery codes, still unused, in their order."""
    own = set(StaticToken.objects.filter(device__user=user, device__name="herstelcodes")
              .values_list("token", flat=True))
    return [code for code in codes if code in own]


def unused_recovery_codes_count(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name="herstelcodes").count()


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning URI as an SVG QR code (drawn here: nothing is fetched elsewhere)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@transaction.atomic
def confirm_totp(user, token: str) -> list[str] | None:
    """Confirm the authenticator with a first code; returns new recovery codes, or None."""
    device = pending_totp(user)
    if not device.verify_token(token.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes: each works once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="herstelcodes",
                                                          defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


