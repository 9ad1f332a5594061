"""Questions about what a user is in a project. Reads only; no writes."""
from django.contrib.auth import get_user_model
from guardian.shortcuts import get_users_with_perms

from .querysets import project_grants


def is_lead(user, project) -> bool:
    """Is the user projectleider of this project (a guardian object permission)? Asked of the
    user's grants, which one request looks up once (``project_grants``)."""
    return project.pk in project_grants(user).led


def can_manage(user, project) -> bool:
    """The projectleider runs the project; the coördinator may act for the secretariaat."""
    return is_lead(user, project) or (user.is_authenticated and user.is_coordinator)


def sees_whole_plan(user, project) -> bool:
    """Whoever runs or steers sees everything about a plan's partners (all its warnings, their
    free capacity); a partner's users see only what concerns their own partner."""
    return user.is_authenticated and (can_manage(user, project) or user.steers_programme)


def taking_part_ids(project) -> set[int]:
    """The partners taking part in the project (their ids)."""
    return set(project.participations.values_list("partner_id", flat=True))


def participation_of(user, project):
    """The participation of the user's partner in the project, or None."""
    if not user.is_authenticated or not user.is_partner_user:
        return None
    return project.participations.filter(partner_id=user.partner_id).first()


def leads_of(project):
    """The projectleiders of the project."""
    users = get_users_with_perms(
        project, only_with_perms_in=["lead_project"], with_group_users=False,
        with_superusers=False,
    )
    return get_user_model().objects.filter(pk__in=[u.pk for u in users]).select_related("partner")
