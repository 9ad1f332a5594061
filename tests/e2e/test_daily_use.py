"""Safe and clear in daily use: delivering signals and answering an information request as a
partner does (mouse and keyboard), with axe finding nothing, error states included."""
import re

import pytest

from signals import information_requests
from signals.models import RequestedAddress, Upload
from tests.e2e.conftest import SAMPLES, check_accessible, screenshot
from tests.e2e.world import deliver, zwolle
from tests.factories import PartnerFactory, UserFactory, add_partner
from tests.signals.conftest import good_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    return zwolle()


def deliver_url(page, world) -> str:
    return f"{page.base_url}/projecten/{world.project.pk}/signalen/aanleveren/"


def test_a_double_click_sends_the_file_once_and_says_it_is_busy(open_page, world):
    page = open_page(world.uwv_user)
    page.goto(deliver_url(page, world))
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.get_by_label("Bestand (CSV of Excel .xlsx)").set_input_files(
        str(SAMPLES / "uwv-signalen-excel-nl.csv"))
    button = page.get_by_role("button", name="Bestand aanleveren")

    # Two clicks as a person makes them, a fifth of a second apart, while the file is sent.
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(200)
    page.mouse.click(x, y)

    page.wait_for_url(re.compile(r"/aanleveringen/\d+/$"))
    assert len(posts) == 1, posts
    assert Upload.objects.filter(project=world.project, partner=world.uwv_user.partner).count() == 1
    # Back in the history, the form can be used again.
    page.go_back()
    assert page.get_by_role("button", name="Bestand aanleveren").is_enabled()


def test_the_delivery_page_says_what_was_agreed_and_keeps_a_signal_with_an_error(open_page, world):
    page = open_page(world.gemeente_user)  # the gemeente delivers one category: adresfraude
    page.goto(deliver_url(page, world))
    agreed = page.locator("section", has=page.get_by_role("heading", name="Wat is afgesproken"))
    text = agreed.inner_text()
    assert "adresfraude" in text and "uitkeringsfraude" not in text
    assert "50 MB" in text and "200.000 regels" in text
    assert world.project.intake_deadline.strftime("%Y") in text
    assert page.get_by_label("Categorie", exact=False).last.input_value() == "adresfraude"
    check_accessible(page, "delivery page")

    page.get_by_label("Postcode").fill("8011 WR")
    page.get_by_label("Huisnummer", exact=False).first.fill("9")
    with page.expect_navigation():
        page.get_by_role("button", name="Signaal opslaan").click()

    summary = page.get_by_role("alert")
    assert "Het signaal is niet opgeslagen" in summary.inner_text()
    assert "Indicatoren" in summary.inner_text()
    assert page.get_by_label("Postcode").input_value() == "8011 WR"
    assert page.locator("#id_indicatoren").get_attribute("aria-invalid") == "true"
    assert page.title().startswith("Fout:")
    check_accessible(page, "delivery page with an error in the single signal")
    screenshot(page, "partner-deliver-entry-error")


@pytest.fixture
def asked(world):
    """BD-MKB delivers only on request; the projectleider asks about two addresses."""
    from projects import lifecycle
    from projects.models import Category, Project
    from projects.phases import Phase

    deliver(world, world.uwv_user, good_rows(2), "uwv.csv")
    bd_mkb = PartnerFactory(code="BD-MKB", name="Belastingdienst, directie MKB", on_request=True)
    user = UserFactory(username="bdmkb", first_name="Bram", partner=bd_mkb)
    tax = Category.objects.create(name="belastingfraude")
    # The plan is only changed in concept: take part there, then back to signalering.
    Project.objects.filter(pk=world.project.pk).update(phase=Phase.CONCEPT)
    world.project.refresh_from_db()
    participation = add_partner(world.project, bd_mkb, categories=[tax], by=world.coordinator)
    Project.objects.filter(pk=world.project.pk).update(phase=Phase.APPROVED)
    lifecycle.confirm_ready(participation, user)
    Project.objects.filter(pk=world.project.pk).update(phase=Phase.INTAKE)
    world.project.refresh_from_db()
    request = information_requests.create_request(
        world.project, world.projectleider, partner=bd_mkb,
        address_keys=["8011WR-1--", "8011WR-2--"], message="Voor de casustafel")
    return request, user


