from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """Learning from projects: the evaluation that closes a project, and the lessons register."""

    name = "lsi.learning"
    label = "learning"
    verbose_name = _("Evaluatie en lessen")

    def ready(self):
        # A project leaves afronding only with its evaluation completed (evaluation.EXIT).
        from projects.phases import Phase, register_exit

        from .evaluation import EXIT

        register_exit(Phase.COMPLETION, EXIT)
