"""The personal data of the signal intake, and how the retention purge removes it.

Signals, uploads, information requests and their requested addresses are personal data; each
function deletes them with their history (``projects.dbguard.delete_with_history``) and keeps
the overlap table in step. Called inside ``projects.dbguard.purge_allowed``.
"""
from collections import Counter

from django.db.models import Count

from projects.dbguard import delete_with_history

from . import overlap
from .models import InformationRequest, RequestedAddress, Signal, Upload


def signal_counts(signals) -> dict:
    """How many signals per category: what a purge record keeps instead of the signals."""
    return {f"signalen {row['category__name']}": row["n"]
            for row in signals.values("category__name").annotate(n=Count("id"))}


def purge_unselected(project, counts: Counter, *, keep_addresses, keep_signals) -> None:
    """Signals and requested addresses of addresses that were not selected (``keep_addresses``:
    the selected address keys; ``keep_signals``: signals another app still refers to)."""
    signals = Signal.objects.filter(project=project).exclude(address_key__in=keep_addresses)
    signals = signals.exclude(pk__in=keep_signals)
    counts.update(signal_counts(signals))
    delete_with_history(signals, Counter(), "signalen")
    overlap.rebuild(project.pk)  # the verwonderadressen follow the signals that stay
    requested = RequestedAddress.objects.filter(request__project=project).exclude(
        address_key__in=keep_addresses)
    delete_with_history(requested, counts, "adressen in informatieverzoeken")


def purge_all(project, counts: Counter) -> None:
    """Every signal, upload and information request of the project."""
    signals = Signal.objects.filter(project=project)
    counts.update(signal_counts(signals))
    delete_with_history(signals, Counter(), "signalen")
    overlap.rebuild(project.pk)  # no signals left: no overlap either
    delete_with_history(RequestedAddress.objects.filter(request__project=project), counts,
                        "adressen in informatieverzoeken")
    delete_with_history(InformationRequest.objects.filter(project=project), counts, "informatieverzoeken")
    delete_with_history(Upload.objects.filter(project=project), counts, "aanleveringen")
