"""Access-log events of the signal intake: each named once, here (``accesslog.event``)."""

from projects import accesslog

UPLOAD_VIEW = accesslog.event("aanlevering.bekijken", "Aanlevering bekeken")
REQUEST_VIEW = accesslog.event("informatieverzoek.bekijken", "Informatieverzoek bekeken")
REQUEST_LIST = accesslog.event("informatieverzoeken.lijst", "Lijst van informatieverzoeken bekeken")
SIGNAL_VIEW = accesslog.event("signaal.bekijken", "Signaal bekeken")
SIGNAL_EXPORT = accesslog.event("signalen.export", "Signalen geëxporteerd")
SIGNAL_LIST = accesslog.event("signalen.lijst", "Lijst van signalen bekeken")
