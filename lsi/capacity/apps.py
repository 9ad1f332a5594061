from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    """Capacity of the LSI as a programme: what each partner pledges, what projects commit,
    what was realised, and partner-wide suspensions."""

    name = "lsi.capacity"
    label = "capacity"
    verbose_name = _("Capaciteit")

    def ready(self):
        from lsi.reports import sections
        from projects import warnings

        from . import figures, report

        warnings.register(figures.plan_warnings)
        sections.register_steering(sections.Section("capacity", report.TEMPLATE, report.steering_figures))
