"""A Dutch list beside Django's English common passwords: "wachtwoord12" is as weak as
"password12", and Django's list does not know it."""
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WORDS = Path(__file__).with_name("common_passwords_nl.txt")


@cache
def _words() -> frozenset[str]:
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_common(password: str) -> bool:
    letters = re.sub(r"[\W\d_]+", "", password.lower())
    if letters in _words():
        return True
    half = len(letters) // 2
    return len(letters) % 2 == 0 and letters[:half] == letters[half:] and letters[:half] in _words()


class DutchCommonPasswordValidator:
    """Refuses a password that is a common Dutch word (once or twice) plus digits or symbols."""

    def validate(self, password, user=None):
        if _is_common(password):
            raise ValidationError(
                _("Dit wachtwoord lijkt te veel op een veelgebruikt wachtwoord. Kies een langere "
                  "zin van een paar woorden die niet bij elkaar horen."),
                code="password_too_common_nl")

    def get_help_text(self):
        return _("Uw wachtwoord mag geen veelgebruikt woord zijn met alleen cijfers of tekens erbij.")
