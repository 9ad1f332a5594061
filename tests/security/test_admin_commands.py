"""Setting up and running the portal: createsuperuser with a partner code, retention bounds,
the coördinator's retention form."""
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from projects.models import RETENTION_SELECTED_DAYS, RETENTION_UNSELECTED_DAYS, User
from tests.factories import ProjectFactory


def test_createsuperuser_takes_the_partner_by_its_code(monkeypatch, coordinator):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-admin-passphrase-2026")
    call_command("createsuperuser", "--noinput", username="beheer", email="beheer@example.nl",
                 partner="szw")
    admin = User.objects.get(username="beheer")
    assert admin.is_superuser and admin.partner.code == "SZW"


def test_createsuperuser_names_the_known_codes_for_an_unknown_partner(coordinator):
    with pytest.raises(CommandError, match="Known partner codes: .*SZW"):
        call_command("createsuperuser", "--noinput", username="beheer", email="b@example.nl",
                     partner="XYZ")


@pytest.mark.parametrize("field, value", [
    ("retention_days", 0), ("retention_days", 99_999), ("retention_days", RETENTION_SELECTED_DAYS[0] - 1),
    ("retention_unselected_days", 0), ("retention_unselected_days", RETENTION_UNSELECTED_DAYS[1] + 1),
])
def test_retention_periods_outside_the_agreed_bounds_are_refused(base, field, value):
    project = ProjectFactory()
    setattr(project, field, value)
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    assert field in refused.value.message_dict


@pytest.mark.parametrize("data", [{"project": "abc"}, {"project": "1\x00"}, {},
                                  {"project": "1", "action": "lift"}, {"project": "1", "action": "x"}])
def test_the_retention_form_answers_bad_input_with_a_message_not_a_500(coordinator, data):
    client = Client()
    client.force_login(coordinator)
    response = client.post(reverse("retention:overview"), data, follow=True)
    assert response.status_code == 200
    assert 'class="utrecht-alert utrecht-alert--error" role="alert"' in response.content.decode()
