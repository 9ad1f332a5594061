"""Information requests: the Belastingdienst MKB delivers only on request.

The projectleider asks BD-MKB about addresses already in the project; only BD-MKB's users see
the request and answer per address, with a signal (category and grounds) or "geen
informatie". An answer that is a signal becomes BD-MKB's own signal.
"""
import html

import pytest
from django.urls import reverse

from casetable import closing
from projects import lifecycle
from signals import information_requests
from signals.importer import IntakeClosed
from signals.models import InformationRequest, RequestedAddress, Signal

pytestmark = pytest.mark.usefixtures("signals_delivered")

SHARED_KEY = "8011WR-1--"  # delivered by UWV and SVB in ``world``


def page(response) -> str:
    return html.unescape(response.content.decode())


def requests_url(project) -> str:
    return reverse("signals:requests", args=[project.pk])


@pytest.fixture
def info_request(world, projectleider, bd_mkb):
    return information_requests.create_request(
        world.project, projectleider, partner=bd_mkb,
        address_keys=[SHARED_KEY, "8011WR-2--"], message="Voor de casustafel van volgende week",
    )


def answer(client, item, **data):
    return client.post(reverse("signals:request_answer", args=[item.pk]), data, follow=True)


def item_for(info_request, key=SHARED_KEY) -> RequestedAddress:
    return info_request.addresses.get(address_key=key)


# --- asking -----------------------------------------------------------------------------

def test_projectleider_sends_a_request_to_the_on_request_partner(
    world, client_for, projectleider, bd_mkb
):
    client = client_for(projectleider)
    form = client.get(requests_url(world.project)).context["form"]
    assert [label for _, label in form.fields["partner"].choices] == [str(bd_mkb)]
    offered = [key for key, _ in form.fields["addresses"].choices]
    assert offered[0] == SHARED_KEY  # signalled by two partners: first
    assert set(offered) == {SHARED_KEY, "8011WR-2--", "8011WR-3--", "8011WR-9--"}

    response = client.post(requests_url(world.project), {
        "partner": bd_mkb.pk, "addresses": [SHARED_KEY, "8011WR-9--"], "message": "Graag",
    }, follow=True)

    request = InformationRequest.objects.get()
    assert "Het informatieverzoek is verstuurd." in page(response)
    assert (request.partner, request.created_by, request.message) == (bd_mkb, projectleider, "Graag")
    assert sorted(request.addresses.values_list("address_key", "answer")) == [
        (SHARED_KEY, "open"), ("8011WR-9--", "open")]


def test_only_an_on_request_partner_can_be_asked(world, client_for, projectleider, uwv_user):
    response = client_for(projectleider).post(requests_url(world.project), {
        "partner": uwv_user.partner_id, "addresses": [SHARED_KEY]})

    assert response.status_code == 200
    assert "partner" in response.context["form"].errors
    assert not InformationRequest.objects.exists()
    with pytest.raises(IntakeClosed, match="UWV is geen deelnemer die op verzoek levert"):
        information_requests.create_request(world.project, projectleider,
                                            partner=uwv_user.partner, address_keys=[SHARED_KEY])


def test_only_addresses_in_the_project_can_be_asked_about(world, client_for, projectleider, bd_mkb):
    response = client_for(projectleider).post(requests_url(world.project), {
        "partner": bd_mkb.pk, "addresses": ["8011WR-500--"]})

    assert "addresses" in response.context["form"].errors
    with pytest.raises(IntakeClosed, match="Kies een of meer adressen"):
        information_requests.create_request(world.project, projectleider, partner=bd_mkb,
                                            address_keys=["8011WR-500--"])
    assert not InformationRequest.objects.exists()


