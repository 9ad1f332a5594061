"""The one place that decides which projects a user may see, from the user's project grants."""
import functools
from typing import NamedTuple

from django.db import connection, models

LEAD = "projects.lead_project"
TAKE_PART = "projects.take_part_in_project"
_LEAD_CODENAME = LEAD.split(".")[1]
_TAKE_PART_CODENAME = TAKE_PART.split(".")[1]


class Grants(NamedTuple):
    """The project grants of one user: ``led`` (projectleider, a grant to the user itself) and
    ``taking_part`` (the user's partner takes part: a grant to the partner's group)."""

    led: frozenset
    taking_part: frozenset


NO_GRANTS = Grants(frozenset(), frozenset())
_grants_version = 0


def grants_changed() -> None:
    """A grant or a group membership changed: grants remembered on user objects are stale.
    Called by ``receivers.py`` (guardian writes the grant rows; ``plans`` writes them row by
    row, so a bulk write would bypass this)."""
    global _grants_version
    _grants_version += 1


def _project_content_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_by_natural_key("projects", "project").pk  # cached by Django


@functools.cache
def _grants_sql() -> str:
    """Both grant tables in one statement, written out: it runs on every request, and this
    is a fraction of the cost of building the same query with the ORM each time."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from guardian.models import GroupObjectPermission, UserObjectPermission

    User = get_user_model()

    permission = Permission._meta.db_table
    return f"""
        SELECT o.object_pk, p.codename FROM {UserObjectPermission._meta.db_table} o
          JOIN {permission} p ON p.id = o.permission_id AND p.content_type_id = o.content_type_id
         WHERE o.user_id = %(user)s AND o.content_type_id = %(content_type)s
           AND p.codename IN (%(lead)s, %(take_part)s)
        UNION ALL
        SELECT o.object_pk, p.codename FROM {GroupObjectPermission._meta.db_table} o
          JOIN {permission} p ON p.id = o.permission_id AND p.content_type_id = o.content_type_id
          JOIN {User.groups.through._meta.db_table} m ON m.group_id = o.group_id
         WHERE m.user_id = %(user)s AND o.content_type_id = %(content_type)s
           AND p.codename = %(take_part)s
    """


def project_grants(user) -> Grants:
    """The projects ``user`` leads and the projects the user's partner takes part in.

    The rule for both (django-guardian object permissions on the project): only an active
    partner user holds grants; leading is a grant to the user, never through a group or a
    global or superuser permission; taking part is a grant to the partner's group (or to the
    user). One query, remembered on the user object until a grant changes, so a request asks
    the grant tables once, however many checks it makes."""
    if not user.is_authenticated or not user.is_active or not user.is_partner_user:
        return NO_GRANTS
    # getattr/setattr, not the instance's __dict__: ``request.user`` is a lazy object whose own
    # __dict__ is not the user's, so the template's ``user`` (the same lazy object) and a model
    # method (the user itself) would each read the grants.
    cached = getattr(user, "_lsi_grants", None)
    if cached is not None and cached[0] == _grants_version:
        return cached[1]
    version = _grants_version
    found = {"led": set(), "taking_part": set()}
    with connection.cursor() as cursor:
        cursor.execute(_grants_sql(), {
            "user": user.pk, "content_type": _project_content_type_id(),
            "lead": _LEAD_CODENAME, "take_part": _TAKE_PART_CODENAME,
        })
        for object_pk, codename in cursor.fetchall():
            found["led" if codename == _LEAD_CODENAME else "taking_part"].add(int(object_pk))
    grants = Grants(frozenset(found["led"]), frozenset(found["taking_part"]))
    user._lsi_grants = (version, grants)
    return grants


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Projects the user may see: all for coördinator, stuurgroep and privacy officer;
        otherwise those they lead, those their partner takes part in, and those their
        partner initiated."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_projects:
            return self
        grants = project_grants(user)
        return self.filter(
            models.Q(pk__in=grants.led | grants.taking_part) | models.Q(initiator_id=user.partner_id)
        )

    def led_by(self, user):
        """Projects where the user is projectleider."""
        led = project_grants(user).led
        return self.filter(pk__in=led) if led else self.none()


class AccessLogQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the functionaris gegevensbescherming reads the access log."""
        if not user.is_authenticated or not user.is_active or not user.is_privacy_officer:
            return self.none()
        return self
