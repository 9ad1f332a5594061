"""A KIP study links to the enforcement projects that followed from it; the link shows on both
pages, to the users who see both projects."""
import pytest
from django.urls import reverse

from projects.models import Project
from tests.factories import ProjectFactory, add_partner, make_lead
from tests.projects.test_views import plan_data


@pytest.fixture
def study(projectleider, ind):
    study = ProjectFactory(kip=True, name="KIP-studie arbeidsmigratie Zwolle")
    make_lead(study, projectleider)
    add_partner(study, ind)  # IND took part in the study, not in the project that followed
    return study


def test_the_projectleider_links_the_project_to_the_study_and_both_pages_show_it(
        client_for, projectleider, project, study):
    client = client_for(projectleider)
    response = client.post(reverse("projects:edit", args=[project.pk]),
                           plan_data(kip_study=study.pk), follow=True)
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.kip_study == study
    assert project.history.first().history_user == projectleider

    page = client.get(project.get_absolute_url()).content.decode()
    assert "Voortgekomen uit KIP-studie" in page and study.get_absolute_url() in page
    page = client.get(study.get_absolute_url()).content.decode()
    assert "Projecten die uit deze studie volgden" in page and project.get_absolute_url() in page


def test_a_partner_of_the_study_only_does_not_see_the_project_that_followed(
        client_for, project, study, ind_user):
    project.kip_study = study
    project.save()
    page = client_for(ind_user).get(study.get_absolute_url())
    assert page.status_code == 200
    assert project.name not in page.content.decode()
    assert client_for(ind_user).get(project.get_absolute_url()).status_code == 404


def test_only_a_study_the_user_sees_can_be_chosen_and_a_study_follows_no_study(
        client_for, projectleider, project, study):
    hidden = ProjectFactory(kip=True, name="Een studie van anderen")
    client = client_for(projectleider)
    response = client.post(reverse("projects:edit", args=[project.pk]), plan_data(kip_study=hidden.pk))
    assert response.status_code == 200 and "kip_study" in response.context["form"].errors
    assert "Een studie van anderen" not in response.content.decode()

    response = client.post(reverse("projects:edit", args=[project.pk]),
                           plan_data(project_type="kip", kip_study=study.pk))
    assert "Een KIP-studie volgt niet uit een andere KIP-studie" in response.content.decode()
    project.refresh_from_db()
    assert project.kip_study is None and project.project_type != Project.Type.KIP
