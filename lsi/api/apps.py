from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The API for partner systems (/api/v1/): API clients, deliveries, signals, requests."""

    name = "lsi.api"
    label = "api"
    verbose_name = _("API voor partnersystemen")
