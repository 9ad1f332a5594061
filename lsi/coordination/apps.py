from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Coordination above projects: the knelpunten register with its escalation levels."""

    name = "lsi.coordination"
    label = "coordination"
    verbose_name = _("Knelpunten")

    def ready(self):
        from lsi.reports import sections
        from projects import notifications

        from . import receivers  # noqa: F401  (a stalled-phase flag opens a knelpunt)
        from .report import TEMPLATE, steering_figures

        # The stuurgroep report lists the open knelpunten by level and age.
        sections.register_steering(sections.Section("knelpunten", TEMPLATE, steering_figures))

        for kind, label in [("knelpunt_assigned", _("Knelpunt aan u toegewezen")),
                            ("knelpunt_escalated", _("Knelpunt opgeschaald")),
                            ("knelpunt_answered", _("Antwoord op een knelpunt")),
                            ("project_stalled", _("Project staat te lang in een fase"))]:
            notifications.KINDS.setdefault(kind, notifications.Kind(label))
