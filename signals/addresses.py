"""Normalise Dutch addresses (postcode, huisnummer, huisletter, toevoeging) following the BAG.

The same address is typed differently by different partners ("8011 wr", "8011WR"; "52A" or
"52" with huisletter "A"). :func:`parse_address` turns the four typed fields into an
:class:`Address` whose :attr:`Address.key` is identical for every spelling, an
:class:`Ambiguous` result when the input cannot be read without guessing, or raises
:class:`AddressError` when a field is simply invalid.

Rules
-----
postcode
    Whitespace is removed and letters are upper-cased ("8011 wr" -> "8011WR"). A postcode is four
    digits, the first not 0, followed by two letters. The letter pairs SA, SD and SS are never
    issued and are rejected.
huisnummer
    An integer from 1 to 99999; leading zeros are dropped ("012" -> 12) and a spreadsheet float
    with only zeros after the point is accepted ("12.0" -> 12, "12.5" is an error). Text without
    leading digits ("twaalf") is an error.
huisletter
    One letter a-z, upper-cased.
toevoeging
    Upper-cased, separators (space, "-", "/", ".") dropped, then 1-4 letters/digits
    ("h s", "hs" and "HS" all become "HS"). A value made of separators only ("-") means "none".

Suffix glued to the huisnummer
------------------------------
Text after the digits of the huisnummer is a suffix; it is read as follows:

1. If the suffix, without separators, equals huisletter + toevoeging as given in the columns
   ("52A" with huisletter "A"; "174hs" with toevoeging "hs"), it only repeats the columns and the
   columns are used.
2. A single letter ("52A", "52 A", "52-A") is the huisletter.
3. A single letter followed by a separator and more ("52A-2", "52 A hs") is huisletter +
   toevoeging; this is how :class:`Address` is displayed.
4. Anything else that starts with a separator ("52-2", "52 2", "52/2", "174 hs", "15-bis") is the
   toevoeging.
5. Two or more letters/digits glued to the number without a separator ("52AB", "52A2",
   "174hs", "15bis") are **ambiguous**: "52AB" may be huisletter A with toevoeging B or
   toevoeging AB.
6. When the suffix reading of rule 2-4 fills a part that the huisletter or toevoeging column also
   fills with a *different* value ("52B" with huisletter "A", "52-2" with toevoeging "3"), the
   result is **ambiguous**. A part filled by only one of the two is simply used ("52-2" with
   huisletter "A" is 52A-2).

Ambiguous addresses are returned as :class:`Ambiguous` so they can be reviewed by a person
instead of being guessed.
"""

import re
from dataclasses import dataclass

from projects import postcodes
from projects.messages import Text, gettext_noop
from projects.messages import text as message

_HUISNUMMER = re.compile(r"([0-9]+)(.*)", re.DOTALL)
_SPREADSHEET_FLOAT = re.compile(r"([0-9]+)\.([0-9]+)")
_HUISLETTER = re.compile(r"[A-Za-z]")
_TOEVOEGING = re.compile(r"[A-Za-z0-9]{1,4}")
_SEPARATORS = re.compile(r"[\s\-/.]+")
_SUFFIX_TOKEN = re.compile(r"[A-Za-z0-9]+")
_MAX_HUISNUMMER = 99999
_PLAIN_HUISNUMMER = re.compile(r"\s*([1-9][0-9]{0,4})\s*")  # 1-99999, nothing else


class AddressError(ValueError):
    """A field of an address is invalid.

    ``field`` is one of "postcode", "huisnummer", "huisletter" or "huisnummertoevoeging";
    ``message`` explains in Dutch what is wrong and what to do; ``value`` is the typed value.
    """

    def __init__(self, field: str, message: Text | str, value: str) -> None:
        self.text = message if isinstance(message, Text) else Text(message)
        self.message = str(self.text)
        super().__init__(self.message)
        self.field = field
        self.value = value


KEY_RE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}-[1-9][0-9]{0,4}-[A-Z]?-[A-Z0-9]{0,4}")
"""What a normalised address key (:attr:`Address.key`) looks like."""


