"""Production: the shared settings, hardened; refuses to start with unsafe values."""
from django.core.exceptions import ImproperlyConfigured

from lsi.logs import with_request_log

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
    MIDDLEWARE,
    SECRET_KEY,
)
from .env import env

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
LANGUAGE_COOKIE_SECURE = True  # the public register's language links set it too
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The cache is shared by every process (Redis), never one per process.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": env("CACHE_URL", CELERY_BROKER_URL), "KEY_PREFIX": "lsi-cache"}}

# Structured logs: one JSON object a line with the request id and user id (lsi.logs), one line
# per request (its path, never its query string); Celery logs through the same handler.
MIDDLEWARE = with_request_log(MIDDLEWARE)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "lsi.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # django.request repeats every 4xx/5xx that lsi.request already has; errors are kept.
        "django.request": {"level": "ERROR"},
    },
}
