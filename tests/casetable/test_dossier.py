"""The selection dossier (GALOP II): a page and a PDF made by a Celery task, with everything that
explains why the address was selected and what happened; only for the projectleider; every view
and download in the access log; the PDF renderer fetches nothing."""
import re
import shutil
import subprocess

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from casetable import debriefing, dossier, tasks
from casetable.models import Assignment, CaseItem, DossierPdf
from lsi.celery import app
from projects import pdf
from projects.models import AccessLogEntry, Partner, Project, User
from tests.casetable.conftest import carried_out, decide, decided_visit, to_case_table, to_execution

INJECTED = '<img src="file:///etc/passwd">'


@pytest.fixture(scope="module")
def finished_pk(case_world, django_db_blocker) -> int:
    """A huisbezoek decided (once revised), carried out by the duo, debriefed with a zorgmelding.
    Built once for the module."""
    with django_db_blocker.unblock():
        project = Project.objects.get(pk=case_world.project_pk)
        lead = User.objects.get(username="projectleider")
        uwv, svb = Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")
        item = decided_visit(project, lead, [uwv, svb])
        decide(item, lead, [uwv, svb], revision_reason="Datum verschoven " + INJECTED)
        to_case_table(project, lead)
        to_execution(project, lead)
        for assignment in Assignment.objects.filter(item=item, status="open").select_related("partner"):
            carried_out(assignment, User.objects.get(username=assignment.partner.code.lower()),
                        findings=f"Bevinding {assignment.partner.code}")
        debriefing.add_intervention(item, lead, kind="handhavingstraject", partner=uwv)
        debriefing.add_care_referral(item, lead, referred_to="Wijkteam", description="Hulpvraag bewoner")
        return item.pk


@pytest.fixture
def finished(finished_pk, project):
    return CaseItem.objects.get(pk=finished_pk)


def test_the_dossier_page_shows_everything_that_explains_the_selection(finished, lead, client_for):
    response = client_for(lead).get(reverse("casetable:dossier", args=[finished.pk]))
    html = response.content.decode()
    for expected in (
        finished.address_display, "UWV-1", "SVB-1", "GEM-1", "Postretour van beschikking",  # signals
        "Meer bewoners ingeschreven", "ten minste 2 verschillende partners",  # rule and N
        "Houdt stand", "Onderbouwing nagelopen", "Beide partners zien nog",  # tests, risk
        "Een brief en een uitnodiging", "minst belastende", "drie inschrijvingen",  # motivation
        "Eerdere besluiten", "Datum verschoven",  # the revision
        "Bevinding UWV", "Bevinding SVB", "Handhavingstraject", "Wijkteam",  # results, debriefing
        "Volledige wijzigingsgeschiedenis", "Risico vastgesteld: actueel", "Uitkomst: Uitgevoerd",
    ):
        assert expected in html, expected
    assert str(lead) in html
    assert INJECTED not in html and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    entry = AccessLogEntry.objects.get(action="dossier.bekijken", user=lead)
    assert entry.object_ids == str(finished.pk) and entry.project_id == finished.project_id


def test_the_change_history_shows_what_changed_and_who_did_it(finished, lead):
    history = dossier.change_history(finished, [], include_care=True)
    changed = [c for e in history for c in e["changes"]
               if c["field"] == "uitkomst" and c["new"] == "Uitgevoerd"]
    assert len(changed) == 2
    decisions = [e for e in history if e["object"].startswith("Besluit")]
    assert len(decisions) == 2 and all(e["user"] == str(lead) for e in decisions)
    assert any(e["object"].startswith("Zorgmelding") for e in history)
    assert [e["at"] for e in history] == sorted(e["at"] for e in history)


def test_requesting_a_pdf_queues_the_task_after_commit(finished, lead, client_for, tmp_path,
                                                       django_capture_on_commit_callbacks):
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("casetable:dossier_pdf", args=[finished.pk]))
    assert response.status_code == 302 and len(callbacks) == 1
    pdf_row = DossierPdf.objects.get(item=finished)
    assert pdf_row.status == "klaar" and pdf_row.size > 10_000
    data = pdf_row.read_file()
    assert data.startswith(b"%PDF")
    path = tmp_path / "dossier.pdf"
    path.write_bytes(data)
    if shutil.which("pdftotext"):
        output = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        text = " ".join(output.split())
        for expected in ("Diezerstraat 1, 8011 WR Zwolle", "Bevinding UWV", "UWV-1", "Huisbezoek",
                         "Wijkteam", "Datum verschoven <img src=\"file:///etc/passwd\">"):
            assert expected in text, expected

    status = client.get(reverse("casetable:pdf_status", args=[pdf_row.pk])).content.decode()
    assert reverse("casetable:pdf_download", args=[pdf_row.pk]) in status and "hx-get" not in status
    download = client.get(reverse("casetable:pdf_download", args=[pdf_row.pk]))
    assert download["Content-Type"] == "application/pdf" and download["Cache-Control"] == "no-store"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(action="dossier.download", user=lead,
                                         object_ids=str(finished.pk)).exists()
    assert AccessLogEntry.objects.filter(action="dossier.pdf_maken", user=lead).exists()


