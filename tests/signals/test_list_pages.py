"""The signal list on a long list: the pager, what each row shows, and a page that costs the
same number of queries whichever page it is (issue 3: a constant number of queries).

UWV delivers 120 signals and SVB 5 in the Zwolle project, once for the module: UWV sees three
pages of 50, the projectleider sees all 125.
"""
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import AccessLogEntry, Project, User
from signals.models import Signal
from tests.signals.conftest import deliver_rows, good_rows, signal_row

LONG_GROUNDS = ("Postretour van beschikking; geen reactie op twee brieven; de bewoner staat "
                "niet ingeschreven maar ontvangt wel post op dit adres")


@pytest.fixture(scope="module")
def many_delivered(shared, django_db_blocker) -> int:
    with django_db_blocker.unblock():
        project = Project.objects.get(pk=shared.project_pk)
        rows = good_rows(119)
        rows.append(signal_row(huisnummer="120", referentie="REF-LONG", indicatoren=LONG_GROUNDS))
        deliver_rows(project, User.objects.get(username="uwv"), rows, name="uwv.csv")
        deliver_rows(project, User.objects.get(username="svb"),
                     good_rows(5, start=500), name="svb.csv")
        return project.pk


pytestmark = pytest.mark.usefixtures("many_delivered")


@pytest.fixture
def project(intake_project):
    return intake_project


def list_url(project, query: str = "") -> str:
    return reverse("signals:list", args=[project.pk]) + query


def shown(response) -> str:
    return html.unescape(response.content.decode())


def references(response) -> list[str]:
    return [signal.reference for signal in response.context["page"].object_list]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_partner_pages_through_its_own_signals_newest_first(project, client_for, uwv_user):
    client = client_for(uwv_user)
    own = list(Signal.objects.filter(project=project, partner=uwv_user.partner)
               .order_by("-pk").values_list("reference", flat=True))

    first, second, third = (client.get(list_url(project, f"?page={n}")) for n in (1, 2, 3))

    assert references(first) == own[:50]
    assert references(second) == own[50:100]
    assert references(third) == own[100:]
    assert "120 signalen" in shown(second)
    assert "Pagina 2 van 3" in shown(second)
    assert 'rel="prev" href="?page=1"' in shown(second)
    assert 'rel="next" href="?page=3"' in shown(second)


def test_a_page_past_the_end_shows_the_last_page_and_a_wrong_number_the_first(
    project, client_for, uwv_user
):
    client = client_for(uwv_user)

    assert "Pagina 3 van 3" in shown(client.get(list_url(project, "?page=200")))
    assert "Pagina 1 van 3" in shown(client.get(list_url(project, "?page=abc")))


def test_the_pager_keeps_the_filters(project, client_for, uwv_user, categories):
    category = categories["uitkeringsfraude"].pk
    query = f"?category={category}&postcode=8011&status=actief"

    response = client_for(uwv_user).get(list_url(project, query + "&page=2"))

    assert "Pagina 2 van 3" in shown(response)
    assert f'rel="next" href="?category={category}&postcode=8011&status=actief&page=3"' in \
        shown(response)
    assert len(references(response)) == 50


def test_projectleider_pages_through_every_signal_of_the_project(
    project, client_for, projectleider
):
    client = client_for(projectleider)
    first = client.get(list_url(project))
    last = client.get(list_url(project, "?page=3"))

    assert "125 signalen" in shown(last)
    assert "Pagina 3 van 3" in shown(last)
    assert len(references(last)) == 25
    partners = [s.partner.code for s in first.context["page"].object_list]
    assert partners[:5] == ["SVB"] * 5 and set(partners[5:]) == {"UWV"}
    assert "<td class=\"utrecht-table__cell\">Sociale Verzekeringsbank</td>" in shown(first)


def test_each_row_links_to_the_signal_with_its_status_and_shortened_grounds(
    project, client_for, uwv_user
):
    response = client_for(uwv_user).get(list_url(project, "?q=REF-LONG"))

    signal = Signal.objects.get(reference="REF-LONG")
    page = shown(response)
    assert f'href="{reverse("signals:detail", args=[signal.pk])}"' in page
    assert "<td class=\"utrecht-table__cell\">Actief</td>" in page
    assert LONG_GROUNDS[:79] + "…" in page
    assert LONG_GROUNDS not in page


def test_the_list_still_logs_the_rows_and_addresses_shown(project, client_for, uwv_user):
    response = client_for(uwv_user).get(list_url(project, "?page=3"))

    entry = AccessLogEntry.objects.filter(action="signalen.lijst").latest("pk")
    shown_ids = [s.pk for s in response.context["page"].object_list]
    assert entry.object_ids == ",".join(str(pk) for pk in shown_ids)
    assert entry.row_count == 20
    assert entry.query == "page=3"
    assert len(entry.address_keys.split()) == 20


@pytest.mark.parametrize("user_fixture", ["uwv_user", "projectleider"])
def test_every_page_costs_the_same_few_queries(request, project, client_for, user_fixture):
    client = client_for(request.getfixturevalue(user_fixture))
    client.get(list_url(project))

    counts = {query: queries_for(client, list_url(project, query)) for query in (
        "", "?page=2", "?page=3", "?page=200", "?postcode=8011&status=actief&page=2",
        "?q=REF&category=1",
    )}

    assert len(set(counts.values())) == 1, counts
    assert queries_for(client, list_url(project, "?postcode=9999")) <= counts[""]  # no rows
    # the session; the user with its partner; the view's transaction (a savepoint here,
    # BEGIN and COMMIT in production) around: the grants, the project with the filter's
    # categories, the count, the rows and the access log. The header's role label asks the
    # grants already read; the session is not written again within a minute.
    assert set(counts.values()) == {9}, counts
