"""The verwonderadressen chosen on one page stay chosen on the others, until they are put on
the agenda; all of a page or all that meet the filters can be chosen at once; another partner's
projectleider cannot touch the choice."""
import pytest
from django.urls import reverse

from casetable.models import CaseItem
from projects.models import Project, User
from tests.casetable.conftest import new_session, to_case_table
from tests.signals.conftest import deliver_rows, good_rows


@pytest.fixture(scope="module")
def many(case_world, django_db_blocker) -> int:
    """60 more verwonderadressen (UWV and SVB both at 8011WR 101–160): two pages."""
    with django_db_blocker.unblock():
        project = Project.objects.get(pk=case_world.project_pk)
        for username in ("uwv", "svb"):
            deliver_rows(project, User.objects.get(username=username), good_rows(60, start=101),
                         name=f"{username}-meer.csv")
        return project.pk


pytestmark = pytest.mark.usefixtures("many")


def url(project, name, query=""):
    return reverse(f"casetable:{name}", args=[project.pk]) + query


def page_keys(response) -> list[str]:
    return [row.address_key for row in response.context["page"].object_list]


def test_a_choice_on_page_one_survives_going_to_page_two_and_onto_the_agenda(project, lead, client_for):
    client = client_for(lead)
    first = client.get(url(project, "flagged", "?sort=postcode_asc"))
    shown = page_keys(first)
    assert first.context["page"].paginator.num_pages == 2
    response = client.post(url(project, "flagged_choose", "?sort=postcode_asc"),
                           {"shown": shown, "address_keys": shown[:2], "goto": "2"})
    assert response["Location"] == url(project, "flagged", "?sort=postcode_asc&page=2")

    second = client.get(response["Location"])
    html = second.content.decode()
    assert "2 adressen gekozen" in html
    other = page_keys(second)[0]
    to_case_table(project, lead)
    session = new_session(project, lead)
    done = client.post(url(project, "flagged_select", "?sort=postcode_asc&page=2"),
                       {"shown": page_keys(second), "address_keys": [other], "action": "agenda",
                        "session": session.pk})
    assert done.status_code == 302
    assert set(CaseItem.objects.filter(session=session).values_list("address_key", flat=True)) == {
        *shown[:2], other}
    assert "adressen gekozen" in client.get(url(project, "flagged")).content.decode()
    assert client.get(url(project, "flagged")).context["chosen"] == set(), "the choice is used up"


def test_all_of_a_page_and_all_that_meet_the_filters_can_be_chosen(project, lead, client_for):
    client = client_for(lead)
    first = client.get(url(project, "flagged", "?postcode=8011"))
    total = first.context["page"].paginator.count
    client.post(url(project, "flagged_choose", "?postcode=8011"),
                {"shown": page_keys(first), "page_keys": page_keys(first), "choice": "page"})
    assert client.get(url(project, "flagged", "?postcode=8011&page=2")).context["chosen"] == set(
        page_keys(first))

    response = client.post(url(project, "flagged_choose", "?postcode=8011"), {"choice": "all"}, follow=True)
    assert f"Alle {total} adressen die aan de filters voldoen, zijn gekozen." in response.content.decode()
    assert len(response.context["chosen"]) == total
    assert f"{total} adressen gekozen" in response.content.decode()

    cleared = client.post(url(project, "flagged_choose"), {"choice": "none"}, follow=True)
    assert cleared.context["chosen"] == set()


def test_another_projectleider_gets_a_404_and_changes_nothing(project, lead, other_projectleider, client_for):
    choose = url(project, "flagged_choose")
    assert client_for(other_projectleider).post(choose, {"choice": "all"}).status_code == 404
    assert client_for(User.objects.get(username="uwv")).post(
        url(project, "flagged_choose"), {"choice": "all"}).status_code == 404
    assert client_for(lead).get(url(project, "flagged")).context["chosen"] == set()
