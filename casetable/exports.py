"""The casustafel list for the projectleider: every agenda address with its selection, tests,
decision, controls and debriefing, as rows for ``projects.exports.export`` (CSV or XLSX,
formula injection neutralised there).

This is an enforcement export: zorgmeldingen (``CareReferral``) are never read here.
"""
from django.db.models import Prefetch

from projects.models import Project

from .models import Assignment, CaseItem, Intervention, SignalTest

HEADER = [
    "casustafel", "adres", "adressleutel", "uitzondering", "reden_uitzondering",
    "selectieregel_min_partners", "partners_bij_selectie", "aantal_partners_bij_selectie",
    "toetsing_houdt_stand", "toetsing_houdt_geen_stand", "toetsing_onduidelijk",
    "risico_actueel_2plus_partners", "toelichting_risico", "besluit", "subsidiariteit",
    "proportionaliteit", "redelijke_grond_huisbezoek", "uitvoerende_partners", "geplande_datum",
    "besloten_door", "besloten_op", "herzien_wegens", "controles", "interventies",
]


def _yes_no(value) -> str:
    return "" if value is None else ("ja" if value else "nee")


def _control(a: Assignment) -> str:
    if not a.result:
        return f"{a.partner.code}: nog geen uitkomst"
    parts = [f"{a.partner.code}: {a.get_result_display()}"]
    if a.result_reason:
        parts.append(f"reden: {a.result_reason}")
    if a.rights_informed is not None:
        parts.append(f"rechten gemeld: {_yes_no(a.rights_informed)}")
    if a.consent is not None:
        parts.append(f"toestemming: {_yes_no(a.consent)}")
    if a.findings:
        parts.append(f"bevindingen: {a.findings}")
    return ", ".join(parts)


def _intervention(i: Intervention) -> str:
    text = str(i.get_kind_display())
    if i.partner_id:
        text += f" ({i.partner.code})"
    if i.description:
        text += f": {i.description}"
    return text


def case_table_rows(project: Project) -> tuple[list[str], list[list]]:
    items = (
        CaseItem.objects.filter(project=project)
        .select_related("session", "decision__executing_partner", "decision__second_partner",
                        "decision__decided_by")
        .prefetch_related(
            "tests",
            Prefetch("assignments", queryset=Assignment.objects.filter(status=Assignment.Status.OPEN)
                     .select_related("partner")),
            Prefetch("interventions", queryset=Intervention.objects.select_related("partner")),
        )
        .order_by("session__held_on", "session_id", "address_key")
    )
    rows = []
    for item in items:
        results = [t.result for t in item.tests.all()]
        d = item.decision
        rows.append([
            item.session.held_on.isoformat(), item.address_display, item.address_key,
            _yes_no(item.is_exception), item.exception_reason, item.rule_min_partners,
            item.partner_codes_at_selection, item.partner_count_at_selection,
            results.count(SignalTest.Result.HOLDS), results.count(SignalTest.Result.DOES_NOT_HOLD),
            results.count(SignalTest.Result.UNCLEAR), _yes_no(item.risk_current), item.risk_note,
            d.get_outcome_display() if d else "", d.subsidiarity if d else "",
            d.proportionality if d else "", d.reasonable_ground if d else "",
            ", ".join(p.code for p in d.partners) if d else "",
            d.planned_date.isoformat() if d and d.planned_date else "",
            str(d.decided_by) if d else "", d.decided_at.isoformat(timespec="minutes") if d else "",
            d.revision_reason if d else "",
            " | ".join(_control(a) for a in item.assignments.all()),
            " | ".join(_intervention(i) for i in item.interventions.all()),
        ])
    return HEADER, rows
