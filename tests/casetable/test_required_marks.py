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


RESULT_LABEL = re.compile(r'<(?:label class="utrecht-form-label" for="(result_\w+)"'
                          r'|legend class="utrecht-form-fieldset__legend utrecht-form-label")>'
                          r'(.*?)</(?:label|legend)>', re.S)
RESULT_MARK = re.compile(r'<span class="lsi-required"[^>]*data-lsi-required-when="result"[^>]*>')


def result_marks(shown: str) -> dict[str, bool]:
    """Field label → is its "(verplicht)" mark shown, for the control result's conditional fields."""
    found = {}
    for match in RESULT_LABEL.finditer(shown):
        mark = RESULT_MARK.search(match.group(2))
        if mark:
            label = re.sub(r"<.*?>.*", "", match.group(2), flags=re.S).strip()
            found[label] = " hidden" not in mark.group(0)
    return found


def test_a_carried_out_huisbezoek_marks_rights_consent_and_findings_required(project, lead, client_for):
    from casetable.models import Assignment
    from projects.models import Partner
    from tests.casetable.conftest import decided_visit, to_execution

    duo = [Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")]
    item = decided_visit(project, lead, duo)
    to_case_table(project, lead)
    to_execution(project, lead)
    assignment = Assignment.objects.get(item=item, partner=duo[0], status="open")
    client = client_for(lead)

    before = result_marks(html.unescape(client.get(assignment.get_absolute_url()).content.decode()))
    assert set(before) == {"Reden (bij niet uitgevoerd)", "Zijn de bewoners geïnformeerd over hun rechten?",
                           "Hebben de bewoners toestemming gegeven?", "Bevindingen"}
    assert not any(before.values()), "nothing is required before an outcome is chosen"

    response = client.post(assignment.get_absolute_url(), {"result": Assignment.Result.CARRIED_OUT})
    shown = html.unescape(response.content.decode())
    after = result_marks(shown)
    assert after == {"Reden (bij niet uitgevoerd)": False,
                     "Zijn de bewoners geïnformeerd over hun rechten?": True,
                     "Hebben de bewoners toestemming gegeven?": True, "Bevindingen": True}
    # One submit reports every problem.
    for problem in ("Geef aan of de bewoners zijn geïnformeerd", "telt alleen als uitgevoerd",
                    "Leg de bevindingen"):
        assert problem in shown


def test_the_control_marks_follow_the_rule_the_service_checks():
    from casetable import controls
    from casetable.models import Assignment

    result = Assignment.Result
    assert controls.required_for(Decision.Outcome.HOME_VISIT, result.NOT_CARRIED_OUT) == ("result_reason",)
    assert "consent" not in controls.required_for(Decision.Outcome.INVITATION, result.CARRIED_OUT)
    assert set(controls.required_for(Decision.Outcome.HOME_VISIT, result.CARRIED_OUT)) == {
        "rights_informed", "consent", "findings"}
    assert controls.required_for(Decision.Outcome.HOME_VISIT, "") == ()
