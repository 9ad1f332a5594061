"""Mijn taken on the start page, the control result's "(verplicht)" marks, the sortable signal
list, the verwonderadressen selection across pages and the folded steps, as users meet them in
Chromium, with axe finding nothing."""
import re

import pytest

from casetable.models import Assignment
from tests.e2e.conftest import check_accessible, screenshot
from tests.e2e.world import deliver, zwolle
from tests.signals.conftest import good_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    return zwolle()


def execution(world):
    """Two verwonderadressen; one decided as a huisbezoek by UWV and SVB; phase uitvoering."""
    from tests.casetable.conftest import decided_visit, to_case_table, to_execution

    deliver(world, world.uwv_user, good_rows(2), "uwv.csv")
    deliver(world, world.svb_user, good_rows(2), "svb.csv")
    partners = [world.uwv_user.partner, world.svb_user.partner]
    item = decided_visit(world.project, world.projectleider, partners, key="8011WR-1--")
    to_case_table(world.project, world.projectleider)
    to_execution(world.project, world.projectleider)
    return item


def test_the_start_page_lists_my_tasks_and_leads_to_each(open_page, world):
    execution(world)
    page = open_page(world.uwv_user)
    tasks = page.locator("section", has=page.get_by_role("heading", name="Mijn taken"))
    row = tasks.locator("[data-lsi-task=control_result]")
    assert "Wijkaanpak Zwolle" in row.inner_text() and "1" in row.inner_text()
    check_accessible(page, "start page with tasks")
    screenshot(page, "partner-start-tasks")
    with page.expect_navigation():
        row.get_by_role("link").click()
    assert page.get_by_role("heading", name="Mijn controleopdrachten").is_visible()

    page = open_page(world.gemeente_user)  # takes part, but not in the duo
    tasks = page.locator("section", has=page.get_by_role("heading", name="Mijn taken"))
    assert tasks.locator("[data-lsi-task=control_result]").count() == 0


