"""Test settings: the shared settings with fast password hashing."""
from .base import *  # noqa: F401,F403

INSTALLED_APPS = [*INSTALLED_APPS, "lsi.devtools"]  # noqa: F405 (seed_demo, bench)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Most tests log in with force_login; the security tests switch these on where they test them.
LSI_2FA_REQUIRED = False
AXES_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Unit tests run tasks in process; tests marked ``worker`` switch this off and start a real
# Celery worker against CELERY_BROKER_URL (Redis), see tests/worker.py.
CELERY_TASK_ALWAYS_EAGER = True
LSI_2FA_ENROLMENT_CODE_REQUIRED = False  # the tests that test it switch it on
# Every request reads the register's state, so a test sees a withdrawal at once; the one-second
# window of production is tested on its own (tests/test_public_register_cache.py).
PUBLIC_STATE_SECONDS = 0
