"""Delivering a batch through the API: the importer's own path, with an Idempotency-Key.

A batch of JSON rows becomes the CSV file it stands for (the same columns) and goes to
``signals.importer.receive_file`` like an uploaded file; the worker processes it
(``signals.tasks.process_upload``), with the same all-or-nothing validation.
"""
import csv
import hashlib
import io

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from signals import importer, tasks
from signals.reader import COLUMNS

from .models import ApiClient, Delivery
from .problems import Problem, too_large

JSON_FILE_NAME = "api-rijen.json"


class KeyReused(Problem):
    def __init__(self):
        super().__init__(422, "idempotency_key_reused", _(
            "Deze Idempotency-Key is al gebruikt voor een andere aanlevering. Gebruik per "
            "aanlevering een nieuwe sleutel."))


def rows_to_csv(rows) -> bytes:
    """JSON rows (objects with the file's column names) as the CSV file they stand for.
    Raises Problem (400) for a shape that is not rows of such objects, 413 for too many."""
    if not isinstance(rows, list) or not rows:
        raise Problem(400, "invalid", _("Geef de signalen als een niet-lege lijst 'rows'."))
    if len(rows) > settings.LSI_UPLOAD_MAX_ROWS:
        raise too_large(_("Een aanlevering heeft hoogstens %(n)s regels.") % {
            "n": settings.LSI_UPLOAD_MAX_ROWS}, settings.LSI_UPLOAD_MAX_ROWS, "rows")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    known = frozenset(COLUMNS)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not known.issuperset(row):
            unknown = sorted(set(row) - known) if isinstance(row, dict) else []
            raise Problem(400, "invalid", _(
                "Regel %(n)s is geen object met de kolommen van het bestand%(extra)s.") % {
                "n": number, "extra": f" ({', '.join(map(str, unknown))})" if unknown else ""})
        values = []
        for column in COLUMNS:
            value = row.get(column)
            if value is None:
                value = ""
            elif isinstance(value, bool) or not isinstance(value, (str, int)):
                raise Problem(400, "invalid", _("Regel %(n)s, kolom %(column)s: geef tekst of een "
                                                "geheel getal.") % {"n": number, "column": column})
            values.append(str(value))
        writer.writerow(values)
    return out.getvalue().encode()


def deliver(client: ApiClient, project, data: bytes, file_name: str, *, as_json: bool,
            key: str | None, body_sha256: str, language: str) -> tuple[Delivery, bool]:
    """Record the batch and queue it; returns (delivery, new). With a key already used for
    the same body: the first delivery, and nothing new stored; for another body: KeyReused.
    Raises IntakeClosed (nothing recorded) when the partner cannot deliver here now."""
    with transaction.atomic():
        delivery = Delivery(client=client, as_json=as_json, idempotency_key=key,
                            body_sha256=body_sha256)
        if key is not None:
            try:
                with transaction.atomic():
                    # A second request with the same key waits here until the first commits.
                    delivery.save()
            except IntegrityError:
                first = Delivery.objects.select_related("upload").get(client=client, idempotency_key=key)
                if first.body_sha256 != body_sha256:
                    raise KeyReused() from None
                return first, False
        upload = importer.receive_file(project, client.partner, client.user, data, file_name)
        delivery.upload = upload
        delivery.save()
        if upload.is_pending:
            transaction.on_commit(lambda: tasks.process_upload.delay(upload.pk, language))
    return delivery, True


def digest(*parts: bytes) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(hashlib.sha256(part).digest())
    return hashed.hexdigest()
