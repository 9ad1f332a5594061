"""The public register: no login, read only from published snapshots (``Publication``), never
from projects, signals or users (an import contract in pyproject.toml keeps it that way)."""
import csv
import io
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .cache import served_from_cache
from .models import Publication
from .snapshots import CSV_COLUMNS, STATUSES, labelled, matches

FILTERS = ("gemeente", "type", "jaar", "status")


def _filters(request) -> dict:
    return {key: request.GET.get(key, "").strip()[:100] for key in FILTERS}


def _filter_variant(request) -> str:
    return urlencode(_filters(request))


def _current():
    return [publication.snapshot for publication in Publication.objects.public().only("snapshot")]


@require_GET
@served_from_cache(variant=_filter_variant)
def overview(request):
    snapshots = sorted(_current(), key=lambda s: (s.get("start") or "", s["name"]), reverse=True)
    filters = _filters(request)
    shown = [labelled(s) for s in snapshots if matches(s, filters)]
    chosen = {key: value for key, value in filters.items() if value}
    gemeenten = sorted({m for s in snapshots for m in s["municipalities"]})
    years = sorted({s["year"] for s in snapshots if s.get("year")}, reverse=True)
    types = labelled({"type": None})["type_choices"]
    response = render(request, "public/overview.html", {
        "projects": shown, "filters": filters, "gemeenten": gemeenten, "years": years, "types": types,
        "here": request.path + (f"?{urlencode(chosen)}" if chosen else "")})
    offered = {"gemeente": set(gemeenten), "type": {value for value, _label in types},
               "jaar": {str(year) for year in years}, "status": set(STATUSES)}
    # Kept: the page without filters or with one of the choices it offers (a bounded number of
    # pages); any other combination is rendered for whoever asks.
    response.cacheable = len(chosen) <= 1 and all(value in offered[key] for key, value in chosen.items())
    return response


@require_GET
@served_from_cache()
def detail(request, project_id):
    publication = Publication.objects.public().filter(project_id=project_id).only("snapshot").first()
    if publication is None:
        raise Http404
    return render(request, "public/detail.html", {"p": labelled(publication.snapshot)})


@require_GET
@served_from_cache()
def about(request):
    return render(request, "public/about.html")


@require_GET
@served_from_cache()
def open_data_json(request):
    return JsonResponse({"version": 1, "projects": _current()}, json_dumps_params={"ensure_ascii": False})


@require_GET
@served_from_cache()
def open_data_csv(request):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for s in _current():
        writer.writerow([s["project_id"], s["name"], s["type"], s["format"], s["status"], s["start"] or "",
                         s["end"] or "", " ".join(s["area_pc4"]), ", ".join(s["municipalities"]),
                         ", ".join(s["partners"]), ", ".join(s["categories"]), s["published_at"]])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lsi-projecten.csv"'
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def schema(request):
    from .snapshots import SCHEMA

    return JsonResponse(SCHEMA, json_dumps_params={"ensure_ascii": False})


PUBLIC_PAGES = {"overview", "about", "detail"}


def _public_page(path: str) -> bool:
    """Whether ``path`` is one of the public register's pages (not a page of the portal, and
    not a path that a browser would resolve elsewhere, such as ``/register/../projecten/``)."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace == "public" and match.url_name in PUBLIC_PAGES


@require_GET
def language(request, code):
    """The public pages' language switch: plain links, no form and no CSRF token (the pages are
    the same for every visitor). Sets the language cookie and goes back to the public page."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("next", "")
    if not (url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                            require_https=request.is_secure())
            and _public_page(urlsplit(back).path)):
        back = reverse("public:overview")
    response = HttpResponseRedirect(back)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response



