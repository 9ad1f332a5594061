"""The signal list sorts by address and by signal date from its column headers, the filter kept
in the URL, on every page, at the same number of queries as the default order."""
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Project, User
from tests.signals.conftest import deliver_rows, good_rows


@pytest.fixture(scope="module")
def delivered(shared, django_db_blocker) -> int:
    with django_db_blocker.unblock():
        project = Project.objects.get(pk=shared.project_pk)
        deliver_rows(project, User.objects.get(username="uwv"), good_rows(120), name="uwv.csv")
        deliver_rows(project, User.objects.get(username="svb"), good_rows(5, start=500), name="svb.csv")
        return project.pk


pytestmark = pytest.mark.usefixtures("delivered")


def list_url(project, query: str = "") -> str:
    return reverse("signals:list", args=[project.pk]) + query


def numbers(response) -> list[int]:
    return [signal.house_number for signal in response.context["page"].object_list]


def test_the_address_header_sorts_up_then_down_and_keeps_the_filter(intake_project, client_for):
    client = client_for(User.objects.get(username="uwv"))
    page = html.unescape(client.get(list_url(intake_project, "?postcode=8011&page=2")).content.decode())
    link = re.search(r'<th scope="col"[^>]*><a class="utrecht-link" href="([^"]+)">Adres</a>', page).group(1)
    assert "postcode=8011" in link and "sort=address_asc" in link and "page=" not in link

    ascending = client.get(list_url(intake_project, link))
    assert numbers(ascending) == list(range(1, 51))
    shown = html.unescape(ascending.content.decode())
    assert ('aria-sort="ascending"><a class="utrecht-link" href="?postcode=8011&sort=address_desc">Adres'
            in shown)
    # The last page is read from the other end, in the same order.
    assert numbers(client.get(list_url(intake_project, "?sort=address_asc&page=3"))) == list(range(101, 121))
    assert numbers(client.get(list_url(intake_project, "?sort=address_desc")))[:3] == [120, 119, 118]


def test_a_partner_sorting_sees_only_its_own_signals(intake_project, client_for):
    client = client_for(User.objects.get(username="svb"))
    response = client.get(list_url(intake_project, "?sort=address_asc"))
    assert numbers(response) == [500, 501, 502, 503, 504]


def test_a_sorted_page_costs_the_queries_of_the_default_order(intake_project, client_for):
    client = client_for(User.objects.get(username="projectleider"))

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(list_url(intake_project, query)).status_code == 200
        return len(captured)

    queries("?page=1")  # the session's first touch of the minute is written once, not per page
    default = queries("?page=2")
    assert queries("?sort=date_desc&page=2") == default
    assert queries("?sort=address_desc&page=3") == default
