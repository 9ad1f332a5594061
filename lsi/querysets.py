"""The one place that decides which report jobs (and so which report files) a user may see.

Voortgangsrapportage: the projectleider, users of participating partners, the stuurgroep and
the coördinator. Bijlage met adressen: the projectleider only. Stuurgroep-overzicht: the
stuurgroep and the coördinator.
"""
from django.db import models
from django.db.models import Q


def may_see_project_report(user, project) -> bool:
    from projects.models import Project

    return not user.is_privacy_officer and Project.objects.visible_to(user).filter(pk=project.pk).exists()


def may_see_steering_report(user) -> bool:
    return user.is_authenticated and user.steers_programme


class ReportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        from projects.models import Project

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_privacy_officer:
            q = Q(kind="inzage") | Q(kind="register", project__in=Project.objects.visible_to(user))
        else:
            q = Q(kind__in=["voortgang", "register"], project__in=Project.objects.visible_to(user))
        q |= Q(kind="bijlage", project__in=Project.objects.led_by(user))
        if may_see_steering_report(user):
            q |= Q(kind="stuurgroep")
        return self.filter(q)
