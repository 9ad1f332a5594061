"""Verwonderadressen: computed in the database, always current, N a project setting recorded with
every agenda item; sortable, filterable, paginated; exceptions only with a reason; information
requests to on-request partners from the selection."""
import pytest
from django.urls import reverse

from casetable import agenda, selection
from casetable.errors import CaseTableError
from casetable.models import CaseTableSettings, ExceptionAddress
from projects import roles
from projects.models import AccessLogEntry, Category
from signals import withdrawals
from signals.models import InformationRequest, Signal
from tests.casetable.conftest import (
    KEY_OTHER_AREA,
    KEY_SINGLE,
    KEY_THREE,
    KEY_TWO,
    new_session,
    on_agenda,
)


def keys(project, **criteria):
    rule = criteria.pop("min_partners", selection.min_partners(project))
    page = selection.flagged_addresses(project, selection.Criteria(min_partners=rule, **criteria),
                                       user=roles.leads_of(project).get())
    return [row.address_key for row in page.object_list]


def test_addresses_with_signals_of_two_partners_are_verwonderadressen(project):
    assert keys(project) == [KEY_THREE, KEY_TWO]  # most partners first, then postcode


def test_the_overview_shows_partners_and_categories_of_each_address(project, lead):
    page = selection.flagged_addresses(project, selection.Criteria(min_partners=2), user=lead)
    first = page.object_list[0]
    assert first.partner_count == 3
    assert first.partner_codes == ["GEM-0193", "SVB", "UWV"]
    assert first.categories == ["adresfraude", "uitkeringsfraude"]
    assert first.address_display.startswith("Diezerstraat 1, 8011 WR")
    assert page.paginator.count == 2


def test_a_withdrawn_signal_drops_out_at_once(project, svb_user):
    signal = Signal.objects.get(project=project, address_key=KEY_TWO, partner__code="SVB")
    withdrawals.withdraw(signal, svb_user, "Verkeerd adres")
    assert keys(project) == [KEY_THREE]


def test_the_projectleider_sets_n_and_the_selection_follows(project, lead):
    agenda.set_rule(project, lead, min_partners=3)
    assert keys(project) == [KEY_THREE]
    history = CaseTableSettings.objects.get(project=project).history.first()
    assert history.history_user == lead and "minimaal 3" in history.history_change_reason


def test_n_below_two_is_refused(project, lead):
    with pytest.raises(CaseTableError, match="ten minste twee"):
        agenda.set_rule(project, lead, min_partners=1)


def test_rule_and_overlap_are_recorded_with_every_agenda_item(project, lead):
    agenda.set_rule(project, lead, min_partners=3)
    item = on_agenda(project, lead, KEY_THREE)
    assert (item.rule_min_partners, item.partner_count_at_selection, item.is_exception) == (3, 3, False)


def test_an_address_that_is_no_verwonderadres_cannot_go_on_the_agenda(project, lead):
    session = new_session(project, lead)
    with pytest.raises(CaseTableError, match="geen verwonderadres"):
        agenda.add_items(session, lead, address_keys=[KEY_TWO, KEY_SINGLE])
    assert not session.items.exists()  # nothing stored, not even the valid one


@pytest.mark.parametrize("criteria, expected", [
    ({"sort": "postcode_desc"}, [KEY_TWO, KEY_THREE]),
    ({"sort": "partners_asc"}, [KEY_TWO, KEY_THREE]),
    ({"sort": "postcode_asc"}, [KEY_THREE, KEY_TWO]),
    ({"min_count": 3}, [KEY_THREE]),
    ({"postcode": "8012"}, []),
    ({"postcode": "8011WR"}, [KEY_THREE, KEY_TWO]),
])
def test_sort_and_filter(project, criteria, expected):
    assert keys(project, **criteria) == expected


def test_filter_by_partner_and_category(project, gemeente_user):
    assert keys(project, partner_id=gemeente_user.partner_id) == [KEY_THREE]
    adres = Category.objects.get(name="adresfraude")
    assert keys(project, category_id=adres.pk) == [KEY_THREE, KEY_TWO]
    arbeid = Category.objects.get(name="arbeidsuitbuiting")
    assert keys(project, category_id=arbeid.pk) == []


def test_pages_of_fifty_and_a_page_past_the_end_shows_the_last(project, lead):
    criteria = selection.Criteria(min_partners=2)
    page = selection.flagged_addresses(project, criteria, page_number=1, per_page=1, user=lead)
    assert (page.number, page.paginator.num_pages, page.has_next()) == (1, 2, True)
    page = selection.flagged_addresses(project, criteria, page_number=9, per_page=1, user=lead)
    assert page.number == 2 and [r.address_key for r in page.object_list] == [KEY_TWO]


def test_overview_page_filters_and_logs_the_addresses_shown(project, lead, client_for):
    response = client_for(lead).get(reverse("casetable:flagged", args=[project.pk]),
                                    {"postcode": "8011 wr", "sort": "postcode_desc", "min_count": "3"})
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(action="verwonderadressen.lijst", user=lead)
    assert entry.object_ids == KEY_THREE and entry.project == project and entry.row_count == 1
    assert "postcode=8011+wr" in entry.query


