"""Signal intake: the one write path for new signals (file, form and command line alike).

All or nothing: the whole delivery is validated before anything is stored. If any row is
wrong, no signal is stored and the upload record keeps the error report: the first
:data:`ERRORS_KEPT` errors in full (row, column, value, what to do), with every value echoed
at most :data:`VALUE_SHOWN` characters long, and for all errors how many there are per column
and kind, so a file of 600,000 errors makes a report of a few hundred.

Rows whose address + category this partner already delivered in this project are reported
and skipped, never stored twice. Ambiguous addresses are stored in the review state instead
of being guessed.
"""
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.bulk import insert_with_history
from projects.history import attribute
from projects.messages import Text, gettext_noop, text
from projects.models import Participation, Partner, Project
from projects.phases import Phase
from projects.postcodes import in_area
from projects.refusals import Refused

from . import overlap
from .addresses import AddressError, Ambiguous, parse_address
from .grounds import suspect_terms_in
from .models import CITY_MAX_LENGTH, STREET_MAX_LENGTH, Signal, Upload
from .reader import COLUMNS, FileRejected, RawRow, parse_date, read_upload, too_large_message

ACTIVE, REVIEW = Signal.Status.ACTIVE.value, Signal.Status.REVIEW.value
ERRORS_KEPT = 200
VALUE_SHOWN = 80
MAX_LENGTHS = {"straat": STREET_MAX_LENGTH, "woonplaats": CITY_MAX_LENGTH, "referentie": 100,
               "indicatoren": 2000}


class IntakeClosed(Refused):
    """Signals cannot be delivered (or a request sent or answered) by this user in this project
    now; ``message`` says why."""


def shown(value: str) -> str:
    """A value as echoed in a report: at most VALUE_SHOWN characters, cut off with "…"."""
    return value if len(value) <= VALUE_SHOWN else value[:VALUE_SHOWN - 1] + "…"


@dataclass
class Report:
    """Errors (or notes) of one delivery: the first ERRORS_KEPT in full, and every one counted
    per (column, kind). ``kind`` is a fixed word per rule, so the counts stay a short list."""

    kept: list[dict] = field(default_factory=list)
    total: int = 0
    counts: dict[tuple[str, str], dict] = field(default_factory=dict)

    def add(self, row: int | None, column: str, value: str, message, kind: str) -> None:
        """``message`` is a :class:`~signals.messages.Text` (stored as its Dutch text plus its
        template and parameters, translated when shown) or a plain string."""
        self.total += 1
        group = self.counts.get((column, kind))
        if group is None:
            group = self.counts[(column, kind)] = {
                "column": column, "kind": kind, "message": "", "count": 0, "kept": 0}
        group["count"] += 1
        keep = len(self.kept) < ERRORS_KEPT
        if not keep and group["message"]:
            return
        stored = {}
        if isinstance(message, Text):
            params = {name: shown(v) if isinstance(v, str) and v.strip() == value.strip() else v
                      for name, v in message.params.items()}
            stored = {"code": message.template, "params": params}
            message = str(Text(message.template, params))
        if len(value) > VALUE_SHOWN:  # the messages echo the value too
            message = message.replace(value.strip(), shown(value.strip()))
            value = shown(value)
        if not group["message"]:
            group.update(message=message, **stored)  # the first of its kind, as an example
        if keep:
            group["kept"] += 1
            self.kept.append({"row": row, "column": column, "value": value, "message": message, **stored})

    def store_on(self, upload: Upload) -> None:
        upload.errors = self.kept
        upload.errors_total = self.total
        upload.error_counts = list(self.counts.values())


@dataclass
class Validation:
    """The outcome of validating a delivery, before anything is stored."""

    rows_total: int = 0
    report: Report = field(default_factory=Report)
    new: list[dict] = field(default_factory=list)
    review: int = 0
    already_delivered: Report = field(default_factory=Report)

    @property
    def errors(self) -> list[dict]:
        """The errors kept in full (all of them when there are at most ERRORS_KEPT)."""
        return self.report.kept

    def error(self, row: int | None, column: str, value: str, message: str, *, kind: str) -> None:
        self.report.add(row, column, value, message, kind)


