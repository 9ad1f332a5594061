"""The decision form marks the fields that the chosen outcome makes required "(verplicht)":
server-rendered for the outcome on the page, and the same rule the service checks."""
import html
import re

from django.urls import reverse

from casetable import deliberation
from casetable.models import Decision
from tests.casetable.conftest import on_agenda, to_case_table

LABEL = re.compile(r'<label class="utrecht-form-label" for="(decision_\w+)">(.*?)</label>', re.S)
MARK = re.compile(r'<span class="lsi-required"[^>]*data-lsi-required-when="outcome"[^>]*>')


def marks(shown: str) -> dict[str, bool]:
    """Field id → is its "(verplicht)" mark shown, for the decision form's conditional fields."""
    found = {}
    for match in LABEL.finditer(shown):
        mark = MARK.search(match.group(2))
        if mark:
            found[match.group(1)] = " hidden" not in mark.group(0)
    return found


def test_a_huisbezoek_marks_its_motivation_partner_and_date_required(project, lead, client_for):
    to_case_table(project, lead)
    item = on_agenda(project, lead)
    client = client_for(lead)

    before = marks(html.unescape(client.get(reverse("casetable:item", args=[item.pk])).content.decode()))
    assert set(before) == {"decision_subsidiarity", "decision_proportionality", "decision_reasonable_ground",
                           "decision_executing_partner", "decision_planned_date"}
    assert not any(before.values()), "nothing is required before an outcome is chosen"

    item.refresh_from_db()
    response = client.post(reverse("casetable:item_decide", args=[item.pk]),
                           {"version": item.version, "outcome": Decision.Outcome.HOME_VISIT})
    after = marks(html.unescape(response.content.decode()))
    assert all(after.values()), after


def test_the_marks_follow_the_rule_the_service_checks():
    assert deliberation.required_for(Decision.Outcome.NO_ACTION) == ()
    assert "reasonable_ground" not in deliberation.required_for(Decision.Outcome.INVITATION)
    assert set(deliberation.required_for(Decision.Outcome.HOME_VISIT)) == {
        "subsidiarity", "proportionality", "reasonable_ground", "executing_partner", "planned_date"}
