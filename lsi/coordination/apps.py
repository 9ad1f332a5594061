from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Coordination above projects: the knelpunten register with its escalation levels."""

    name = "lsi.coordination"
    label = "coordination"
    verbose_name = _("Knelpunten")

    def ready(self):
        from projects import notifications

        from . import receivers  # noqa: F401  (a stalled-phase flag opens a knelpunt)

        for kind, label in [("knelpunt_assigned", _("Knelpunt aan u toegewezen")),
                            ("knelpunt_escalated", _("Knelpunt opgeschaald")),
                            ("knelpunt_answered", _("Antwoord op een knelpunt"))]:
            notifications.KINDS.setdefault(kind, notifications.Kind(label))
