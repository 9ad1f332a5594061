"""Two-factor login (TOTP with recovery codes) and lockouts: the services behind the account
pages. The second factor is django-otp's; lockouts are in lockout.py."""
import base64
import secrets
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils.translation import gettext_noop
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import accesslog, events

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




ENROLMENT_CODE_HOURS = 72


def _hash(code: str) -> str:
    import hashlib

    return hashlib.sha256(code.replace("-", "").replace(" ", "").encode()).hexdigest()


def enrolment_code_required(user) -> bool:
    """A first enrolment (no confirmed second factor yet) needs the coördinator's code."""
    from django.conf import settings

    return settings.LSI_2FA_ENROLMENT_CODE_REQUIRED and not has_device(user)


@transaction.atomic
def issue_enrolment_code(request, user) -> str:
    """The coördinator issues a one-time activation code for ``user`` (shown once; earlier
    unused codes stop working); recorded in the history and the access log."""
    from datetime import timedelta

    from django.utils import timezone

    from .history import save_with
    from .models import EnrolmentCode

    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
    digits = f"{secrets.randbelow(10**12):012d}"
    code = "-".join(digits[i:i + 4] for i in range(0, 12, 4))
    save_with(EnrolmentCode(user=user, code_hash=_hash(code), issued_by=request.user,
                            expires_at=timezone.now() + timedelta(hours=ENROLMENT_CODE_HOURS)),
              request.user, "Activatiecode uitgegeven")
    accesslog.record(request, events.ENROLMENT_CODE_ISSUED, object_type="user", query=user.username)
    return code


@transaction.atomic
def redeem_enrolment_code(user, code: str) -> bool:
    """Use the user's activation code once; True when it was valid."""
    from django.utils import timezone

    from .history import save_with
    from .models import EnrolmentCode

    found = EnrolmentCode.objects.select_for_update().filter(
        user=user, code_hash=_hash(code or ""), used_at__isnull=True,
        expires_at__gt=timezone.now()).first()
    if found is None:
        return False
    found.used_at = timezone.now()
    save_with(found, user, gettext_noop("Activatiecode gebruikt"))
    # A key someone may have seen before the code was entered is void: a new one is made.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return True
