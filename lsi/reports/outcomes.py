"""What came of the interventions, as figures for the reports: counts and amounts per outcome
category and partner, and the "hit rate" of each kind of decision. No personal data, and
small numbers are suppressed: a count from 1 to 4 is shown as "< 5" (``None`` here), an amount
of such a group is not shown, and a total is suppressed when one of its parts is (the total
would give the part away)."""
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum

SMALL = 5


def suppress(n: int) -> int | None:
    """A count as it may be shown: 0 and 5 or more as they are, 1 to 4 as None ("< 5")."""
    return None if 0 < n < SMALL else n


def _total(parts: list[int | None], raw: int) -> int | None:
    return None if any(part is None for part in parts) else suppress(raw)


def outcome_figures(projects) -> dict:
    """Grouped in the database: the outcomes by category and partner (count and amount), the
    interventions still open, and the controls carried out by kind of decision with and
    without an intervention after them: three queries whatever the size of the project."""
    from casetable.models import Assignment, Decision, Intervention, OutcomeCategory

    interventions = Intervention.objects.filter(item__project__in=projects)
    rows = (interventions.exclude(outcome_category="").values("outcome_category", "partner__name")
            .annotate(n=Count("id"), amount=Sum("outcome_amount")).order_by())
    counts, amounts, partners = defaultdict(Counter), defaultdict(Decimal), set()
    for row in rows:
        category, partner = row["outcome_category"], row["partner__name"] or "—"
        partners.add(partner)
        counts[category][partner] += row["n"]
        amounts[category] += row["amount"] or 0
    partners = sorted(partners)
    labels = dict(OutcomeCategory.choices)
    table = []
    for category in [value for value in OutcomeCategory.values if value in counts]:
        cells = [suppress(counts[category][partner]) for partner in partners]
        raw = sum(counts[category].values())
        total = _total(cells, raw)
        table.append({"category": str(labels[category]), "cells": cells, "total": total,
                      "amount": (str(amounts[category]) if total is not None and amounts[category]
                                 else None)})
    open_count = interventions.filter(
        kind__in=["handhavingstraject", "brp_correctie", "niet_gebruik"]
    ).exclude(outcome_status="afgerond").count()

    # Per kind of decision: the addresses where a control was carried out, and of those how
    # many got an intervention (anything but "geen interventie") and how many did not.
    followed_up = Exists(Intervention.objects.filter(item_id=OuterRef("item_id"))
                         .exclude(kind=Intervention.Kind.NONE))
    per_action = (Assignment.objects.filter(project__in=projects, result=Assignment.Result.CARRIED_OUT)
                  .values("action")
                  .annotate(with_follow_up=Count("item_id", distinct=True, filter=followed_up),
                            without=Count("item_id", distinct=True, filter=~followed_up))
                  .order_by("action"))
    actions = dict(Decision.Outcome.choices)
    hit_rate = []
    for row in per_action:
        shown = [suppress(row["with_follow_up"]), suppress(row["without"])]
        hit_rate.append({"decision": str(actions.get(row["action"], row["action"])), "with": shown[0],
                         "without": shown[1], "total": _total(shown, row["with_follow_up"] + row["without"])})
    return {"partners": partners, "table": table, "open": suppress(open_count), "hit_rate": hit_rate}
