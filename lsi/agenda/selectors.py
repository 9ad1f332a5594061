"""Reads for the agenda page that are not progress figures."""
from itertools import chain

from .models import Risk, Target, Theme


def history_of(agenda, limit: int = 100) -> list[dict]:
    """Every change of the agenda and of its themes, targets and risks, newest first: when, who,
    what (the part in words) and why."""
    rows = chain(
        ((None, h) for h in agenda.history.select_related("history_user")[:limit]),
        *(((model, h) for h in model.history.filter(agenda_id=agenda.pk).select_related("history_user")
           .order_by("-history_date")[:limit]) for model in (Theme, Target, Risk)),
    )
    changes = [{"at": h.history_date, "by": h.history_user,
                "part": f"{model._meta.verbose_name}: {h.instance}" if model else "",
                "reason": h.history_change_reason, "type": h.get_history_type_display()}
               for model, h in rows]
    return sorted(changes, key=lambda change: change["at"], reverse=True)[:limit]
