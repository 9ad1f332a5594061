"""The selection dossier (GALOP II): everything needed to explain why an address was selected
and what happened, as a page and as a PDF made by a Celery task.

``dossier_context`` is the one read that collects it (used by the page and the PDF alike);
``request_pdf`` queues a PDF; ``render_pdf`` is the task body. Only the projectleider sees a
dossier; the PDF is stored in the database (``projects.filejobs``) and served by a view that checks the
same permission.
"""
import json
import logging
from datetime import date, datetime
from itertools import groupby

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connection, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from projects import accesslog, filejobs
from projects.history import save_with
from projects.models import Partner
from projects.pdf import render_html
from projects.roles import is_lead
from signals.models import Signal

from . import events
from .models import (
    Assignment,
    CareReferral,
    CaseItem,
    CaseTableSession,
    Decision,
    DossierPdf,
    ExceptionAddress,
    Intervention,
    SignalTest,
)
from .rules import require_lead

logger = logging.getLogger(__name__)
HISTORY_TYPES = {"+": gettext_lazy("aangemaakt"), "~": gettext_lazy("gewijzigd"),
                 "-": gettext_lazy("verwijderd")}
SKIPPED_FIELDS = {"id", "version", "history_id", "history_date", "history_type", "history_user",
                  "history_change_reason"}


def _value(field, value, partners: dict, users: dict) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(field, models.ForeignKey):
        if field.related_model is Partner:
            return partners.get(value, str(value))
        if field.related_model is get_user_model():
            return users.get(value, str(value))
        return f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


def _object_name(label: str, first: dict, partners: dict) -> str:
    """A readable name for one object of the history: "Signaal van UWV, 3 mei 2026" (its kind,
    its partner when it has one, the day it was made) instead of a database id."""
    made = date_format(timezone.localtime(first["history_date"]), "j F Y")
    partner = partners.get(first.get("partner_id")) if first.get("partner_id") else None
    if partner:
        return _("%(kind)s van %(partner)s, %(day)s") % {"kind": label, "partner": partner, "day": made}
    return _("%(kind)s, %(day)s") % {"kind": label, "day": made}


