"""The one place that decides which projects a user may see (domain.md section 7)."""
from django.db import models
from guardian.shortcuts import get_objects_for_user

LEAD = "projects.lead_project"
TAKE_PART = "projects.take_part_in_project"
ALL_PROJECTS_ROLES = {"coordinator", "stuurgroep", "fg"}


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Projects the user may see: all for coördinator, stuurgroep and privacy officer;
        otherwise those they lead, those their partner takes part in, and those their
        partner initiated."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in ALL_PROJECTS_ROLES:
            return self
        granted = get_objects_for_user(
            user, [LEAD, TAKE_PART], klass=self.model.objects.all(), any_perm=True,
            with_superuser=False, accept_global_perms=False,
        )
        return self.filter(
            models.Q(pk__in=granted.values("pk")) | models.Q(initiator_id=user.partner_id)
        )

    def led_by(self, user):
        """Projects where the user is projectleider."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        granted = get_objects_for_user(
            user, LEAD, klass=self.model.objects.all(), with_superuser=False,
            accept_global_perms=False, use_groups=False,
        )
        return self.filter(pk__in=granted.values("pk"))


class AccessLogQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the functionaris gegevensbescherming reads the access log."""
        if not user.is_authenticated or not user.is_active or user.role != "fg":
            return self.none()
        return self
