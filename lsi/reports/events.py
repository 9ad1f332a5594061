"""Access-log events of reports: each named once, here (``accesslog.event``)."""
from django.utils.translation import gettext_lazy as _

from projects import accesslog

SUBJECT_ACCESS_VIEW = accesslog.event("inzage.bekijken", _("Inzageverzoek bekeken"))
SUBJECT_ACCESS_DOWNLOAD = accesslog.event("inzage.download", _("Inzage-PDF gedownload"))
ANNEX_VIEW = accesslog.event("rapportage.bijlage.bekijken", _("Bijlage met adressen bekeken"))
ANNEX_DOWNLOAD = accesslog.event("rapportage.bijlage.download", _("Bijlage met adressen gedownload"))
