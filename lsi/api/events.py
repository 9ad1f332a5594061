"""Access-log events of the API: every call of a client, named once here (``accesslog.event``)."""
from django.utils.translation import gettext_lazy as _

from projects import accesslog

PROJECTS = accesslog.event("api.projecten", _("API: projecten bekeken"))
DELIVER = accesslog.event("api.aanlevering", _("API: aanlevering ontvangen"))
BATCH = accesslog.event("api.aanlevering.status", _("API: status van een aanlevering bekeken"))
SIGNALS = accesslog.event("api.signalen.lijst", _("API: lijst van signalen bekeken"))
SIGNAL = accesslog.event("api.signaal.bekijken", _("API: signaal bekeken"))
WITHDRAW = accesslog.event("api.signaal.intrekken", _("API: signaal ingetrokken"))
REQUESTS = accesslog.event("api.verzoeken.lijst", _("API: informatieverzoeken bekeken"))
REQUEST = accesslog.event("api.verzoek.bekijken", _("API: informatieverzoek bekeken"))
ANSWER = accesslog.event("api.verzoek.antwoord", _("API: informatieverzoek beantwoord"))
