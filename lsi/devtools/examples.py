"""Example delivery files for the demo: what a partner's own system exports, made for one
project and one partner (its area, its agreed categories), so every demo partner can try the
upload with a file that is really its own.

The files have the quirks of real exports: CSV with a byte order mark, ``;`` as separator, CRLF,
Dutch column headers in varied case (``Datum signaal`` with a space), postcodes with and without
a space and in lower case, a house letter glued to the number (``52A``), toevoegingen (``hs``,
``-2``), spaces around values, dates as ``dd-mm-jjjj``; XLSX with numbers as number cells (and
some as text cells) and the date as a real Excel date cell. About half the addresses are the
same for every partner of the project, typed differently, so that they become verwonderadressen.

The file *with errors* holds the mistakes users really make, each refused with its own message:
a postcode starting with 0, the never-issued letters SS, a house number in words, no grounds, a
category not agreed for the partner, a postcode outside the area, a date in the future and a
duplicated row.

Only the demo offers these files (``lsi.devtools`` is installed in development and tests only):
the addresses are made up, and must never end up in a real project.
"""
import csv
import datetime
import io
import random

from django.utils import timezone
from openpyxl import Workbook

from projects.models import Participation

SHARED = 12  # addresses every partner of the project delivers
OWN = 8  # addresses only this partner delivers
LETTERS = "ABCDEGHJKLMNPRTVWXZ"  # two of these make the letters of a postcode (never SA/SD/SS)
STREETS = ["Kerkstraat", "Molenweg", "Schoolstraat", "Stationsweg", "Julianastraat",
           "Beatrixlaan", "Veldweg", "Lindelaan", "Prins Hendrikstraat", "Dorpsstraat"]
GROUNDS = {
    "uitkeringsfraude": "Uitkering als alleenstaande; volgens de BRP woont er een tweede "
                        "volwassene op dit adres",
    "adresfraude": "Postretour van beschikking; geen reactie op twee brieven",
    "arbeidsuitbuiting": "Meer dan 8 werknemers van één uitzendbureau ingeschreven op dit adres",
    "illegale tewerkstelling": "Melding slecht werkgeverschap met dit adres als woonadres van "
                               "werknemers",
    "toeslagenfraude": "Huurtoeslag voor dit adres terwijl de aanvrager er niet staat ingeschreven",
    "belastingfraude": "Onderneming op dit woonadres zonder aangifte omzetbelasting",
    "schijnzelfstandigheid": "Zelfstandigen op dit adres werken alle voor één opdrachtgever",
}
OTHER_GROUNDS = "Signaal uit het eigen bestand van de partner; zie de referentie"
CSV_HEADER = ["Postcode", "Huisnummer", "huisletter", "HuisnummerToevoeging", "STRAAT",
              "Woonplaats", "Categorie", "Indicatoren", "Referentie", "Datum signaal"]
XLSX_HEADER = ["postcode", "HUISNUMMER", "Huisletter", "huisnummer toevoeging", "Straat",
               "woonplaats", "categorie", "INDICATOREN", "referentie", "datum_signaal"]


def _addresses(project, rng: random.Random, count: int) -> list[dict]:
    """``count`` made-up addresses in the project's area: postcode, number, letter, suffix."""
    items = project.area_items or ["8011"]
    found, seen = [], set()
    while len(found) < count:
        item = rng.choice(items)
        postcode = item if len(item) == 6 else item + rng.choice(LETTERS) + rng.choice(LETTERS)
        number = rng.randint(1, 240)
        if (postcode, number) in seen:
            continue
        seen.add((postcode, number))
        found.append(dict(postcode=postcode, number=number, street=rng.choice(STREETS),
                             letter=rng.choice(["", "", "", "A", "B"]),
                             suffix=rng.choice(["", "", "", "hs", "2"])))
    return found


def example_rows(participation: Participation, today: datetime.date | None = None) -> list[dict]:
    """The rows of the partner's example file: clean values, one dict per signal. The same
    participation always gets the same rows."""
    project, partner = participation.project, participation.partner
    today = today or timezone.localdate()
    shared = _addresses(project, random.Random(f"{project.pk}"), SHARED)
    rng = random.Random(f"{project.pk}-{partner.code}")
    own = [a for a in _addresses(project, rng, SHARED + OWN * 3) if a not in shared][:OWN]
    categories = sorted(participation.categories.values_list("name", flat=True)) or ["adresfraude"]
    city = project.initiator.name.removeprefix("Gemeente ") if project.is_area_based else ""
    rows = []
    for number, address in enumerate(shared + own, start=1):
        category = categories[number % len(categories)]
        rows.append({
            "postcode": address["postcode"], "huisnummer": address["number"],
            "huisletter": address["letter"], "huisnummertoevoeging": address["suffix"],
            "straat": address["street"], "woonplaats": city, "categorie": category,
            "indicatoren": GROUNDS.get(category, OTHER_GROUNDS),
            "referentie": f"{partner.code}-{today.year}-{number:05d}",
            "datum_signaal": today - datetime.timedelta(days=rng.randint(1, 90)),
        })
    return rows


