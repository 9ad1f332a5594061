"""Dutch postcodes and project areas. Pure functions, no Django: testable on their own.

A postcode is four digits (the first not 0) and two letters; the letter pairs SA, SD and SS
are never issued. An area is a list of PC4 (``8011``) and PC6 (``8011WR``) items; a range
``8011-8017`` expands to its PC4 items.
"""
import re
from collections.abc import Iterable

POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
PC4_RE = re.compile(r"^[1-9][0-9]{3}$")
NEVER_ISSUED = {"SA", "SD", "SS"}
MAX_RANGE = 500


class AreaError(ValueError):
    """An area or postcode that cannot be used; ``message`` is Dutch and says what to do."""

    def __init__(self, message: str, value: str = ""):
        super().__init__(message)
        self.message = message
        self.value = value


def compact(value: str) -> str:
    """Upper-case and drop all whitespace: ``' 8011 wr '`` → ``'8011WR'``."""
    return re.sub(r"\s+", "", str(value)).upper()


def is_valid_postcode(value: str) -> bool:
    """Is this compacted value a postcode that can exist?"""
    return bool(POSTCODE_RE.match(value)) and value[4:] not in NEVER_ISSUED


def parse_area(text: str) -> list[str]:
    """Split an area text into sorted, unique PC4 and PC6 items."""
    items: set[str] = set()
    for raw in re.split(r"[,;\n]+", text or ""):
        item = raw.strip()
        if not item:
            continue
        match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", item)
        if match:
            first, last = int(match[1]), int(match[2])
            if not (PC4_RE.match(match[1]) and PC4_RE.match(match[2])) or last < first:
                raise AreaError(
                    f"De reeks '{item}' is ongeldig: gebruik twee viercijferige postcodes, "
                    "de laagste eerst, bijvoorbeeld 8011-8017.", item,
                )
            if last - first > MAX_RANGE:
                raise AreaError(f"De reeks '{item}' is te groot (meer dan {MAX_RANGE}).", item)
            items.update(str(number) for number in range(first, last + 1))
            continue
        value = compact(item)
        if PC4_RE.match(value) or is_valid_postcode(value):
            items.add(value)
            continue
        raise AreaError(
            f"'{item}' is geen postcodegebied. Gebruik vier cijfers (8011), een volledige "
            "postcode (8011 WR) of een reeks (8011-8017), gescheiden door komma's.", item,
        )
    return sorted(items)


def in_area(postcode: str, area: Iterable[str]) -> bool:
    """Is the (compacted) postcode inside an area of PC4 and PC6 items?"""
    return any(postcode == item or (len(item) == 4 and postcode.startswith(item)) for item in area)
