from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class LsiConfig(AppConfig):
    """The top app: reports and views that span all apps."""

    name = "lsi"
    default = True


class LsiAdminConfig(admin_apps.AdminConfig):
    """The Django admin, on our admin site (staff only; everyone else gets a 404)."""

    default = False
    default_site = "lsi.admin.LsiAdminSite"
