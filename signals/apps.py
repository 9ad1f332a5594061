from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self):
        from projects import addressing

        from . import addresses, selectors

        addressing.register(read=addresses.read_key, postcode=addresses.normalise_postcode,
                            display=selectors.address_display)