def open_participation(project: Project, partner: Partner, user) -> Participation:
    """The participation through which ``user`` may deliver signals now, or IntakeClosed."""
    if not user.is_partner_user or user.partner_id != partner.pk:
        raise IntakeClosed(_("U kunt alleen signalen van uw eigen organisatie aanleveren."))
    participation = project.participations.filter(partner=partner).first()
    if participation is None:
        raise IntakeClosed(_("%(partner)s neemt niet deel aan dit project.") % {"partner": partner.code})
    if participation.delivers_on_request:
        raise IntakeClosed(
            _("%(partner)s levert alleen op verzoek. U beantwoordt de informatieverzoeken van de "
              "projectleider.") % {"partner": partner.code}
        )
    if partner.delivery == Partner.Delivery.NONE:
        raise IntakeClosed(_("%(partner)s levert geen signalen aan.") % {"partner": partner.code})
    if not participation.is_ready:
        raise IntakeClosed(
            _("Uw organisatie heeft nog niet gemeld dat zij gegevens kan verwerken voor dit project.")
        )
    if project.phase != Phase.INTAKE:
        raise IntakeClosed(
            _("De signalering is niet open: het project is in de fase '%(phase)s'. Signalen "
              "kunnen alleen in de fase signalering worden aangeleverd.")
            % {"phase": project.get_phase_display()}
        )
    return participation


@dataclass(frozen=True)
class Rules:
    """What a row is checked against: the partner's agreed categories, the area, the date."""

    categories: dict[str, int]
    allowed: str
    area: list[str] | None
    today: date

    @cached_property
    def area_items(self) -> frozenset[str] | None:
        """The area as a set, for quick lookups (None: not an area-based project)."""
        return None if self.area is None else frozenset(self.area)

    @classmethod
    def for_participation(cls, participation: Participation, today: date) -> "Rules":
        categories = {}
        for category in participation.categories.all():
            categories[category.name.casefold()] = category.pk
            categories[category.code.casefold()] = category.pk
        project = participation.project
        return cls(
            categories=categories,
            allowed=", ".join(sorted(c.name for c in participation.categories.all())) or _("geen"),
            area=project.area_items if project.is_area_based else None,
            today=today,
        )


def validate(
    project: Project, participation: Participation, rows: list[RawRow], *, today: date
) -> Validation:
    """Check every row; collect all errors at once. Stores nothing."""
    result = Validation(rows_total=len(rows))
    rules = Rules.for_participation(participation, today)
    existing = _delivered(project, participation.partner_id)
    seen: dict[tuple[str, int], int] = {}
    for row in rows:
        parsed = check_row(row, result, rules)
        if parsed is None:
            continue
        key = (parsed["address_key"] or review_key(parsed["typed_address"]), parsed["category_id"])
        if key in seen:
            result.error(
                row.number, "", "",
                text(gettext_noop("Deze regel is gelijk aan regel {other} (zelfde adres en categorie). "
                                  "Verwijder een van beide."), other=seen[key]), kind="dubbele_regel",
            )
            continue
        seen[key] = row.number
        if key in existing:
            result.already_delivered.add(row.number, "", parsed["typed_address"], text(gettext_noop(
                "Dit adres met deze categorie heeft uw organisatie al aangeleverd; niet "
                "opnieuw opgeslagen.")), kind="al_aangeleverd")
            continue
        if not parsed["address_key"]:
            result.review += 1
        result.new.append(parsed)
    return result


def review_key(typed_address: str) -> str:
    """Stands in for the key of an address under review: as typed, without separators.
    Not a normalised key (that would be guessing), but enough to spot the same row twice."""
    return "?" + re.sub(r"[\s\-/.]+", "", typed_address).upper()


def _delivered(project: Project, partner_id: int) -> set[tuple[str, int]]:
    """What this partner already delivered here: (key, category) of its active signals and of
    its addresses under review."""
    signals = Signal.objects.filter(
        project=project, partner=partner_id,
        status__in=[Signal.Status.ACTIVE, Signal.Status.REVIEW],
    ).values_list("address_key", "typed_address", "category_id")
    return {(key or review_key(typed), category) for key, typed, category in signals}


