"""The project grants of a user (``projects.querysets.project_grants``): the one rule behind
``is_lead``, the signal querysets and the casustafel querysets, read once per request and
never stale after a grant changes."""
from guardian.shortcuts import remove_perm

from casetable.querysets import led_project_ids, taking_part_project_ids
from projects.querysets import LEAD, project_grants
from projects.roles import is_lead
from signals.querysets import delivering_project_ids, signal_project_ids
from tests.factories import PartnerFactory, ProjectFactory, UserFactory, add_partner, make_lead


def test_one_query_answers_every_grant_question_of_a_request(db, django_assert_num_queries):
    lead = UserFactory()
    project = ProjectFactory(initiator=lead.partner)
    make_lead(project, lead)
    add_partner(project, lead.partner)

    with django_assert_num_queries(1):
        assert is_lead(lead, project)
        assert led_project_ids(lead) == [project.pk]
        assert taking_part_project_ids(lead) == [project.pk]
        assert signal_project_ids(lead) == {project.pk}
        assert delivering_project_ids(lead) == {project.pk}
        assert is_lead(lead, project)


def test_a_revoked_projectleider_is_no_longer_one_even_for_the_same_user_object(db):
    lead = UserFactory()
    project = ProjectFactory(initiator=lead.partner)
    make_lead(project, lead)
    assert is_lead(lead, project)

    remove_perm(LEAD, lead, project)

    assert not is_lead(lead, project)
    assert led_project_ids(lead) == []


def test_a_partner_that_joins_a_project_is_seen_taking_part_at_once(db):
    partner = PartnerFactory()
    user = UserFactory(partner=partner)
    project = ProjectFactory()
    assert project_grants(user).taking_part == frozenset()

    add_partner(project, partner)

    assert project_grants(user).taking_part == {project.pk}
    assert project.pk in delivering_project_ids(user)


def test_projectleider_is_a_grant_never_a_superuser_privilege(db):
    admin = UserFactory()
    admin.is_staff = admin.is_superuser = True
    admin.save()
    project = ProjectFactory()

    assert not is_lead(admin, project)
    assert project_grants(admin).led == frozenset()


def test_an_inactive_user_holds_no_grants(db):
    lead = UserFactory()
    project = ProjectFactory(initiator=lead.partner)
    make_lead(project, lead)
    lead.is_active = False

    assert not is_lead(lead, project)
    assert signal_project_ids(lead) == set()


def test_a_lead_grant_to_a_group_does_not_make_a_projectleider(db):
    """Projectleider is a grant to one user; a group (a partner) can only take part."""
    from django.contrib.auth.models import Group
    from guardian.shortcuts import assign_perm

    user = UserFactory()
    group = Group.objects.create(name="groep-met-leidersrecht")
    user.groups.add(group)
    project = ProjectFactory()

    assign_perm(LEAD, group, project)

    assert not is_lead(user, project)
    assert led_project_ids(user) == []
