"""Development and demo: defaults only, then the shared settings."""
import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F401,F403
