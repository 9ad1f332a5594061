"""Dutch postcodes and project areas. Pure functions, no Django: testable on their own.

A postcode is four digits (the first not 0) and two letters; whitespace is dropped and letters
are upper-cased ("8011 wr" → "8011WR"). The letter pairs SA, SD and SS are never issued.
An area is a list of PC4 ("8011") and PC6 ("8011WR") items, separated by commas, semicolons,
whitespace or newlines; a range "8011-8017" expands to its PC4 items.
"""
import re
from collections.abc import Iterable
from functools import lru_cache

from .messages import Text, gettext_noop, text

_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Za-z]{2}")
_NEVER_ISSUED_LETTERS = ("SA", "SD", "SS")
_PC4 = re.compile(r"[1-9][0-9]{3}")
_PC4_RANGE = re.compile(r"([0-9]{4})-([0-9]{4})")
_MAX_RANGE = 1000


class AreaError(ValueError):
    """A postcode or area item that cannot be used; ``message`` is Dutch and says what to do,
    ``text`` is the same as a template with parameters (translated where it is shown)."""

    def __init__(self, message: Text | str, value: str = ""):
        self.text = message if isinstance(message, Text) else Text(message)
        self.message = str(self.text)
        super().__init__(self.message)
        self.value = value


@lru_cache(maxsize=65536)
def normalise_postcode(value: str) -> str:
    """Return the postcode without whitespace, upper-cased; raise AreaError when invalid."""
    postcode = re.sub(r"\s+", "", value)
    if not postcode:
        raise AreaError(text(gettext_noop(
            "Postcode ontbreekt. Vul een postcode in, bijvoorbeeld 8011 WR.")), value)
    if not _POSTCODE.fullmatch(postcode):
        raise AreaError(text(gettext_noop(
            "Postcode '{value}' is ongeldig: een postcode begint met vier cijfers "
            "(niet met 0) en eindigt op twee letters, bijvoorbeeld 8011 WR."), value=value.strip()),
            value,
        )
    postcode = postcode.upper()
    if postcode[4:] in _NEVER_ISSUED_LETTERS:
        raise AreaError(text(gettext_noop(
            "Postcode '{value}' bestaat niet: de lettercombinaties SA, SD en SS worden in "
            "Nederland niet gebruikt. Controleer de postcode."), value=value.strip()),
            value,
        )
    return postcode


def parse_area(text: str) -> list[str]:
    """The area as sorted, unique PC4 and PC6 items; raise AreaError for a bad item."""
    text = re.sub(r"\b([0-9]{4})\s+([A-Za-z]{2})\b", r"\1\2", text or "")
    text = re.sub(r"\s*[-–]\s*", "-", text)
    items: set[str] = set()
    for item in re.split(r"[\s,;]+", text.strip(" \t\r\n,;")):
        if item:
            items.update(_area_item(item))
    return sorted(items)


def _area_item(item: str) -> list[str]:
    range_match = _PC4_RANGE.fullmatch(item)
    if range_match and all(_PC4.fullmatch(pc4) for pc4 in range_match.groups()):
        start, end = (int(pc4) for pc4 in range_match.groups())
        if start <= end and end - start <= _MAX_RANGE:
            return [str(pc4) for pc4 in range(start, end + 1)]
    if _PC4.fullmatch(item):
        return [item]
    try:
        return [normalise_postcode(item)]
    except AreaError:
        raise AreaError(text(gettext_noop(
            "Gebied '{value}' is ongeldig: gebruik postcodes van vier cijfers (8011), "
            "postcodes met letters (8011 WR) of een reeks van laag naar hoog (8011-8017), "
            "gescheiden door komma's."), value=item),
            item,
        ) from None


def in_area(postcode: str, area: Iterable[str]) -> bool:
    """Is the normalised postcode inside an area of normalised PC4 and PC6 items?
    Pass a (frozen)set to check many postcodes against one area quickly."""
    items = area if isinstance(area, set | frozenset) else set(area)
    return postcode[:4] in items or postcode in items


# A postcode followed by a house number ("8011 AB 12", "8011AB-12"): an address in free text.
_ADDRESS_IN_TEXT = re.compile(r"\b[1-9][0-9]{3}\s?[A-Za-z]{2}\b[\s,-]*\d{1,5}\b")


def mentions_address(text: str) -> bool:
    """Does free text hold an address? Texts that must stay free of personal data (lessons,
    evaluations, public summaries) are refused when it does."""
    return bool(text and _ADDRESS_IN_TEXT.search(text))
