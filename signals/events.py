"""Access-log events of the signal intake: each named once, here (``accesslog.event``)."""
from django.utils.translation import gettext_lazy as _

from projects import accesslog

UPLOAD_VIEW = accesslog.event("aanlevering.bekijken", _("Aanlevering bekeken"))
REQUEST_VIEW = accesslog.event("informatieverzoek.bekijken", _("Informatieverzoek bekeken"))
REQUEST_LIST = accesslog.event("informatieverzoeken.lijst", _("Lijst van informatieverzoeken bekeken"))
SIGNAL_VIEW = accesslog.event("signaal.bekijken", _("Signaal bekeken"))
SIGNAL_EXPORT = accesslog.event("signalen.export", _("Signalen geëxporteerd"))
SIGNAL_LIST = accesslog.event("signalen.lijst", _("Lijst van signalen bekeken"))
