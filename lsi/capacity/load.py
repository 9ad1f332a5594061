"""Load: the hours projects commit, spread over their period by quarter ("belasting").

Each participation's committed hours (``capacity_hours``) are spread over the project's period,
start date to planned end, in proportion to the days of the period that fall in each quarter.
Counted for projects from *ingediend* through *afronding*; never for concept, afgebroken or
gesloten. A project on hold that left one of those phases counts separately, as *bevroren*.
Realised hours (entered at afronding) are spread the same way.

One SQL statement for any number of projects and quarters (no loop over projects): the quarters
go in as a VALUES list, joined to the participations whose period overlaps them.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from projects.models import Participation, Project
from projects.phases import Phase

from .quarters import Quarter

# The phases in which a project's hours are committed.
COMMITTED = (Phase.SUBMITTED, Phase.APPROVED, Phase.READY, Phase.INTAKE, Phase.CASE_TABLE,
             Phase.EXECUTION, Phase.COMPLETION)


@dataclass
class Load:
    """Hours per partner id and quarter: ``committed``, ``frozen`` (on hold), ``realised``."""

    committed: dict = field(default_factory=lambda: defaultdict(float))
    frozen: dict = field(default_factory=lambda: defaultdict(float))
    realised: dict = field(default_factory=lambda: defaultdict(float))

    def of(self, partner_id: int, quarter: Quarter) -> tuple[float, float, float]:
        key = (partner_id, quarter)
        return self.committed.get(key, 0.0), self.frozen.get(key, 0.0), self.realised.get(key, 0.0)


def _sql(quarter_count: int, partners: bool, projects: bool, excluded: bool) -> str:
    postgres = connection.vendor == "postgresql"
    if postgres:
        values = ", ".join(["(%s, %s::date, %s::date)"] * quarter_count)
        overlap = "(LEAST(p.planned_end, q.last_day) - GREATEST(p.start_date, q.first_day) + 1)"
        length = "(p.planned_end - p.start_date + 1)"
    else:
        values = ", ".join(["(%s, %s, %s)"] * quarter_count)
        overlap = ("(julianday(min(p.planned_end, q.last_day))"
                   " - julianday(max(p.start_date, q.first_day)) + 1)")
        length = "(julianday(p.planned_end) - julianday(p.start_date) + 1)"
    # Double precision, not numeric: the sum runs over every participation × quarter.
    share = f"CAST({overlap} AS DOUBLE PRECISION) / {length}" if postgres else f"{overlap} * 1.0 / {length}"
    project_table, participation_table = Project._meta.db_table, Participation._meta.db_table
    phases = ", ".join(["%s"] * len(COMMITTED))
    where = [
        "p.start_date IS NOT NULL", "p.planned_end IS NOT NULL", "p.planned_end >= p.start_date",
        f"(p.phase IN ({phases}) OR (p.phase = %s AND p.phase_before_hold IN ({phases}))"
        " OR pa.realised_hours IS NOT NULL)",
    ]
    if partners:
        where.append("pa.partner_id IN (SELECT value FROM json_each(%s))" if not postgres
                     else "pa.partner_id = ANY(%s)")
    if projects:
        where.append("pa.project_id IN (SELECT value FROM json_each(%s))" if not postgres
                     else "pa.project_id = ANY(%s)")
    if excluded:
        where.append("pa.project_id <> %s")
    return f"""
        WITH q(idx, first_day, last_day) AS (VALUES {values})
        SELECT partner_id, idx,
               SUM(CASE WHEN counted THEN capacity_hours * share ELSE 0 END),
               SUM(CASE WHEN frozen THEN capacity_hours * share ELSE 0 END),
               SUM(COALESCE(realised_hours, 0) * share)
          FROM (SELECT pa.partner_id, q.idx, pa.capacity_hours, pa.realised_hours,
                       p.phase IN ({phases}) AS counted, p.phase = %s AS frozen, {share} AS share
                  FROM {participation_table} pa
                  JOIN {project_table} p ON p.id = pa.project_id
                  JOIN q ON p.start_date <= q.last_day AND p.planned_end >= q.first_day
                 WHERE {" AND ".join(where)}) spread
         GROUP BY partner_id, idx
    """


def _id_list(ids):
    import json

    ids = [int(i) for i in ids]
    return ids if connection.vendor == "postgresql" else json.dumps(ids)


def load(quarters: list[Quarter], *, partner_ids=None, project_ids=None, exclude_project=None) -> Load:
    """The load per partner and quarter over ``quarters``; optionally only some partners, only
    some projects, or all but one project (``exclude_project``: a plan looking at the others)."""
    result = Load()
    if not quarters:
        return result
    params = []
    for index, quarter in enumerate(quarters):
        params += [index, quarter.first_day, quarter.last_day]
    committed = [str(phase) for phase in COMMITTED]
    params += committed + [str(Phase.ON_HOLD)]
    params += committed + [str(Phase.ON_HOLD)] + committed
    if partner_ids is not None:
        params.append(_id_list(partner_ids))
    if project_ids is not None:
        params.append(_id_list(project_ids))
    if exclude_project is not None:
        params.append(exclude_project)
    sql = _sql(len(quarters), partner_ids is not None, project_ids is not None, exclude_project is not None)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for partner_id, index, committed_hours, frozen_hours, realised_hours in rows:
        key = (partner_id, quarters[index])
        result.committed[key] = float(committed_hours or 0)
        result.frozen[key] = float(frozen_hours or 0)
        result.realised[key] = float(realised_hours or 0)
    return result
