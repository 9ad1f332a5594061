"""Safe exports to CSV and XLSX, shared by every app.

Spreadsheet formula injection is neutralised: a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is written as text (prefixed with an apostrophe), in CSV and
in XLSX alike, so a spreadsheet never evaluates what a partner typed.
"""
import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """CSV the way Dutch Excel opens it: UTF-8 with BOM, ``;`` separated, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in header])
    for row in rows:
        writer.writerow([safe_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence], sheet: str = "Signalen") -> bytes:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)

    def text_cells(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(worksheet, value=safe_text(value))
            cell.data_type = "s"  # always text: never a formula
            cells.append(cell)
        return cells

    worksheet.append(text_cells(header))
    for row in rows:
        worksheet.append(text_cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content: bytes, file_name: str) -> HttpResponse:
    content_type = XLSX_TYPE if file_name.endswith(".xlsx") else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response


def export(fmt: str, file_stem: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """An attachment in ``fmt`` (``csv`` or ``xlsx``)."""
    content = xlsx_bytes(header, rows) if fmt == "xlsx" else csv_bytes(header, rows)
    return download(content, f"{file_stem}.{fmt}")
