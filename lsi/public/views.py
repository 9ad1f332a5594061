"""The public register: no login, read only from published snapshots (``Publication``), never
from projects, signals or users (an import contract in pyproject.toml keeps it that way)."""
import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .models import Publication
from .snapshots import CSV_COLUMNS, labelled, matches

PUBLIC = cache_control(public=True, max_age=300)


def _current():
    return [publication.snapshot for publication in Publication.objects.public().only("snapshot")]


@require_GET
@PUBLIC
def overview(request):
    snapshots = sorted(_current(), key=lambda s: (s.get("start") or "", s["name"]), reverse=True)
    filters = {key: request.GET.get(key, "").strip() for key in ("gemeente", "type", "jaar", "status")}
    shown = [labelled(s) for s in snapshots if matches(s, filters)]
    return render(request, "public/overview.html", {
        "projects": shown, "filters": filters,
        "gemeenten": sorted({m for s in snapshots for m in s["municipalities"]}),
        "years": sorted({s["year"] for s in snapshots if s.get("year")}, reverse=True),
        "types": labelled({"type": None})["type_choices"], "public_page": True})


@require_GET
@PUBLIC
def detail(request, project_id):
    publication = Publication.objects.public().filter(project_id=project_id).only("snapshot").first()
    if publication is None:
        raise Http404
    return render(request, "public/detail.html", {"p": labelled(publication.snapshot), "public_page": True})


@require_GET
@PUBLIC
def about(request):
    return render(request, "public/about.html", {"public_page": True})


@require_GET
@PUBLIC
def open_data_json(request):
    return JsonResponse({"version": 1, "projects": _current()}, json_dumps_params={"ensure_ascii": False})


@require_GET
@PUBLIC
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


def schema(request):
    from .snapshots import SCHEMA

    return JsonResponse(SCHEMA, json_dumps_params={"ensure_ascii": False})



