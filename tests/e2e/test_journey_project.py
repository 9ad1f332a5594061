"""Journey 1, with the keyboard only (Tab, Shift+Tab, arrow keys, Space, Enter; no mouse):
the coördinator creates a gebiedsgericht project with three partners and submits it, records
the regional body's approval, each partner confirms readiness, and the projectleider opens
signal intake.
"""
from datetime import timedelta

import pytest
from django.utils import timezone

from projects import agreement
from projects.models import Project
from projects.phases import Phase
from tests.e2e.conftest import check_accessible, choose, screenshot, tab_to
from tests.factories import PASSWORD, BodyFactory, CategoryFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.e2e


def press(page, selector: str, key: str = "Enter") -> None:
    """Tab to an element and press a key on it (Enter follows a link or submits)."""
    tab_to(page, selector)
    page.keyboard.press(key)


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


_DATE_ORDER = {}


def date_order(page) -> str:
    """The order in which this Chromium's date field takes its parts ("dmy" or "mdy"): headless
    Chromium keeps its own locale whatever the page's language, so ask it once."""
    if "order" not in _DATE_ORDER:
        probe = page.context.new_page()
        probe.set_content('<input type="date" id="probe" aria-label="probe">')
        probe.keyboard.press("Tab")
        probe.keyboard.type("01022003")
        _DATE_ORDER["order"] = "dmy" if probe.input_value("#probe") == "2003-02-01" else "mdy"
        probe.close()
    return _DATE_ORDER["order"]


def type_date(page, selector: str, day) -> None:
    """Type a date into a date field, part by part (the browser moves on by itself)."""
    pattern = "%d%m%Y" if date_order(page) == "dmy" else "%m%d%Y"
    tab_to(page, selector)
    page.keyboard.type(day.strftime(pattern))
    assert page.input_value(selector) == day.isoformat(), f"{selector}: typed {day}"


