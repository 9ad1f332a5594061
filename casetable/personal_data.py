"""The personal data of the casustafel, and how the retention purge removes it.

Removed with their history: signal tests, zorgmeldingen, exceptions and dossier PDFs (with their
files). Kept without the address, as the record of what was decided: agenda items, decisions,
control assignments and interventions. Called inside ``projects.dbguard.purge_allowed``.
"""
from collections import Counter

from projects.dbguard import delete_with_history, erase_history
from projects.history import save_with

from .models import (
    Assignment,
    CareReferral,
    CaseItem,
    DossierPdf,
    ExceptionAddress,
    Intervention,
    SignalTest,
)

REMOVED = "[verwijderd na bewaartermijn]"
REASON = "Persoonsgegevens verwijderd na bewaartermijn"


def selected_addresses(project):
    """The address keys on the project's agenda: their signals stay until the project closes."""
    return CaseItem.objects.filter(project=project).values("address_key")


def tested_signals():
    """Signals a test refers to: they stay with the test."""
    return SignalTest.objects.values("signal_id")


def purge_all(project, counts: Counter) -> None:
    items = CaseItem.objects.filter(project=project)
    for pdf in DossierPdf.objects.filter(item__in=items).exclude(file_name=""):
        pdf.remove_file()
    delete_with_history(DossierPdf.objects.filter(item__in=items), counts, "dossier-PDF's")
    delete_with_history(SignalTest.objects.filter(item__in=items), counts, "toetsen van signalen")
    delete_with_history(CareReferral.objects.filter(project=project), counts, "zorgmeldingen")
    delete_with_history(ExceptionAddress.objects.filter(project=project), counts, "uitzonderingen")


def anonymise(project, counts: Counter) -> None:
    """What stays, without the address: agenda items, decisions, results and interventions."""
    items = CaseItem.objects.filter(project=project)
    assignments = Assignment.objects.filter(project=project)
    interventions = Intervention.objects.filter(item__in=items)
    for queryset in (items, assignments, interventions):
        erase_history(queryset)
    counts["adressen op de agenda (geanonimiseerd)"] += items.count()
    for item in items:
        item.address_key, item.address_display = "", REMOVED
        item.exception_reason = item.risk_note = ""
        save_with(item, None, REASON)
    for assignment in assignments:
        assignment.address_display, assignment.findings = REMOVED, ""
        save_with(assignment, None, REASON)
    for intervention in interventions:
        # The outcome (possibly criminal-law data) goes too; the figures were frozen before.
        intervention.description = ""
        intervention.outcome_category, intervention.outcome_amount = "", None
        intervention.outcome_date = None
        save_with(intervention, None, REASON)
