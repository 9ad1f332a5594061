from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """The LSI as a programme: the uitvoeringsagenda (themes, targets per year, risks) and its
    progress computed from the projects; the themes of projects; the VNG-adviser's view of the
    gebiedsgerichte plans; the interesseverkenning before a partner joins a plan."""

    name = "lsi.agenda"
    label = "agenda"
    verbose_name = _("Uitvoeringsagenda")

    def ready(self):
        # The stuurgroep report shows the agenda's progress and the lead times (its own section).
        from lsi.reports import sections

        from .report import TEMPLATE, steering_figures

        sections.register_steering(sections.Section("agenda", TEMPLATE, steering_figures))
