"""The open knelpunten on a start page, by level and age."""
from django import template

from ..models import LEVELS, Knelpunt

register = template.Library()


@register.inclusion_tag("coordination/_open.html")
def open_knelpunten(user):
    rows = list(Knelpunt.objects.visible_to(user).unresolved().select_related("project")
                .order_by("created_at")[:200])
    by_level = [(level, [k for k in rows if k.level == level]) for level in reversed(LEVELS)]
    return {"by_level": [(level, items) for level, items in by_level if items], "total": len(rows)}
