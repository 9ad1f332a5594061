"""Production: the shared settings, hardened; refuses to start with unsafe values."""
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import (
    AXES_ENABLED,
    CELERY_BROKER_URL,
    DATABASES,
    DEBUG,
    DEV_SECRET_KEY,
    EMAIL_HOST,
    LSI_2FA_ENROLMENT_CODE_REQUIRED,
    LSI_2FA_REQUIRED,
    SECRET_KEY,
)

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")
if not LSI_2FA_REQUIRED:
    raise ImproperlyConfigured("Two-factor login cannot be switched off in production.")
if not LSI_2FA_ENROLMENT_CODE_REQUIRED:
    raise ImproperlyConfigured("The first two-factor enrolment needs an activation code in production.")
if "postgresql" not in DATABASES["default"]["ENGINE"]:
    raise ImproperlyConfigured(
        "Production needs PostgreSQL (DATABASE_URL=postgres://…): the history and the access log "
        "are append-only there, by database triggers that SQLite does not have.")
if not CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "Production needs a broker (CELERY_BROKER_URL=redis://…): without one, imports and PDFs "
        "would run inside the web process.")
if not EMAIL_HOST:
    raise ImproperlyConfigured("Production sends notifications by SMTP: set EMAIL_HOST (and EMAIL_PORT, "
                               "EMAIL_USE_TLS or EMAIL_USE_SSL, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, "
                               "DEFAULT_FROM_EMAIL).")
if not AXES_ENABLED:
    raise ImproperlyConfigured("The login lockout (AXES_ENABLED) cannot be switched off in production.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