def check_row(row: RawRow, result: Validation, rules: Rules) -> dict | None:
    """Validate one row; record its errors; return the signal's fields when it is valid."""
    categories, allowed, area, today = rules.categories, rules.allowed, rules.area_items, rules.today
    values = row.values
    before = result.report.total
    try:
        address = parse_address(
            values["postcode"], values["huisnummer"], values["huisletter"],
            values["huisnummertoevoeging"],
        )
    except AddressError as error:
        result.error(row.number, error.field, error.value, error.text,
                     kind="ongeldig" if error.value.strip() else "ontbreekt")
        address = None
    if isinstance(address, Ambiguous):
        postcode = address.postcode
        parsed = {"status": REVIEW, "review_reason": address.reason[:500], "postcode": postcode,
                  "house_number": None, "house_letter": "", "house_number_suffix": "",
                  "address_key": ""}
    elif address is not None:
        postcode = address.postcode
        parsed = {"status": ACTIVE, "postcode": postcode, "house_number": address.huisnummer,
                  "house_letter": address.huisletter, "house_number_suffix": address.toevoeging,
                  "address_key": address.key}
    else:
        postcode = None
    if postcode and area is not None and not in_area(postcode, area):
        result.error(
            row.number, "postcode", values["postcode"],
            text(gettext_noop("Postcode {postcode} ligt buiten het gebied van dit project ({area}). "
                              "Lever alleen signalen binnen het projectgebied aan."),
                 postcode=postcode, area=", ".join(_short_area(rules.area))), kind="buiten_gebied",
        )
    category = values["categorie"].strip()
    if not category:
        result.error(row.number, "categorie", "",
                     text(gettext_noop("Vul de categorie in. Toegestaan: {allowed}."), allowed=allowed),
                     kind="ontbreekt")
    elif category.casefold() not in categories:
        result.error(
            row.number, "categorie", category,
            text(gettext_noop("Categorie '{value}' is voor uw organisatie in dit project niet "
                              "afgesproken. Toegestaan: {allowed}."), value=category, allowed=allowed),
            kind="niet_afgesproken",
        )
    grounds = values["indicatoren"].strip()
    if not grounds:
        result.error(
            row.number, "indicatoren", "",
            text(gettext_noop("Vul de indicatoren in: op grond waarvan is dit adres gesignaleerd? "
                              "Zonder onderbouwing wordt een signaal niet geaccepteerd.")), kind="ontbreekt",
        )
    else:
        terms = suspect_terms_in(grounds)
        if terms:
            result.error(
                row.number, "indicatoren", grounds,
                text(gettext_noop("De indicatoren noemen {terms}. Selectie op nationaliteit, afkomst, "
                                  "geboorteland, religie of vergelijkbare kenmerken is een verdacht "
                                  "onderscheid (CRvB) en is niet toegestaan. Beschrijf de feitelijke "
                                  "aanleiding."),
                     terms=", ".join(f"'{t}'" for t in terms)), kind="verdacht_onderscheid",
            )
    for column, limit in MAX_LENGTHS.items():
        if len(values[column]) > limit:
            result.error(row.number, column, values[column],
                         text(gettext_noop("Deze waarde is te lang (meer dan {limit} tekens)."),
                              limit=limit),
                         kind="te_lang")
    signal_date = None
    if values["datum_signaal"]:
        try:
            signal_date = parse_date(values["datum_signaal"])
        except ValueError as error:
            result.error(row.number, "datum_signaal", values["datum_signaal"], str(error),
                         kind="ongeldig")
        else:
            if signal_date > today:
                result.error(
                    row.number, "datum_signaal", values["datum_signaal"],
                    text(gettext_noop("De datum van het signaal ligt in de toekomst. Controleer de datum.")),
                    kind="in_de_toekomst",
                )
    if result.report.total > before:
        return None
    typed = " ".join([part for part in (values["postcode"], values["huisnummer"], values["huisletter"],
                                        values["huisnummertoevoeging"]) if part])
    parsed["typed_address"] = typed[:200]
    parsed["street"] = values["straat"]
    parsed["city"] = values["woonplaats"]
    parsed["category_id"] = categories[category.casefold()]
    parsed["grounds"] = grounds
    parsed["reference"] = values["referentie"]
    parsed["signal_date"] = signal_date
    return parsed


def _short_area(area: list[str]) -> list[str]:
    if len(area) > 6:
        return [f"{area[0]} – {area[-1]}"]
    return area


def _store(project, participation, user, upload: Upload, validation: Validation, source) -> None:
    delivery = {"project_id": project.pk, "partner_id": participation.partner_id,
                "delivered_by_id": user.pk, "delivered_at": timezone.now(),
                "upload_id": upload.pk, "source": source}
    insert_with_history(Signal, validation.new, user=user, common=delivery,
                        reason=f"Aangeleverd ({upload.file_name})")
    overlap.refresh(project.pk, {row["address_key"] for row in validation.new})


def _rejected(upload: Upload, message: Text | str) -> Upload:
    upload.status = Upload.Status.REJECTED
    _file_note(upload, message, "bestand_geweigerd")
    upload.pending_data = None
    upload.save()
    return upload


def _file_note(upload: Upload, message: Text | str, kind: str) -> None:
    """A report of one line about the whole file."""
    report = Report()
    report.add(None, "", "", message, kind)
    report.store_on(upload)


