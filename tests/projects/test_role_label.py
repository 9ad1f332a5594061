"""The role a user sees beside their name: a partner user who leads a project is shown as
"Projectleider", everywhere the role is shown (header, start page, account page)."""
import pytest
from django.urls import reverse

from projects.models import User
from tests.factories import PartnerFactory, UserFactory, make_lead, project_in_phase


@pytest.fixture
def gemeente(db):
    return PartnerFactory()


def pages_seen_by(client, user) -> list[str]:
    client.force_login(user)
    return [client.get(reverse(name)).content.decode() for name in ("home", "account:mine")]


def test_a_partner_user_who_leads_a_project_is_labelled_projectleider(client, gemeente):
    leader = UserFactory(partner=gemeente)
    make_lead(project_in_phase(), leader)

    pages = pages_seen_by(client, leader)

    assert leader.role_label == "Projectleider"
    for page in pages:
        assert "· Projectleider" in page  # the header
        assert "Medewerker partner" not in page
    assert "<dd>Projectleider</dd>" in pages[1]  # the account page


def test_a_partner_user_who_leads_nothing_stays_medewerker_partner(client, gemeente):
    colleague = UserFactory(partner=gemeente)
    project_in_phase()

    for page in pages_seen_by(client, colleague):
        assert "· Medewerker partner" in page
        assert "Projectleider" not in page


def test_the_coordinator_keeps_the_coordinator_label(client, db):
    coordinator = UserFactory(coordinator=True)

    assert coordinator.role == User.Role.COORDINATOR
    assert "Coördinator (LSI-secretariaat)" in pages_seen_by(client, coordinator)[1]