def keyboard_login(page, user) -> None:
    page.goto(f"{page.base_url}/inloggen/")
    type_into(page, "#id_username", user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/inloggen/" not in page.url


def keyboard_logout(page) -> None:
    with page.expect_navigation():
        press(page, "form[action$='/uitloggen/'] button")
    assert "/inloggen/" in page.url


def follow(page, selector: str) -> None:
    with page.expect_navigation():
        press(page, selector)


def message(page) -> str:
    return page.locator(".lsi-messages").inner_text()


@pytest.fixture
def world(server):
    region = BodyFactory(code="RPF-OOST", name="RPF Oost-Nederland")
    BodyFactory(steering=True)
    categories = [CategoryFactory(name=name) for name in ("uitkeringsfraude", "adresfraude")]
    gemeente = PartnerFactory(code="GEM-0193", name="Gemeente Zwolle", municipality=True)
    uwv = PartnerFactory(code="UWV", name="Uitvoeringsinstituut Werknemersverzekeringen")
    svb = PartnerFactory(code="SVB", name="Sociale Verzekeringsbank")
    secretariat = PartnerFactory(code="SZW", name="Ministerie van SZW", delivery="geen")
    return {
        "region": region, "categories": categories,
        "coordinator": UserFactory(username="coordinator", first_name="Carla", partner=secretariat,
                                   coordinator=True),
        "projectleider": UserFactory(username="projectleider", first_name="Pieter", partner=gemeente),
        "partners": [
            UserFactory(username="gemeente", first_name="Gerda", partner=gemeente),
            UserFactory(username="uwv", first_name="Umar", partner=uwv),
            UserFactory(username="svb", first_name="Sophie", partner=svb),
        ],
    }


def test_journey_1_project_from_proposal_to_intake_with_the_keyboard(open_page, world):
    today = timezone.localdate()
    page = open_page()
    keyboard_login(page, world["coordinator"])

    # The first Tab reaches the skip link, which moves the focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.utrecht-skip-link')")
    assert page.locator(".utrecht-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    follow(page, "nav a[href$='/projecten/']")
    follow(page, "main a[href$='/projecten/nieuw/']")

    # The form, in tab order.
    type_into(page, "#id_name", "Wijkaanpak Zwolle-Zuid")
    tab_to(page, "#id_project_type")
    choose(page, "Gebiedsgericht")
    tab_to(page, "#id_format")
    choose(page, "Wijkgerichte Aanpak (WGA)")
    tab_to(page, "#id_initiator")
    choose(page, "GEM-0193")
    tab_to(page, "#id_region")
    choose(page, "RPF Oost-Nederland")
    type_into(page, "#id_reason", "Signalen van meerdere partners over dezelfde adressen.")
    type_into(page, "#id_goals", "Onrechtmatigheden beëindigen en zorg bieden waar nodig.")
    type_into(page, "#id_area", "8011-8017")
    type_into(page, "#id_dpia_reference", "DPIA-E2E-001")
    type_date(page, "#id_start_date", today)
    type_date(page, "#id_intake_deadline", today + timedelta(days=14))
    type_date(page, "#id_case_table_date", today + timedelta(days=21))
    type_into(page, "#id_control_dates", (today + timedelta(days=35)).strftime("%d-%m-%Y"))
    type_date(page, "#id_planned_end", today + timedelta(days=120))
    tab_to(page, "#id_lead")
    choose(page, "Pieter Test (GEM-0193)")
    follow(page, "main form button[type=submit]")
    assert "Het projectvoorstel is aangemaakt" in message(page)
    project = Project.objects.get(name="Wijkaanpak Zwolle-Zuid")
    assert page.url.endswith(project.get_absolute_url())

    # Three partners, each with its capacity and categories.
    for user, hours in zip(world["partners"], (40, 120, 80), strict=True):
        tab_to(page, "#id_partner")
        choose(page, user.partner.code)
        type_into(page, "#id_capacity_hours", str(hours))
        press(page, "#id_categories_0", " ")   # Space ticks the first category
        with page.expect_navigation():
            press(page, "form[action$='/partners/'] button[type=submit]")
        assert f"De deelname van {user.partner}" in message(page)
    assert project.participations.count() == 3
    # Each partner agrees to its part on its own page (tests/e2e/test_journey_capacity.py): here
    # through the same service, so that the projectleider can submit.
    for participation in project.participations.all():
        agreement.accept(participation, next(user for user in world["partners"]
                                             if user.partner_id == participation.partner_id))

    follow(page, "form[action$='/indienen/'] button")
    assert "Het plan is ingediend" in message(page)

    # The regional body decided; the coördinator records it (the body is preselected).
    assert page.input_value("#id_body") == str(world["region"].pk)
    tab_to(page, "#id_outcome")
    choose(page, "Goedgekeurd")
    type_date(page, "#id_decided_on", today)
    type_into(page, "#id_remarks", "Akkoord van het RPF.")
    follow(page, "form[action$='/besluit/'] button[type=submit]")
    assert "Het besluit is vastgelegd" in message(page)
    project.refresh_from_db()
    assert project.phase == Phase.APPROVED
    screenshot(page, "coordinator-project-detail")
    keyboard_logout(page)

    # Each partner confirms it can process data; after the last, the project is ready.
    for user in world["partners"]:
        partner_page = open_page()
        keyboard_login(partner_page, user)
        follow(partner_page, f"main a[href$='{project.get_absolute_url()}']")
        follow(partner_page, "form[action$='/gereed/'] button")
        assert "gegevens kan verwerken" in message(partner_page)
    project.refresh_from_db()
    assert project.phase == Phase.READY

    # The projectleider opens signal intake.
    lead_page = open_page()
    keyboard_login(lead_page, world["projectleider"])
    follow(lead_page, f"main a[href$='{project.get_absolute_url()}']")
    type_into(lead_page, "#id_reason", "Alle partners zijn gereed.")
    follow(lead_page, "form[action$='/fase/advance/'] button[type=submit]")
    # A confirmation step says what will happen before the intake opens for every partner.
    assert "De signalering gaat open" in lead_page.locator("main").inner_text()
    check_accessible(lead_page, "confirmation: open signal intake")
    project.refresh_from_db()
    assert project.phase == Phase.READY
    follow(lead_page, "form input[name=confirmed] ~ button[type=submit]")
    assert "naar de volgende fase" in message(lead_page)
    assert "Signalering" in lead_page.locator(".lsi-phase").inner_text()
    project.refresh_from_db()
    assert project.phase == Phase.INTAKE
    check_accessible(lead_page, "project detail (projectleider, signalering)")