def test_a_participating_partner_that_does_not_lead_gets_no_form_and_cannot_post(
    world, client_for, uwv_user, bd_mkb_user, bd_mkb
):
    for user in (uwv_user, bd_mkb_user):
        client = client_for(user)
        response = client.get(requests_url(world.project))
        assert response.status_code == 200
        assert response.context["form"] is None
        assert "Nieuw informatieverzoek" not in page(response)
        posted = client.post(requests_url(world.project),
                             {"partner": bd_mkb.pk, "addresses": [SHARED_KEY]})
        assert posted.status_code == 404
    assert not InformationRequest.objects.exists()
    with pytest.raises(IntakeClosed, match="Alleen de projectleider"):
        information_requests.create_request(world.project, uwv_user, partner=bd_mkb,
                                            address_keys=[SHARED_KEY])


def test_a_user_outside_the_project_cannot_see_or_send_requests(world, client_for, ind_user,
                                                                bd_mkb):
    client = client_for(ind_user)

    assert client.get(requests_url(world.project)).status_code == 404
    assert client.post(requests_url(world.project),
                       {"partner": bd_mkb.pk, "addresses": [SHARED_KEY]}).status_code == 404
    assert not InformationRequest.objects.exists()


# --- who sees the request ------------------------------------------------------------------

def test_only_the_asked_partner_and_the_projectleider_see_the_request(
    info_request, client_for, bd_mkb_user, projectleider, uwv_user, svb_user
):
    detail = reverse("signals:request_detail", args=[info_request.pk])
    for user in (bd_mkb_user, projectleider):
        response = client_for(user).get(detail)
        assert response.status_code == 200
        assert "8011 WR" in page(response)
        listed = client_for(user).get(requests_url(info_request.project)).context["requests"]
        assert list(listed) == [info_request]
    for user in (uwv_user, svb_user):
        assert client_for(user).get(detail).status_code == 404
        listed = client_for(user).get(requests_url(info_request.project)).context["requests"]
        assert list(listed) == []


def test_the_asked_partner_sees_an_answer_form_per_address(info_request, client_for, bd_mkb_user,
                                                          projectleider):
    bd_page = page(client_for(bd_mkb_user).get(
        reverse("signals:request_detail", args=[info_request.pk])))
    lead_page = page(client_for(projectleider).get(
        reverse("signals:request_detail", args=[info_request.pk])))

    assert bd_page.count("Antwoord vastleggen") == 2
    assert '<option value="belastingfraude"' in bd_page
    assert "Antwoord vastleggen" not in lead_page


# --- answering --------------------------------------------------------------------------

def test_an_answer_with_information_becomes_the_partners_own_signal(
    info_request, client_for, bd_mkb_user, projectleider, uwv_user
):
    response = answer(client_for(bd_mkb_user), item_for(info_request), has_information="ja",
                      category="belastingfraude", grounds="Omzet past niet bij het woonadres",
                      # fields a browser should never be able to set: ignored
                      partner=uwv_user.partner_id, delivered_by=uwv_user.pk, source="bestand")

    assert "Uw antwoord is vastgelegd." in page(response)
    item = item_for(info_request)
    signal = item.signal
    assert (item.answer, item.answered_by) == (RequestedAddress.Answer.SIGNAL, bd_mkb_user)
    assert (signal.partner, signal.delivered_by, signal.source) == (
        bd_mkb_user.partner, bd_mkb_user, Signal.Source.REQUEST)
    assert (signal.address_key, signal.category.name, signal.status) == (
        SHARED_KEY, "belastingfraude", Signal.Status.ACTIVE)
    assert signal.grounds == "Omzet past niet bij het woonadres"
    assert list(Signal.objects.visible_to(bd_mkb_user)) == [signal]
    assert signal in Signal.objects.visible_to(projectleider)
    assert signal not in Signal.objects.visible_to(uwv_user)
    lead_list = client_for(projectleider).get(reverse("signals:list", args=[signal.project_id]))
    assert signal in lead_list.context["page"].object_list
    assert client_for(uwv_user).get(signal.get_absolute_url()).status_code == 404


