"""The verwerkingsregister gives each purpose its own legal basis: art. 64 Wet SUWI covers
enforcement, not care or help with niet-gebruik (which need their own basis and an art. 6 lid 4
AVG assessment). The privacy officer maintains them, with history."""
import pytest
from django.urls import reverse

from lsi.reports.models import ProcessingPurpose
from lsi.reports.purposes import add_defaults


@pytest.fixture(autouse=True)
def defaults(db):
    add_defaults()  # installed by a migration; a transactional test elsewhere may have flushed them


def test_each_purpose_has_its_own_basis_and_care_is_not_art_64_suwi(db):
    bases = {p.key: p.legal_basis for p in ProcessingPurpose.objects.all()}
    assert set(bases) == {"handhaving", "zorg", "niet_gebruik"}
    assert bases["handhaving"].startswith("Artikel 64 Wet SUWI")
    for key in ("zorg", "niet_gebruik"):
        assert bases[key].startswith("Niet artikel 64 Wet SUWI")


def test_the_register_shows_a_basis_per_purpose_and_a_missing_assessment(project, projectleider,
                                                                       client_for):
    body = client_for(projectleider).get(reverse("reports:register", args=[project.pk])).content.decode()
    assert body.count("Niet artikel 64 Wet SUWI") == 2
    assert "Toets ontbreekt: nog vast te leggen door de functionaris gegevensbescherming." in body


def test_the_privacy_officer_records_the_assessment_with_a_reason_in_the_history(privacy_officer,
                                                                               client_for):
    care = ProcessingPurpose.objects.get(key="zorg")
    url = reverse("reports:purpose_edit", args=[care.pk])
    client = client_for(privacy_officer)
    refused = client.post(url, {"name": care.name, "description": care.description,
                                "legal_basis": care.legal_basis, "further_use": "on", "order": 2,
                                "compatibility_assessment": "", "reason": "Toets"})
    assert "Bij verdere verwerking hoort de toets" in refused.content.decode()
    done = client.post(url, {"name": care.name, "description": care.description,
                             "legal_basis": care.legal_basis, "further_use": "on", "order": 2,
                             "compatibility_assessment": "Verenigbaar: zelfde bewoner, met toestemming.",
                             "reason": "DPIA 2026 vastgesteld"})
    assert done.status_code == 302
    care.refresh_from_db()
    assert not care.assessment_missing
    latest = care.history.first()
    assert latest.history_user == privacy_officer and latest.history_change_reason == "DPIA 2026 vastgesteld"


@pytest.mark.parametrize("who", ["projectleider", "coordinator", "uwv_user", "steering_member"])
def test_only_the_privacy_officer_maintains_the_purposes(base, who, client_for):
    client = client_for(getattr(base, who))
    assert client.get(reverse("reports:purposes")).status_code == 404
    purpose = ProcessingPurpose.objects.first()
    assert client.post(reverse("reports:purpose_edit", args=[purpose.pk]), {"name": "x"}).status_code == 404
