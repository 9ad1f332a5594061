"""What came of the interventions, as figures for the reports: counts and amounts per outcome
category and partner, and the "hit rate" of each kind of decision. No personal data, and
small numbers are suppressed: a count from 1 to 4 is shown as "< 5" (``None`` here), an amount
of such a group is not shown, and a total is suppressed when one of its parts is (the total
would give the part away)."""
from collections import Counter, defaultdict
from decimal import Decimal

SMALL = 5


def suppress(n: int) -> int | None:
    """A count as it may be shown: 0 and 5 or more as they are, 1 to 4 as None ("< 5")."""
    return None if 0 < n < SMALL else n


def _total(parts: list[int | None], raw: int) -> int | None:
    return None if any(part is None for part in parts) else suppress(raw)


def outcome_figures(projects) -> dict:
    from casetable.models import Assignment, Decision, Intervention, OutcomeCategory

    rows = (Intervention.objects.filter(item__project__in=projects).exclude(outcome_category="")
            .values_list("outcome_category", "partner__name", "outcome_amount"))
    counts, amounts, partners = defaultdict(Counter), defaultdict(Decimal), set()
    for category, partner, amount in rows:
        partner = partner or "—"
        partners.add(partner)
        counts[category][partner] += 1
        amounts[category] += amount or 0
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
    open_count = Intervention.objects.filter(
        item__project__in=projects, kind__in=["handhavingstraject", "brp_correctie", "niet_gebruik"]
    ).exclude(outcome_status="afgerond").count()

    # Per kind of decision: controls carried out, and of those how many led to an intervention
    # (anything but "geen interventie") and how many did not.
    done = (Assignment.objects.filter(project__in=projects, result=Assignment.Result.CARRIED_OUT)
            .values_list("action", "item_id").distinct())
    followed_up = set(Intervention.objects.filter(item__project__in=projects)
                      .exclude(kind=Intervention.Kind.NONE).values_list("item_id", flat=True))
    per_action = defaultdict(lambda: [0, 0])
    for action, item_id in done:
        per_action[action][0 if item_id in followed_up else 1] += 1
    actions = dict(Decision.Outcome.choices)
    hit_rate = []
    for action, (with_follow_up, without) in sorted(per_action.items()):
        shown = [suppress(with_follow_up), suppress(without)]
        hit_rate.append({"decision": str(actions.get(action, action)), "with": shown[0],
                         "without": shown[1], "total": _total(shown, with_follow_up + without)})
    return {"partners": partners, "table": table, "open": suppress(open_count), "hit_rate": hit_rate}
