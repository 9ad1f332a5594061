from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public register of projects: what a projectleider published, for everyone."""

    name = "lsi.public"
    label = "public"
    verbose_name = _("Openbaar register")
