from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports over projects (voortgang, bijlage, stuurgroep, inzage, verwerkingsregister), made
    as private PDF files by a task."""

    name = "lsi.reports"
    label = "reports"
    verbose_name = _("Rapportages")
