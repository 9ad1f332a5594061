"""The delivery page and the answer to an information request as a partner uses them daily:
what was agreed is on the page, a single agreed category is already chosen, and a form that
comes back with an error keeps what was typed and says which address it is about."""
import html
import re

import pytest
from django.urls import reverse

from signals import information_requests
from signals.models import RequestedAddress, Signal
from tests.signals.conftest import signal_row

pytestmark = pytest.mark.usefixtures("signals_delivered")


def page(response) -> str:
    return html.unescape(response.content.decode())


def deliver_page(client, project) -> str:
    response = client.get(reverse("signals:deliver", args=[project.pk]))
    assert response.status_code == 200
    return page(response)


def selected_option(text: str, name: str) -> str | None:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', text, re.S)
    assert select, f"no select {name}"
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected>', select.group(1))
    return chosen.group(1) if chosen else None


def test_the_delivery_page_shows_the_agreed_categories_deadline_and_limits(
        world, client_for, uwv_user):
    shown = deliver_page(client_for(uwv_user), world.project)

    agreed = shown[shown.index("Wat is afgesproken"):shown.index("Lever een CSV")]
    assert "Categorieën voor uw organisatie" in agreed
    assert "adresfraude, uitkeringsfraude" in agreed
    assert world.project.intake_deadline.strftime("%Y") in agreed
    assert "ten hoogste 50 MB en 200.000 regels" in agreed


def test_a_single_agreed_category_is_already_chosen(world, client_for, svb_user, uwv_user):
    assert selected_option(deliver_page(client_for(svb_user), world.project),
                           "categorie") == "uitkeringsfraude"
    # With two categories the partner chooses; nothing is chosen for them.
    assert selected_option(deliver_page(client_for(uwv_user), world.project), "categorie") == ""


def test_an_entered_signal_with_an_error_keeps_what_was_typed(world, client_for, uwv_user):
    response = client_for(uwv_user).post(
        reverse("signals:enter", args=[world.project.pk]),
        signal_row(huisnummer="77", straat="Luttekestraat", indicatoren=""))

    shown = page(response)
    assert response.status_code == 200
    assert "Het signaal is niet opgeslagen" in shown
    assert 'value="Luttekestraat"' in shown and 'value="77"' in shown
    assert 'aria-invalid="true"' in shown
    assert not Signal.objects.filter(project=world.project, house_number=77).exists()


@pytest.fixture
def info_request(world, projectleider, bd_mkb):
    return information_requests.create_request(
        world.project, projectleider, partner=bd_mkb,
        address_keys=["8011WR-1--", "8011WR-2--"], message="Voor de casustafel")


def test_the_one_category_agreed_for_the_asked_partner_is_already_chosen(
        info_request, client_for, bd_mkb_user):
    shown = page(client_for(bd_mkb_user).get(info_request.get_absolute_url()))

    assert shown.count('<option value="belastingfraude" selected>') == 2


def test_an_answer_with_an_error_keeps_what_was_typed_and_names_the_address(
        info_request, client_for, bd_mkb_user):
    item = info_request.addresses.get(address_key="8011WR-2--")
    typed = "Omzet past niet bij het woonadres, nationaliteit Syrisch"

    response = client_for(bd_mkb_user).post(
        reverse("signals:request_answer", args=[item.pk]),
        {"has_information": "ja", "category": "belastingfraude", "grounds": typed})

    shown = page(response)
    assert response.status_code == 200
    summary = shown[shown.index("lsi-error-summary"):shown.index("</ul>", shown.index("lsi-error-summary"))]
    assert f"Het antwoord voor {item.address_display} is niet vastgelegd" in summary
    assert "verdacht onderscheid" in summary
    form = shown[shown.index(f'id="address-{item.pk}"'):]
    form = form[:form.index("</form>")]
    assert re.search(r"<textarea[^>]*>\s*" + re.escape(typed) + "</textarea>", form)
    assert re.search(r'value="ja"[^>]*checked', form)
    assert item.__class__.objects.get(pk=item.pk).answer == RequestedAddress.Answer.OPEN
    # The other address keeps an empty form of its own.
    other = info_request.addresses.get(address_key="8011WR-1--")
    assert f'id="answer-{other.pk}-grounds"' in shown


def test_an_answer_without_a_choice_says_so_beside_the_choice(info_request, client_for, bd_mkb_user):
    item = info_request.addresses.get(address_key="8011WR-1--")

    shown = page(client_for(bd_mkb_user).post(
        reverse("signals:request_answer", args=[item.pk]), {"grounds": "iets getypt"}))

    assert f'id="answer-{item.pk}-has_information_error"' in shown
    assert re.search(r"<textarea[^>]*>\s*iets getypt</textarea>", shown)
