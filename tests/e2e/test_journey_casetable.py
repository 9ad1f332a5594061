"""Journey 3 (casustafel): the projectleider opens the verwonderadressen, plans a casustafel,
records the tests and a decision with motivation for an address and assigns a duo; a partner
user sees the assignment and records the control; the projectleider records the debriefing,
opens the selection dossier and downloads its PDF."""
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from casetable.models import Assignment, CaseItem, Decision, Intervention
from projects.phases import Phase
from tests.e2e.conftest import check_accessible, screenshot
from tests.e2e.world import deliver, zwolle
from tests.signals.conftest import good_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    world = zwolle()
    # Diezerstraat 1 and 2 are signalled by UWV and SVB (meervoudig belang); 3 by UWV only.
    deliver(world, world.uwv_user, good_rows(3), "uwv.csv")
    deliver(world, world.svb_user, good_rows(2), "svb.csv")
    return world


def submit(page, button_name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button_name, exact=True).click()


def pick(page, name: str, value: str) -> None:
    """Choose a value in a list or a group of radio buttons, whichever the form shows."""
    select = page.locator(f"select[name={name}]")
    if select.count():
        select.select_option(value)
    else:
        page.locator(f"input[name={name}][value='{value}']").check()


def message(page) -> str:
    return page.locator(".lsi-messages").inner_text()


