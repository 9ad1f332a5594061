from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Retention periods, the nightly purge of personal data and legal holds."""

    name = "lsi.retention"
    label = "retention"
    verbose_name = _("Bewaartermijnen")
