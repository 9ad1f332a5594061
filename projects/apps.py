from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projecten en partners")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import receivers

        post_migrate.connect(receivers.install_append_only_guards, sender=self)