def test_a_queued_pdf_is_polled_with_htmx(finished, lead, client_for):
    pdf_row = dossier.request_pdf(finished, lead)
    html = client_for(lead).get(reverse("casetable:dossier", args=[finished.pk])).content.decode()
    assert f'hx-get="{reverse("casetable:pdf_status", args=[pdf_row.pk])}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert client_for(lead).get(reverse("casetable:pdf_download", args=[pdf_row.pk])).status_code == 404


def test_the_task_is_idempotent_and_routed_to_the_pdf_queue(finished, lead):
    pdf_row = dossier.request_pdf(finished, lead)
    assert tasks.render_dossier_pdf(pdf_row.pk) == "klaar"
    first = DossierPdf.objects.get(pk=pdf_row.pk)
    assert tasks.render_dossier_pdf(pdf_row.pk) == "klaar"
    again = DossierPdf.objects.get(pk=pdf_row.pk)
    assert (again.sha256, again.finished_at) == (first.sha256, first.finished_at)
    assert AccessLogEntry.objects.filter(action="dossier.pdf_maken").count() == 1
    route = app.amqp.router.route({}, "casetable.tasks.render_dossier_pdf")
    assert route["queue"].name == "pdf"
    assert tasks.render_dossier_pdf.acks_late


def test_a_pdf_is_not_made_for_someone_who_no_longer_leads_the_project(finished, lead):
    from guardian.shortcuts import remove_perm

    pdf_row = dossier.request_pdf(finished, lead)
    remove_perm("projects.lead_project", lead, finished.project)
    assert dossier.render_pdf(pdf_row.pk).status == "mislukt"


def test_the_fetcher_refuses_every_url():
    fetcher = pdf.StaticOnlyFetcher()
    for url in ("file:///etc/passwd", "http://example.org/x.png", "https://example.org/a.css",
                "data:image/png;base64,AAAA", "lsi-static:../../etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_a_url_in_the_html_is_refused_and_nothing_is_read():
    fetcher = pdf.StaticOnlyFetcher()
    data = pdf.render_html('<p>Hallo</p><img src="file:///etc/passwd"><link rel="stylesheet" '
                      'href="http://example.org/x.css">', fetcher=fetcher)
    assert data.startswith(b"%PDF")
    assert "file:///etc/passwd" in fetcher.refused and "http://example.org/x.css" in fetcher.refused


def test_user_text_reaches_the_pdf_escaped(finished, lead):
    html = render_to_string("casetable/dossier_pdf.html", {**dossier.dossier_context(finished),
                                                           "requested_by": lead})
    assert INJECTED not in html and "&lt;img" in html
    head = html.split("<body>")[0]
    assert "<link" not in head and "http" not in head  # styles inline, no external resources
    assert "<img" not in html and 'src="' not in html


def test_the_history_reads_in_dutch_local_time_and_names_objects_not_ids(finished, lead, client_for):
    html = client_for(lead).get(reverse("casetable:dossier", args=[finished.pk])).content.decode()
    history = html[html.index("Volledige wijzigingsgeschiedenis"):]
    assert "risk recorded by" not in history and "recorded by" not in history
    assert "risico vastgelegd door" in history
    assert not re.search(r"(Signaal|Besluit|Agendapunt|Controleopdracht) #\d+", history)
    uwv = Partner.objects.get(code="UWV")
    assert f"Signaal van {uwv.name}," in history
    assert not re.search(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d", history)  # no raw timestamps


def test_the_dossier_page_reads_every_history_table_in_one_statement(finished, lead, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(lead)
    url = reverse("casetable:dossier", args=[finished.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    history_reads = [q for q in captured.captured_queries if '"casetable_historical' in q["sql"]
                     or '"signals_historical' in q["sql"]]
    assert len(history_reads) == 1
    # the session; the user; a savepoint around: the grants, the item, its signals, tests,
    # decisions, present partners, controls, interventions, zorgmeldingen, the history, its
    # users, the partner names, the access log and the latest PDF
    assert len(captured) <= 18, [q["sql"][:80] for q in captured.captured_queries]
