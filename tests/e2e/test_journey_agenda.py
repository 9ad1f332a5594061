"""A stuurgroep member reads the progress of the uitvoeringsagenda: from the main menu to the
agenda, the chart of this year with its table beside it, the project counted under its theme;
then the agenda's section in the stuurgroep report. axe finds nothing on either page; the
VNG-adviser's overview of the gebiedsgerichte plans is checked as well."""
import pytest
from django.utils import timezone

from lsi.agenda import agendas
from lsi.agenda.models import Target
from tests.e2e.conftest import check_accessible, screenshot
from tests.e2e.world import zwolle
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(server):
    world = zwolle()
    year, by = timezone.localdate().year, world.coordinator
    agenda = agendas.create_agenda(by, title="Uitvoeringsagenda LSI", first_year=year,
                                   last_year=year + 2)
    theme = agendas.add_theme(agenda, by, name="Adresfraude in wijken",
                              description="Mensen die niet wonen waar zij ingeschreven staan.")
    agendas.add_target(agenda, by, year=year, kind=Target.Kind.PROJECTS, stage="gestart",
                       project_type="gebiedsgericht", number=27)
    agendas.add_target(agenda, by, year=year, kind=Target.Kind.PROJECTS, stage="gestart",
                       theme=theme, number=4)
    agendas.add_risk(agenda, by, description="Een partner zet projecten on hold.",
                     measures="Direct melden.", escalation_route="coördinator → stuurgroep")
    agendas.adopt(agenda, world.steering_member, adopted_on=timezone.localdate(), reference="SG-7")
    agendas.set_project_theme(world.project, world.projectleider, theme)
    world.agenda = agenda
    return world


def test_the_stuurgroep_reads_the_agenda_progress(open_page, world):
    page = open_page(world.steering_member)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Uitvoeringsagenda").click()
    page.wait_for_url("**/programma/agenda/")
    page.get_by_role("link", name="Uitvoeringsagenda LSI").click()
    page.wait_for_url(f"**/programma/agenda/{world.agenda.pk}/")
    assert "vastgesteld door de stuurgroep" in page.locator("main").inner_text()
    year = timezone.localdate().year
    table = page.get_by_role("table", name=f"Doelen en resultaat {year} (tabel)")
    # Wijkaanpak Zwolle started this year and works on the theme: counted once for each target.
    assert table.get_by_role("row", name="Gebiedsgericht · gestart 27 1").count() == 1
    assert table.get_by_role("row", name="Adresfraude in wijken · gestart 4 1").count() == 1
    assert page.get_by_role("img", name=f"Doelen en resultaat {year}").count() == 1
    # Reading, not editing: no forms to change the agenda for the stuurgroep.
    assert page.get_by_role("button", name="Thema toevoegen").count() == 0
    check_accessible(page, "agenda page (stuurgroep)")
    screenshot(page, "stuurgroep-agenda")

    page.get_by_role("link", name="Jaarcijfers en rapportage").click()
    page.wait_for_url("**/rapportages/stuurgroep/**")
    assert page.get_by_role("heading", name="Doorlooptijd van concept tot signalering").count() == 1
    assert page.get_by_role("table", name=f"Alle doelen van {year}").count() == 1
    check_accessible(page, "stuurgroep report with the agenda section")


def test_the_vng_adviser_reads_the_area_based_plans(open_page, world):
    adviser = UserFactory(username="vng", first_name="Vera", vng_adviser=True,
                          partner=PartnerFactory(code="VNG", name="VNG", kind="adviserend"))
    page = open_page(adviser)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Gebiedsgerichte plannen").click()
    page.wait_for_url("**/programma/gebiedsgerichte-plannen/")
    assert page.get_by_role("rowheader", name="Wijkaanpak Zwolle").count() == 1
    check_accessible(page, "gebiedsgerichte plannen (VNG-adviseur)")


def test_the_coordinators_agenda_page_with_its_forms_and_an_error_is_accessible(open_page, world):
    page = open_page(world.coordinator)
    page.goto(f"{page.base_url}/programma/agenda/{world.agenda.pk}/")
    check_accessible(page, "agenda page (coördinator, with the forms)")
    page.get_by_role("button", name="Risico toevoegen").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "Beschrijf het risico." in summary.inner_text()
    assert page.title().startswith("Fout:")
    check_accessible(page, "agenda page with the error summary")
