"""Who sees which signals (domain.md section 7): a partner sees only its own signals, the
projectleider of the project sees all of them, everyone else gets a 404 on every signal URL.

The URL list is taken from ``signals.urls``: a new signal URL that is not listed here makes
``test_every_signal_url_is_checked`` fail.
"""
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import AccessLogEntry, User
from signals import information_requests, urls
from signals.models import InformationRequest, RequestedAddress, Signal, Upload
from tests.factories import UserFactory
from tests.signals.conftest import csv_bytes, signal_row

pytestmark = pytest.mark.usefixtures("signals_delivered", "other_project_built")

# Downloading the empty template shows no personal data: any logged-in user may have it.
OPEN_TO_EVERY_USER = {"template"}


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    data: dict | None = None

    def __call__(self, client):
        if self.method == "get":
            return client.get(self.path)
        data = dict(self.data or {})
        if self.name == "deliver":
            data["file"] = SimpleUploadedFile("signalen.csv", csv_bytes([signal_row(huisnummer="77")]))
        return client.post(self.path, data)


@pytest.fixture
def info_request(world, projectleider, bd_mkb):
    """The projectleider asked BD-MKB about the address of UWV's first signal."""
    return information_requests.create_request(
        world.project, projectleider, partner=bd_mkb,
        address_keys=[world.uwv_signals[0].address_key], message="Graag voor de casustafel",
    )


@pytest.fixture
def calls(world, info_request, bd_mkb) -> list[Call]:
    """Every signal URL, pointing at the project and at objects of UWV (and the request to
    BD-MKB), with the method and data a user would send."""
    project, signal, upload = world.project, world.uwv_signals[0], world.uwv_upload
    item = info_request.addresses.get()
    return [
        Call("list", "get", reverse("signals:list", args=[project.pk])),
        Call("list", "get", reverse("signals:list", args=[project.pk]) + "?status=actief"),
        Call("export", "get", reverse("signals:export", args=[project.pk, "csv"])),
        Call("export", "get", reverse("signals:export", args=[project.pk, "xlsx"])),
        Call("deliver", "get", reverse("signals:deliver", args=[project.pk])),
        Call("deliver", "post", reverse("signals:deliver", args=[project.pk])),
        Call("enter", "post", reverse("signals:enter", args=[project.pk]),
             signal_row(huisnummer="78")),
        Call("requests", "get", reverse("signals:requests", args=[project.pk])),
        Call("requests", "post", reverse("signals:requests", args=[project.pk]),
             {"partner": bd_mkb.pk, "addresses": [signal.address_key], "message": "nog een"}),
        Call("detail", "get", reverse("signals:detail", args=[signal.pk])),
        Call("withdraw", "post", reverse("signals:withdraw", args=[signal.pk]),
             {"reason": "Onterecht"}),
        Call("upload_detail", "get", reverse("signals:upload_detail", args=[upload.pk])),
        Call("upload_status", "get", reverse("signals:upload_status", args=[upload.pk])),
        Call("request_detail", "get", reverse("signals:request_detail", args=[info_request.pk])),
        Call("request_answer", "post", reverse("signals:request_answer", args=[item.pk]),
             {"has_information": "ja", "category": "belastingfraude",
              "grounds": "Omzet past niet bij het adres"}),
    ]


# Object URLs: these name one signal, upload or request, and so also refuse other partners.
OBJECT_URLS = {"detail", "withdraw", "upload_detail", "upload_status", "request_detail",
               "request_answer"}


def snapshot():
    return {
        "signals": sorted(Signal.objects.values_list("pk", "status", "partner_id")),
        "uploads": Upload.objects.count(),
        "requests": InformationRequest.objects.count(),
        "answers": sorted(RequestedAddress.objects.values_list("pk", "answer")),
        "allowed log entries": AccessLogEntry.objects.filter(result="toegestaan").count(),
    }


