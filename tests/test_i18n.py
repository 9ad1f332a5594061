"""Dutch by default, English through the language switch, and a complete English catalogue.

The catalogue test runs ``makemessages`` on a copy of the sources (so the working tree is not
touched) and fails when a user-visible string has no English translation, or only a fuzzy
one, listing every such msgid. Fix: ``make messages``, translate the listed entries in
``locale/en/LC_MESSAGES/django.po``, ``make messages`` again (it compiles the ``.mo``).
"""
import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

REPO = Path(settings.BASE_DIR)
PO = REPO / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# What makemessages skips (the same list as `make messages`).
SKIP = {".venv", "node_modules", "tests", "staticfiles", "static", "artifacts", "locale", "private",
        "media", ".git", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
SOURCES = (".py", ".html", ".txt")
HOW_TO_FIX = (
    "Run `make messages`, translate these entries in locale/en/LC_MESSAGES/django.po "
    "(fill msgstr, remove '#, fuzzy'), then run `make messages` again to compile the .mo."
)


def _need_gettext():
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    if os.environ.get("CI"):
        pytest.fail("GNU gettext is missing (apt-get install gettext; .ci/run installs it)")
    pytest.skip("GNU gettext is not installed (apt-get install gettext)")


def _copy_sources(target: Path) -> None:
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [name for name in subfolders
                         if name not in SKIP and not name.endswith(".egg-info")]
        relative = Path(folder).relative_to(REPO)
        for name in files:
            if name.endswith(SOURCES):
                (target / relative).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(folder) / name, target / relative / name)


def _entry(entry: polib.POEntry) -> str:
    where = ", ".join(sorted({file for file, _line in entry.occurrences})) or "?"
    text = entry.msgid if not entry.msgid_plural else f"{entry.msgid} | {entry.msgid_plural}"
    return f"  {text!r}  ({where})"


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """The English catalogue as `make messages` would leave it for today's sources."""
    _need_gettext()
    work = tmp_path_factory.mktemp("i18n")
    _copy_sources(work)
    locale = work / "locale"
    (locale / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copyfile(PO, locale / "en" / "LC_MESSAGES" / "django.po")
    cwd = Path.cwd()
    os.chdir(work)
    try:
        with settings_locale_paths([locale]):
            call_command("makemessages", locale=["en"], verbosity=0, no_obsolete=True,
                         add_location="file", ignore_patterns=["node_modules", ".venv"])
    finally:
        os.chdir(cwd)
    return polib.pofile(str(locale / "en" / "LC_MESSAGES" / "django.po"))


class settings_locale_paths:
    """LOCALE_PATHS pointed at the copy, so makemessages writes nothing into the repository."""

    def __init__(self, paths):
        self.paths = paths

    def __enter__(self):
        self.saved = settings.LOCALE_PATHS
        settings.LOCALE_PATHS = self.paths

    def __exit__(self, *exc):
        settings.LOCALE_PATHS = self.saved


def test_every_user_visible_string_has_an_english_translation(fresh_catalogue):
    missing = [entry for entry in fresh_catalogue if not entry.obsolete and not entry.translated()
               and "fuzzy" not in entry.flags]
    fuzzy = [entry for entry in fresh_catalogue.fuzzy_entries() if not entry.obsolete]
    problems = []
    if missing:
        problems.append(f"{len(missing)} string(s) without an English translation:")
        problems += [_entry(entry) for entry in missing]
    if fuzzy:
        problems.append(f"{len(fuzzy)} fuzzy (unchecked) translation(s):")
        problems += [_entry(entry) for entry in fuzzy]
    assert not problems, "\n".join([*problems, HOW_TO_FIX])


def test_the_compiled_catalogue_matches_the_po_file():
    """The .mo is committed so the demo works without gettext; it must be compiled from
    today's .po (`make messages` or `make install` does that)."""
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(MO))}
    stale = []
    for entry in polib.pofile(str(PO)).translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        expected = entry.msgstr_plural if entry.msgid_plural else entry.msgstr
        actual = None if found is None else (found.msgstr_plural if entry.msgid_plural else found.msgstr)
        if entry.msgid_plural and actual is not None:
            actual = {int(k): v for k, v in actual.items()}
            expected = {int(k): v for k, v in expected.items()}
        if actual != expected:
            stale.append(f"  {entry.msgid!r}")
    assert not stale, "django.mo is out of date; run `make messages`:\n" + "\n".join(stale[:30])


@pytest.mark.django_db
def test_pages_are_dutch_by_default():
    response = Client().get("/inloggen/")
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Inloggen" in html and "Direct naar de inhoud" in html


@pytest.mark.django_db
def test_the_language_switch_shows_the_login_page_in_english():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="en"' in html
    for english in ("Log in", "Skip to content", "Accessibility statement", "Language"):
        assert english in html, english
    for dutch in ("Inloggen", "Direct naar de inhoud", "Toegankelijkheidsverklaring"):
        assert dutch not in html, dutch
    # And back to Dutch.
    client.post("/i18n/setlang/", {"language": "nl", "next": "/inloggen/"})
    assert "Direct naar de inhoud" in client.get("/inloggen/").content.decode()
