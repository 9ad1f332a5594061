"""Detect suspect grounds: signal grounds that name a protected characteristic.

Following case law of the Centrale Raad van Beroep, selecting addresses or people on
nationality, ethnicity, country or place of birth, religion or a similar protected
characteristic is a suspect distinction that needs a very weighty justification. A hit from
:func:`suspect_terms_in` is a reason for a person to review the ground, not a verdict.
"""

import re
import unicodedata
from functools import lru_cache

SUSPECT_TERMS: tuple[str, ...] = (
    # Nationality, origin and place of birth.
    "nationaliteit",
    "nationaliteiten",
    "dubbele nationaliteit",
    "afkomst",
    "herkomst",
    "land van herkomst",
    "herkomstland",
    "geboorteland",
    "geboorteplaats",
    "land van geboorte",
    "geboren in",
    "migratieachtergrond",
    "immigrant",
    "immigranten",
    "vluchteling",
    "vluchtelingen",
    "asielzoeker",
    "asielzoekers",
    "statushouder",
    "statushouders",
    "buitenlander",
    "buitenlanders",
    "buitenlands",
    "buitenlandse",
    "niet-Nederlander",
    "niet-Nederlanders",
    "niet-Nederlands",
    "niet-Nederlandse",
    "niet-westers",
    "niet-westerse",
    "Oost-Europeaan",
    "Oost-Europeanen",
    "Oost-Europees",
    "Oost-Europese",
    # Ethnicity and appearance.
    "etniciteit",
    "etnisch",
    "etnische",
    "allochtoon",
    "allochtonen",
    "allochtone",
    "autochtoon",
    "autochtonen",
    "autochtone",
    "huidskleur",
    "ras",
    # Religion.
    "religie",
    "religieus",
    "religieuze",
    "geloof",
    "geloofsovertuiging",
    "islam",
    "islamitisch",
    "islamitische",
    "moslim",
    "moslims",
    "moskee",
    "joods",
    "joodse",
    "jood",
    "joden",
    "christelijk",
    "christelijke",
    "christen",
    "christenen",
    "hindoe",
    "hindoes",
    # Language, a proxy for origin.
    "taal",
    "moedertaal",
    "taalvaardigheid",
    "taalbeheersing",
    "anderstalig",
    "anderstalige",
    "spreekt geen Nederlands",
    # Countries, nationals and adjectives.
    "Marokko",
    "Marokkaan",
    "Marokkanen",
    "Marokkaans",
    "Marokkaanse",
    "Turkije",
    "Turk",
    "Turken",
    "Turks",
    "Turkse",
    "Polen",
    "Pools",
    "Poolse",
    "Bulgarije",
    "Bulgaar",
    "Bulgaren",
    "Bulgaars",
    "Bulgaarse",
    "Roemenië",
    "Roemeen",
    "Roemenen",
    "Roemeens",
    "Roemeense",
    "Suriname",
    "Surinamer",
    "Surinamers",
    "Surinaams",
    "Surinaamse",
    "Hindoestaan",
    "Hindoestanen",
    "Hindoestaans",
    "Hindoestaanse",
    "Antillen",
    "Antilliaan",
    "Antillianen",
    "Antilliaans",
    "Antilliaanse",
    "Syrië",
    "Syriër",
    "Syriërs",
    "Syrisch",
    "Syrische",
    "Eritrea",
    "Eritreeër",
    "Eritreeërs",
    "Eritrees",
    "Eritrese",
    "Somalië",
    "Somaliër",
    "Somaliërs",
    "Somalisch",
    "Somalische",
    "Afghanistan",
    "Afghaan",
    "Afghanen",
    "Afghaans",
    "Afghaanse",
    "Irak",
    "Irakees",
    "Irakezen",
    "Irakese",
    "Iran",
    "Iraniër",
    "Iraniërs",
    "Iraans",
    "Iraanse",
    "Koerd",
    "Koerden",
    "Koerdisch",
    "Koerdische",
    "Arabier",
    "Arabieren",
    "Arabisch",
    "Arabische",
    "Ghanees",
    "Ghanese",
    "Ghanezen",
    "Nigeriaan",
    "Nigerianen",
    "Nigeriaans",
    "Nigeriaanse",
    "Kaapverdiaan",
    "Kaapverdianen",
    "Kaapverdiaans",
    "Kaapverdiaanse",
    "Chinees",
    "Chinese",
    "Chinezen",
)
"""Words and phrases naming a protected characteristic, in Dutch, with common inflections.

Matching (see :func:`suspect_terms_in`) ignores case and accents and only matches whole words,
so "Turkstra", "hondenrassen", "gelooft", "geloofwaardig" and "arbeidsmigranten" are no hits.
A space or hyphen inside a term matches any run of spaces and hyphens ("niet Nederlands").
Language is included as a proxy for origin ("taal", "taalvaardigheid", "spreekt geen
Nederlands"); compounds such as "taalcursus" are not matched.
Deliberately left out because they have common innocent meanings in enforcement grounds:
"zwart" (zwartwerk, zwart betaald), "buitenland" (living abroad is a legitimate ground for
benefits), "afkomstig" (melding afkomstig van de gemeente), "migrant" (arbeidsmigrant is a
lawful NLA category) and "Pool" (a pool).
"""


_SEPARATORS = re.compile(r"[\s\-]+")


def _fold(text: str) -> str:
    """Case- and accent-fold text and turn runs of spaces/hyphens into one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", bare)


_TERM_BY_FOLDED = {_fold(term): term for term in SUSPECT_TERMS}
_SUSPECT_PATTERN = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(term) for term in sorted(_TERM_BY_FOLDED, key=len, reverse=True))
    + r")(?!\w)"
)


def suspect_terms_in(text: str) -> list[str]:
    """Return the suspect terms found in text, in order of appearance, without duplicates.

    Each term is returned as written in :data:`SUSPECT_TERMS`.
    """
    return list(_suspect_terms(text))


@lru_cache(maxsize=4096)
def _suspect_terms(text: str) -> tuple[str, ...]:
    # A partner's file repeats a handful of grounds texts: fold and match each once.
    found = (_TERM_BY_FOLDED[match.group()] for match in _SUSPECT_PATTERN.finditer(_fold(text)))
    return tuple(dict.fromkeys(found))
