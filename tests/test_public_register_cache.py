"""The public pages are rendered once per state of the register and language and served to every
visitor from the cache: what one visitor's request rendered never carries anything of that
visitor to the next one, a withdrawal is seen at the next request (also by a browser that stored
the page; in production within the second each process keeps its reading of the register's
state), and an unchanged register answers 304 without a body."""
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lsi.public import publishing
from lsi.public.models import Publication
from projects.phases import Phase
from tests.factories import PartnerFactory, UserFactory, project_in_phase


@pytest.fixture
def published(db, uwv):
    gemeente = PartnerFactory(code="GEM-KA", name="Gemeente Kampen", kind="gemeente")
    lead = UserFactory(username="kampen-projectleider", first_name="Henk", last_name="Lindeboom",
                       partner=gemeente)
    project = project_in_phase(Phase.APPROVED, partners=[gemeente, uwv], lead=lead,
                               name="Wijkaanpak Kampen", area="8261")
    publishing.publish(project, lead, summary="Samen in de wijk.")
    return project, lead


def test_a_signed_in_visitor_leaves_nothing_of_themselves_in_the_page_the_next_visitor_gets(
        published, client_for):
    project, lead = published
    signed_in = client_for(lead)
    url = reverse("public:detail", args=[project.pk])
    first = signed_in.get(url).content.decode()
    assert "Wijkaanpak Kampen" in first
    anonymous = Client().get(url)
    body = anonymous.content.decode()
    assert anonymous.status_code == 200 and "Wijkaanpak Kampen" in body
    for trace in ("Lindeboom", "kampen-projectleider", "csrfmiddlewaretoken", "Uitloggen"):
        assert trace not in first and trace not in body, trace
    assert "csrftoken" not in anonymous.cookies and "sessionid" not in anonymous.cookies


def test_a_page_is_rendered_once_and_then_served_with_a_single_query(
        published, django_assert_num_queries):
    project, _lead = published
    url = reverse("public:detail", args=[project.pk])
    first = Client().get(url)
    with django_assert_num_queries(1):  # the register's state, nothing else
        again = Client().get(url)
    assert again.content == first.content


def test_a_stored_page_is_revalidated_and_a_withdrawal_is_seen_at_once(published):
    project, lead = published
    browser = Client()
    url = reverse("public:detail", args=[project.pk])
    first = browser.get(url)
    assert "no-cache" in first["Cache-Control"] and "max-age" not in first["Cache-Control"]
    unchanged = browser.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    # A proxy that compresses the page passes the tag on as a weak one.
    assert browser.get(url, HTTP_IF_NONE_MATCH=f'W/{first["ETag"]}').status_code == 304
    publishing.withdraw(Publication.objects.get(), lead, "Project stopgezet")
    assert browser.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404
    overview = browser.get(reverse("public:overview")).content.decode()
    assert "Wijkaanpak Kampen" not in overview


def test_publishing_again_replaces_the_page_the_next_visitor_sees(published):
    project, lead = published
    url = reverse("public:detail", args=[project.pk])
    first = Client().get(url)
    assert "Samen in de wijk." in first.content.decode()
    publishing.publish(project, lead, summary="Tweede versie van de samenvatting.")
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "Tweede versie van de samenvatting." in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_the_language_links_switch_without_a_form_and_keep_the_filters(published):
    visitor = Client()
    overview = reverse("public:overview")
    page = visitor.get(overview, {"type": "gebiedsgericht"}).content.decode()
    assert 'lang="en"' in page and "csrfmiddlewaretoken" not in page
    switch = visitor.get(reverse("public:language", args=["en"]),
                         {"next": f"{overview}?type=gebiedsgericht"})
    assert switch.status_code == 302 and switch["Location"] == f"{overview}?type=gebiedsgericht"
    english = visitor.get(switch["Location"])
    assert english["Content-Language"] == "en"
    assert "Public register of LSI projects" in english.content.decode()
    dutch = Client().get(overview, {"type": "gebiedsgericht"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert "Openbaar register van LSI-projecten" in dutch.content.decode()  # cached per language
    assert dutch["ETag"] != english["ETag"]


@pytest.mark.parametrize("elsewhere", ["https://example.org/", "//example.org/register/", "/projecten/",
                                       "/register/../projecten/", "/register/taal/en/"])
def test_the_language_link_goes_back_only_to_a_public_page(published, elsewhere):
    switch = Client().get(reverse("public:language", args=["en"]), {"next": elsewhere})
    assert switch.status_code == 302 and switch["Location"] == reverse("public:overview")


def test_an_unknown_language_is_not_found(published):
    assert Client().get(reverse("public:language", args=["xx"])).status_code == 404


def test_filters_no_visitor_can_choose_are_answered_but_not_kept(published):
    overview = reverse("public:overview")

    def queries_for(params):
        Client().get(overview, params)  # the first visitor renders it
        with CaptureQueriesContext(connection) as queries:
            page = Client().get(overview, params)
        assert page.status_code == 200
        return len(queries), page.content.decode()

    kept, page = queries_for({"gemeente": "Gemeente Kampen"})
    assert kept == 1 and "Wijkaanpak Kampen" in page
    made_up, page = queries_for({"gemeente": "x" * 90})
    assert made_up > 1 and "Wijkaanpak Kampen" not in page  # rendered afresh each time
    combined, page = queries_for({"gemeente": "Gemeente Kampen", "status": "lopend"})
    assert combined > 1 and "Wijkaanpak Kampen" in page  # combinations are not kept either


def test_a_project_page_has_one_address(published):
    project, _lead = published
    odd = Client().get(f"/register/projecten/00{project.pk}/")
    assert odd.status_code == 301 and odd["Location"] == reverse("public:detail", args=[project.pk])


def test_in_production_each_process_reads_the_state_once_a_second_and_sees_a_withdrawal_after_it(
        published, settings, monkeypatch, django_assert_num_queries):
    """Another process withdraws the project: this process serves its last reading of the state
    for at most PUBLIC_STATE_SECONDS without asking the database, then reads it again."""
    from types import SimpleNamespace

    from lsi.public import cache

    settings.PUBLIC_STATE_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(cache, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    project, lead = published
    url = reverse("public:detail", args=[project.pk])
    assert Client().get(url).status_code == 200
    with django_assert_num_queries(0):
        assert Client().get(url).status_code == 200
    # Withdrawn elsewhere: this process has not seen it yet.
    publishing.withdraw(Publication.objects.public().get(project=project), lead, reason="Een fout.")
    clock[0] += 0.9
    with django_assert_num_queries(0):
        assert Client().get(url).status_code == 200
    clock[0] += 0.2
    assert Client().get(url).status_code == 404
