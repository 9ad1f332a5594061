from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasetableConfig(AppConfig):
    name = "casetable"
    verbose_name = _("Casustafel")
