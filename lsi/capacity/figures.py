"""The capacity figures: per partner and quarter what is pledged, committed, frozen, realised and
free. Counts of hours only, never personal data. Read by the capacity page, the stuurgroep report
(and its PDF), and the plan's warnings.

Pledged in a quarter: the partner's pledge for that quarter, or else a quarter of its pledge for
the year; none when it pledged neither. Free: pledged minus committed. Over-committed: committed
more than pledged, or committed without any pledge.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from projects.models import Partner

from . import load as loads
from .models import CapacityPledge, Suspension
from .quarters import Quarter, covering, of_year


@dataclass
class Cell:
    quarter: Quarter
    pledged: float | None
    committed: float
    frozen: float
    realised: float

    @property
    def free(self) -> float | None:
        return None if self.pledged is None else self.pledged - self.committed

    @property
    def over(self) -> bool:
        """More committed than pledged, or committed without a pledge."""
        if self.pledged is None:
            return round(self.committed) > 0
        return round(self.committed) > round(self.pledged)

    @property
    def empty(self) -> bool:
        return self.pledged is None and not (self.committed or self.frozen or self.realised)


def pledged(quarters: list[Quarter], partner_ids=None) -> dict:
    """(partner id, quarter) → pledged hours, for the quarters with a pledge."""
    years = {quarter.year for quarter in quarters}
    rows = CapacityPledge.objects.filter(year__in=years)
    if partner_ids is not None:
        rows = rows.filter(partner_id__in=partner_ids)
    per_year, per_quarter = {}, {}
    for partner_id, year, number, hours in rows.values_list("partner_id", "year", "quarter", "hours"):
        if number is None:
            per_year[(partner_id, year)] = hours
        else:
            per_quarter[(partner_id, Quarter(year, number))] = hours
    found = {}
    for (partner_id, year), hours in per_year.items():
        for quarter in quarters:
            if quarter.year == year:
                found[(partner_id, quarter)] = hours / 4
    found.update({key: hours for key, hours in per_quarter.items() if key[1] in quarters})
    return found


def grid(quarters: list[Quarter], partner_ids=None, project_ids=None) -> dict:
    """Partner × quarter: one row per partner with a pledge or a load in ``quarters`` (of
    ``partner_ids``, None: every partner), its cells, and the current suspension.
    ``project_ids``: the load of only those projects."""
    load = loads.load(quarters, partner_ids=partner_ids, project_ids=project_ids)
    pledges = pledged(quarters, partner_ids)
    present = {pid for pid, _q in pledges} | {pid for pid, _q in load.committed} \
        | {pid for pid, _q in load.frozen} | {pid for pid, _q in load.realised}
    partners = Partner.objects.filter(pk__in=present).order_by("name")
    suspended = {s.partner_id: s for s in Suspension.objects.filter(partner_id__in=present,
                                                                     ends_on__isnull=True)}
    rows = []
    for partner in partners:
        cells = [Cell(quarter, pledges.get((partner.pk, quarter)), *load.of(partner.pk, quarter))
                 for quarter in quarters]
        rows.append({"partner": partner, "cells": cells, "suspension": suspended.get(partner.pk),
                     "over": sum(cell.over for cell in cells)})
    totals = []
    for index, quarter in enumerate(quarters):
        column = [row["cells"][index] for row in rows]
        totals.append(Cell(quarter, sum(c.pledged or 0 for c in column),
                           sum(c.committed for c in column), sum(c.frozen for c in column),
                           sum(c.realised for c in column)))
    return {"quarters": quarters, "rows": rows, "totals": totals,
            "over_count": sum(row["over"] for row in rows)}


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


def own_share(project, hours: float, quarters: list[Quarter]) -> dict:
    """This project's ``hours`` spread over its period (the rule of ``load``), per quarter."""
    start, end = project.start_date, project.planned_end
    if not (start and end) or end < start:
        return {}
    length = (end - start).days + 1
    return {quarter: hours * ((min(end, quarter.last_day) - max(start, quarter.first_day)).days + 1) / length
            for quarter in quarters}


def _period(project) -> list[Quarter]:
    if not (project.start_date and project.planned_end):
        return []
    return covering(project.start_date, project.planned_end)


def free_for_project(project) -> dict:
    """For each partner of the project: its free capacity in the project's period without this
    project (pledged minus what other projects commit), a figure and nothing else; None when it
    pledged nothing for that period. What the projectleider may see of other projects."""
    quarters = _period(project)
    partner_ids = list(project.participations.values_list("partner_id", flat=True))
    if not quarters:
        return {}
    others = loads.load(quarters, partner_ids=partner_ids, exclude_project=project.pk)
    pledges = pledged(quarters, partner_ids)
    free = {}
    for partner_id in partner_ids:
        with_pledge = [q for q in quarters if (partner_id, q) in pledges]
        free[partner_id] = round(sum(pledges[(partner_id, q)] - others.committed.get((partner_id, q), 0)
                                     for q in with_pledge)) if with_pledge else None
    return free


def plan_warnings(project) -> list[tuple[int, str]]:
    """The capacity warnings of a plan (registered with ``projects.warnings``): per partner, each
    quarter where this plan does not fit in the free capacity, the quarters without any pledge,
    and a current partner-wide suspension. Never a block."""
    quarters = _period(project)
    participations = list(project.participations.select_related("partner"))
    if not participations:
        return []
    partner_ids = [p.partner_id for p in participations]
    others = loads.load(quarters, partner_ids=partner_ids, exclude_project=project.pk) if quarters else None
    pledges = pledged(quarters, partner_ids) if quarters else {}
    suspended = {s.partner_id: s for s in Suspension.objects.filter(partner_id__in=partner_ids,
                                                                     ends_on__isnull=True)}
    warnings = []
    for participation in participations:
        partner = participation.partner
        if (suspension := suspended.get(partner.pk)) is not None:
            since = suspension.starts_on.strftime("%d-%m-%Y")
            warnings.append((partner.pk, _("%(partner)s heeft al zijn LSI-werk opgeschort sinds %(date)s.")
                             % {"partner": partner.name, "date": since}))
        if not participation.capacity_hours or not quarters:
            continue
        own = own_share(project, participation.capacity_hours, quarters)
        missing = []
        for quarter in quarters:
            mine = own.get(quarter, 0)
            if round(mine) <= 0:
                continue
            pledge = pledges.get((partner.pk, quarter))
            if pledge is None:
                missing.append(quarter.label)
                continue
            free = pledge - others.committed.get((partner.pk, quarter), 0)
            if round(mine) > round(free):
                warnings.append((partner.pk, _(
                    "%(partner)s: in %(quarter)s past dit plan niet in de toegezegde capaciteit "
                    "(vrij zonder dit plan: %(free)s uur, dit plan: %(own)s uur).")
                    % {"partner": partner.name, "quarter": quarter.label, "free": round(free),
                       "own": round(mine)}))
        if missing:
            warnings.append((partner.pk, _("%(partner)s heeft geen capaciteit toegezegd voor "
                                           "%(quarters)s.") % {"partner": partner.name,
                                                               "quarters": ", ".join(missing)}))
    return warnings
