"""The one place that decides which reports a user may see, request and download.

Voortgangsrapportage and verwerkingsregister: whoever sees the project (the privacy officer the
register only). Bijlage met adressen: the projectleider only. Stuurgroep-overzicht: the
stuurgroep and the coördinator. Inzage (art. 15 AVG): the privacy officer only.

The voortgangsrapportage holds the plan's warnings (a quarter's load over a partner's pledge, no
pledge, a suspension: each about one partner's business) only for whoever sees the whole plan
(``projects.roles.sees_whole_plan``); its PDF is made in that version for them alone, and in
the version without warnings for the report's other readers.
"""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Project
from projects.roles import is_lead, sees_whole_plan


class ReportKind(models.TextChoices):
    PROJECT = "voortgang", gettext_lazy("Voortgangsrapportage")
    ANNEX = "bijlage", gettext_lazy("Bijlage met adressen")
    STEERING = "stuurgroep", gettext_lazy("Stuurgroep-overzicht")
    SUBJECT_ACCESS = "inzage", gettext_lazy("Inzage (art. 15 AVG)")
    REGISTER = "register", gettext_lazy("Verwerkingsregister")


def _sees(user, project) -> bool:
    return project is not None and Project.objects.visible_to(user).filter(pk=project.pk).exists()


# Per kind of report: may this user have it (of this project, for the kinds about one project)?
AUDIENCE = {
    ReportKind.PROJECT: lambda user, project: not user.is_privacy_officer and _sees(user, project),
    ReportKind.REGISTER: lambda user, project: _sees(user, project),
    ReportKind.ANNEX: lambda user, project: project is not None and is_lead(user, project),
    ReportKind.STEERING: lambda user, project: user.steers_programme,
    ReportKind.SUBJECT_ACCESS: lambda user, project: user.is_privacy_officer,
}


def report_problem(user, kind: str, project=None) -> str | None:
    """Why this user may not see or request report ``kind`` (of ``project``), or None."""
    allowed = AUDIENCE.get(kind)
    if not (user.is_authenticated and user.is_active and allowed and allowed(user, project)):
        return _("U kunt deze rapportage niet aanvragen.")
    return None


def with_plan_warnings(user, project) -> bool:
    """Does this user's voortgangsrapportage of ``project`` hold the plan's warnings?"""
    return sees_whole_plan(user, project)


def _whole_plan_projects(user):
    """The projects whose whole plan ``user`` sees, as a queryset (``sees_whole_plan``)."""
    if user.steers_programme or user.is_coordinator:
        return Project.objects.visible_to(user)
    return Project.objects.led_by(user)


class ReportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The report jobs (and so the files) of the reports ``report_problem`` allows the user:
        the same audience per kind, as one filter."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        visible = Project.objects.visible_to(user)
        q = Q(kind=ReportKind.REGISTER, project__in=visible)
        q |= Q(kind=ReportKind.ANNEX, project__in=Project.objects.led_by(user))
        if user.is_privacy_officer:
            q |= Q(kind=ReportKind.SUBJECT_ACCESS)
        else:
            q |= Q(kind=ReportKind.PROJECT, whole_plan=False, project__in=visible)
            q |= Q(kind=ReportKind.PROJECT, whole_plan=True, project__in=_whole_plan_projects(user))
        if user.steers_programme:
            q |= Q(kind=ReportKind.STEERING)
        return self.filter(q)
