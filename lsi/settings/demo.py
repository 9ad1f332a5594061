"""The demo (``make demo``): the development settings with DEBUG off.

With DEBUG off every visitor sees the portal's own error pages (``templates/404.html``,
``500.html``), as in production, never Django's technical page that lists every URL pattern.
WhiteNoise serves the static files straight from their source folders, so ``runserver`` works
without ``collectstatic``.
"""
import os

os.environ.setdefault("DEBUG", "false")

from .dev import *  # noqa: E402,F401,F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
