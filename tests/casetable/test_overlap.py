"""The overlap per address (``signals.AddressOverlap``), which the verwonderadressen overview
reads, never drifts from the signals: after every path that writes signals it equals the
grouped computation over the active signals themselves, and the overview equals that
computation for every sort and filter."""

import pytest
from django.db import connection
from django.utils import timezone

from casetable import selection
from lsi.retention import purge as retention
from lsi.retention.models import PurgeRecord
from projects.models import Category, Partner, User
from signals import importer, information_requests, overlap, withdrawals
from signals.models import AddressOverlap, Signal
from tests.casetable.conftest import KEY_SINGLE, KEY_THREE, KEY_TWO, on_agenda
from tests.signals.conftest import deliver_rows, signal_row


def live(project) -> dict:
    """The overlap computed from the signals: key → (partner count, partner ids, category ids),
    for addresses with active signals of at least two partners."""
    partners, categories = {}, {}
    for key, partner_id, category_id in Signal.objects.filter(
            project=project, status=Signal.Status.ACTIVE).exclude(address_key="").values_list(
            "address_key", "partner_id", "category_id"):
        partners.setdefault(key, set()).add(partner_id)
        categories.setdefault(key, set()).add(category_id)
    return {key: (len(ids), sorted(ids), sorted(categories[key]))
            for key, ids in partners.items() if len(ids) >= 2}


def _ids(text: str) -> list[int]:
    assert text.startswith(",") and text.endswith(","), text
    return sorted(int(part) for part in text.strip(",").split(","))


def stored(project) -> dict:
    return {row.address_key: (row.partner_count, _ids(row.partner_ids), _ids(row.category_ids))
            for row in AddressOverlap.objects.filter(project=project)}


def assert_current(project) -> dict:
    expected = live(project)
    assert stored(project) == expected
    return expected


def counts(project) -> dict[str, int]:
    return {key: value[0] for key, value in assert_current(project).items()}


def test_the_overlap_follows_a_file_import(project, uwv_user, svb_user):
    assert counts(project) == {KEY_THREE: 3, KEY_TWO: 2}
    deliver_rows(project, svb_user, [signal_row(huisnummer="3", referentie="SVB-3")], name="svb-2.csv")
    assert counts(project) == {KEY_THREE: 3, KEY_TWO: 2, KEY_SINGLE: 2}
    # Another category of a partner already counted: same count, one more category.
    deliver_rows(project, uwv_user, [signal_row(huisnummer="1", categorie="adresfraude",
                                                referentie="UWV-1b")], name="uwv-2.csv")
    assert counts(project)[KEY_THREE] == 3


def test_an_address_under_review_never_joins_the_overlap(project, svb_user):
    deliver_rows(project, svb_user, [signal_row(huisnummer="3hs", referentie="SVB-3hs")], name="r.csv")
    assert Signal.objects.filter(project=project, status=Signal.Status.REVIEW).exists()
    assert counts(project) == {KEY_THREE: 3, KEY_TWO: 2}


def test_the_overlap_follows_a_form_entry(project, svb_user):
    upload = importer.enter_signal(project, svb_user.partner, svb_user,
                                   signal_row(huisnummer="3", referentie="SVB-form"))
    assert upload.rows_accepted == 1
    assert counts(project) == {KEY_THREE: 3, KEY_TWO: 2, KEY_SINGLE: 2}


def test_the_overlap_follows_an_answer_to_an_information_request(project, lead, bd_mkb):
    request = information_requests.create_request(project, lead, partner=bd_mkb, address_keys=[KEY_SINGLE])
    bd_user = User.objects.get(username="bdmkb")
    information_requests.answer(request.addresses.get(), bd_user, has_information=True,
                                category="belastingfraude", grounds="Omzet past niet bij de woning")
    assert counts(project) == {KEY_THREE: 3, KEY_TWO: 2, KEY_SINGLE: 2}
    assert selection.flagged_count(project) == 3


def test_the_overlap_follows_a_withdrawal(project, svb_user, gemeente_user):
    withdrawals.withdraw(Signal.objects.get(project=project, address_key=KEY_TWO, partner__code="SVB"),
                         svb_user, "Verkeerd adres")
    assert counts(project) == {KEY_THREE: 3}  # one partner left: no verwonderadres
    withdrawals.withdraw(Signal.objects.get(project=project, address_key=KEY_THREE, partner__code="GEM-0193"),
                         gemeente_user, "Dubbel gemeld")
    assert counts(project) == {KEY_THREE: 2}


def test_the_overlap_follows_the_purge_of_unselected_signals(project, lead):
    on_agenda(project, lead, KEY_THREE)
    retention.purge(retention.Due(project, PurgeRecord.Scope.UNSELECTED, timezone.now(), False))
    assert counts(project) == {KEY_THREE: 3}


def test_the_overlap_follows_the_purge_of_everything(project):
    retention.purge(retention.Due(project, PurgeRecord.Scope.ALL, timezone.now(), False))
    assert not Signal.objects.filter(project=project).exists()
    assert counts(project) == {}