def test_an_answer_with_an_error_names_its_address_and_keeps_what_was_typed(open_page, asked):
    info_request, user = asked
    item = info_request.addresses.get(address_key="8011WR-2--")
    page = open_page(user)
    page.goto(f"{page.base_url}{info_request.get_absolute_url()}")
    row = page.locator(f"#address-{item.pk}")
    # The one category agreed for BD-MKB is already chosen.
    assert row.locator("select[name=category]").input_value() == "belastingfraude"
    check_accessible(page, "information request with answer forms")

    row.get_by_label("Signaal: wij hebben informatie over dit adres").check()
    row.locator("textarea[name=grounds]").fill("Bewoner heeft de Syrische nationaliteit")
    with page.expect_navigation():
        row.get_by_role("button", name="Antwoord vastleggen").click()

    summary = page.get_by_role("alert")
    assert f"Het antwoord voor {item.address_display} is niet vastgelegd" in summary.inner_text()
    row = page.locator(f"#address-{item.pk}")
    assert row.locator("textarea[name=grounds]").input_value() == "Bewoner heeft de Syrische nationaliteit"
    assert row.get_by_label("Signaal: wij hebben informatie over dit adres").is_checked()
    assert RequestedAddress.objects.get(pk=item.pk).answer == RequestedAddress.Answer.OPEN
    check_accessible(page, "information request answer with an error")
    screenshot(page, "partner-request-answer-error")


def test_choosing_huisbezoek_marks_the_fields_it_makes_required_without_a_page_load(open_page, world):
    from tests.casetable.conftest import on_agenda, to_case_table

    deliver(world, world.uwv_user, good_rows(2), "uwv.csv")
    deliver(world, world.svb_user, good_rows(2), "svb.csv")
    to_case_table(world.project, world.projectleider)
    item = on_agenda(world.project, world.projectleider, key="8011WR-1--")
    page = open_page(world.projectleider)
    page.goto(f"{page.base_url}/agendapunten/{item.pk}/")
    mark = page.locator("label[for=decision_reasonable_ground] .lsi-required")
    assert mark.is_hidden()
    # Step 1 shows each signal's grounds beside its choice.
    assert page.locator("form[aria-labelledby=tests-form-heading] fieldset .lsi-grounds").count() == 2
    check_accessible(page, "agenda item")

    # Step 3 is folded while step 1 is the step to take; the user unfolds it.
    page.locator("details:has(#decision-form-heading) > summary").click()
    page.get_by_label("Huisbezoek", exact=True).check()

    assert mark.is_visible() and mark.inner_text() == "(verplicht)"
    assert page.locator("label[for=decision_planned_date] .lsi-required").is_visible()
    page.get_by_label("Uitnodiging voor gesprek", exact=True).check()
    assert mark.is_hidden()
    assert page.locator("label[for=decision_planned_date] .lsi-required").is_visible()
    check_accessible(page, "agenda item with an outcome chosen")


def test_the_verwonderadressen_use_the_full_width_and_keep_the_agenda_button_in_view(open_page, world):
    from tests.casetable.conftest import new_session, to_case_table

    deliver(world, world.uwv_user, good_rows(30), "uwv.csv")
    deliver(world, world.svb_user, good_rows(30), "svb.csv")
    to_case_table(world.project, world.projectleider)
    new_session(world.project, world.projectleider)
    page = open_page(world.projectleider)
    page.goto(f"{page.base_url}/projecten/{world.project.pk}/verwonderadressen/")
    main = page.locator("main").bounding_box()
    table = page.locator("table").first.bounding_box()
    assert table["width"] >= 0.9 * main["width"], (table["width"], main["width"])

    boxes = page.locator("input[name=address_keys]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    bar = page.locator(".lsi-action-bar")
    assert "2 adressen gekozen" in bar.inner_text()
    # At the first rows, the agenda button is already in the window.
    button = page.get_by_role("button", name="Op de agenda zetten")
    box = button.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], box
    check_accessible(page, "verwonderadressen with two chosen")
