"""End-to-end tests: a real Chromium (Debian's, /usr/bin/chromium) driven by Playwright for
Python against pytest-django's ``live_server`` (PostgreSQL in CI, data committed through
``transactional_db``).

No browser is ever downloaded (never ``playwright install``). Without Chromium the tests are
skipped on a developer's machine, but fail in CI (``CI`` set), where ``.ci/run`` installs it.

Helpers for the tests:

* ``open_page(user=None, width=1280)``: a new page in its own browser context (Dutch, as
  the users' browsers are), logged in through the login form when ``user`` is given.
* ``login(page, user)``: post the login form as a user would (password: ``tests.factories.PASSWORD``).
* ``check_accessible(page)``: inject axe-core from node_modules/ and fail on any WCAG 2.1 A/AA
  violation, listing each rule, its help text and the offending elements.
* ``screenshot(page, name)``: save ``artifacts/screenshots/<name>-desktop.png`` (1280 px)
  and ``<name>-phone.png`` (360 px), and fail when the page scrolls sideways on the phone.
* ``tab_to(page, selector)``: press Tab until the element is focused (keyboard-only journeys).
"""
import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import PASSWORD

CHROMIUM = Path(os.environ.get("LSI_E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage", "--lang=nl-NL",
]
REPO = Path(settings.BASE_DIR)
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SAMPLES = REPO / "tests" / "samples"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI must run the end-to-end tests: see .ci/run and make install)")
    pytest.skip(what)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the whole package."""
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found: apt-get install chromium")
    if not AXE.exists():
        _missing(f"{AXE} not found: run make install (npm ci)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM then refuses to be
    # called from it unless told it is safe (it is: the loop never runs our code concurrently).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def server(live_server, transactional_db):
    """The live server's base URL; the test's data is committed so the server sees it."""
    return live_server.url


def login(page, user, base_url: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/inloggen/" not in page.url, f"login as {user.username} failed: {page.url}"


@pytest.fixture
def open_page(browser, server):
    """``open_page(user=None)``: a fresh browser context and page, logged in as ``user``."""
    contexts = []

    def open_(user=None, *, viewport=DESKTOP):
        # bypass_csp: only so that the test can inject axe-core; the application's CSP
        # headers are still sent and checked by tests/test_settings.py and the security tests.
        context = browser.new_context(
            viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam",
            bypass_csp=True, accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.base_url = server
        if user is not None:
            login(page, user, server)
        return page

    yield open_
    for context in contexts:
        context.close()


def check_accessible(page, label: str = "") -> None:
    """Zero axe-core violations at WCAG 2.0/2.1 level A and AA on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    if violations:
        lines = [f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s) on {label or page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page, name: str) -> None:
    """The page at desktop and phone width, saved under artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(50)  # let the table containers re-measure
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(original)
    assert width <= PHONE["width"], (
        f"{name}: the page scrolls sideways at {PHONE['width']} px ({width} px wide)"
    )


def tab_to(page, selector: str, *, limit: int = 120, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching ``selector`` has the focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def choose(page, option_text: str, *, limit: int = 200) -> None:
    """On the focused <select>, press the arrow keys until the option is selected."""
    target = page.evaluate(
        """text => {
            const select = document.activeElement;
            const options = Array.from(select.options);
            return options.findIndex(o => o.text.trim() === text || o.text.trim().startsWith(text));
        }""",
        option_text,
    )
    assert target >= 0, f"no option {option_text!r} in the focused list"
    for _ in range(limit):
        index = page.evaluate("() => document.activeElement.selectedIndex")
        if index == target:
            return
        page.keyboard.press("ArrowDown" if index < target else "ArrowUp")
    raise AssertionError(f"option {option_text!r} cannot be chosen with the arrow keys")
