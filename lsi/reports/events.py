"""Access-log events of reports: each named once, here (``accesslog.event``)."""

from projects import accesslog

SUBJECT_ACCESS_VIEW = accesslog.event("inzage.bekijken", "Inzageverzoek bekeken")
SUBJECT_ACCESS_DOWNLOAD = accesslog.event("inzage.download", "Inzage-PDF gedownload")
ANNEX_VIEW = accesslog.event("rapportage.bijlage.bekijken", "Bijlage met adressen bekeken")
ANNEX_DOWNLOAD = accesslog.event("rapportage.bijlage.download", "Bijlage met adressen gedownload")
