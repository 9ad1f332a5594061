"""The one place that decides which signals, uploads and information requests a user sees.

A partner's users see only their own partner's signals, in projects
their partner takes part in; the projectleider sees all signals of the project; nobody
else sees any. Decided from the project grants (django-guardian) plus the partner FK.
"""
from django.db import models
from django.db.models import Q

from projects.querysets import project_grants


def scope_q(user) -> Q | None:
    """The filter for rows with ``project`` and ``partner`` the user may see, or None."""
    led, taking_part = project_grants(user)
    if not led and not taking_part:
        return None
    return Q(project_id__in=led) | Q(project_id__in=taking_part, partner_id=user.partner_id)


class _ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        q = scope_q(user)
        return self.none() if q is None else self.filter(q)


class SignalQuerySet(_ScopedQuerySet):
    def visible_in(self, user, project_id: int):
        """``visible_to`` for one project, as one simple filter the index can serve:
        all signals for its projectleider, the partner's own for a participating partner."""
        grants = project_grants(user)
        if project_id in grants.led:
            return self.filter(project_id=project_id)
        if project_id in grants.taking_part:
            return self.filter(project_id=project_id, partner_id=user.partner_id)
        return self.none()

    def active(self):
        return self.filter(status=self.model.Status.ACTIVE)


class AddressOverlapQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The overlap per address (verwonderadressen): the projectleider of the project only."""
        led = project_grants(user).led
        return self.filter(project_id__in=led) if led else self.none()


class UploadQuerySet(_ScopedQuerySet):
    pass


class InformationRequestQuerySet(_ScopedQuerySet):
    """A request is addressed to one partner: its users see it; so does the projectleider."""


def signal_project_ids(user) -> set[int]:
    """Projects in which the user sees signals at all: those they lead, those their partner
    takes part in. Every other project's signal pages answer 404."""
    grants = project_grants(user)
    return set(grants.led | grants.taking_part)


def delivering_project_ids(user) -> set[int]:
    """Projects in which the user's own partner takes part (and so may deliver or answer)."""
    return set(project_grants(user).taking_part)
