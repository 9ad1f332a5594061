"""The capacity figures: per partner and quarter what is pledged, committed, frozen, realised and
free. Counts of hours only, never personal data. Read by the capacity page, the stuurgroep report
(and its PDF), and the plan's warnings."""
from projects.models import Partner

from . import load as loads
from .quarters import of_year


def committed_in_year(year: int, project_ids=None) -> list[dict]:
    """Per partner the hours committed in ``year`` (see ``load``), rounded to whole hours; the
    partners with none are left out. ``project_ids``: only those projects (a filtered report)."""
    quarters = of_year(year)
    found = loads.load(quarters, project_ids=project_ids)
    hours = {}
    for (partner_id, _quarter), value in found.committed.items():
        hours[partner_id] = hours.get(partner_id, 0.0) + value
    names = dict(Partner.objects.filter(pk__in=hours).values_list("pk", "name"))
    return sorted(({"partner": names[pk], "hours": round(value)} for pk, value in hours.items()
                   if round(value) > 0), key=lambda row: row["partner"])