def test_deleting_a_project_deletes_its_overlap(project):
    assert AddressOverlap.objects.filter(project=project).exists()
    Signal.objects.filter(project=project).delete()  # a project with signals: they go first
    project.delete()
    assert not AddressOverlap.objects.filter(project_id=project.pk).exists()


def test_rebuild_recomputes_the_same_overlap(project):
    expected = assert_current(project)
    AddressOverlap.objects.all().delete()
    overlap.rebuild(project.pk)
    assert stored(project) == expected


# ---- the overview equals the live computation, for every sort and filter ----------------------

def _expected_keys(project, criteria: selection.Criteria) -> list[str]:
    rows = live(project)
    partners_of, categories_of = {}, {}
    active = Signal.objects.filter(project=project, status=Signal.Status.ACTIVE)
    for key, partner_id, category_id in active.values_list("address_key", "partner_id", "category_id"):
        partners_of.setdefault(key, set()).add(partner_id)
        categories_of.setdefault(key, set()).add(category_id)
    keys = [key for key, (count, _p, _c) in rows.items()
            if count >= criteria.threshold and key.startswith(criteria.postcode)
            and (not criteria.partner_id or criteria.partner_id in partners_of[key])
            and (not criteria.category_id or criteria.category_id in categories_of[key])]
    order = {
        "partners_desc": lambda k: (-rows[k][0], k), "partners_asc": lambda k: (rows[k][0], k),
        "postcode_asc": lambda k: k,
    }
    if criteria.sort == "postcode_desc":
        return sorted(keys, reverse=True)
    return sorted(keys, key=order[criteria.sort])


@pytest.mark.parametrize("sort", list(selection.SORTS))
def test_the_overview_equals_the_live_computation_after_changes(project, lead, svb_user, uwv_user, sort):
    deliver_rows(project, svb_user, [signal_row(huisnummer="3", referentie="SVB-3"),
                                     signal_row(postcode="8011WS", huisnummer="5", referentie="SVB-5")],
                 name="svb-2.csv")
    deliver_rows(project, uwv_user, [signal_row(postcode="8011WS", huisnummer="5", referentie="UWV-5",
                                                categorie="adresfraude")], name="uwv-2.csv")
    withdrawals.withdraw(Signal.objects.get(project=project, address_key=KEY_TWO, partner__code="SVB"),
                         svb_user, "Verkeerd adres")
    uwv, svb = Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")
    adres = Category.objects.get(name="adresfraude")
    for filters in ({}, {"min_count": 3}, {"postcode": "8011WS"}, {"postcode": "8011"},
                    {"partner_id": svb.pk}, {"partner_id": uwv.pk, "category_id": adres.pk},
                    {"category_id": adres.pk}):
        criteria = selection.Criteria(min_partners=2, sort=sort, **filters)
        page = selection.flagged_addresses(project, criteria, user=lead)
        expected = _expected_keys(project, criteria)
        assert [row.address_key for row in page.object_list] == expected, filters
        assert page.paginator.count == len(expected)
        for row in page.object_list:
            assert (row.partner_count, sorted(row.partner_ids)) == live(project)[row.address_key][:2]


def test_a_refresh_of_many_addresses_recomputes_the_whole_project(project, svb_user, monkeypatch):
    monkeypatch.setattr(overlap, "MAX_KEYS", 1)  # as a 100,000-row import would
    deliver_rows(project, svb_user, [signal_row(huisnummer="3", referentie="SVB-3"),
                                     signal_row(huisnummer="4", referentie="SVB-4")], name="svb-2.csv")
    assert counts(project) == {KEY_THREE: 3, KEY_TWO: 2, KEY_SINGLE: 2}
    if connection.vendor == "postgresql":  # the planner setting is back as it was
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_hashagg")
            assert cursor.fetchone()[0] == "on"


def test_only_the_projectleider_reads_the_overlap(project, lead, svb_user, gemeente_user):
    """The overlap table holds addresses: read through ``visible_to``, the projectleider only."""
    assert set(AddressOverlap.objects.visible_to(lead).values_list("address_key", flat=True)) == \
        set(counts(project))
    assert not AddressOverlap.objects.visible_to(svb_user).exists()
    assert not AddressOverlap.objects.visible_to(gemeente_user).exists()


def test_the_stuurgroep_count_of_verwonderadressen_follows_each_projects_own_rule(project, lead):
    """The report counts many projects in one query; each project still counts under its own N."""
    from casetable import agenda
    from lsi.reports.figures import casetable_counts
    from tests.factories import ProjectFactory

    empty = ProjectFactory()  # no signals, so no verwonderadressen
    assert casetable_counts([project, empty])["flagged"] == 2 == selection.flagged_count(project)
    agenda.set_rule(project, lead, min_partners=3)
    assert selection.flagged_count(project) == 1
    assert casetable_counts([project, empty])["flagged"] == 1
