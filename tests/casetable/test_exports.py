"""The casustafel list for the projectleider, in CSV and XLSX: decisions and debriefing, formula
injection neutralised, access-logged; never a zorgmelding."""
import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from casetable import agenda
from casetable.exports import HEADER
from projects.models import AccessLogEntry
from tests.casetable.conftest import decided_visit, new_session


def test_export_lists_every_agenda_address_with_its_decision(project, lead, uwv, svb, client_for):
    session = new_session(project, lead)
    decided_visit(project, lead, [uwv, svb], session=session)
    response = client_for(lead).get(reverse("casetable:export_csv", args=[project.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="casustafel-project-{project.pk}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    row = dict(zip(HEADER, rows[1], strict=True))
    assert row["besluit"] == "Huisbezoek" and row["uitvoerende_partners"] == "UWV, SVB"
    assert row["toetsing_houdt_stand"] == "3" and row["risico_actueel_2plus_partners"] == "ja"
    assert row["selectieregel_min_partners"] == "2" and row["partners_bij_selectie"] == "GEM-0193, SVB, UWV"
    entry = AccessLogEntry.objects.get(action="casustafel.export", user=lead)
    assert (entry.row_count, entry.query, entry.project) == (1, "csv", project)


def test_formula_injection_is_neutralised_in_csv_and_xlsx(project, lead, client_for):
    agenda.add_exception(project, lead, address_key="8011WR-3--", reason="=HYPERLINK(\"http://x\")")
    session = new_session(project, lead)
    agenda.add_items(session, lead, address_keys=["8011WR-3--"])
    response = client_for(lead).get(reverse("casetable:export_csv", args=[project.pk]))
    csv_text = response.content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(csv_text), delimiter=";") for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and not any(c.startswith("=") for c in cells)
    xlsx = client_for(lead).get(reverse("casetable:export_xlsx", args=[project.pk])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in values
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value)
