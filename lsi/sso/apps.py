from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    """Single sign-on with a partner organisation's own identity provider (OpenID Connect)."""

    name = "lsi.sso"
    label = "sso"
    verbose_name = _("Inloggen via de eigen organisatie")

    def ready(self):
        from projects import notifications

        notifications.KINDS.setdefault(
            "sso_access_request", notifications.Kind(_("Toegangsverzoek via de eigen organisatie")))