def test_an_invalid_postcode_filter_is_explained_on_the_field(project, lead, client_for):
    response = client_for(lead).get(reverse("casetable:flagged", args=[project.pk]), {"postcode": "abc"})
    html = response.content.decode()
    assert 'id="filter_postcode_error"' in html
    assert 'aria-describedby="filter_postcode_helptext filter_postcode_error"' in html


def test_an_exception_needs_a_written_reason(project, lead, client_for):
    url = reverse("casetable:exception_add", args=[project.pk])
    response = client_for(lead).post(url, {"postcode": "8011 wr", "huisnummer": "3", "reason": " "})
    assert response.status_code == 200 and "exception_reason_error" in response.content.decode()
    assert not ExceptionAddress.objects.exists()
    with pytest.raises(CaseTableError, match="schriftelijke reden"):
        agenda.add_exception(project, lead, address_key=KEY_SINGLE, reason="")


def test_an_exception_is_marked_everywhere_it_appears(project, lead, client_for):
    client = client_for(lead)
    response = client.post(reverse("casetable:exception_add", args=[project.pk]), {
        "postcode": "8011wr", "huisnummer": "3", "reason": "Melding wijkagent over onderverhuur"})
    assert response.status_code == 302
    page = client.get(reverse("casetable:flagged", args=[project.pk])).content.decode()
    assert "Melding wijkagent over onderverhuur" in page and "uitzondering" in page
    item = on_agenda(project, lead, KEY_SINGLE)
    assert item.is_exception and item.exception_reason == "Melding wijkagent over onderverhuur"
    assert (item.partner_count_at_selection, item.partner_codes_at_selection) == (1, "UWV")
    session_page = client.get(item.session.get_absolute_url()).content.decode()
    assert "uitzondering" in session_page
    assert "Melding wijkagent over onderverhuur" in client.get(
        reverse("casetable:dossier", args=[item.pk])).content.decode()


def test_an_exception_is_refused_for_an_address_without_signals_or_already_selected(project, lead):
    with pytest.raises(CaseTableError, match="geen actief signaal"):
        agenda.add_exception(project, lead, address_key="8013AA-1--", reason="Tip")
    with pytest.raises(CaseTableError, match="al een verwonderadres"):
        agenda.add_exception(project, lead, address_key=KEY_TWO, reason="Tip")


def test_information_request_from_the_selection(project, lead, bd_mkb, client_for):
    response = client_for(lead).post(reverse("casetable:flagged_select", args=[project.pk]), {
        "address_keys": [KEY_THREE, KEY_TWO], "action": "verzoek", "partner": bd_mkb.pk,
        "message": "Graag voor de casustafel"})
    request = InformationRequest.objects.get(project=project)
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert sorted(request.addresses.values_list("address_key", flat=True)) == [KEY_THREE, KEY_TWO]


def test_information_request_only_to_an_on_request_partner(project, lead, uwv, client_for):
    response = client_for(lead).post(reverse("casetable:flagged_select", args=[project.pk]), {
        "address_keys": [KEY_THREE], "action": "verzoek", "partner": uwv.pk})
    assert response.status_code == 200 and not InformationRequest.objects.exists()


def test_selected_addresses_need_a_session(project, lead, client_for):
    new_session(project, lead)
    response = client_for(lead).post(reverse("casetable:flagged_select", args=[project.pk]), {
        "address_keys": [KEY_THREE], "action": "agenda"})
    assert response.status_code == 200 and "selection_session_error" in response.content.decode()


def test_another_postcode_area_is_its_own_address(project):
    assert KEY_OTHER_AREA not in keys(project)


def test_the_address_and_count_headers_sort_the_list_and_keep_the_filter(project, lead, client_for):
    import html as _html

    url = reverse("casetable:flagged", args=[project.pk])
    shown = _html.unescape(client_for(lead).get(url, {"postcode": "8011", "sort": "postcode_asc",
                                                      "page": "1"}).content.decode())

    assert '<th scope="col" class="utrecht-table__header-cell" aria-sort="ascending">' \
           '<a class="utrecht-link" href="?postcode=8011&sort=postcode_desc">Adres</a></th>' in shown
    assert ('<th scope="col" class="utrecht-table__header-cell"><a class="utrecht-link" '
            'href="?postcode=8011&sort=partners_desc">Aantal partners</a></th>') in shown
    shown = client_for(lead).get(url).content.decode()
    assert 'aria-sort="descending"><a class="utrecht-link" href="?sort=partners_asc">' in shown


def test_the_overview_costs_the_same_few_queries_filtered_or_not(project, lead, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(lead)
    url = reverse("casetable:flagged", args=[project.pk])
    client.get(url)
    counts = {}
    for query in ({}, {"sort": "postcode_desc"}, {"postcode": "8011", "min_count": "3"}, {"page": "9"}):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, query).status_code == 200
        counts[str(query)] = len(captured)
    # the session; the user with its partner; in the view's transaction (a savepoint here):
    # the grants, the project with its rule, partners and categories, the page with its total,
    # the details of its addresses, the exceptions, the casustafels of the agenda action and
    # the access log. A page past the end counts apart and reads the last page.
    assert counts.pop("{'page': '9'}") == 13
    assert set(counts.values()) == {11}, counts
