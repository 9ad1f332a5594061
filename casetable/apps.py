from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasetableConfig(AppConfig):
    name = "casetable"
    verbose_name = _("Casustafel")

    def ready(self):
        # The casustafel closes its own phases, after its own checks (closing.EXITS).
        from projects.phases import register_exit

        from .closing import EXITS

        for phase, exit_rule in EXITS.items():
            register_exit(phase, exit_rule)
        # The reminder of an outcome still open (outcomes.remind_open_outcomes).
        from django.utils.translation import gettext_lazy as _

        from projects import notifications

        notifications.KINDS.setdefault("outcome_due", notifications.Kind(_("Uitkomst nog niet vastgelegd")))
        # The result of a control whose planned date has come (controls.remind_due_results): an
        # assignment cannot be switched off, nor can its reminder (only moved to the digest).
        notifications.KINDS.setdefault("assignment_result_due", notifications.Kind(
            _("Uitkomst van een controleopdracht verwacht"), mandatory=True))
