"""The public pages are rendered once per state of the register and language, then served from
the shared cache to every visitor.

The state is read from the publications themselves (one small aggregate): a publish adds a row,
a withdrawal sets ``withdrawn_at``, the retention purge removes rows, and each changes the state,
so no writer has to remember to invalidate anything. Each process reads it at most once every
``PUBLIC_STATE_SECONDS`` (1 s): a withdrawn project is gone from every answer within a second,
and a burst of readers costs the database one statement a second per process, not one per
request. A page that has to be rendered reads the state afresh, before and after.

The rendered body is kept under a key made of that state, the language, the page and its
filters, and a digest of what renders it (templates, translations, the static manifest), so a
new release never serves an old page.

A rendered body never changes under its key (the key holds the state), so each process also
keeps the bodies it served last in memory: the shared cache renders each state once for all
processes, the local copy spares the round trip to it.

Browsers and proxies may store a page but must ask again each time (``no-cache``); the ETag
is the same key, so an unchanged register answers ``304 Not Modified`` without a body.
Nothing here depends on who asks: the public templates show no user, messages or CSRF token.
"""
import hashlib
import time
from functools import cache as once
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from .models import Publication

TIMEOUT = 24 * 60 * 60  # a state that no longer changes is still dropped after a day
LOCAL_ENTRIES = 500  # bodies kept in this process (a few MB); all dropped when it is full
_local: dict[str, tuple] = {}
CACHE_CONTROL = "public, no-cache"


@once
def release() -> str:
    """A digest of the files that decide how a public page looks (templates, translations, this
    app's code, the static manifest), read once per process."""
    digest = hashlib.sha256()
    templates = Path(settings.BASE_DIR) / "templates"
    files = [templates / "base.html", *sorted((templates / "public").glob("*.html"))]
    for locale in settings.LOCALE_PATHS:
        files += sorted(Path(locale).glob("*/LC_MESSAGES/*.mo"))
    files += sorted(Path(__file__).parent.glob("*.py"))
    # The labels of types and formats, and the addresses the pages link to.
    files += [Path(settings.BASE_DIR) / "projects" / "models.py", Path(settings.BASE_DIR) / "lsi" / "urls.py"]
    if settings.STATIC_ROOT:
        files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in files:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


STATE_SQL = (f"SELECT COUNT(*), MAX(id), MAX(published_at), COUNT(withdrawn_at), MAX(withdrawn_at) "
             f"FROM {Publication._meta.db_table}")


_read = [float("-inf"), ""]  # when this process last read the state, and what it read


def state(fresh: bool = False) -> str:
    """The register's state as this process read it less than ``PUBLIC_STATE_SECONDS`` ago, or
    read now (``fresh``, or when that is longer ago)."""
    now = time.monotonic()
    if not fresh and now - _read[0] < settings.PUBLIC_STATE_SECONDS:
        return _read[1]
    value = _read_state()
    _read[:] = [now, value]
    return value


def _read_state() -> str:
    """What identifies the register's content now: changes with every publish, withdrawal or
    removal of a publication. Written out, because the ORM would spend longer building the
    statement than the database spends answering it."""
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL)
        return "|".join(map(str, cursor.fetchone()))


def served_from_cache(variant=None):
    """Serve a public GET view from the cache. ``variant(request)`` names what, besides the path,
    the page depends on (the overview's filters). Not kept: a view that raises Http404, and an
    answer the view marks ``cacheable = False`` (filters no visitor can choose: anyone could
    otherwise fill the cache, which may share Redis with the task queue, with made-up URLs)."""
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            match = request.resolver_match
            canonical = reverse(match.view_name, kwargs=match.kwargs)
            if request.path != canonical:  # /register/projecten/007/
                return HttpResponsePermanentRedirect(canonical)
            page = (get_language(), request.path, variant(request) if variant else "")
            now = state()
            key = _key(now, page)
            if _asked_for(request, f'"{key}"'):
                return _headers(HttpResponseNotModified(), key)
            stored = _stored(key)
            if stored is None and (fresh := state(fresh=True)) != now:
                # To be rendered for the state as it is now, which this process had not read
                # yet: that state's page may be stored already.
                now, key = fresh, _key(fresh, page)
                stored = _stored(key)
            if stored is None:
                rendered = view(request, *args, **kwargs)
                stored = (rendered.status_code, rendered["Content-Type"],
                          rendered.get("Content-Disposition"), rendered.content)
                if rendered.status_code != 200 or state(fresh=True) != now:
                    # The register changed while the page was rendered: the body may not be
                    # that of the state in its key, so it is neither kept nor tagged.
                    return _headers(_response(stored), None)
                if not getattr(rendered, "cacheable", True):
                    return _headers(_response(stored), key)
                cache.set(f"lsi-public:{key}", stored, TIMEOUT)
            _keep_here(key, stored)
            return _headers(_response(stored), key)
        return wrapper
    return decorator


def _key(now: str, page: tuple) -> str:
    return hashlib.sha256("\n".join((release(), now, *page)).encode()).hexdigest()[:32]


def _stored(key: str) -> tuple | None:
    return _local.get(key) or cache.get(f"lsi-public:{key}")


def _asked_for(request, etag: str) -> bool:
    """Whether the browser or proxy holds this page already (a proxy that compresses passes the
    tag on as a weak one)."""
    asked = {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}
    return etag in asked or "*" in asked


def _keep_here(key: str, stored: tuple) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()
    _local[key] = stored


def _response(stored: tuple) -> HttpResponse:
    status, content_type, disposition, body = stored
    response = HttpResponse(body, status=status, content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    return response


def forget() -> None:
    """Drop this process's copies of rendered pages (the tests: a rolled-back database can bring
    a state back with other content), and the state last read."""
    _local.clear()
    _read[:] = [float("-inf"), ""]


def _headers(response, key: str | None):
    if key:
        response["ETag"] = f'"{key}"'
    response["Cache-Control"] = CACHE_CONTROL
    response["Content-Language"] = get_language()
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