@dataclass(frozen=True)
class Address:
    """A normalised Dutch address."""

    postcode: str
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""

    @property
    def key(self) -> str:
        """The address key ``POSTCODE-HUISNUMMER-HUISLETTER-TOEVOEGING``.

        All four parts are always present, empty parts stay empty: "8011WR-52-A-2",
        "8011WR-174--HS", "8011WR-19--". No part contains "-", so the key can be split on it.
        """
        return f"{self.postcode}-{self.huisnummer}-{self.huisletter}-{self.toevoeging}"

    def __str__(self) -> str:
        """Display the address the Dutch way, for example "8011 WR 52A-2"."""
        number = f"{self.huisnummer}{self.huisletter}"
        if self.toevoeging:
            number += f"-{self.toevoeging}"
        return f"{self.postcode[:4]} {self.postcode[4:]} {number}"


@dataclass(frozen=True)
class Ambiguous:
    """An address that cannot be read without guessing; it needs review by a person."""

    reason: str
    postcode: str


def normalise_postcode(value: str) -> str:
    """Return the postcode without spaces and in upper case ("8011 wr" -> "8011WR").

    Raises :class:`AddressError` when it is not a valid Dutch postcode.
    """
    try:
        return postcodes.normalise_postcode(value)
    except postcodes.AreaError as error:
        raise AddressError("postcode", error.text, value) from None


def parse_address(
    postcode: str, huisnummer: str, huisletter: str = "", toevoeging: str = ""
) -> Address | Ambiguous:
    """Parse typed address fields into an :class:`Address` (see the module docstring for rules).

    Returns :class:`Ambiguous` when the huisnummer suffix can be read in more than one way and
    raises :class:`AddressError` when a field is invalid.
    """
    normal_postcode = normalise_postcode(postcode)
    if not huisletter and not toevoeging and (plain := _PLAIN_HUISNUMMER.fullmatch(huisnummer)):
        return Address(normal_postcode, int(plain.group(1)))  # the usual case, quickly
    letter = _parse_huisletter(huisletter)
    addition = _parse_toevoeging(toevoeging, "huisnummertoevoeging", toevoeging)
    number, suffix = _split_huisnummer(huisnummer)
    reading = _apply_suffix(number, suffix, huisnummer, letter, addition)
    if isinstance(reading, str):
        return Ambiguous(reason=reading, postcode=normal_postcode)
    return Address(normal_postcode, number, *reading)


def _parse_huisletter(value: str) -> str:
    """Return the upper-cased huisletter, "" when empty."""
    letter = value.strip()
    if letter and not _HUISLETTER.fullmatch(letter):
        raise AddressError(
            "huisletter",
            message(gettext_noop("Huisletter '{value}' is ongeldig: een huisletter is één letter (a tot "
                              "en met z). Zet overige tekens in de kolom huisnummertoevoeging."),
                 value=value),
            value,
        )
    return letter.upper()


def _parse_toevoeging(text: str, field: str, value: str) -> str:
    """Return the toevoeging upper-cased without separators, "" when empty.

    ``field`` and ``value`` are reported in the :class:`AddressError`.
    """
    addition = _SEPARATORS.sub("", text)
    if addition and not _TOEVOEGING.fullmatch(addition):
        raise AddressError(
            field,
            message(gettext_noop("Toevoeging '{value}' is ongeldig: een toevoeging bestaat uit 1 tot "
                                 "4 letters of cijfers, bijvoorbeeld 'hs', 'bis' of '2'."),
                    value=text.strip()),
            value,
        )
    return addition.upper()


