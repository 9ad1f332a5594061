"""The working page of an agenda item: step 1 shows each signal's grounds beside its test
choice, so the projectleider does not scroll back to the table for every signal."""
import html
import re

from django.urls import reverse

from projects.models import Partner
from tests.casetable.conftest import active_signals, on_agenda, to_case_table


def test_each_test_choice_shows_the_grounds_of_its_own_signal(project, lead, client_for):
    to_case_table(project, lead)
    item = on_agenda(project, lead)
    shown = html.unescape(client_for(lead).get(reverse("casetable:item", args=[item.pk])).content.decode())

    form = shown[shown.index('id="tests-form-heading"'):shown.index("Toetsing opslaan")]
    fieldsets = form.split(">Signaal van ")[1:]  # one part per signal, from its legend on
    signals = active_signals(item)
    assert len(signals) >= 2
    for signal in signals:
        (own,) = [f for f in fieldsets if f'name="result_{signal.pk}"' in f]
        assert signal.grounds in own, f"the grounds of signal {signal.pk} are not beside its choice"
        for other in signals:
            if other.grounds != signal.grounds:
                assert other.grounds not in own


def open_steps(shown: str) -> list[str]:
    """The headings of the steps whose form is open (unfolded) on the agendapunt page."""
    return re.findall(r'<details class="lsi-step" open>\s*<summary class="lsi-step__summary">'
                      r'<span class="utrecht-heading-3" id="(\w+)-form-heading">', shown)


def test_only_the_step_to_take_now_is_unfolded(project, lead, client_for):
    from tests.casetable.conftest import decide, risk, test_all

    to_case_table(project, lead)
    item = on_agenda(project, lead)
    client = client_for(lead)

    def page():
        return client.get(reverse("casetable:item", args=[item.pk])).content.decode()

    assert open_steps(page()) == ["tests"]
    test_all(item, lead)
    assert open_steps(page()) == ["risk"]
    risk(item, lead)
    assert open_steps(page()) == ["decision"]
    decide(item, lead, [Partner.objects.get(code="UWV")])
    assert open_steps(page()) == [], "decided: every form folded, the record in view"


def test_a_step_with_an_error_is_unfolded(project, lead, client_for):
    to_case_table(project, lead)
    item = on_agenda(project, lead)
    response = client_for(lead).post(reverse("casetable:item_decide", args=[item.pk]),
                                     {"version": item.version, "outcome": "huisbezoek"})
    assert "decision" in open_steps(response.content.decode())
