"""The project page reads as a view first: the plan, partners and timeline in view; the forms
that are not the step to take now folded; the plan's history folded behind its count."""
import re

from django.urls import reverse

from projects.phases import Phase
from tests.factories import walk


def folded(page: str, heading_id: str) -> bool:
    match = re.search(r'<details class="lsi-step"( open)?>\s*<summary class="lsi-step__summary">'
                      rf'<span class="utrecht-heading-3" id="{heading_id}">', page)
    assert match, heading_id
    return match.group(1) is None


def test_in_concept_adding_partners_is_open_and_the_history_is_folded(project, projectleider, client_for):
    page = client_for(projectleider).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert not folded(page, "participation-form-heading")
    history = page.split('id="history-heading"', 1)[1]
    assert re.match(r'[^<]*</h2>\s*<details class="lsi-details"><summary>\d+ wijziging(en)? tonen</summary>',
                    history.split(">", 1)[1])


def test_in_signalering_the_checkpoint_form_is_folded(project, coordinator, client_for):
    walk(project, Phase.INTAKE, by=coordinator)
    page = client_for(coordinator).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert folded(page, "checkpoint-form-heading")
    assert "Verloop" in page and "Deelnemende partners" in page
