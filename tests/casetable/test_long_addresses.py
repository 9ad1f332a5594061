"""The longest address the import accepts (street 200, city 100 characters) survives every
path that copies it: the agenda, an exception, an information request, the assignments of a
decision and a zorgmelding. PostgreSQL enforces column lengths (SQLite does not), so these
run on PostgreSQL; before, such an address rolled back the whole selection with a 500."""
import pytest
from django.db import connection

from casetable import agenda, debriefing
from casetable.models import Assignment, CareReferral, CaseItem, ExceptionAddress
from signals.models import CITY_MAX_LENGTH, STREET_MAX_LENGTH, RequestedAddress
from tests.casetable.conftest import (
    carried_out,
    decide,
    new_session,
    risk,
    test_all,
    to_case_table,
    to_execution,
)
from tests.signals.conftest import deliver_rows, signal_row

STREET = "Langestraat" + "e" * (STREET_MAX_LENGTH - len("Langestraat"))
CITY = "Lang" + "e" * (CITY_MAX_LENGTH - len("Lang"))
TWO_PARTNERS = "8011WR-77-A-2"
ONE_PARTNER = "8011WR-78-B-3"

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="column lengths are enforced by PostgreSQL")


def long_row(number, letter, suffix, reference):
    return signal_row(huisnummer=number, huisletter=letter, huisnummertoevoeging=suffix,
                      straat=STREET, woonplaats=CITY, referentie=reference)


def test_the_longest_address_goes_through_every_copy(project, lead, uwv, svb, uwv_user, svb_user,
                                                     bd_mkb):
    deliver_rows(project, uwv_user, [long_row("77", "A", "2", "UWV-77"), long_row("78", "B", "3", "UWV-78")])
    deliver_rows(project, svb_user, [long_row("77", "A", "2", "SVB-77")])
    project = to_case_table(project, lead)

    exception = agenda.add_exception(project, lead, address_key=ONE_PARTNER,
                                     reason="Eén partner, maar een ernstig signaal")
    request = agenda.send_information_request(project, lead, partner=bd_mkb,
                                              address_keys=[TWO_PARTNERS])
    items = agenda.add_items(new_session(project, lead), lead, address_keys=[TWO_PARTNERS, ONE_PARTNER])
    item = next(i for i in items if i.address_key == TWO_PARTNERS)
    test_all(item, lead)
    risk(item, lead)
    decide(item, lead, [uwv, svb])
    other = next(i for i in items if i.address_key == ONE_PARTNER)
    test_all(other, lead)
    risk(other, lead, current=False, note="Geen lopende uitkering meer")
    decide(other, lead, [], outcome="geen_actie", planned_date=None)
    project = to_execution(project, lead)
    for assignment in Assignment.objects.filter(item=item):
        carried_out(assignment, uwv_user if assignment.partner == uwv else svb_user)
    referral = debriefing.add_care_referral(item, lead, referred_to="Wijkteam", description="Hulpvraag")

    shown = CaseItem.objects.get(pk=item.pk).address_display
    assert shown.startswith(STREET + " 77A-2, 8011 WR ") and shown.endswith(CITY)
    assert ExceptionAddress.objects.get(pk=exception.pk).address_display.endswith(CITY)
    assert RequestedAddress.objects.get(request=request).address_display == shown
    assert {a.address_display for a in Assignment.objects.filter(item=item)} == {shown}
    assert CareReferral.objects.get(pk=referral.pk).address_display == shown
