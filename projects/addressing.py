"""How an address is typed and shown on the pages of every app: one way everywhere.

The rules of Dutch addresses belong to the intake (``signals.addresses``) and the street and
city to its signals; ``signals`` registers both here when Django starts (its AppConfig.ready),
so a page of this base app (the access log) reads and shows an address exactly like the inzage
page does, without importing a higher app.
"""
from collections.abc import Callable

# "read": (postcode, huisnummer, huisletter, toevoeging) -> key, raises ValueError with a
# user-facing ``message``; "postcode": postcode -> normalised postcode; "display": key -> text.
READERS: dict[str, Callable] = {}


def register(*, read: Callable, postcode: Callable, display: Callable) -> None:
    READERS.update(read=read, postcode=postcode, display=display)


def read(postcode: str, huisnummer: str, huisletter: str = "", toevoeging: str = "") -> str:
    return READERS["read"](postcode, huisnummer, huisletter, toevoeging)


def read_postcode(postcode: str) -> str:
    return READERS["postcode"](postcode)


def display(key: str) -> str:
    """An address key as people write it ("Melkmarkt 173, 8011 AP Zwolle"), or the key."""
    if not key or "display" not in READERS:
        return key
    return READERS["display"](key)