def test_geen_informatie_is_recorded_without_a_signal(info_request, client_for, bd_mkb_user):
    answer(client_for(bd_mkb_user), item_for(info_request), has_information="nee")

    item = item_for(info_request)
    assert (item.answer, item.answered_by, item.signal) == (
        RequestedAddress.Answer.NO_INFORMATION, bd_mkb_user, None)
    assert not Signal.objects.filter(partner=bd_mkb_user.partner).exists()


def test_an_answer_with_suspect_grounds_is_refused_with_the_reason(info_request, client_for,
                                                                   bd_mkb_user):
    response = answer(client_for(bd_mkb_user), item_for(info_request), has_information="ja",
                      category="belastingfraude", grounds="Eigenaar heeft de Syrische nationaliteit")

    assert "'Syrische', 'nationaliteit'" in page(response)
    assert "verdacht onderscheid" in page(response)
    assert item_for(info_request).answer == RequestedAddress.Answer.OPEN
    assert not Signal.objects.filter(partner=bd_mkb_user.partner).exists()


def test_an_answer_with_information_needs_grounds(info_request, client_for, bd_mkb_user):
    response = answer(client_for(bd_mkb_user), item_for(info_request), has_information="ja",
                      category="belastingfraude", grounds="")

    assert "Vul de indicatoren in" in page(response)
    assert item_for(info_request).answer == RequestedAddress.Answer.OPEN
    assert not Signal.objects.filter(partner=bd_mkb_user.partner).exists()


def test_an_answer_with_a_category_not_agreed_is_refused(info_request, client_for, bd_mkb_user):
    answer(client_for(bd_mkb_user), item_for(info_request), has_information="ja",
           category="uitkeringsfraude", grounds="Omzet past niet bij het woonadres")

    assert item_for(info_request).answer == RequestedAddress.Answer.OPEN
    assert not Signal.objects.filter(partner=bd_mkb_user.partner).exists()


def test_an_address_cannot_be_answered_twice(info_request, client_for, bd_mkb_user):
    client = client_for(bd_mkb_user)
    answer(client, item_for(info_request), has_information="ja", category="belastingfraude",
           grounds="Omzet past niet bij het woonadres")

    response = answer(client, item_for(info_request), has_information="nee")

    assert "Dit adres is al beantwoord." in page(response)
    assert item_for(info_request).answer == RequestedAddress.Answer.SIGNAL
    assert Signal.objects.filter(partner=bd_mkb_user.partner).count() == 1


def test_the_projectleider_cannot_answer_for_the_partner(info_request, client_for, projectleider):
    response = answer(client_for(projectleider), item_for(info_request), has_information="ja",
                      category="belastingfraude", grounds="Omzet past niet bij het woonadres")

    assert "Alleen de gevraagde partner kan dit verzoek beantwoorden." in page(response)
    assert item_for(info_request).answer == RequestedAddress.Answer.OPEN


def test_another_partner_gets_404_when_answering(info_request, client_for, uwv_user):
    response = client_for(uwv_user).post(
        reverse("signals:request_answer", args=[item_for(info_request).pk]),
        {"has_information": "nee"})

    assert response.status_code == 404
    assert item_for(info_request).answer == RequestedAddress.Answer.OPEN


def test_requests_can_be_answered_at_the_casustafel_but_not_after(
    info_request, client_for, bd_mkb_user, projectleider
):
    client = client_for(bd_mkb_user)
    lifecycle.advance(info_request.project, projectleider, "Intake gesloten")
    answer(client, item_for(info_request), has_information="nee")
    closing.close_case_table(info_request.project, projectleider, "Naar uitvoering")

    response = answer(client, item_for(info_request, "8011WR-2--"), has_information="nee")

    assert item_for(info_request).answer == RequestedAddress.Answer.NO_INFORMATION
    assert "kan niet meer worden beantwoord" in page(response)
    assert item_for(info_request, "8011WR-2--").answer == RequestedAddress.Answer.OPEN