def _typed(row: dict, number: int) -> list:
    """The row as a partner's system types it: the same address, written in one of five ways."""
    postcode, house, letter, suffix = (row["postcode"], str(row["huisnummer"]), row["huisletter"],
                                       row["huisnummertoevoeging"])
    way = number % 5
    if way == 0:
        postcode = f"{postcode[:4]} {postcode[4:].lower()}"  # 8011 wr
    elif way == 1:
        postcode = f" {postcode[:4]} {postcode[4:]} "  # spaces around the value
    elif way == 2 and letter and not suffix:
        house, letter = house + letter, ""  # 52A: the letter glued to the number
    elif way == 3 and suffix and not letter:
        house, suffix = f"{house}-{suffix}", ""  # 52-2: the toevoeging after a dash
    category = row["categorie"].capitalize() if number % 2 else f" {row['categorie']} "
    return [postcode, house, letter, suffix, f"{row['straat']} ", row["woonplaats"], category,
            row["indicatoren"], row["referentie"], row["datum_signaal"].strftime("%d-%m-%Y")]


def csv_file(rows: list[dict]) -> bytes:
    """A Dutch Excel CSV export: UTF-8 with BOM, ``;``, CRLF, every value as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for number, row in enumerate(rows):
        writer.writerow(_typed(row, number))
    return "\ufeff".encode() + buffer.getvalue().encode()


def xlsx_file(rows: list[dict]) -> bytes:
    """An Excel workbook, sheet ``Signalen``: house numbers as number cells (some as text cells,
as happens in Excel), toevoeging 2 as a number, the date as a date cell."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Signalen"
    sheet.append(XLSX_HEADER)
    for number, row in enumerate(rows):
        typed = _typed(row, number)
        house, suffix = typed[1], typed[3]
        if house == str(row["huisnummer"]) and number % 3:  # a number cell, else a text cell
            house = row["huisnummer"]
        sheet.append([typed[0], house, typed[2] or None,
                      int(suffix) if suffix.isdigit() else suffix or None,
                      *typed[4:9], row["datum_signaal"]])
        sheet.cell(row=sheet.max_row, column=len(XLSX_HEADER)).number_format = "DD-MM-YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_with_errors(participation: Participation, today: datetime.date | None = None) -> list:
    """Typed rows (as in the CSV) with one real mistake each, among good rows."""
    today = today or timezone.localdate()
    rows = [_typed(row, number) for number, row in enumerate(example_rows(participation, today)[:10])]
    postcode = participation.project.area_items[0][:4] if participation.project.area_items else "8011"
    rows[1][0] = "0123 AB"  # a postcode never starts with 0
    rows[2][0] = f"{postcode} SS"  # SS, SA and SD are never issued
    rows[3][1] = "twaalf"  # a house number in words
    rows[4][7] = ""  # no grounds
    rows[5][6] = "zorg"  # a category not agreed for this partner
    rows[6][9] = (today + datetime.timedelta(days=30)).strftime("%d-%m-%Y")  # in the future
    rows[7][0] = "9999 ZZ"  # outside the project's area
    rows.append(list(rows[0]))  # the first row again
    return rows


def csv_file_with_errors(participation: Participation) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(rows_with_errors(participation))
    return "\ufeff".encode() + buffer.getvalue().encode()


def example_file(participation: Participation, kind: str) -> tuple[bytes, str]:
    """(content, file name) of the example file ``kind``: ``csv``, ``xlsx`` or ``fouten``."""
    code = participation.partner.code.lower()
    if kind == "fouten":
        return csv_file_with_errors(participation), f"voorbeeld-{code}-signalen-met-fouten.csv"
    rows = example_rows(participation)
    if kind == "xlsx":
        return xlsx_file(rows), f"voorbeeld-{code}-signalen.xlsx"
    return csv_file(rows), f"voorbeeld-{code}-signalen.csv"

