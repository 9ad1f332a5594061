"""The working page of an agenda item: step 1 shows each signal's grounds beside its test
choice, so the projectleider does not scroll back to the table for every signal."""
import html

from django.urls import reverse

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
