"""Who sees which API clients, and which projects a client may reach."""
from django.db import models

from signals.querysets import delivering_project_ids


class ApiClientQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The coördinator manages every API client; nobody else sees any."""
        if not (user.is_authenticated and user.is_active and user.is_coordinator):
            return self.none()
        return self


def client_project_ids(client) -> set[int]:
    """The projects the client reaches: those its partner takes part in (the grants of its
    service user, as for every user of the partner), narrowed to the client's own list when
    the coördinator gave one."""
    taking_part = delivering_project_ids(client.user)
    chosen = set(client.projects.values_list("pk", flat=True))
    return taking_part & chosen if chosen else taking_part


def client_participations(client):
    """What the client may deliver: its partner's participation in each project it reaches,
    with the agreed categories (the coördinator's page shows them)."""
    from projects.models import Participation

    return (Participation.objects.filter(partner=client.partner, project__in=client_project_ids(client))
            .select_related("project").prefetch_related("categories").order_by("project__name"))
