"""The WSGI application. gunicorn loads it once in its master (``--preload``) and forks the
workers from it, so what is loaded here is loaded once for all of them: a worker that
``--max-requests`` replaces answers its first request as fast as its hundredth. Without the
warm-up each new worker imported the views and read the translations while requests queued
behind it (under load, the slowest tenth of the register's answers took 60-130 ms).
``gc.freeze()`` keeps the objects loaded so far out of the workers' garbage collections, which
then walk only what each request made (and the shared pages are not copied on write)."""
import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lsi.settings.production")
application = get_wsgi_application()


def _warm_up() -> None:
    """Load now what Django would otherwise load on a worker's first requests: the URLconf with
    every view module, and the translations of each language."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    reverse("public:overview")  # imports lsi.urls and every view it names, fills the reverse map
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Projecten")


_warm_up()
gc.freeze()
