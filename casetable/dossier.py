"""The selection dossier (GALOP II): everything needed to explain why an address was selected
and what happened, as a page and as a PDF made by a Celery task.

``dossier_context`` is the one read that collects it (used by the page and the PDF alike);
``request_pdf`` queues a PDF; ``render_pdf`` is the task body. Only the projectleider sees a
dossier; the PDF is stored under ``PRIVATE_FILES_ROOT`` and served by a view that checks the
same permission.
"""
import hashlib
import logging
import os
from itertools import groupby
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects import accesslog
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
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


def _entries(label: str, model, rows: list[dict], partners: dict, users: dict) -> list[dict]:
    """History rows of one model as entries: when, who, what, and which fields changed."""
    fields = [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
    entries = []
    rows = sorted(rows, key=lambda r: (r["id"], r["history_date"], r["history_id"]))
    for _pk, versions in groupby(rows, key=lambda r: r["id"]):
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
                "object": f"{label} #{row['id']}",
                "type": HISTORY_TYPES.get(row["history_type"], row["history_type"]),
                "reason": row["history_change_reason"] or "", "changes": changes,
            })
            previous = row
    return entries


def change_history(item: CaseItem, signal_ids, *, include_care: bool) -> list[dict]:
    """The full change history of the address on the agenda, oldest first, with users.

    Read as plain values (no model instances, no ordering in SQL: sorted here), one query per
    history table plus one for the users named in them."""
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
    loaded = []
    user_ids = set()
    for label, model, rows in sources:
        user_fields = [f.attname for f in model._meta.concrete_fields
                       if isinstance(f, models.ForeignKey) and f.related_model is user_model]
        names = [f.attname for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
        values = list(rows.order_by().values("id", *names, "history_id", "history_date", "history_type",
                                             "history_user_id", "history_change_reason"))
        user_ids |= {row[name] for row in values for name in [*user_fields, "history_user_id"]}
        loaded.append((label, model, values))
    users = {u.pk: str(u) for u in user_model.objects.select_related("partner")
             .filter(pk__in=user_ids - {None})}
    partners = dict(Partner.objects.values_list("pk", "code"))
    entries = []
    for label, model, rows in loaded:
        entries += _entries(label, model, rows, partners, users)
    entries.sort(key=lambda e: e["at"])
    return entries


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
    pdf_row = DossierPdf(item=item, requested_by=by)
    save_with(pdf_row, by, "Dossier-PDF aangevraagd")
    return pdf_row


def pdf_path(pdf_row: DossierPdf) -> Path:
    root = Path(settings.PRIVATE_FILES_ROOT).resolve()
    path = (root / pdf_row.file_name).resolve()
    if root not in path.parents:
        raise ValueError("PDF path outside PRIVATE_FILES_ROOT")
    return path


def _set_status(pdf_row: DossierPdf, status: str, reason: str, **fields) -> None:
    for name, value in fields.items():
        setattr(pdf_row, name, value)
    pdf_row.status = status
    save_with(pdf_row, pdf_row.requested_by, reason)


def render_pdf(pdf_id: int) -> DossierPdf:
    """The task body: render the dossier, store it privately, record the access. Idempotent:
    a PDF that is done (and still on disk) is not made again."""
    with transaction.atomic():
        pdf_row = DossierPdf.objects.select_for_update(of=("self",)).select_related(
            "item__project", "requested_by").get(pk=pdf_id)
        if pdf_row.status == DossierPdf.Status.DONE and pdf_row.file_name and pdf_path(pdf_row).exists():
            return pdf_row
        item = pdf_row.item
        if not is_lead(pdf_row.requested_by, item.project):
            _set_status(pdf_row, DossierPdf.Status.FAILED, "Geen toegang",
                        error=_("De aanvrager is geen projectleider (meer) van dit project."),
                        finished_at=timezone.now())
            return pdf_row
        _set_status(pdf_row, DossierPdf.Status.RUNNING, "PDF wordt gemaakt")
    try:
        html = render_to_string("casetable/dossier_pdf.html", {
            **dossier_context(item), "requested_by": pdf_row.requested_by})
        data = render_html(html)
        relative = Path("dossiers") / str(item.project_id) / f"dossier-{item.pk}-{pdf_row.pk}.pdf"
        target = Path(settings.PRIVATE_FILES_ROOT) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except Exception:
        logger.exception("Dossier-PDF %s mislukt", pdf_id)
        with transaction.atomic():
            _set_status(pdf_row, DossierPdf.Status.FAILED, "PDF mislukt",
                        error=_("Het maken van de PDF is mislukt. Probeer het opnieuw of meld het "
                                "aan de beheerder."), finished_at=timezone.now())
        return pdf_row
    with transaction.atomic():
        _set_status(pdf_row, DossierPdf.Status.DONE, "PDF gemaakt", file_name=str(relative),
                    size=len(data), sha256=hashlib.sha256(data).hexdigest(), finished_at=timezone.now())
        accesslog.record(None, events.DOSSIER_PDF_MADE, user=pdf_row.requested_by, object_type="case_item",
                         ids=[item.pk], project=item.project, rows=1,
                         addresses=[item.address_key])
    return pdf_row
