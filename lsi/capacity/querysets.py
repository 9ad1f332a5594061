"""The one place that scopes capacity reads to a user.

Pledges: a partner's users see their own partner's; the stuurgroep and the coördinator see all;
nobody else any (a projectleider sees only, for the partners of a project, the free capacity in
the project's period: a figure from ``figures.free_for_project``, never a pledge row).
Suspensions: the stuurgroep and the coördinator see all, a partner's users their own partner's.
"""
from django.db import models
from django.utils.translation import gettext as _

from projects.roles import sees_whole_plan


def partner_scope(user):
    """The partner ids whose capacity ``user`` may see, or None for all of them."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.steers_programme:
        return None
    if user.is_partner_user:
        return {user.partner_id}
    return set()


class PledgeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoped(self, user)


def scoped(rows, user):
    """``rows`` with a partner (pledges, suspensions, their history rows) narrowed to the
    partners ``user`` may see."""
    scope = partner_scope(user)
    return rows if scope is None else rows.filter(partner_id__in=scope)


class SuspensionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoped(self, user)


def plan_problem(user, project) -> str | None:
    """Why this user may not see the free capacity of a plan's partners, or None: the
    projectleider (and the coördinator) of the plan, and the stuurgroep."""
    if sees_whole_plan(user, project):
        return None
    return _("Alleen de projectleider, de coördinator en de stuurgroep zien de vrije capaciteit.")
