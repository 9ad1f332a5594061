"""Test settings: the shared settings with fast password hashing."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Unit tests run tasks in process; tests marked ``worker`` switch this off and start a real
# Celery worker against CELERY_BROKER_URL (Redis), see tests/worker.py.
CELERY_TASK_ALWAYS_EAGER = True
