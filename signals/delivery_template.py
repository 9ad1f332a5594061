"""The empty delivery template and the column list shown on the upload page."""
from django.utils.translation import gettext_lazy as _

from projects.exports import csv_bytes, xlsx_bytes

from .reader import COLUMNS

COLUMN_HELP = [
    ("postcode", _("Postcode, bijvoorbeeld 8011 WR."), True),
    ("huisnummer", _("Huisnummer, 1 tot en met 99999."), True),
    ("huisletter", _("Eén letter, bijvoorbeeld A."), False),
    ("huisnummertoevoeging", _("Tot vier letters of cijfers, bijvoorbeeld 2 of HS."), False),
    ("straat", _("Straatnaam (niet verplicht)."), False),
    ("woonplaats", _("Woonplaats (niet verplicht)."), False),
    ("categorie", _("Een categorie die voor uw organisatie in dit project is afgesproken."), True),
    ("indicatoren", _("Op grond waarvan het adres is gesignaleerd, in gewone woorden."), True),
    ("referentie", _("Uw eigen kenmerk."), False),
    ("datum_signaal", _("jjjj-mm-dd of dd-mm-jjjj; niet in de toekomst."), False),
]


def template_bytes(fmt: str) -> bytes:
    return xlsx_bytes(COLUMNS, []) if fmt == "xlsx" else csv_bytes(COLUMNS, [])
