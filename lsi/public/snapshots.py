"""Reading published snapshots for the public pages: labels in the reader's language, the
filters, and the documented open-data schema. Nothing here touches a project."""
from django.utils.translation import gettext_lazy as _

from projects.models import Project

TYPES = dict(Project.Type.choices)
FORMATS = dict(Project.Format.choices)
STATUSES = {"lopend": _("Loopt"), "afgerond": _("Afgerond"), "afgebroken": _("Afgebroken")}

CSV_COLUMNS = ["project_id", "naam", "type", "format", "status", "start", "einde", "gebied_pc4",
               "gemeenten", "partners", "categorieen", "gepubliceerd_op"]


def labelled(snapshot: dict) -> dict:
    return {**snapshot, "type_label": TYPES.get(snapshot.get("type"), ""),
            "format_label": FORMATS.get(snapshot.get("format"), ""),
            "status_label": STATUSES.get(snapshot.get("status"), ""),
            "type_choices": list(TYPES.items())}


def matches(snapshot: dict, filters: dict) -> bool:
    if filters["gemeente"] and filters["gemeente"] not in snapshot["municipalities"]:
        return False
    if filters["type"] and filters["type"] != snapshot["type"]:
        return False
    if filters["jaar"] and str(snapshot.get("year") or "") != filters["jaar"]:
        return False
    return not (filters["status"] and filters["status"] != snapshot["status"])


_STRINGS = {"type": "array", "items": {"type": "string"}}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "LSI openbaar register: projecten",
    "type": "object",
    "required": ["version", "projects"],
    "properties": {
        "version": {"const": 1},
        "projects": {"type": "array", "items": {
            "type": "object",
            "required": ["version", "project_id", "name", "summary", "type", "format", "status", "start",
                         "end", "year", "area_pc4", "municipalities", "partners", "categories", "letter",
                         "results", "published_at"],
            "additionalProperties": False,
            "properties": {
                "version": {"const": 1},
                "project_id": {"type": "integer"},
                "name": {"type": "string"},
                "summary": {"type": "string"},
                "type": {"enum": list(TYPES)},
                "format": {"enum": list(FORMATS)},
                "status": {"enum": list(STATUSES)},
                "start": {"type": ["string", "null"], "format": "date"},
                "end": {"type": ["string", "null"], "format": "date"},
                "year": {"type": ["integer", "null"]},
                "area_pc4": {"type": "array", "items": {"type": "string", "pattern": "^[1-9][0-9]{3}$"}},
                "municipalities": _STRINGS, "partners": _STRINGS, "categories": _STRINGS,
                "letter": {"type": ["object", "null"], "required": ["date", "text"],
                           "properties": {"date": {"type": "string", "format": "date"},
                                          "text": {"type": "string"}}},
                "results": {"type": ["object", "null"]},
                "published_at": {"type": "string", "format": "date-time"},
            },
        }},
    },
}