def not_404(client, calls) -> list[tuple[str, str, int]]:
    answers = [(call.name, call.method, call(client).status_code) for call in calls]
    return [answer for answer in answers if answer[2] != 404]


def test_every_signal_url_is_checked(calls):
    names = {pattern.name for pattern in urls.urlpatterns}

    assert names == {call.name for call in calls} | OPEN_TO_EVERY_USER


@pytest.mark.parametrize("outsider", [
    "steering_member", "coordinator", "privacy_officer", "ind_user", "other_projectleider",
])
def test_everyone_outside_the_project_gets_404_on_every_signal_url(
    request, client_for, calls, outsider
):
    user = request.getfixturevalue(outsider)
    before = snapshot()

    assert not_404(client_for(user), calls) == []
    assert snapshot() == before


@pytest.mark.parametrize("other_partner", ["svb_user", "bd_mkb_user"])
def test_another_partner_in_the_project_gets_404_on_uwvs_signal_upload_and_request(
    request, client_for, calls, other_partner
):
    user = request.getfixturevalue(other_partner)
    object_calls = [call for call in calls if call.name in OBJECT_URLS]
    if other_partner == "bd_mkb_user":  # the request is addressed to BD-MKB: that is theirs
        object_calls = [c for c in object_calls if not c.name.startswith("request_")]
    before = snapshot()

    assert not_404(client_for(user), object_calls) == []
    assert snapshot() == before


def test_another_participating_partner_gets_404_on_a_request_to_bd_mkb(client_for, calls, svb_user):
    request_calls = [call for call in calls if call.name in ("request_detail", "request_answer")]

    assert not_404(client_for(svb_user), request_calls) == []
    assert RequestedAddress.objects.get().answer == RequestedAddress.Answer.OPEN


def test_anonymous_visitor_is_sent_to_the_login_page_from_every_url(client, calls):
    everything = calls + [Call("template", "get", reverse("signals:template", args=["csv"]))]
    before = snapshot()

    for call in everything:
        response = call(client)
        assert response.status_code == 302, call
        assert response["Location"].startswith(reverse("login") + "?next="), call
    assert snapshot() == before


def test_a_user_with_a_global_view_permission_still_sees_no_signal(client_for, calls, ind_user):
    ind_user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="signals", codename__startswith="view_"))
    ind_user.is_staff = ind_user.is_superuser = True
    ind_user.save()
    ind_user = User.objects.get(pk=ind_user.pk)

    assert ind_user.has_perm("signals.view_signal")
    assert not Signal.objects.visible_to(ind_user).exists()
    assert not_404(client_for(ind_user), calls) == []


# --- what the pages show ---------------------------------------------------------------

def listed(client, project, query="") -> set[str]:
    response = client.get(reverse("signals:list", args=[project.pk]) + query)
    assert response.status_code == 200
    return {signal.reference for signal in response.context["page"].object_list}


def test_partner_sees_only_its_own_signals_in_the_list(world, client_for, uwv_user, svb_user):
    assert listed(client_for(uwv_user), world.project) == {"UWV-1", "UWV-2", "UWV-3"}
    assert listed(client_for(svb_user), world.project) == {"SVB-1", "SVB-9"}
    page = client_for(svb_user).get(reverse("signals:list", args=[world.project.pk])).content.decode()
    assert "UWV-1" not in page and "SVB-9" in page
    assert "U ziet alleen de signalen die uw eigen organisatie heeft aangeleverd" in page


def test_partner_filtering_on_another_partners_upload_sees_nothing(world, client_for, uwv_user):
    assert listed(client_for(uwv_user), world.project, f"?upload={world.svb_upload.pk}") == set()
    assert listed(client_for(uwv_user), world.project, f"?upload={world.uwv_upload.pk}") == {
        "UWV-1", "UWV-2", "UWV-3"}