def test_journey_3_casustafel_from_addresses_to_dossier(open_page, world):
    project, today = world.project, timezone.localdate()
    lead = open_page(world.projectleider)

    # Close the intake: signalering → casustafel.
    lead.goto(f"{lead.base_url}{project.get_absolute_url()}")
    lead.locator("#id_reason").fill("Signalering gesloten; alle partners hebben aangeleverd.")
    submit(lead, "Naar fase: Casustafel")
    # Closing the intake for every partner is confirmed first, with what it means.
    assert "De signalering sluit voor alle partners" in lead.locator("main").inner_text()
    check_accessible(lead, "confirmation: close signal intake")
    submit(lead, "Ja, naar fase: Casustafel")
    assert "Casustafel" in lead.locator(".lsi-phase").inner_text()

    # The verwonderadressen: two addresses with signals of two partners.
    lead.goto(f"{lead.base_url}/projecten/{project.pk}/verwonderadressen/")
    addresses = lead.get_by_role("table").first
    assert "2 verwonderadressen" in addresses.locator("caption").inner_text()
    check_accessible(lead, "verwonderadressen")
    screenshot(lead, "projectleider-flagged-addresses")

    # Plan a casustafel.
    lead.get_by_role("link", name="Selectieregel wijzigen").click()
    lead.locator("input[name=held_on]").fill(today.isoformat())
    for code in ("UWV", "SVB"):
        lead.get_by_role("checkbox", name=re.compile(code)).check()
    submit(lead, "Casustafel aanmaken")
    assert "De casustafel is aangemaakt" in message(lead)

    # Put Diezerstraat 1 on its agenda.
    lead.get_by_role("link", name="Adressen kiezen uit de verwonderadressen").click()
    lead.get_by_role("checkbox", name=re.compile(r"^Diezerstraat 1,")).check()
    lead.get_by_label("Casustafel", exact=True).select_option(index=1)
    submit(lead, "Op de agenda zetten")
    assert "op de agenda gezet" in message(lead)
    item = CaseItem.objects.get(project=project)

    # Step 1–3 for the address: the tests, the risk, the decision with motivation and a duo.
    lead.goto(f"{lead.base_url}/agendapunten/{item.pk}/")
    for radio in lead.locator("input[type=radio][value=houdt_stand]").all():
        radio.check()
    for note in lead.locator("textarea[name^=note_]").all():
        note.fill("Klopt met de eigen registratie.")
    submit(lead, "Toetsing opslaan")
    assert "De toetsing is vastgelegd" in message(lead)
    lead.locator("input[name=risk_current][value=ja]").check()
    lead.locator("textarea[name=risk_note]").fill("Beide uitkeringen lopen nog.")
    submit(lead, "Risico opslaan")
    assert "Het risico is vastgelegd" in message(lead)
    # A huisbezoek with nothing else filled in: every problem at once, in a summary at the top
    # that takes the focus, and the page title says so (#13.1, #13.2).
    pick(lead, "outcome", "huisbezoek")
    submit(lead, "Besluit vastleggen")
    assert lead.title().startswith("Fout:")
    summary = lead.locator(".lsi-error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    listed = summary.inner_text()
    for problem in ("subsidiariteit", "proportionaliteit", "redelijke grond", "uitvoerende partner",
                    "geplande datum"):
        assert problem in listed, problem
    assert Decision.objects.filter(item=item).count() == 0
    check_accessible(lead, "agendapunt: a refused decision")
    pick(lead, "outcome", "huisbezoek")
    lead.locator("textarea[name=subsidiarity]").fill("Twee brieven zijn overwogen en kwamen retour.")
    lead.locator("textarea[name=proportionality]").fill("Meerdere lopende uitkeringen op één adres.")
    lead.locator("textarea[name=reasonable_ground]").fill("Postretour bij UWV en SVB.")
    pick(lead, "executing_partner", str(world.uwv_user.partner.pk))
    pick(lead, "second_partner", str(world.svb_user.partner.pk))
    lead.locator("input[name=planned_date]").fill((today + timedelta(days=7)).isoformat())
    submit(lead, "Besluit vastleggen")
    assert "Het besluit is vastgelegd" in message(lead)
    assert Decision.objects.get(item=item).outcome == "huisbezoek"
    check_accessible(lead, "agendapunt with its decision")
    screenshot(lead, "projectleider-case-item")

    # Close the casustafel: on to uitvoering.
    lead.goto(f"{lead.base_url}/projecten/{project.pk}/casustafel/")
    submit(lead, "Casustafel afsluiten (naar uitvoering)")
    assert "De selectie, de agenda en de besluiten liggen daarna vast." in lead.locator("main").inner_text()
    project.refresh_from_db()
    assert project.phase == Phase.CASE_TABLE
    submit(lead, "Ja, casustafel afsluiten")
    project.refresh_from_db()
    assert project.phase == Phase.EXECUTION

    # Each partner of the duo sees its own assignment (only that one) and records the control.
    for user, findings in ((world.uwv_user, "Twee huishoudens aangetroffen."),
                           (world.svb_user, "Bevestigd: twee huishoudens.")):
        partner = open_page(user)
        partner.goto(f"{partner.base_url}/projecten/{project.pk}/controleopdrachten/")
        assignments = partner.get_by_role("table")
        assert assignments.locator("tbody tr").count() == 1
        assignments.get_by_role("link").first.click()
        pick(partner, "result", "uitgevoerd")
        pick(partner, "rights_informed", "ja")
        pick(partner, "consent", "ja")
        partner.locator("textarea[name=findings]").fill(findings)
        submit(partner, "Opslaan")
        assert "De uitkomst van de controle is vastgelegd" in message(partner)
        assert Assignment.objects.get(item=item, partner=user.partner).result == "uitgevoerd"
    check_accessible(partner, "control assignment (SVB)")
    screenshot(partner, "partner-control-assignment")

    # The debriefing, then the selection dossier and its PDF.
    lead.goto(f"{lead.base_url}/agendapunten/{item.pk}/")
    pick(lead, "kind", "handhavingstraject")
    pick(lead, "partner", str(world.uwv_user.partner.pk))
    submit(lead, "Interventie opslaan")
    assert "De interventie is vastgelegd" in message(lead)
    assert Intervention.objects.filter(item=item).count() == 1
    lead.get_by_role("link", name="Selectiedossier (pagina en PDF)").click()
    dossier = lead.locator("main")
    for text in ("Postretour bij UWV en SVB.", "Twee huishoudens aangetroffen.", "Handhavingstraject"):
        assert dossier.get_by_text(text).count() >= 1, text
    check_accessible(lead, "selectiedossier")
    screenshot(lead, "projectleider-dossier")
    lead.get_by_role("button", name="PDF maken").click()
    link = lead.get_by_role("link", name=re.compile("^PDF downloaden"))
    link.wait_for(timeout=60_000)
    with lead.expect_download() as info:
        link.click()
    assert info.value.path().read_bytes().startswith(b"%PDF")
