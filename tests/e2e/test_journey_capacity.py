"""Capacity in the browser: a partner agrees to its proposed participation in a plan (and the
plan can then be submitted, with a warning about capacity, never a block); the stuurgroep reads
the capacity page with the over-committed quarter highlighted and the chart's table beside it."""
import pytest

from lsi.capacity import pledges
from projects import plans
from projects.models import Participation
from tests.e2e.conftest import check_accessible
from tests.e2e.world import zwolle

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    world = zwolle()
    # The projectleider proposes UWV's part in the concept plan: 150 hours, UWV has to answer.
    concept = world.concept
    plans.set_participation(concept, world.projectleider, partner=world.uwv_user.partner,
                            capacity_hours=150, categories=list(
                                concept.participations.get(partner=world.uwv_user.partner).categories.all()))
    return world


def test_a_partner_agrees_to_its_part_in_the_plan_and_the_plan_is_submitted(open_page, world):
    concept = world.concept
    page = open_page(world.uwv_user)
    page.goto(f"{page.base_url}/projecten/{concept.pk}/")
    section = page.get_by_role("region", name="Akkoord op uw deelname")
    assert "150 uur" in section.inner_text()
    check_accessible(page, "project page with the agreement form")

    section.get_by_label("Akkoord: wij leveren deze capaciteit en gegevens").check()
    section.get_by_label("Toelichting").fill("Past in ons jaarplan.")
    section.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_load_state()

    assert "Uw organisatie gaat akkoord met de deelname." in page.get_by_role("main").inner_text()
    assert Participation.objects.get(project=concept, partner=world.uwv_user.partner).is_accepted

    lead = open_page(world.projectleider)
    lead.goto(f"{lead.base_url}/projecten/{concept.pk}/")
    lead.get_by_role("button", name="Plan indienen ter goedkeuring").click()
    lead.wait_for_load_state()
    main = lead.get_by_role("main").inner_text()
    assert "Het plan is ingediend." in main
    assert "heeft geen capaciteit toegezegd" in main  # a warning, not a block
    concept.refresh_from_db()
    assert concept.phase == "ingediend"


def test_the_stuurgroep_reads_capacity_with_the_over_committed_quarter(open_page, world):
    project = world.project
    year = project.start_date.year
    pledges.set_pledge(world.coordinator, partner=world.uwv_user.partner, year=year, quarter=None, hours=40)
    page = open_page(world.steering_member)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Capaciteit").click()
    page.wait_for_url("**/capaciteit/")
    page.get_by_label("Vanaf jaar").select_option(str(year))
    page.get_by_label("Aantal jaren").select_option("2")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()

    grid = page.get_by_role("table", name="Capaciteit per partner en kwartaal (uren)")
    uwv_row = grid.get_by_role("row").filter(has_text="Uitvoeringsinstituut Werknemersverzekeringen")
    assert "overbelast" in uwv_row.inner_text()  # 120 hours against 10 a quarter
    assert "lsi-over" in uwv_row.inner_html()
    assert page.get_by_role("table", name="Ingezet in projecten per kwartaal (uren) (tabel)").count() == 1
    assert page.locator("svg[role=img]").count() >= 1
    check_accessible(page, "capacity page")