def test_choosing_an_outcome_marks_the_control_fields_it_makes_required(open_page, world):
    item = execution(world)
    assignment = Assignment.objects.get(item=item, partner=world.uwv_user.partner, status="open")
    page = open_page(world.uwv_user)
    page.goto(f"{page.base_url}{assignment.get_absolute_url()}")
    findings = page.locator("label[for=result_findings] .lsi-required")
    reason = page.locator("label[for=result_result_reason] .lsi-required")
    assert findings.is_hidden() and reason.is_hidden()

    page.get_by_label("Uitgevoerd", exact=True).check()
    assert findings.is_visible() and findings.inner_text() == "(verplicht)"
    assert reason.is_hidden()
    page.get_by_label("Niet uitgevoerd", exact=True).check()
    assert reason.is_visible() and findings.is_hidden()
    check_accessible(page, "control result with an outcome chosen")

    page.get_by_label("Uitgevoerd", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert").first
    for problem in ("geïnformeerd over hun rechten", "toestemming", "bevindingen"):
        assert problem in summary.inner_text()
    assert findings.is_visible(), "the server marks the fields of the outcome it shows again"
    check_accessible(page, "control result with errors")
    screenshot(page, "partner-control-result-error")


def test_the_signal_list_sorts_by_address_from_its_header_and_keeps_the_filter(open_page, world):
    deliver(world, world.uwv_user, good_rows(60), "uwv.csv")
    page = open_page(world.uwv_user)
    page.goto(f"{page.base_url}/projecten/{world.project.pk}/signalen/?postcode=8011")
    page.get_by_role("link", name="Adres", exact=True).click()
    page.wait_for_url("**sort=address_asc**")
    assert "postcode=8011" in page.url
    header = page.locator("th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending" and header.inner_text() == "Adres"
    assert page.locator("tbody th").first.inner_text().startswith("Teststraat 1,") or \
        " 1," in page.locator("tbody th").first.inner_text()
    check_accessible(page, "signal list sorted by address")
    page.get_by_role("link", name="Adres", exact=True).click()
    page.wait_for_url("**sort=address_desc**")
    assert page.locator("th[aria-sort]").get_attribute("aria-sort") == "descending"
    screenshot(page, "partner-signals-sorted")


def test_addresses_chosen_on_page_one_stay_chosen_on_page_two(open_page, world):
    from tests.casetable.conftest import new_session, to_case_table

    deliver(world, world.uwv_user, good_rows(60), "uwv.csv")
    deliver(world, world.svb_user, good_rows(60), "svb.csv")
    to_case_table(world.project, world.projectleider)
    new_session(world.project, world.projectleider)
    page = open_page(world.projectleider)
    page.goto(f"{page.base_url}/projecten/{world.project.pk}/verwonderadressen/")
    boxes = page.locator("input[name=address_keys]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende").click()
    assert "page=2" in page.url
    bar = page.locator(".lsi-action-bar")
    assert "2 adressen gekozen" in bar.inner_text()
    page.locator("input[name=address_keys]").first.check()
    assert "3 adressen gekozen" in bar.inner_text()
    check_accessible(page, "verwonderadressen, page two with a choice")

    with page.expect_navigation():
        page.get_by_role("button", name="Alle 60 adressen kiezen die aan de filters voldoen").click()
    assert "60 adressen gekozen" in bar.inner_text()
    assert page.get_by_text("Alle 60 adressen die aan de filters voldoen, zijn gekozen.").is_visible()
    screenshot(page, "projectleider-verwonderadressen-chosen")
    page.locator("#selection_session").select_option(index=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Op de agenda zetten").click()
    assert page.get_by_text("60 adres(sen) op de agenda gezet.").is_visible()


def test_the_agendapunt_opens_the_step_to_take_and_a_folded_step_opens_with_the_keyboard(open_page, world):
    from tests.casetable.conftest import on_agenda, to_case_table
    from tests.e2e.conftest import tab_to

    deliver(world, world.uwv_user, good_rows(2), "uwv.csv")
    deliver(world, world.svb_user, good_rows(2), "svb.csv")
    to_case_table(world.project, world.projectleider)
    item = on_agenda(world.project, world.projectleider, key="8011WR-1--")
    page = open_page(world.projectleider)
    page.goto(f"{page.base_url}/agendapunten/{item.pk}/")
    assert page.locator("input[type=radio][value=houdt_stand]").first.is_visible(), "step 1 is open"
    risk_note = page.locator("textarea[name=risk_note]")
    assert risk_note.is_hidden(), "step 2 is folded"
    # The signals and what was recorded stay in view above the folded forms.
    assert page.get_by_role("heading", name=re.compile("stap 2")).is_visible()
    check_accessible(page, "agendapunt with folded steps")

    tab_to(page, "details:has(#risk-form-heading) > summary")
    page.keyboard.press("Enter")
    assert risk_note.is_visible()
    check_accessible(page, "agendapunt with step 2 unfolded")
    screenshot(page, "projectleider-case-item-steps")


def test_the_project_page_folds_the_forms_that_are_not_the_step_to_take(open_page, world):
    from tests.e2e.conftest import tab_to

    page = open_page(world.coordinator)
    page.goto(f"{page.base_url}{world.project.get_absolute_url()}")
    assert page.get_by_role("heading", name="Deelnemende partners").is_visible()
    checkpoint = page.get_by_role("button", name="Toetsmoment vastleggen")
    assert checkpoint.is_hidden()
    tab_to(page, "details:has(#checkpoint-form-heading) > summary")
    page.keyboard.press("Enter")
    assert checkpoint.is_visible()
    page.get_by_text(re.compile(r"\d+ wijzigingen? tonen")).click()
    assert page.locator("table[aria-labelledby=history-heading]").is_visible()
    check_accessible(page, "project page with its steps unfolded")
    screenshot(page, "coordinator-project-steps")
