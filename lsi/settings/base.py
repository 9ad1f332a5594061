"""Settings shared by every environment. Values come from environment variables only."""
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "lsi.apps.LsiAdminConfig",
    # Before django.contrib.auth, so that its createsuperuser (partner by code) is the one used.
    "projects",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "signals",
    "casetable",
    "lsi.reports",
    "lsi.retention",
    "lsi.learning",
    "lsi.public",
    "lsi.coordination",
    "lsi.sso",
    "lsi.capacity",
    "lsi.agenda",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from here (no CDN)
    "lsi.api",
]

MIDDLEWARE = [
    "lsi.health.HealthMiddleware",  # /health/live/ and /health/ready/, before host, HTTPS and session
    "lsi.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lsi.middleware.BodyLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lsi.sso.middleware.ProviderSecondFactorMiddleware",
    "lsi.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lsi.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "lsi.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lsi.urls"
WSGI_APPLICATION = "lsi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60,
        # A kept connection is checked before a request uses it: after a database restart each
        # web process and worker reconnects by itself instead of failing on a dead connection.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "projects.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "projects.backends.PortalBackend",  # ModelBackend, the partner read with the user
    "lsi.sso.backend.PartnerProviderBackend",  # sign-in through a partner's own provider (OIDC)
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "projects.passwords.DutchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user with permissions

# Two-factor login (TOTP with recovery codes) for every user. Only development and the demo
# may switch it off; production refuses to start without it.
LSI_2FA_REQUIRED = env_bool("LSI_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = "LSI interventieteams"
# The first enrolment of a phone needs a one-time activation code from the coördinator, so a
# stolen password alone cannot enrol the thief's phone. On by default; dev and tests switch it off.
LSI_2FA_ENROLMENT_CODE_REQUIRED = env_bool("LSI_2FA_ENROLMENT_CODE_REQUIRED", True)

# Login lockout (django-axes): after LSI_LOCKOUT_FAILURES failed attempts an account is locked
# for LSI_LOCKOUT_HOURS hours, or until the coördinator unlocks it.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("LSI_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = env_int("LSI_LOCKOUT_HOURS", 1)
# Lock the guessed-at account from the address it was guessed from (username and address
# together), never the address alone: one office behind one NAT address is one team, and one
# colleague's typos must not lock everyone else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# One address guessing at many usernames is stopped too, at a much higher threshold
# (projects/lockout.py), so a made-up username can never lock out a real user.
LSI_ADDRESS_FAILURE_LIMIT = env_int("LSI_ADDRESS_LOCKOUT_FAILURES", 100)
AXES_HANDLER = "projects.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "projects.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "projects.network.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The client's address and the request id come from the proxy's headers only when proxies are
# in front: LSI_TRUSTED_PROXIES is how many (the TLS proxy: 1), LSI_FORWARDED_FOR_HEADER the
# header they set. 0 (the default) ignores those headers: anyone could write them.
LSI_TRUSTED_PROXIES = env_int("LSI_TRUSTED_PROXIES", 0)
LSI_FORWARDED_FOR_HEADER = env("LSI_FORWARDED_FOR_HEADER", "X-Forwarded-For")

# History change reasons are the users' own words (up to 2000 characters), not 100.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# History is read per object (by its id), never by date across objects: no index on the date,
# which every bulk import would otherwise keep up to date.
SIMPLE_HISTORY_DATE_INDEX = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Generated files (report and dossier PDFs) are kept in the database (projects.PrivateFile), never
# on a node's own disk or under a public URL; views that check access serve them.

# Sessions live in the database (Django's default, named here): every web process reads the same
# ones, so any node serves any request; the lockout state (django-axes) is in the database too.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
# The idle limit moves on with activity: lsi.middleware.SessionLifetimeMiddleware saves the
# session again when it was last saved this long ago (not on every request).
SESSION_SAVE_EVERY_REQUEST = False
LSI_SESSION_TOUCH_SECONDS = 60
# However active, a session ends this long after login (lsi.middleware.SessionLifetimeMiddleware).
LSI_SESSION_MAX_SECONDS = env_int("SESSION_MAX_SECONDS", 10 * 60 * 60)
# Flash messages can name an address: they stay on the server, never in a readable cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The Content-Security-Policy (django-csp): nothing inline, nothing from another origin. A browser
# reports what the policy blocked to /csp-rapport/ (lsi.csp), which logs it without personal data.
# Sign-in through a partner's provider (lsi.sso): the library's settings that are not per provider.
OIDC_RP_SCOPES = "openid email profile"
OIDC_TIMEOUT = 10
OIDC_REDIRECT_REQUIRE_HTTPS = not DEBUG

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "report-uri": "/csp-rapport/",
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Celery: without a broker URL, tasks run in the calling process (development and demo).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == ""
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A pool process that holds more than this (KiB) after a task is replaced by a fresh one, so
# memory a large import leaves behind does not add up (prefork pool only; a hard memory limit
# per worker belongs to the service manager or container).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 1024 * 1024)
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "casetable.tasks.render_dossier_pdf": {"queue": "pdf"},  # selection dossier (casustafel)
    "*.render_*": {"queue": "pdf"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis redelivers a task whose worker died after this many seconds (acks_late); workers
    # look for such tasks every CELERY_RESTORE_INTERVAL seconds.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queuing a task while the broker restarts waits for it (about 20 seconds in all) instead of
# failing the request that queued it.
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 12, "interval_start": 0.2, "interval_step": 0.5,
                                    "interval_max": 2}
CELERY_BEAT_SCHEDULE = {
    "flag-stalled-projects": {
        "task": "projects.tasks.flag_stalled_projects",
        "schedule": crontab(hour=2, minute=15),
    },
    "purge-expired-personal-data": {
        "task": "lsi.retention.tasks.purge_expired_personal_data",
        "schedule": crontab(hour=1, minute=30),
    },
    "clean-up-reports": {
        "task": "lsi.reports.tasks.clean_up_reports",
        "schedule": crontab(hour=3, minute=0),
    },
    "remind-open-outcomes": {
        "task": "casetable.tasks.remind_open_outcomes",
        "schedule": crontab(hour=6, minute=30),
    },
    "remind-due-results": {
        "task": "casetable.tasks.remind_due_results",
        "schedule": crontab(hour=6, minute=40),
    },
    "send-digests": {
        "task": "projects.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "send-pending-notifications": {
        "task": "projects.tasks.send_pending_notifications",
        "schedule": crontab(minute="*/10"),
    },
}

# E-mail (notifications). SMTP from the environment; without EMAIL_HOST (development and the
# demo) messages are written as files to LSI_MAIL_DIR instead. Production refuses to start
# without EMAIL_HOST.
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "LSI-portaal <noreply@lsi.example>")
LSI_MAIL_DIR = env("LSI_MAIL_DIR", str(BASE_DIR / "private" / "mail"))
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = LSI_MAIL_DIR
LSI_MAIL_DOMAIN = env("LSI_MAIL_DOMAIN", "lsi.example")
LSI_BASE_URL = env("LSI_BASE_URL", "http://127.0.0.1:8000")

# Domain settings
LSI_STALLED_AFTER_DAYS = env_int("LSI_STALLED_AFTER_DAYS", 60)
# An executing partner is reminded of an outcome still open this many months after the debriefing.
LSI_OUTCOME_REMINDER_MONTHS = env_int("LSI_OUTCOME_REMINDER_MONTHS", 3)
LSI_UPLOAD_MAX_BYTES = env_int("LSI_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
LSI_UPLOAD_MAX_ROWS = env_int("LSI_UPLOAD_MAX_ROWS", 200_000)
# An upload whose processing was cut off this many times (its worker died, for example killed
# for its memory) is marked failed when it is delivered again, instead of being run again.
LSI_UPLOAD_MAX_ATTEMPTS = env_int("LSI_UPLOAD_MAX_ATTEMPTS", 2)
# The API for partner systems (lsi/api): calls per client, and deliveries per client.
from lsi.api.conf import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402,F401

LSI_API_RATE = env("LSI_API_RATE", "600/min")
LSI_API_DELIVERY_RATE = env("LSI_API_DELIVERY_RATE", "60/hour")
LSI_REPORT_KEEP_DAYS = env_int("LSI_REPORT_KEEP_DAYS", 7)
# Request bodies over these are refused before they are read (lsi.middleware.BodyLimitMiddleware).
LSI_BODY_MARGIN_BYTES = env_int("LSI_BODY_MARGIN_BYTES", 1024 * 1024)
LSI_ANONYMOUS_BODY_MAX_BYTES = env_int("LSI_ANONYMOUS_BODY_MAX_BYTES", 16 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# The projectleider's signal list index carries its filter columns (INCLUDE) on PostgreSQL; the
# embedded SQLite demo simply builds the index without them, which is what W040 reports.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# The public register: each process reads the state of the publications at most this often, so
# a withdrawn project is gone from every public answer within this many seconds (lsi/public/cache.py).
PUBLIC_STATE_SECONDS = float(env("PUBLIC_STATE_SECONDS", "1"))
