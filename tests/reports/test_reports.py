"""Reports: who may see and request them, what they contain, how the PDF is made."""
import re
import subprocess

import pytest
from django.urls import reverse

from lsi.reports import charts, files, jobs
from lsi.reports import figures as reports
from lsi.reports.models import ReportJob
from projects import filejobs
from projects.models import PrivateFile
from projects.pdf import StaticOnlyFetcher, render_pdf
from projects.phases import Phase
from signals.importer import import_file
from tests.factories import ProjectFactory, walk

CSV = (
    b"postcode;huisnummer;categorie;indicatoren\r\n"
    b"8011 wr;12;uitkeringsfraude;Postretour van beschikking\r\n"
    b"8012AB;7;adresfraude;Postretour van beschikking\r\n"
)


@pytest.fixture
def running(project, uwv_user):
    """The shared project in signalering with two UWV signals."""
    walk(project, Phase.INTAKE)
    upload = import_file(project, uwv_user.partner, uwv_user, CSV, "uwv.csv")
    assert upload.rows_accepted == 2
    return project


def pdf_text(content: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()


# --- who sees which report -----------------------------------------------------------------

@pytest.mark.parametrize("who", ["projectleider", "uwv_user", "steering_member", "coordinator"])
def test_project_report_is_shown_to_lead_partners_stuurgroep_and_coordinator(running, base, who,
                                                                              client_for):
    response = client_for(getattr(base, who)).get(reverse("reports:project", args=[running.pk]))
    assert response.status_code == 200
    assert "Actieve signalen per partner" in response.content.decode()


@pytest.mark.parametrize("who", ["ind_user", "privacy_officer"])
def test_project_report_is_a_404_for_others(running, base, who, client_for):
    response = client_for(getattr(base, who)).get(reverse("reports:project", args=[running.pk]))
    assert response.status_code == 404


def test_project_report_contains_no_addresses(running, client_for, projectleider):
    body = client_for(projectleider).get(reverse("reports:project", args=[running.pk])).content
    assert b"8011" not in body.replace(b"8011-8017", b"")
    assert b"Postretour" not in body


@pytest.mark.parametrize("who", ["uwv_user", "steering_member", "coordinator", "ind_user"])
def test_annex_with_addresses_is_a_404_for_everyone_but_the_lead(running, base, who, client_for):
    response = client_for(getattr(base, who)).get(reverse("reports:annex", args=[running.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["steering_member", "coordinator"])
def test_steering_report_is_for_stuurgroep_and_coordinator(running, base, who, client_for):
    response = client_for(getattr(base, who)).get(reverse("reports:steering"))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()


@pytest.mark.parametrize("who", ["projectleider", "uwv_user", "privacy_officer"])
def test_steering_report_is_a_404_for_others(running, base, who, client_for):
    assert client_for(getattr(base, who)).get(reverse("reports:steering")).status_code == 404


# --- requesting and downloading --------------------------------------------------------------

def test_requesting_a_report_makes_a_pdf_that_the_entitled_user_downloads(
        running, client_for, uwv_user, ind_user, django_capture_on_commit_callbacks):
    client = client_for(uwv_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request"),
                               {"kind": "voortgang", "project": running.pk})
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.DONE
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    assert "Wijkaanpak Zwolle" in pdf_text(content)
    assert client_for(ind_user).get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_the_report_file_is_kept_in_the_database_not_on_a_disk(running, settings, projectleider,
                                                                tmp_path):
    settings.STATIC_ROOT = tmp_path
    job, _created = jobs.request_report(projectleider, "voortgang", project=running)
    files.make_report(job.pk)
    job.refresh_from_db()
    stored = PrivateFile.objects.get(name=job.file_name)
    assert bytes(stored.data).startswith(b"%PDF") and stored.size == job.size
    assert stored.sha256 == job.sha256
    assert not any(tmp_path.iterdir())  # nothing under a public folder
    job.remove_file()
    assert not job.has_file() and not PrivateFile.objects.filter(name=job.file_name).exists()


def test_requesting_the_same_report_while_one_runs_starts_no_second_job(running, projectleider,
                                                                        base, uwv_user):
    first, created = jobs.request_report(projectleider, "voortgang", project=running)
    second, created_again = jobs.request_report(base.coordinator, "voortgang", project=running)
    assert created and not created_again
    assert first.pk == second.pk
    # A partner's users get the version without the plan's warnings: a job of its own.
    partner_version, created_for_partner = jobs.request_report(uwv_user, "voortgang", project=running)
    assert created_for_partner and not partner_version.whole_plan and first.whole_plan
    assert ReportJob.objects.count() == 2


def test_a_failed_report_can_be_requested_again(running, projectleider):
    job, _ = jobs.request_report(projectleider, "voortgang", project=running)
    filejobs.fail(ReportJob, job.pk, "RuntimeError: stuk")
    again, created = jobs.request_report(projectleider, "voortgang", project=running)
    assert created and again.pk != job.pk


def test_making_a_finished_report_again_changes_nothing(running, projectleider):
    job, _ = jobs.request_report(projectleider, "voortgang", project=running)
    files.make_report(job.pk)
    finished = ReportJob.objects.get(pk=job.pk).finished_at
    files.make_report(job.pk)
    assert ReportJob.objects.get(pk=job.pk).finished_at == finished


def test_a_partner_cannot_request_the_annex(running, uwv_user, client_for):
    response = client_for(uwv_user).post(reverse("reports:request"),
                                         {"kind": "bijlage", "project": running.pk})
    assert response.status_code == 404
    assert not ReportJob.objects.exists()


def test_steering_pdf_has_charts_and_dutch_text(running, steering_member):
    job, _ = jobs.request_report(steering_member, "stuurgroep", year=2026)
    files.make_report(job.pk)
    job.refresh_from_db()
    text = pdf_text(job.read_file())
    assert "Stuurgroep-overzicht 2026" in text
    assert "Projecten per fase" in text


# --- the fetcher lockdown --------------------------------------------------------------------

def test_user_text_with_html_is_printed_not_fetched(running, projectleider):
    running.reason = '<img src="file:///etc/passwd"> en url(http://example.com/x.png)'
    running.save()
    fetcher = StaticOnlyFetcher()
    content = render_pdf("pdf/project_report.html", reports.project_report(running), fetcher=fetcher)
    assert fetcher.refused == []
    text = pdf_text(content)
    assert '<img src="file:///etc/passwd">' in text
    assert "root:" not in text


def test_fetcher_refuses_file_and_http_urls_and_serves_own_static_files():
    fetcher = StaticOnlyFetcher()
    for url in ("file:///etc/passwd", "http://example.com/x.css", "https://example.com/",
                "data:text/plain,hello", "lsi-static:../settings.py"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5
    assert fetcher.fetch("lsi-static:css/pdf.css").read().startswith(b"/*")


# --- charts ---------------------------------------------------------------------------------

def test_chart_labels_are_escaped_and_values_are_described():
    svg = charts.bar_chart("Signalen", [("<script>x</script>", 3), ("UWV", 5)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'role="img"' in svg and "UWV: 5" in svg


def test_the_lead_opens_the_annex_and_it_is_access_logged(running, projectleider, client_for):
    from projects.models import AccessLogEntry

    response = client_for(projectleider).get(reverse("reports:annex", args=[running.pk]))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(action="rapportage.bijlage.bekijken", user=projectleider,
                                         project=running).exists()


def test_the_annex_pdf_is_made_for_the_lead(running, projectleider):
    job, _ = jobs.request_report(projectleider, "bijlage", project=running)
    files.make_report(job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    assert "Bijlage met adressen" in pdf_text(job.read_file())


def test_a_long_chart_label_is_written_in_full_and_all_bars_have_one_colour():
    svg = charts.bar_chart("Projecten per fase", [("Gereed voor gegevensverwerking", 3),
                                                  ("Signalering", 5)])
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Gereed voor gegevensverwerking" in " ".join(texts)
    assert len(set(re.findall(r'<rect[^>]*fill="([^"]+)"', svg))) == 1


def test_the_steering_report_counts_phases_in_lifecycle_order(running, steering_member):
    from lsi.reports import figures
    from projects.models import Project

    for name, phase in (("Gereed", Phase.READY), ("Goedgekeurd", Phase.APPROVED)):
        Project.objects.filter(pk=ProjectFactory(name=name).pk).update(phase=phase)
    labels = [label for label, _n in figures.steering_report(2026)["per_phase"]]
    assert labels == ["Goedgekeurd", "Gereed voor gegevensverwerking", running.get_phase_display()]
