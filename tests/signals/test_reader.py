"""Tests for signals.reader: reading CSV and XLSX uploads into raw rows."""

import datetime
import io
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from signals.reader import COLUMNS, FileRejected, RawRow, parse_date, read_upload
from tests.signals.conftest import GROUNDS, many_strings_xlsx

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
HEADER = "postcode;huisnummer;categorie;indicatoren"


def read_csv(text: str, encoding: str = "utf-8", **limits: int) -> list[RawRow]:
    """Read CSV text encoded as given."""
    return read_upload(text.encode(encoding), "signalen.csv", **limits)


def rejected(data: bytes, filename: str = "signalen.csv", **limits: int) -> str:
    """Read data that must be refused and return the Dutch message."""
    with pytest.raises(FileRejected) as raised:
        read_upload(data, filename, **limits)
    assert str(raised.value) == raised.value.message
    return raised.value.message


def xlsx(*rows: tuple, title: str = "Signalen", extra_sheet_first: bool = False) -> bytes:
    """Build an XLSX workbook with the rows on a sheet with the given title."""
    workbook = Workbook()
    sheet = workbook.active
    if extra_sheet_first:
        sheet.title = "Toelichting"
        sheet.append(("Lees dit eerst",))
        sheet = workbook.create_sheet()
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """Build a deflated zip file with the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Sample files


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("uwv-signalen-excel-nl.csv", 120),
        ("svb-signalen-utf8-bom.csv", 90),
        ("nla-signalen.xlsx", 60),
        ("uwv-signalen-met-fouten.csv", 8),
    ],
)
def test_sample_file_reads_all_rows_numbered_from_row_two(name, count):
    rows = read_upload((SAMPLES / name).read_bytes(), name)
    assert len(rows) == count
    assert [row.number for row in rows] == list(range(2, count + 2))
    assert all(set(row.values) == set(COLUMNS) for row in rows)


def test_windows_1252_sample_is_decoded_with_dutch_characters():
    rows = read_upload((SAMPLES / "uwv-signalen-excel-nl.csv").read_bytes(), "uwv.csv")
    assert rows[0].values["straat"] == "Prinses Mariëlaan"
    assert rows[0].values["indicatoren"] == ("Postretour van beschikking; geen reactie op twee brieven")
    assert rows[0].values["datum_signaal"] == "27-01-2026"
    assert rows[2].values["postcode"] == "8011 wr"


def test_utf8_bom_sample_has_no_bom_in_first_column():
    rows = read_upload((SAMPLES / "svb-signalen-utf8-bom.csv").read_bytes(), "svb.csv")
    assert rows[0].values["postcode"] == "8016VD"
    assert rows[4].values["straat"] == "Prinses Mariëlaan"


def test_xlsx_sample_numbers_come_out_as_integers_and_text_keeps_accents():
    rows = read_upload((SAMPLES / "nla-signalen.xlsx").read_bytes(), "nla.xlsx")
    assert rows[0].values["huisnummer"] == "43"
    assert rows[0].values["huisletter"] == ""
    assert "één" in rows[0].values["indicatoren"]


def test_every_sample_date_parses():
    for name in ["uwv-signalen-excel-nl.csv", "svb-signalen-utf8-bom.csv", "nla-signalen.xlsx"]:
        for row in read_upload((SAMPLES / name).read_bytes(), name):
            assert datetime.date(2026, 1, 1) <= parse_date(row.values["datum_signaal"])


# CSV decoding and structure


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_is_detected_from_the_header(delimiter):
    text = delimiter.join(["postcode", "huisnummer", "categorie", "indicatoren"]) + "\n"
    text += delimiter.join(["8011WR", "52", "adresfraude", '"a; b, c"']) + "\n"
    [row] = read_csv(text)
    assert row.values["indicatoren"] == "a; b, c"
    assert row.values["huisletter"] == ""


def test_crlf_and_quoted_newline_are_read_and_row_numbers_follow_records():
    text = f'{HEADER}\r\n8011WR;1;adresfraude;"regel 1\r\nregel 2"\r\n8011WR;2;adresfraude;x\r\n'
    rows = read_csv(text)
    assert rows[0].values["indicatoren"] == "regel 1\r\nregel 2"
    assert [row.number for row in rows] == [2, 3]


def test_empty_rows_are_skipped_but_counted_in_row_numbers():
    text = f"{HEADER}\n8011WR;1;a;b\n\n;;;\n  ; ;\n8011WR;2;a;b\n"
    assert [row.number for row in read_csv(text)] == [2, 6]


def test_values_are_stripped_and_nul_characters_removed():
    [row] = read_csv(f"{HEADER}\n 8011 WR ;\x0052\x00; a ;  b c  \n")
    assert row.values["postcode"] == "8011 WR"
    assert row.values["huisnummer"] == "52"
    assert row.values["indicatoren"] == "b c"


def test_plain_utf8_without_bom_is_decoded():
    [row] = read_csv(f"{HEADER};straat\n8011WR;1;a;b;Mariëlaan\n")
    assert row.values["straat"] == "Mariëlaan"


def test_utf16_with_bom_as_excel_unicode_text_is_decoded():
    text = HEADER.replace(";", "\t") + "\tstraat\r\n8011WR\t1\ta\tb\tMariëlaan\r\n"
    [row] = read_upload(text.encode("utf-16"), "signalen.txt")
    assert row.values["straat"] == "Mariëlaan"


def test_bytes_undefined_in_windows_1252_are_refused():
    data = f"{HEADER}\n8011WR;1;a;b".encode("cp1252") + b"\x81\xe9\n"
    assert "geen CSV- of Excel-bestand" in rejected(data)


def test_fewer_cells_than_columns_gives_empty_values():
    [row] = read_csv(f"{HEADER};referentie\n8011WR;1\n")
    assert row.values["categorie"] == "" and row.values["referentie"] == ""


def test_row_with_more_values_than_header_is_refused_with_row_number():
    message = rejected(f"{HEADER}\n8011WR;1;a;b\n8011WR;1;a;b;bsn 123\n".encode())
    assert "Rij 3" in message


def test_empty_extra_cells_beyond_header_are_allowed():
    assert len(read_csv(f"{HEADER}\n8011WR;1;a;b;;\n")) == 1


def test_value_under_an_empty_header_cell_is_refused():
    assert "Rij 2" in rejected(f"{HEADER};;referentie\n8011WR;1;a;b;geheim;r\n".encode())


def test_unterminated_quote_making_a_huge_field_is_refused():
    data = f'{HEADER}\n8011WR;1;a;"{"x" * 200_000}\n'.encode()
    assert "Rij 2" in rejected(data)


# Header


@pytest.mark.parametrize(
    "header",
    [
        "Postcode;Huisnummer;Categorie;Indicatoren;Datum signaal",
        " POSTCODE ;HUISNUMMER;categorie;INDICATOREN;DATUM_SIGNAAL",
        "postcode;huis nummer;Categorie;indicatoren;datumsignaal",
    ],
)
def test_header_matching_ignores_case_spaces_and_underscores(header):
    [row] = read_csv(f"{header}\n8011WR;1;a;b;27-01-2026\n")
    assert row.values["datum_signaal"] == "27-01-2026"
    assert row.values["postcode"] == "8011WR"


def test_unknown_column_is_refused_by_name():
    message = rejected(f"{HEADER};bsn;nationaliteit\n8011WR;1;a;b;1;x\n".encode())
    assert message.startswith("Onbekende kolom(men): 'bsn', 'nationaliteit'.")
    assert "postcode, huisnummer" in message


def test_missing_required_column_is_refused_by_name():
    message = rejected(b"postcode;huisnummer;categorie\n8011WR;1;a\n")
    assert "'indicatoren'" in message and "ontbreken" in message


def test_duplicate_column_is_refused():
    assert "'postcode'" in rejected(f"{HEADER};Postcode\n8011WR;1;a;b;8011WR\n".encode())


def test_very_many_unknown_columns_give_a_short_message():
    message = rejected((HEADER + ";" + ";".join(f"k{i}" * 50 for i in range(500))).encode())
    assert "en nog 490" in message
    assert len(message) < 1000


@pytest.mark.parametrize(
    "data", [b"", b"   \r\n\r\n", b";;;\n", HEADER.encode(), f"{HEADER}\n;;;\n\n".encode()]
)
def test_file_without_signals_is_refused(data):
    assert rejected(data).startswith("Het bestand bevat geen signalen.")


# Limits and file types


def test_more_rows_than_max_rows_is_refused():
    text = HEADER + "\n" + "8011WR;1;a;b\n" * 11
    assert len(read_csv(text, max_rows=11)) == 11
    assert "meer dan 10 signalen" in rejected(text.encode(), max_rows=10)


def test_more_bytes_than_max_bytes_is_refused_before_parsing():
    message = rejected(b"\x00" * 3 * 1024 * 1024, max_bytes=2 * 1024 * 1024)
    assert "te groot (3 MB)" in message and "2 MB" in message


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\npostcode;huisnummer;categorie;indicatoren\n",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_binary_file_is_refused(data):
    assert rejected(data).startswith("Dit bestand is geen CSV- of Excel-bestand (.xlsx)")


def test_old_excel_file_named_xls_is_refused():
    assert "geen CSV- of Excel-bestand" in rejected(b"\xd0\xcf\x11\xe0" + bytes(500), "a.xls")


def test_file_named_xlsx_that_is_not_a_zip_is_refused():
    assert "geen CSV- of Excel-bestand" in rejected(f"{HEADER}\n1;2;3;4\n".encode(), "a.xlsx")


def test_zip_not_named_xlsx_is_refused():
    data = xlsx(("postcode", "huisnummer", "categorie", "indicatoren"), ("8011WR", 1, "a", "b"))
    assert "geen CSV- of Excel-bestand" in rejected(data, "signalen.zip")


# XLSX


XLSX_HEADER = ("postcode", "huisnummer", "huisletter", "categorie", "indicatoren", "datum_signaal")


def test_xlsx_numbers_and_dates_become_text():
    data = xlsx(
        XLSX_HEADER,
        ("8011WR", 52, None, "a", 12.5, datetime.datetime(2026, 1, 27, 13, 5)),
        ("8011WR", 52.0, "a", "a", "b", datetime.date(2026, 2, 3)),
    )
    first, second = read_upload(data, "signalen.XLSX")
    assert first.values["huisnummer"] == "52"
    assert first.values["huisletter"] == ""
    assert first.values["indicatoren"] == "12.5"
    assert first.values["datum_signaal"] == "2026-01-27"
    assert second.values["huisnummer"] == "52"
    assert second.values["datum_signaal"] == "2026-02-03"


def test_xlsx_formula_is_not_evaluated():
    data = xlsx(XLSX_HEADER, ("8011WR", "=40+12", None, "a", '=HYPERLINK("http://x")', None))
    [row] = read_upload(data, "signalen.xlsx")
    assert row.values["huisnummer"] == ""
    assert row.values["indicatoren"] == ""


def test_xlsx_sheet_named_signalen_is_used_in_any_case():
    data = xlsx(XLSX_HEADER, ("8011WR", 1, None, "a", "b", None), title="SIGNALEN", extra_sheet_first=True)
    [row] = read_upload(data, "signalen.xlsx")
    assert row.values["postcode"] == "8011WR"


def test_xlsx_without_signalen_sheet_uses_the_first_sheet():
    data = xlsx(XLSX_HEADER, ("8011WR", 1, None, "a", "b", None), title="Blad1")
    assert len(read_upload(data, "signalen.xlsx")) == 1


def test_xlsx_empty_rows_are_counted_in_row_numbers():
    data = xlsx(XLSX_HEADER, (None,), ("8011WR", 1, None, "a", "b", None))
    assert [row.number for row in read_upload(data, "signalen.xlsx")] == [3]


def test_xlsx_unknown_column_is_refused():
    data = xlsx((*XLSX_HEADER, "BSN"), ("8011WR", 1, None, "a", "b", None, 123456782))
    assert rejected(data, "signalen.xlsx").startswith("Onbekende kolom(men): 'BSN'.")


def test_xlsx_more_rows_than_max_rows_is_refused():
    data = xlsx(XLSX_HEADER, *[("8011WR", n, None, "a", "b", None) for n in range(1, 6)])
    assert "meer dan 4 signalen" in rejected(data, "signalen.xlsx", max_rows=4)


def test_xlsx_with_only_a_header_is_refused():
    assert "geen signalen" in rejected(xlsx(XLSX_HEADER), "signalen.xlsx")


def test_corrupt_zip_is_refused():
    assert "beschadigd" in rejected(b"PK\x03\x04" + bytes(100), "signalen.xlsx")


def test_zip_that_is_not_a_workbook_is_refused():
    assert "kan niet worden geopend" in rejected(zip_bytes({"a.txt": b"hallo"}), "a.xlsx")


def test_zip_bomb_by_compression_ratio_is_refused():
    data = zip_bytes({"xl/worksheets/sheet1.xml": b"0" * 2_000_000})
    assert "ongewoon groot na uitpakken" in rejected(data, "signalen.xlsx")


def test_zip_bomb_by_total_unpacked_size_is_refused():
    rnd = random.Random(1)
    content = b"".join(bytes([rnd.randrange(256)]) + b"0" * 80 for _ in range(5000))
    data = zip_bytes({"xl/worksheets/sheet1.xml": content})
    assert 20 * len(data) < len(content) < 100 * len(data)  # moderate ratio, large total
    assert "ongewoon groot" in rejected(data, "signalen.xlsx", max_bytes=len(data))


# Dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-27", datetime.date(2026, 1, 27)),
        ("27-01-2026", datetime.date(2026, 1, 27)),
        ("7-1-2026", datetime.date(2026, 1, 7)),
        (" 2026-1-7 ", datetime.date(2026, 1, 7)),
    ],
)
def test_parse_date_reads_iso_and_dutch_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["27/01/2026", "2026.01.27", "27 januari 2026", "", "01-2026"])
def test_parse_date_with_unknown_form_gives_dutch_message(text):
    with pytest.raises(ValueError, match="gebruik jjjj-mm-dd"):
        parse_date(text)


@pytest.mark.parametrize("text", ["31-02-2026", "2026-13-01", "0000-01-01"])
def test_parse_date_of_non_existing_day_gives_dutch_message(text):
    with pytest.raises(ValueError, match="bestaat niet"):
        parse_date(text)


# Properties


@settings(max_examples=200)
@given(data=st.binary(max_size=2000), name=st.sampled_from(["a.csv", "a.xlsx", "a"]))
def test_arbitrary_bytes_give_rows_or_file_rejected(data, name):
    try:
        rows = read_upload(data, name)
    except FileRejected as raised:
        assert raised.message.strip()
    else:
        assert all(set(row.values) == set(COLUMNS) for row in rows)


@settings(max_examples=100)
@given(data=st.binary(max_size=1000))
def test_arbitrary_bytes_after_zip_magic_give_file_rejected(data):
    with pytest.raises(FileRejected):
        read_upload(b"PK\x03\x04" + data, "a.xlsx")


@settings(max_examples=200)
@given(body=st.text(alphabet=st.sampled_from(";,\t\"'\r\n abcé0123\x00"), max_size=300))
def test_arbitrary_text_after_a_valid_header_gives_rows_or_file_rejected(body):
    try:
        rows = read_csv(f"{HEADER}\n{body}")
    except FileRejected as raised:
        assert raised.message.strip()
    else:
        assert all(row.number >= 2 for row in rows)


# The shared-string table: every text of a workbook, read before any row


def test_xlsx_within_the_string_bound_reads_its_signal():
    [row] = read_upload(many_strings_xlsx(1_000), "signalen.xlsx", max_rows=100)
    assert (row.values["postcode"], row.values["huisnummer"]) == ("8011WR", "12")
    assert row.values["indicatoren"] == GROUNDS


def test_xlsx_declaring_more_strings_than_its_rows_can_hold_is_refused():
    # 100 rows of 10 columns and a header hold at most 1,010 strings.
    message = rejected(many_strings_xlsx(5_000), "signalen.xlsx", max_rows=100)
    assert message.startswith("Het Excel-bestand bevat veel meer teksten dan 100 signalen kunnen hebben")


def test_xlsx_whose_strings_do_not_declare_their_count_is_refused_while_reading():
    message = rejected(many_strings_xlsx(5_000, declare_count=False), "signalen.xlsx", max_rows=100)
    assert "veel meer teksten dan 100 signalen" in message


def test_xlsx_with_a_string_table_too_large_for_its_rows_is_refused_unread():
    # Few strings, but long ones: more than 100 bytes per cell of 2 rows (and a header).
    data = many_strings_xlsx(2, length=2_000)
    assert "veel meer teksten dan 2 signalen" in rejected(data, "signalen.xlsx", max_rows=2)


def test_xlsx_rich_text_cells_are_read_as_their_plain_text():
    [row] = read_upload(many_strings_xlsx(0, rich_text=True), "signalen.xlsx")
    assert row.values["indicatoren"] == GROUNDS


def test_reading_many_strings_keeps_little_more_than_the_strings():
    # openpyxl's own table kept about 190 bytes per tiny string (a 31 MB upload took 2.4 GB).
    data = many_strings_xlsx(200_000)
    tracemalloc.start()
    try:
        read_upload(data, "signalen.xlsx", max_rows=50_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200_000 * 100
