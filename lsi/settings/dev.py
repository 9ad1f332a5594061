"""Development and demo: defaults only, then the shared settings."""
import os

os.environ.setdefault("DEBUG", "true")
# Development and the demo only: log in without a second factor (documented in the README).
os.environ.setdefault("LSI_2FA_REQUIRED", "false")

from .base import *  # noqa: E402,F401,F403

INSTALLED_APPS = [*INSTALLED_APPS, "lsi.devtools"]  # noqa: F405 (seed_demo, bench)
LSI_2FA_ENROLMENT_CODE_REQUIRED = False
