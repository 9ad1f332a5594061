"""Reads for the agenda page that are not progress figures."""
from .models import Agenda, Risk, Target, Theme

# Per model the history columns the page shows the part by (read as values: no model instance
# per history row, and the user's name and partner in the same statement).
PART_FIELDS = {Agenda: (), Theme: ("name",), Target: ("year", "kind", "number"), Risk: ("description",)}
WHO = ("history_user__first_name", "history_user__last_name", "history_user__username",
       "history_user__partner__code")


def _name(model, row) -> str:
    """A part of the agenda in words, from its history row alone (no query per row)."""
    if model is Theme:
        return row["name"]
    if model is Target:
        return f"{row['year']}, {str(Target.Kind(row['kind']).label).lower()}: {row['number']}"
    return row["description"][:80]


def _who(row) -> str | None:
    """The user as ``User.__str__`` writes it: the full name (else the username) and the partner."""
    if not row["history_user__username"]:
        return None
    name = f"{row['history_user__first_name']} {row['history_user__last_name']}".strip() \
        or row["history_user__username"]
    code = row["history_user__partner__code"]
    return f"{name} ({code})" if code else name


def history_of(agenda, limit: int = 100) -> list[dict]:
    """Every change of the agenda and of its themes, targets and risks, newest first: when, who,
    what (the part in words) and why."""
    changes = []
    for model, fields in PART_FIELDS.items():
        history = model.history.filter(id=agenda.pk) if model is Agenda else \
            model.history.filter(agenda_id=agenda.pk)
        types = dict(model.history.model._meta.get_field("history_type").choices)
        rows = history.order_by("-history_date").values(
            "history_date", "history_change_reason", "history_type", *WHO, *fields)[:limit]
        changes += [{"at": row["history_date"], "by": _who(row),
                     "part": f"{model._meta.verbose_name}: {_name(model, row)}" if fields else "",
                     "reason": row["history_change_reason"], "type": types[row["history_type"]]}
                    for row in rows]
    return sorted(changes, key=lambda change: change["at"], reverse=True)[:limit]
