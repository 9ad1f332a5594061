"""The one place that decides which reports a user may see, request and download.

Voortgangsrapportage and verwerkingsregister: whoever sees the project (the privacy officer the
register only). Bijlage met adressen: the projectleider only. Stuurgroep-overzicht: the
stuurgroep and the coördinator. Inzage (art. 15 AVG): the privacy officer only.
"""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from projects.models import Project
from projects.roles import is_lead


def _sees(user, project) -> bool:
    return project is not None and Project.objects.visible_to(user).filter(pk=project.pk).exists()


# Per kind of report: may this user have it (of this project, for the kinds about one project)?
AUDIENCE = {
    "voortgang": lambda user, project: not user.is_privacy_officer and _sees(user, project),
    "register": lambda user, project: _sees(user, project),
    "bijlage": lambda user, project: project is not None and is_lead(user, project),
    "stuurgroep": lambda user, project: user.steers_programme,
    "inzage": lambda user, project: user.is_privacy_officer,
}


def report_problem(user, kind: str, project=None) -> str | None:
    """Why this user may not see or request report ``kind`` (of ``project``), or None."""
    allowed = AUDIENCE.get(kind)
    if not (user.is_authenticated and user.is_active and allowed and allowed(user, project)):
        return _("U kunt deze rapportage niet aanvragen.")
    return None


class ReportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The report jobs (and so the files) of the reports ``report_problem`` allows the user:
        the same audience per kind, as one filter."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        visible = Project.objects.visible_to(user)
        q = Q(kind="register", project__in=visible)
        q |= Q(kind="bijlage", project__in=Project.objects.led_by(user))
        if user.is_privacy_officer:
            q |= Q(kind="inzage")
        else:
            q |= Q(kind="voortgang", project__in=visible)
        if user.steers_programme:
            q |= Q(kind="stuurgroep")
        return self.filter(q)