def receive_file(project: Project, partner: Partner, user, data: bytes, file_name: str) -> Upload:
    """Record a delivered file and queue it for processing (``process_upload``).

    Raises IntakeClosed (nothing recorded) when this user cannot deliver now. A file over the
    size limit, or one this partner already delivered, is answered at once."""
    open_participation(project, partner, user)
    digest = hashlib.sha256(data).hexdigest()
    upload = Upload(project=project, partner=partner, uploaded_by=user, file_name=file_name[:255],
                    sha256=digest)
    attribute(upload, user)
    if len(data) > settings.LSI_UPLOAD_MAX_BYTES:
        return _rejected(upload, too_large_message(len(data), settings.LSI_UPLOAD_MAX_BYTES))
    earlier = Upload.objects.filter(
        project=project, partner=partner, sha256=digest, status=Upload.Status.ACCEPTED
    ).first()
    if earlier is not None:
        upload.status = Upload.Status.DUPLICATE
        at = timezone.localtime(earlier.uploaded_at).strftime("%d-%m-%Y %H:%M")
        _file_note(upload, text(gettext_noop(
            "Dit bestand is al eerder aangeleverd ({name}, {at}). Er is niets nieuws "
            "opgeslagen."), name=earlier.file_name, at=at), "al_aangeleverd")
        upload.save()
        return upload
    upload.status = Upload.Status.QUEUED
    # Kept compressed until processed: quicker to store than PostgreSQL's own compression.
    upload.pending_data = zlib.compress(data, 1)
    upload.save()
    return upload


def process_upload(upload_id: int) -> Upload:
    """Read, validate and store a queued file; erase the file. Safe to run twice: an upload
    that is no longer pending is left as it is (storing is one transaction). An upload whose
    processing was started LSI_UPLOAD_MAX_ATTEMPTS times without finishing (its worker died,
    for example killed for the memory it took) is marked failed instead of being run again."""
    with transaction.atomic():
        upload = Upload.objects.select_for_update(of=("self",)).select_related(
            "project", "partner", "uploaded_by").get(pk=upload_id)
        if not upload.is_pending:
            return upload
        attribute(upload, upload.uploaded_by)
        if upload.attempts >= settings.LSI_UPLOAD_MAX_ATTEMPTS:
            return _rejected(upload, text(gettext_noop(
                "Het bestand kon niet worden verwerkt: de verwerking is {n} keer afgebroken, "
                "waarschijnlijk omdat het bestand te veel geheugen vraagt. Er is niets "
                "opgeslagen. Lever de signalen aan als CSV-bestand of verdeel ze over kleinere "
                "bestanden."), n=upload.attempts))
        upload.status = Upload.Status.PROCESSING
        upload.attempts += 1
        upload.save(update_fields=["status", "attempts"])
    data = zlib.decompress(upload.pending_data) if upload.pending_data else b""
    try:
        participation = open_participation(upload.project, upload.partner, upload.uploaded_by)
        rows = read_upload(data, upload.file_name, max_rows=settings.LSI_UPLOAD_MAX_ROWS,
                           max_bytes=settings.LSI_UPLOAD_MAX_BYTES)
    except IntakeClosed as closed:
        return _rejected(upload, closed.message)
    except FileRejected as rejected:
        return _rejected(upload, rejected.text)
    upload.pending_data = None
    return _validate_and_store(upload.project, participation, upload.uploaded_by, upload, rows,
                               Signal.Source.FILE)


def import_file(project: Project, partner: Partner, user, data: bytes, file_name: str) -> Upload:
    """Receive and process a file at once (command line, benchmark): the same code path."""
    upload = receive_file(project, partner, user, data, file_name)
    return process_upload(upload.pk) if upload.is_pending else upload


def enter_signal(project: Project, partner: Partner, user, values: dict[str, str]) -> Upload:
    """One signal typed in the browser: the same validation as a file of one row."""
    participation = open_participation(project, partner, user)
    row = RawRow(number=1, values={**dict.fromkeys(COLUMNS, ""), **values})
    upload = Upload(project=project, partner=partner, uploaded_by=user,
                    file_name=_("formulier"), sha256="")
    attribute(upload, user)
    return _validate_and_store(project, participation, user, upload, [row], Signal.Source.FORM)


def _validate_and_store(project, participation, user, upload, rows, source) -> Upload:
    with transaction.atomic():
        # Lock the participation: two deliveries of one partner are checked and stored in turn,
        # so "already delivered" stays true under concurrency.
        Participation.objects.select_for_update().get(pk=participation.pk)
        validation = validate(project, participation, rows, today=timezone.localdate())
        upload.rows_total = validation.rows_total
        upload.rows_already_delivered = validation.already_delivered.total
        if validation.report.total:
            upload.status = Upload.Status.REJECTED
            validation.report.store_on(upload)
            upload.save()
            return upload
        upload.status = Upload.Status.ACCEPTED
        upload.rows_review = validation.review
        upload.rows_accepted = len(validation.new)
        validation.already_delivered.store_on(upload)
        upload.save()
        _store(project, participation, user, upload, validation, source)
    return upload
