"""The privacy officer: access log, "who has seen this address?", inzage; the register."""
import pytest
from django.urls import reverse

from lsi.reports import files, jobs
from lsi.reports.models import ReportJob
from projects.models import AccessLogEntry
from projects.phases import Phase
from signals.importer import import_file
from signals.models import Signal
from tests.factories import walk

CSV = (b"postcode;huisnummer;huisletter;categorie;indicatoren\r\n"
       b"8011 wr;12;;uitkeringsfraude;Postretour van beschikking\r\n"
       b"8011 wr;12;a;uitkeringsfraude;Postretour van beschikking\r\n")


@pytest.fixture
def delivered(project, uwv_user):
    walk(project, Phase.INTAKE)
    assert import_file(project, uwv_user.partner, uwv_user, CSV, "uwv.csv").rows_accepted == 2
    return project


@pytest.mark.parametrize("who", ["coordinator", "steering_member", "projectleider", "uwv_user"])
def test_nobody_but_the_privacy_officer_reads_the_access_log(base, who, client_for):
    client = client_for(getattr(base, who))
    assert client.get(reverse("access_log")).status_code == 404
    assert client.get(reverse("access_log_export")).status_code == 404
    assert client.get(reverse("reports:subject_access")).status_code == 404


def test_who_has_seen_this_address_lists_every_access_in_order(delivered, uwv_user, projectleider,
                                                               privacy_officer, client_for):
    client_for(uwv_user).get(reverse("signals:list", args=[delivered.pk]))
    signal = Signal.objects.get(address_key="8011WR-12--")
    client_for(projectleider).get(reverse("signals:detail", args=[signal.pk]))
    page = client_for(privacy_officer).get(reverse("access_log"), {"postcode": "8011 wr", "huisnummer": "12"})
    rows = list(page.context["page"].object_list)
    assert [(e.user, e.action) for e in rows] == [(uwv_user, "signalen.lijst"),
                                                   (projectleider, "signaal.bekijken")]
    # The whole key only: 8011WR-12-A- is another address.
    assert all("8011WR-12--" in e.address_keys.split() for e in rows)


def test_a_denied_attempt_on_personal_data_is_logged(delivered, ind_user, client_for):
    signal = Signal.objects.first()
    assert client_for(ind_user).get(reverse("signals:detail", args=[signal.pk])).status_code == 404
    entry = AccessLogEntry.objects.get(user=ind_user)
    assert (entry.action, entry.result, entry.object_ids) == ("signaal.bekijken", "geweigerd", str(signal.pk))


def test_the_privacy_officer_exports_the_access_log_and_that_is_logged_too(delivered, uwv_user,
                                                                          privacy_officer, client_for):
    client_for(uwv_user).get(reverse("signals:list", args=[delivered.pk]))
    response = client_for(privacy_officer).get(reverse("access_log_export"))
    assert b"signalen.lijst" in response.content
    assert "Lijst van signalen bekeken" in response.content.decode("utf-8-sig")
    assert AccessLogEntry.objects.filter(user=privacy_officer, action="toegangslog.export").exists()


def test_inzage_shows_everything_about_one_address_and_makes_a_pdf(delivered, privacy_officer,
                                                                  client_for):
    client = client_for(privacy_officer)
    page = client.get(reverse("reports:subject_access"),
                      {"postcode": "8011WR", "huisnummer": "12"})
    body = page.content.decode()
    assert "Postretour van beschikking" in body and delivered.name in body
    assert AccessLogEntry.objects.filter(action="inzage.bekijken", address_keys="8011WR-12--").exists()
    job, _ = jobs.request_report(privacy_officer, "inzage", subject="8011WR-12--")
    files.make_report(job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    download = client.get(reverse("reports:job_download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_inzage_page_shows_the_access_history_a_page_at_a_time(delivered, privacy_officer,
                                                                   client_for):
    from lsi.reports.views import ACCESSES_PER_PAGE
    from projects import accesslog, events

    for _ in range(ACCESSES_PER_PAGE + 5):
        accesslog.record(None, events.ACCESS_LOG_VIEW, user=privacy_officer, object_type="address",
                         addresses=["8011WR-12--"])
    client = client_for(privacy_officer)
    query = {"postcode": "8011WR", "huisnummer": "12"}
    first = client.get(reverse("reports:subject_access"), query)
    assert len(first.context["accesses"].object_list) == ACCESSES_PER_PAGE
    assert "Pagina 1 van 2" in first.content.decode()
    second = client.get(reverse("reports:subject_access"), {**query, "page": 2})
    assert second.context["accesses"].number == 2
    assert "Pagina 2 van 2" in second.content.decode()


@pytest.mark.parametrize("who,status", [("projectleider", 200), ("uwv_user", 200),
                                        ("steering_member", 200), ("ind_user", 404)])
def test_the_register_is_shown_to_whoever_sees_the_project(delivered, base, who, status, client_for):
    response = client_for(getattr(base, who)).get(reverse("reports:register", args=[delivered.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Artikel 64 Wet SUWI" in response.content.decode()


def test_the_access_log_says_in_words_what_was_done(delivered, uwv_user, privacy_officer, client_for):
    client_for(uwv_user).get(reverse("signals:list", args=[delivered.pk]))
    page = client_for(privacy_officer).get(reverse("access_log")).content.decode()
    assert "Lijst van signalen bekeken" in page
    english = client_for(privacy_officer).get(reverse("access_log"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Signal list viewed" in english.content.decode()
