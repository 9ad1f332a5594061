"""The charts of the reports on a 360 px phone: every label in full and inside the drawing, no
text smaller than 12 px, phases in the order of the lifecycle, partners by name, bars of one
colour, and each chart's numbers also in a table. axe still finds nothing."""
import pytest

from tests.e2e.conftest import PHONE, check_accessible
from tests.e2e.world import zwolle
from tests.factories import ProjectFactory, add_partner, make_lead, walk

pytestmark = pytest.mark.e2e

MIN_TEXT_PX = 12

# For each chart: its title, its rendered width against its own coordinates, and per text
# element the rendered font size and its box against the drawing's box.
CHARTS = """() => Array.from(document.querySelectorAll('.chart svg')).map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return {
    title: svg.querySelector('title').textContent,
    text: Array.from(svg.querySelectorAll('text')).map(t => t.textContent).join(' '),
    fills: Array.from(new Set(Array.from(svg.querySelectorAll('rect')).map(r => r.getAttribute('fill')))),
    texts: Array.from(svg.querySelectorAll('text')).map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, px: parseFloat(t.getAttribute('font-size')) * scale,
              inside: r.left >= box.left - 1.5 && r.right <= box.right + 1.5,
              where: [r.left, r.right, box.left, box.right]};
    }),
  };
})"""

TABLE_CAPTIONS = """() => Array.from(document.querySelectorAll("table caption"))
  .map(c => c.textContent.trim())"""


@pytest.fixture
def world(server):
    world = zwolle(with_signals=True)
    ready = ProjectFactory(name="Ondermijning Assendorp", initiator=world.project.initiator)
    make_lead(ready, world.projectleider, by=world.coordinator)
    for partner in (world.uwv_user.partner, world.svb_user.partner):
        add_partner(ready, partner, capacity_hours=40, by=world.coordinator)
    walk(ready, "gereed", by=world.coordinator)
    ProjectFactory(name="Tweede concept", initiator=world.project.initiator)
    return world


def readable_charts(page, label: str) -> list[dict]:
    charts = page.evaluate(CHARTS)
    assert charts, f"{label}: no charts"
    for chart in charts:
        for text in chart["texts"]:
            assert text["px"] >= MIN_TEXT_PX, (
                f"{label}, {chart['title']}: {text['text']!r} is {text['px']:.1f} px at {PHONE['width']} px")
            assert text["inside"], f"{label}, {chart['title']}: {text['text']!r} is cut off {text['where']}"
        assert len(chart["fills"]) <= 1, f"{label}, {chart['title']}: bars in {chart['fills']}"
    captions = page.evaluate(TABLE_CAPTIONS)
    for chart in charts:
        if chart["title"].startswith("Fasen van het project"):
            continue  # the table of the phases (from, days) stands right below it
        assert f"{chart['title']} (tabel)" in captions, f"{label}: {chart['title']} has no table"
    return charts


def test_steering_charts_are_readable_on_a_phone_in_lifecycle_order_with_partner_names(
        open_page, world):
    page = open_page(world.steering_member, viewport=PHONE)
    page.goto(f"{page.base_url}/rapportages/stuurgroep/")
    charts = {chart["title"]: chart for chart in readable_charts(page, "stuurgroep-overzicht")}

    phases = charts["Projecten per fase"]
    assert "Gereed voor gegevensverwerking" in phases["text"]
    table = page.locator("table", has=page.locator("caption", has_text="Projecten per fase (tabel)"))
    rows = table.locator("tbody th").all_inner_texts()
    assert rows == ["Concept", "Gereed voor gegevensverwerking", "Signalering"]

    # The hours committed this year (projects from ingediend on), per partner by name.
    capacity = next(chart for title, chart in charts.items() if title.startswith("Capaciteit per partner in"))
    assert "Uitvoeringsinstituut Werknemersverzekeringen" in capacity["text"]
    assert "GEM-0193" not in capacity["text"] and "Gemeente Zwolle" in capacity["text"]
    check_accessible(page, "stuurgroep-overzicht op een telefoon")


def test_project_report_charts_are_readable_on_a_phone_with_partner_names(open_page, world):
    page = open_page(world.projectleider, viewport=PHONE)
    page.goto(f"{page.base_url}/projecten/{world.project.pk}/rapportage/")
    charts = {chart["title"]: chart for chart in readable_charts(page, "projectrapportage")}
    timeline = charts["Fasen van het project"]
    assert "Gereed voor gegevensverwerking" in timeline["text"]
    signals = charts["Actieve signalen per partner"]
    assert "Uitvoeringsinstituut Werknemersverzekeringen" in signals["text"]
    assert "UWV" not in signals["text"].split()
    check_accessible(page, "projectrapportage op een telefoon")
