"""Read uploaded signal files (CSV or XLSX) into raw rows of text, one per signal.

The file type is decided by content: a zip file (``PK\\x03\\x04``) named ``.xlsx`` is read as an
Excel workbook, anything that decodes as text is read as CSV and everything else (PDF, old
``.xls``, images, random bytes) is refused with :class:`FileRejected`.

CSV decoding
    A byte order mark decides the encoding (UTF-8, or UTF-16 as in Excel's "Unicode-tekst");
    otherwise UTF-8 is tried, then Windows-1252 (what Dutch Excel writes). The five bytes that
    Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) do not occur in real exports,
    so such a file is refused instead of being decoded as Latin-1 into control characters; text
    with control characters other than tab, CR, LF (and NUL, which is removed) is refused as
    binary too. The delimiter (``;``, ``,`` or tab) is the one that occurs most in the header
    line.
XLSX
    The sheet "Signalen" (any case) or else the first sheet is read with cached values only, so
    formulas are never evaluated. Before opening, the zip directory is checked against zip bombs
    using the sizes it declares. The shared-string table (every text of the workbook, which is
    read before any row) is bounded by the file it could belong to: at most one string per cell
    of ``max_rows`` rows of :data:`COLUMNS` (checked against its declared ``count`` and
    ``uniqueCount``, its unpacked size and, while reading, the strings themselves), and it is
    read into a plain list instead of openpyxl's element tree, which kept some 190 bytes per
    string (a 50 MB upload of tiny strings would need gigabytes).
Columns
    The header (the first non-empty row) is matched to :data:`COLUMNS` ignoring case, spaces and
    underscores. Unknown columns are refused (data minimisation), as are missing required
    columns, duplicate columns and values outside the named columns.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from openpyxl.reader.excel import ExcelReader
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from projects.messages import Text, gettext_noop
from projects.messages import text as wording

COLUMNS: tuple[str, ...] = (
    "postcode",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "straat",
    "woonplaats",
    "categorie",
    "indicatoren",
    "referentie",
    "datum_signaal",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("postcode", "huisnummer", "categorie", "indicatoren")

_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGICS = (b"%PDF", b"\xd0\xcf\x11\xe0")  # PDF, old Office (.xls, .doc)
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = (";", ",", "\t")
_CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_UNPACK_FACTOR = 20
_MAX_COMPRESSION_RATIO = 100
# Unpacked bytes of the shared-string table per cell of a full file (the markup included): real
# files have empty and numeric cells, and the longest columns are a few hundred characters.
_SHARED_STRING_BYTES_PER_CELL = 100
_SHARED_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TEXT_PATH = f"{{{SHEET_MAIN_NS}}}r/{_TEXT_TAG}"
_TABLE_START = re.compile(rb"<(?:[\w.-]+:)?sst\b[^>]*>")
_DECLARED_COUNT = re.compile(rb"\b(?:count|uniqueCount)\s*=\s*[\"']\s*([0-9]+)")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DUTCH_DATE = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")

_NOT_A_SIGNAL_FILE = gettext_noop(
    "Dit bestand is geen CSV- of Excel-bestand (.xlsx). Sla het bestand in Excel op als "
    "'Excel-werkmap (.xlsx)' of als 'CSV (gescheiden door lijstscheidingsteken)' en upload "
    "het opnieuw."
)
_NO_SIGNALS = gettext_noop(
    "Het bestand bevat geen signalen. Zet de kolomnamen in de eerste rij en daaronder één signaal per rij."
)


class FileRejected(Exception):
    """The whole file is refused; ``message`` says in Dutch what is wrong and what to do;
    ``text`` is the same as a template with parameters, translated where it is shown."""

    def __init__(self, message: Text | str) -> None:
        self.text = message if isinstance(message, Text) else Text(message)
        self.message = str(self.text)
        super().__init__(self.message)


class RawRow(NamedTuple):
    """One data row: its spreadsheet row number (header is row 1) and a value per column."""

    number: int
    values: dict[str, str]


def read_upload(
    data: bytes, filename: str, *, max_rows: int = 200_000, max_bytes: int = 50 * 1024 * 1024
) -> list[RawRow]:
    """Read an uploaded CSV or XLSX file into rows; raises :class:`FileRejected`.

    Every row has a value for every name in :data:`COLUMNS` ("" when empty or absent). Rows
    that are entirely empty are skipped but still counted in the row numbers.
    """
    if len(data) > max_bytes:
        raise FileRejected(too_large_message(len(data), max_bytes))
    is_zip = data.startswith(_ZIP_MAGIC)
    if filename.lower().endswith(".xlsx") != is_zip:
        raise FileRejected(_NOT_A_SIGNAL_FILE)
    if is_zip:
        return _read_xlsx(data, max_rows=max_rows, max_bytes=max_bytes)
    return _rows_from_records(_csv_records(_decode(data)), max_rows=max_rows)


def too_large_message(size: int, max_bytes: int) -> Text:
    """The refusal of a file over the size limit."""
    return wording(gettext_noop("Het bestand is te groot ({size} MB); de grens is {limit} MB. Verdeel "
                             "de signalen over meerdere bestanden."),
                size=_megabytes(size), limit=_megabytes(max_bytes))


@lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime.date:
    """Parse "yyyy-mm-dd" or "dd-mm-yyyy" (also "d-m-yyyy"); raises ValueError in Dutch.
    Cached: a file repeats a handful of dates."""
    text = value.strip()
    if iso := _ISO_DATE.fullmatch(text):
        year, month, day = iso.groups()
    elif dutch := _DUTCH_DATE.fullmatch(text):
        day, month, year = dutch.groups()
    else:
        raise ValueError(
            f"Datum '{text}' heeft een onbekende vorm: gebruik jjjj-mm-dd (2026-01-27) of "
            "dd-mm-jjjj (27-01-2026)."
        )
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"Datum '{text}' bestaat niet. Controleer dag, maand en jaar.") from None


def _megabytes(size: int) -> str:
    """Format a size in bytes as megabytes with at most one decimal, Dutch style."""
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0").replace(".", ",")


def _decode(data: bytes) -> str:
    """Decode CSV bytes to text (see the module docstring); refuse binary data."""
    if data.startswith(_BINARY_MAGICS):
        raise FileRejected(_NOT_A_SIGNAL_FILE)
    encodings = [encoding for bom, encoding in _BYTE_ORDER_MARKS if data.startswith(bom)]
    for encoding in encodings[:1] or ["utf-8", "cp1252"]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL_CHARACTERS.search(text):
            break  # binary: another encoding would not remove the control characters
        return text
    raise FileRejected(_NOT_A_SIGNAL_FILE)


def _csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells) for every CSV record, the first record being row 1."""
    text = text.replace("\x00", "")
    header_line = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = max(_DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error:
        raise FileRejected(wording(gettext_noop(
            "Rij {row} van het CSV-bestand kan niet worden gelezen. Controleer de "
            "aanhalingstekens in die rij of sla het bestand opnieuw op als CSV."), row=number + 1)
        ) from None


def _read_xlsx(data: bytes, *, max_rows: int, max_bytes: int) -> list[RawRow]:
    """Read the rows of the signal sheet of an XLSX workbook."""
    _check_zip(data, max_unpacked=_MAX_UNPACK_FACTOR * max_bytes)
    try:
        reader = _BoundedReader(io.BytesIO(data), max_rows=max_rows)
        reader.read()
        workbook = reader.wb
    except FileRejected:
        raise
    except Exception:  # openpyxl raises many kinds of errors for damaged files
        raise FileRejected(gettext_noop(
            "Het Excel-bestand kan niet worden geopend. Open het in Excel, sla het op als "
            "'Excel-werkmap (.xlsx)' en upload het opnieuw."
        )) from None
    try:
        sheet = next(
            (ws for ws in workbook.worksheets if ws.title.strip().lower() == "signalen"),
            workbook.worksheets[0],
        )
        sheet.reset_dimensions()  # don't trust the declared size; read only the stored cells
        records = (
            (number, [_cell_text(value) for value in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        return _rows_from_records(records, max_rows=max_rows)
    except FileRejected:
        raise
    except Exception:  # damaged sheet XML surfaces only while iterating
        raise FileRejected(gettext_noop(
            "Het werkblad in het Excel-bestand kan niet worden gelezen. Open het in Excel, sla "
            "het op als 'Excel-werkmap (.xlsx)' en upload het opnieuw."
        )) from None
    finally:
        workbook.close()


def _check_zip(data: bytes, *, max_unpacked: int) -> None:
    """Refuse a damaged zip or one that would unpack to far more than was uploaded."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileRejected(gettext_noop(
            "Het Excel-bestand is beschadigd. Open het in Excel, sla het opnieuw op als "
            "'Excel-werkmap (.xlsx)' en upload het opnieuw."
        )) from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked or any(
        member.file_size > _MAX_COMPRESSION_RATIO * max(member.compress_size, 1) for member in members
    ):
        raise FileRejected(gettext_noop(
            "Het Excel-bestand is ongewoon groot na uitpakken en wordt daarom niet gelezen. "
            "Lever de signalen aan als CSV-bestand of in een eenvoudig werkblad zonder opmaak."
        ))


_TOO_MANY_STRINGS = gettext_noop(
    "Het Excel-bestand bevat veel meer teksten dan {max_rows} signalen kunnen hebben en wordt "
    "daarom niet gelezen. Kopieer alleen de signalen naar een nieuw werkblad, of lever ze aan "
    "als CSV-bestand."
)


class _BoundedReader(ExcelReader):
    """openpyxl's workbook reader (read-only, cached values) with a bounded shared-string table:
    refused when it holds more strings than ``max_rows`` rows of :data:`COLUMNS` (and a header)
    could have, by its declaration, its size or its content; read into a plain list."""

    def __init__(self, source, *, max_rows: int) -> None:
        super().__init__(source, read_only=True, data_only=True)
        self.max_rows = max_rows

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is None:
            return
        name = part.PartName[1:]
        limit = (self.max_rows + 1) * len(COLUMNS)
        refusal = FileRejected(wording(_TOO_MANY_STRINGS, max_rows=self.max_rows))
        if self.archive.getinfo(name).file_size > limit * _SHARED_STRING_BYTES_PER_CELL:
            raise refusal
        with self.archive.open(name) as source:
            start = _TABLE_START.search(source.read(4096))
        if start and any(int(count) > limit for count in _DECLARED_COUNT.findall(start.group())):
            raise refusal
        with self.archive.open(name) as source:
            self.shared_strings = _shared_strings(source, limit, refusal)


def _shared_strings(source, limit: int, refusal: FileRejected) -> list[str]:
    """The texts of a shared-string table, as openpyxl reads them (plain text or the runs of
    rich text, phonetic hints left out); refuses more than ``limit``. Each string's element is
    dropped once read, so memory holds the strings and nothing else."""
    strings: list[str] = []
    root = None
    for event, node in iterparse(source, events=("start", "end")):
        if root is None:
            root = node
        elif event == "end" and node.tag == _SHARED_STRING_TAG:
            if len(strings) == limit:
                raise refusal
            text = node.find(_TEXT_TAG)
            if text is not None:
                value = text.text or ""
            else:
                value = "".join(run.text or "" for run in node.iterfind(_RUN_TEXT_PATH))
            strings.append(value.replace("x005F_", ""))
            root.clear()
    return strings


def _cell_text(value: object) -> str:
    """Turn an XLSX cell value into text: 12.0 -> "12", dates -> "yyyy-mm-dd"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).replace("\x00", "")


def _column_name(header: str) -> str:
    """Normalise a header cell for matching: lower case without spaces and underscores."""
    return re.sub(r"[\s_]+", "", header).lower()


_COLUMN_BY_NAME = {_column_name(column): column for column in COLUMNS}


def _header_columns(cells: list[str]) -> list[str | None]:
    """Map header cells to column names (None for an empty header cell); refuse bad headers."""
    columns = [_COLUMN_BY_NAME.get(_column_name(cell)) if cell else None for cell in cells]
    allowed = ", ".join(COLUMNS)
    unknown = [cell for cell, column in zip(cells, columns, strict=True) if cell and not column]
    if unknown:
        raise FileRejected(wording(gettext_noop(
            "Onbekende kolom(men): {columns}. Lever alleen de afgesproken kolommen aan: {allowed}."),
            columns=_quoted(unknown), allowed=allowed))
    counts = Counter(column for column in columns if column)
    duplicates = [column for column, count in counts.items() if count > 1]
    if duplicates:
        raise FileRejected(wording(gettext_noop(
            "Kolom(men) {columns} komen meer dan één keer voor. Laat elke kolom één keer voorkomen."),
            columns=_quoted(duplicates)))
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise FileRejected(wording(gettext_noop(
            "Verplichte kolom(men) ontbreken: {columns}. De eerste rij moet de kolomnamen "
            "bevatten: {allowed}."), columns=_quoted(missing), allowed=allowed))
    return columns


def _quoted(names: list[str]) -> str:
    """Format names as 'a', 'b' for a message, shortening very long names and lists."""
    shown = [f"'{name[:40]}…'" if len(name) > 40 else f"'{name}'" for name in names[:10]]
    more = f" en nog {len(names) - 10}" if len(names) > 10 else ""
    return ", ".join(shown) + more


def _rows_from_records(records: Iterable[tuple[int, list[str]]], *, max_rows: int) -> list[RawRow]:
    """Turn numbered records (header first) into :class:`RawRow` objects."""
    columns: list[str | None] | None = None
    rows: list[RawRow] = []
    width = 0
    for number, raw_cells in records:
        cells = [cell.strip() for cell in raw_cells]  # NUL characters are already removed
        if not any(cells):
            continue
        if columns is None:
            columns = _header_columns(cells)
            width = len(columns)
            named = [(index, column) for index, column in enumerate(columns) if column]
            unnamed = [index for index, column in enumerate(columns) if column is None]
            blank = dict.fromkeys(COLUMNS, "")
            # The usual file: every agreed column, each named once, nothing else.
            complete = not unnamed and len(named) == len(COLUMNS)
            continue
        if (len(cells) > width and any(cells[width:])) or (
                unnamed and any(cells[i] for i in unnamed if i < len(cells))):
            raise FileRejected(wording(gettext_noop(
                "Rij {row} bevat meer waarden dan er kolomnamen in de eerste rij staan. Zet "
                "een waarde met een scheidingsteken (; of ,) tussen aanhalingstekens en laat "
                "kolommen zonder naam leeg."), row=number))
        if len(rows) == max_rows:
            raise FileRejected(wording(gettext_noop(
                "Het bestand bevat meer dan {max_rows} signalen. Verdeel de signalen over "
                "meerdere bestanden."), max_rows=max_rows))
        if complete and len(cells) == width:
            values = dict(zip(columns, cells, strict=True))
        else:
            values = _fill(blank, named, cells, width)
        rows.append(RawRow(number=number, values=values))
    if not rows:
        raise FileRejected(_NO_SIGNALS)
    return rows


def _fill(blank: dict[str, str], named, cells: list[str], width: int) -> dict[str, str]:
    """A row's values when the header leaves out columns or the row is short: "" where absent."""
    values = blank.copy()
    for index, column in named:
        if index < len(cells):
            values[column] = cells[index]
    return values
