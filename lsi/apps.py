from django.contrib.admin import apps as admin_apps


class LsiAdminConfig(admin_apps.AdminConfig):
    """The Django admin, on our admin site (staff only; everyone else gets a 404)."""

    default = False
    default_site = "lsi.admin.LsiAdminSite"
