"""Reads for the agenda page that are not progress figures."""
from .models import Risk, Target, Theme


def _name(model, row) -> str:
    """A part of the agenda in words, from its history row alone (no query per row)."""
    if model is Theme:
        return row.name
    if model is Target:
        return f"{row.year}, {row.get_kind_display().lower()}: {row.number}"
    return row.description[:80]


def history_of(agenda, limit: int = 100) -> list[dict]:
    """Every change of the agenda and of its themes, targets and risks, newest first: when, who,
    what (the part in words) and why."""
    rows = [(None, h) for h in agenda.history.select_related("history_user__partner")[:limit]]
    for model in (Theme, Target, Risk):
        rows += [(model, h) for h in model.history.filter(agenda_id=agenda.pk)
                 .select_related("history_user__partner").order_by("-history_date")[:limit]]
    changes = [{"at": h.history_date, "by": h.history_user,
                "part": f"{model._meta.verbose_name}: {_name(model, h)}" if model else "",
                "reason": h.history_change_reason, "type": h.get_history_type_display()}
               for model, h in rows]
    return sorted(changes, key=lambda change: change["at"], reverse=True)[:limit]