def test_partner_filters_its_signals_by_category_postcode_status_and_text(
    world, client_for, uwv_user, categories
):
    client = client_for(uwv_user)
    adres = categories["adresfraude"].pk

    assert listed(client, world.project, f"?category={adres}") == {"UWV-2"}
    assert listed(client, world.project, "?postcode=8011 wr") == {"UWV-1", "UWV-2", "UWV-3"}
    assert listed(client, world.project, "?postcode=8012") == set()
    assert listed(client, world.project, "?status=ingetrokken") == set()
    assert listed(client, world.project, "?q=UWV-3") == {"UWV-3"}


def test_partner_opens_its_own_signal(world, client_for, uwv_user):
    signal = world.uwv_signals[0]

    response = client_for(uwv_user).get(reverse("signals:detail", args=[signal.pk]))

    assert response.status_code == 200
    assert signal.grounds in response.content.decode()


def test_projectleider_sees_every_signal_of_the_project(world, client_for, projectleider):
    client = client_for(projectleider)

    assert listed(client, world.project) == {"UWV-1", "UWV-2", "UWV-3", "SVB-1", "SVB-9"}
    page = client.get(reverse("signals:list", args=[world.project.pk])).content.decode()
    assert "Alle signalen van dit project" in page
    for signal in world.uwv_signals + world.svb_signals:
        assert client.get(reverse("signals:detail", args=[signal.pk])).status_code == 200
    assert client.get(reverse("signals:upload_detail", args=[world.svb_upload.pk])).status_code == 200


def test_projectleider_of_another_project_sees_only_that_project(
    world, other_project, other_projectleider, client_for
):
    client = client_for(other_projectleider)

    assert listed(client, other_project) == set()
    assert client.get(reverse("signals:list", args=[world.project.pk])).status_code == 404


# --- the one queryset every view uses --------------------------------------------------

def test_visible_to_gives_each_partner_its_own_signals(world, uwv_user, svb_user):
    assert set(Signal.objects.visible_to(uwv_user)) == set(world.uwv_signals)
    assert set(Signal.objects.visible_to(svb_user)) == set(world.svb_signals)
    assert set(Upload.objects.visible_to(uwv_user)) == {world.uwv_upload}


def test_visible_to_gives_the_projectleider_the_whole_project(world, projectleider, other_project):
    assert set(Signal.objects.visible_to(projectleider)) == set(world.uwv_signals + world.svb_signals)
    assert set(Upload.objects.visible_to(projectleider)) == {world.uwv_upload, world.svb_upload}


@pytest.mark.parametrize("outsider", [
    "steering_member", "coordinator", "privacy_officer", "ind_user", "other_projectleider",
])
def test_visible_to_gives_outsiders_nothing(world, info_request, request, outsider):
    user = request.getfixturevalue(outsider)

    assert not Signal.objects.visible_to(user).exists()
    assert not Upload.objects.visible_to(user).exists()
    assert not InformationRequest.objects.visible_to(user).exists()


def test_visible_to_gives_anonymous_and_deactivated_users_nothing(world, uwv_user):
    from django.contrib.auth.models import AnonymousUser

    uwv_user.is_active = False
    uwv_user.save()

    assert not Signal.objects.visible_to(AnonymousUser()).exists()
    assert not Signal.objects.visible_to(User.objects.get(pk=uwv_user.pk)).exists()


def test_a_new_colleague_of_the_partner_sees_the_partners_signals(world):
    colleague = UserFactory(partner=world.uwv_signals[0].partner)

    assert set(Signal.objects.visible_to(colleague)) == set(world.uwv_signals)


def test_information_requests_are_visible_to_the_asked_partner_and_the_projectleider(
    info_request, bd_mkb_user, projectleider, uwv_user, svb_user
):
    assert list(InformationRequest.objects.visible_to(bd_mkb_user)) == [info_request]
    assert list(InformationRequest.objects.visible_to(projectleider)) == [info_request]
    assert not InformationRequest.objects.visible_to(uwv_user).exists()
    assert not InformationRequest.objects.visible_to(svb_user).exists()