def _split_huisnummer(value: str) -> tuple[int, str]:
    """Split the huisnummer into its number and the (unparsed) text after the digits."""
    text = value.strip()
    if not text:
        raise AddressError(
            "huisnummer", message(gettext_noop("Huisnummer ontbreekt. Vul een huisnummer in.")), value)
    float_match = _SPREADSHEET_FLOAT.fullmatch(text)
    if float_match and float_match.group(2).strip("0"):
        raise AddressError(
            "huisnummer",
            message(gettext_noop("Huisnummer '{value}' is ongeldig: een huisnummer is een geheel getal, "
                                 "bijvoorbeeld 12."), value=text),
            value,
        )
    match = _HUISNUMMER.fullmatch(float_match.group(1) if float_match else text)
    if not match:
        raise AddressError(
            "huisnummer",
            message(gettext_noop("Huisnummer '{value}' is ongeldig: schrijf het huisnummer in cijfers, "
                                 "bijvoorbeeld 12."), value=text),
            value,
        )
    digits = match.group(1).lstrip("0")
    if not digits or len(digits) > len(str(_MAX_HUISNUMMER)) or int(digits) > _MAX_HUISNUMMER:
        raise AddressError(
            "huisnummer",
            message(gettext_noop("Huisnummer '{value}' is ongeldig: een huisnummer ligt tussen 1 en "
                                 "{maximum}."), value=text, maximum=_MAX_HUISNUMMER),
            value,
        )
    return int(digits), match.group(2)


def _apply_suffix(
    number: int, suffix: str, huisnummer: str, letter: str, addition: str
) -> tuple[str, str] | str:
    """Combine the huisnummer suffix with the huisletter and toevoeging columns.

    Returns the resulting (huisletter, toevoeging), or the Dutch reason why it is ambiguous.
    """
    tokens = [token for token in _SEPARATORS.split(suffix) if token]
    if not all(_SUFFIX_TOKEN.fullmatch(token) for token in tokens):
        raise AddressError(
            "huisnummer",
            message(gettext_noop("Huisnummer '{value}' is ongeldig: na het nummer mogen alleen een "
                              "huisletter en een toevoeging van letters of cijfers staan, bijvoorbeeld "
                              "52A-2."), value=huisnummer.strip()),
            huisnummer,
        )
    glued = "".join(tokens).upper()
    if not glued or glued == letter + addition:
        return letter, addition
    first = tokens[0].upper()
    if len(first) == 1 and first.isalpha():
        from_suffix = first, _parse_toevoeging("".join(tokens[1:]), "huisnummer", huisnummer)
    elif _SEPARATORS.match(suffix):
        from_suffix = "", _parse_toevoeging(glued, "huisnummer", huisnummer)
    else:
        return (
            f"Huisnummer '{huisnummer.strip()}' is niet eenduidig: '{first}' kan een huisletter "
            f"met toevoeging zijn ({number}{first[0]}-{first[1:]}) of een toevoeging "
            f"({number}-{first}). Vul huisletter en toevoeging in aparte kolommen in."
        )
    conflicts = [
        f"{name} '{in_suffix}' terwijl in de kolom {name} '{in_column}' staat"
        for name, in_suffix, in_column in zip(
            ("huisletter", "toevoeging"), from_suffix, (letter, addition), strict=True
        )
        if in_suffix and in_column and in_suffix != in_column
    ]
    if conflicts:
        return (
            f"Huisnummer '{huisnummer.strip()}' is niet eenduidig: het bevat "
            f"{' en '.join(conflicts)}. Vul huisletter en toevoeging in aparte kolommen in."
        )
    return letter or from_suffix[0], addition or from_suffix[1]


def read_key(postcode: str, huisnummer: str, huisletter: str = "", toevoeging: str = "") -> str:
    """The key of a typed address; raises :class:`AddressError` (also for an ambiguous one,
    with the reason as its message), as the forms of every app use it."""
    address = parse_address(postcode, huisnummer, huisletter, toevoeging)
    if isinstance(address, Ambiguous):
        raise AddressError("huisnummer", address.reason, huisnummer)
    return address.key


def key_display(key: str) -> str:
    """A key shown the Dutch way without street or city ("8011 AP 173"); the key itself when it
    is not one."""
    if not KEY_RE.fullmatch(key or ""):
        return key
    postcode, number, letter, suffix = key.split("-")
    return str(Address(postcode, int(number), letter, suffix))