def _entries(label: str, model, rows: list[dict], partners: dict, users: dict) -> list[dict]:
    """History rows of one model as entries: when, who, what, and which fields changed."""
    fields = [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
    entries = []
    rows = sorted(rows, key=lambda r: (r["id"], r["history_date"], r["history_id"]))
    for _pk, versions in groupby(rows, key=lambda r: r["id"]):
        versions = list(versions)
        name = _object_name(label, versions[0], partners)
        previous = None
        for row in versions:
            changes = []
            if previous is not None:
                for field in fields:
                    old, new = previous[field.attname], row[field.attname]
                    if old != new:
                        changes.append({"field": str(field.verbose_name),
                                        "old": _value(field, old, partners, users),
                                        "new": _value(field, new, partners, users)})
            entries.append({
                "at": row["history_date"], "user": users.get(row["history_user_id"], ""),
                "object": name,
                "type": HISTORY_TYPES.get(row["history_type"], row["history_type"]),
                "reason": row["history_change_reason"] or "", "changes": changes,
            })
            previous = row
    return entries


def change_history(item: CaseItem, signal_ids, *, include_care: bool) -> list[dict]:
    """The full change history of the address on the agenda, oldest first, with users.

    Read as plain values (no model instances, no ordering in SQL: sorted here), every history
    table in one statement, plus one query for the users named in them."""
    sources = [
        (_("Signaal"), Signal, Signal.history.filter(id__in=list(signal_ids))),
        (_("Casustafel"), CaseTableSession, CaseTableSession.history.filter(id=item.session_id)),
        (_("Uitzondering"), ExceptionAddress, ExceptionAddress.history.filter(
            project_id=item.project_id, address_key=item.address_key)),
        (_("Agendapunt"), CaseItem, CaseItem.history.filter(id=item.pk)),
        (_("Toetsing"), SignalTest, SignalTest.history.filter(item_id=item.pk)),
        (_("Besluit"), Decision, Decision.history.filter(item_id=item.pk)),
        (_("Controleopdracht"), Assignment, Assignment.history.filter(item_id=item.pk)),
        (_("Interventie"), Intervention, Intervention.history.filter(item_id=item.pk)),
    ]
    if include_care:
        sources.append((_("Zorgmelding"), CareReferral, CareReferral.history.filter(item_id=item.pk)))
    user_model = get_user_model()
    queries = []
    for _label, model, rows in sources:
        names = [f.attname for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
        queries.append(rows.order_by().values("id", *names, "history_id", "history_date", "history_type",
                                              "history_user_id", "history_change_reason"))
    loaded = []
    user_ids = set()
    for (label, model, _rows), values in zip(sources, _read_all(queries), strict=True):
        user_fields = [f.attname for f in model._meta.concrete_fields
                       if isinstance(f, models.ForeignKey) and f.related_model is user_model]
        user_ids |= {row[name] for row in values for name in [*user_fields, "history_user_id"]}
        loaded.append((label, model, values))
    users = {u.pk: str(u) for u in user_model.objects.select_related("partner")
             .filter(pk__in=user_ids - {None})}
    partners = dict(Partner.objects.values_list("pk", "name"))
    entries = []
    for label, model, rows in loaded:
        entries += _entries(label, model, rows, partners, users)
    entries.sort(key=lambda e: e["at"])
    return entries


def _read_all(queries) -> list[list[dict]]:
    """The rows of several ``values()`` querysets over different tables, in one statement on
    PostgreSQL (each row as JSON, turned back into its fields' Python values); elsewhere one
    query each."""
    if connection.vendor != "postgresql":
        return [list(query) for query in queries]
    parts, params = [], []
    for index, query in enumerate(queries):
        try:
            sql, query_params = query.query.sql_with_params()
        except EmptyResultSet:  # e.g. no signals: nothing to read
            continue
        parts.append(f"SELECT {index} AS source, row_to_json(q)::text FROM ({sql}) q")
        params += query_params
    found: list[list[dict]] = [[] for _query in queries]
    if not parts:
        return found
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for index, row in cursor.fetchall():
            found[index].append(json.loads(row))
    for query, rows in zip(queries, found, strict=True):
        fields = {f.attname: f for f in query.model._meta.concrete_fields}
        for row in rows:
            for name, value in row.items():
                if value is not None and not isinstance(value, bool | int) or isinstance(
                        fields[name], models.DecimalField):
                    row[name] = fields[name].to_python(value)
    return found


# What the dossier shows of the item itself; a caller that loads the item (scoped to the user)
# with these can pass it as it is (``loaded=True``) instead of having it read again.
ITEM_RELATED = ("project", "session", "added_by__partner", "risk_recorded_by__partner",
                "decision__executing_partner", "decision__second_partner", "decision__decided_by__partner")


def dossier_context(item: CaseItem, *, include_care: bool = True, with_history: bool = True,
                    loaded: bool = False) -> dict:
    """Everything the dossier shows. ``include_care``: the zorgmeldingen, for those allowed
    (the dossier is for the projectleider, who is). ``loaded``: ``item`` was read with
    ``ITEM_RELATED`` just now."""
    if not loaded:
        item = CaseItem.objects.select_related(*ITEM_RELATED).get(pk=item.pk)
    signals = list(item.signals().select_related("delivered_by__partner"))
    tests = {t.signal_id: t for t in SignalTest.objects.filter(item=item)
             .select_related("recorded_by__partner")}
    rows = [{"signal": s, "test": tests.get(s.pk)} for s in signals]
    decisions = list(Decision.objects.filter(item=item).select_related(
        "executing_partner", "second_partner", "decided_by__partner").order_by("decided_at", "pk"))
    context = {
        "item": item,
        "project": item.project,
        "session": item.session,
        "present": list(item.session.present.order_by("code")),
        "signal_rows": rows,
        "decision": item.decision,
        "earlier_decisions": [d for d in decisions if d.pk != item.decision_id],
        "assignments": list(Assignment.objects.filter(item=item).select_related(
            "partner", "duo_partner", "result_by__partner").order_by("pk")),
        "interventions": list(Intervention.objects.filter(item=item).select_related(
            "partner", "recorded_by__partner")),
        "include_care": include_care,
        "care_referrals": list(CareReferral.objects.filter(item=item).select_related(
            "recorded_by__partner")) if include_care else [],
        "history": change_history(item, [s.pk for s in signals], include_care=include_care)
        if with_history else [],
        "generated_at": timezone.now(),
    }
    return context


# ---- the PDF ---------------------------------------------------------------------------------

def latest_pdf(item: CaseItem) -> DossierPdf | None:
    return DossierPdf.objects.filter(item=item).first()


@transaction.atomic
def request_pdf(item: CaseItem, by) -> DossierPdf:
    """Queue a PDF of the dossier as it is now. The caller enqueues the task after commit."""
    require_lead(item.project, by)
    return save_with(DossierPdf(item=item, requested_by=by), by, gettext_noop("Dossier-PDF aangevraagd"))


def _requester_problem(pdf_row: DossierPdf) -> str | None:
    if not is_lead(pdf_row.requested_by, pdf_row.item.project):
        return _("De aanvrager is geen projectleider (meer) van dit project.")
    return None


def _render(pdf_row: DossierPdf) -> bytes:
    html = render_to_string("casetable/dossier_pdf.html", {
        **dossier_context(pdf_row.item), "requested_by": pdf_row.requested_by})
    return render_html(html)


def _record_made(pdf_row: DossierPdf) -> None:
    item = pdf_row.item
    accesslog.record(None, events.DOSSIER_PDF_MADE, user=pdf_row.requested_by, object_type="case_item",
                     ids=[item.pk], project=item.project, rows=1, addresses=[item.address_key])


def render_pdf(pdf_id: int) -> DossierPdf:
    """The task body: render the dossier, store it privately, record the access (in the same
    transaction as the finished job). Idempotent: a PDF that is done is not made again."""
    return filejobs.run(
        DossierPdf, pdf_id,
        refused=_requester_problem, render=_render,
        relative_name=lambda row: f"dossiers/{row.item.project_id}/dossier-{row.item_id}-{row.pk}.pdf",
        on_done=_record_made)
