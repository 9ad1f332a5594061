"""The knelpunten's section of the stuurgroep report (registered in ``apps.py``): the open
knelpunten by level and age, the highest level first. The report is the programme's (stuurgroep
and coördinator), who see every knelpunt; a knelpunt holds no personal data."""
from django.db.models import Q

from .models import LEVELS, Knelpunt

TEMPLATE = "coordination/_steering_section.html"


def steering_figures(year: int, project_type: str = "", project_ids=None) -> dict:
    rows = Knelpunt.objects.unresolved().select_related("project").order_by("created_at")
    if project_ids is not None:  # the report's type filter: those projects, and the LSI as a whole
        rows = rows.filter(Q(project_id__in=project_ids) | Q(project__isnull=True))
    rows = list(rows)
    by_level = [(level, [k for k in rows if k.level == level]) for level in reversed(LEVELS)]
    return {"knelpunten_by_level": [(level, items) for level, items in by_level if items],
            "knelpunten_open": len(rows)}
