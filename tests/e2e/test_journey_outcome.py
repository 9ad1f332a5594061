"""Journey: after a huisbezoek by UWV and the gemeente, the debriefing hands a
handhavingstraject to UWV; a UWV user finds it on "Uitkomsten", is told what is missing when it
saves "afgerond" without an outcome, then records a boete with its amount; the projectleider
sees it. axe on the list, the form with its error, and the form."""
import pytest

from casetable import debriefing
from casetable.models import Assignment, Intervention
from signals import importer
from signals.models import Signal
from tests.casetable.conftest import carried_out, decided_visit, to_case_table, to_execution
from tests.e2e.conftest import check_accessible, screenshot
from tests.e2e.world import zwolle
from tests.factories import UserFactory
from tests.signals.conftest import csv_bytes, good_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    world = zwolle(with_signals=True)
    project, lead = world.project, world.projectleider
    # SVB signals the first of UWV's addresses too: a verwonderadres.
    svb = world.svb_user.partner
    importer.import_file(project, svb, world.svb_user, csv_bytes(good_rows(1)), "svb-2.csv")
    key = Signal.objects.filter(project=project, partner=svb).order_by("pk").last().address_key
    to_case_table(project, lead)
    uwv, gemeente = world.uwv_user.partner, world.gemeente_user.partner
    item = decided_visit(project, lead, [uwv, gemeente], key=key)
    to_execution(project, lead)
    for assignment in Assignment.objects.filter(item=item):
        carried_out(assignment, UserFactory(partner=assignment.partner))
    world.intervention = debriefing.add_intervention(item, lead, kind="handhavingstraject", partner=uwv)
    return world


def test_the_executing_partner_records_the_outcome_of_its_handhavingstraject(open_page, world):
    page = open_page(world.uwv_user)
    page.goto(f"{page.base_url}/projecten/{world.project.pk}/uitkomsten/")
    assert page.get_by_text("Nog niet vastgelegd").count() == 1
    check_accessible(page, "outcome list of the executing partner")
    page.get_by_role("link", name=world.intervention.item.address_display).click()
    page.wait_for_url(f"**/interventies/{world.intervention.pk}/uitkomst/")
    check_accessible(page, "outcome form")

    page.get_by_label("Afgerond").check()
    page.get_by_role("button", name="Opslaan").click()
    assert page.title().startswith("Fout:")
    assert page.get_by_role("alert").count() == 1
    check_accessible(page, "outcome form with an error")
    screenshot(page, "partner-outcome-error")

    page.get_by_label("Afgerond").check()
    page.get_by_label("Uitkomst", exact=True).select_option("boete")
    page.get_by_label("Bedrag in euro's (bij boete of terugvordering)").fill("1250,00")
    page.get_by_label("Datum van de uitkomst").fill("2026-11-20")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/projecten/{world.project.pk}/uitkomsten/")
    assert page.get_by_text("De uitkomst is vastgelegd.").count() == 1
    assert page.get_by_text("Nog niet vastgelegd").count() == 0

    recorded = Intervention.objects.get(pk=world.intervention.pk)
    assert (recorded.outcome_status, recorded.outcome_category) == ("afgerond", "boete")
    assert str(recorded.outcome_amount) == "1250.00"
    assert recorded.history.first().history_user == world.uwv_user

    lead = open_page(world.projectleider)
    lead.goto(f"{lead.base_url}/projecten/{world.project.pk}/uitkomsten/")
    assert lead.get_by_text("Boete").count() >= 1
