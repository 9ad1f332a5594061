"""Access-log events of the casustafel: each named once, here (``accesslog.event``)."""

from projects import accesslog

FLAGGED_LIST = accesslog.event("verwonderadressen.lijst", "Verwonderadressen bekeken")
AGENDA_VIEW = accesslog.event("casustafel.agenda", "Agenda van de casustafel bekeken")
CASE_TABLE_EXPORT = accesslog.event("casustafel.export", "Casustafel geëxporteerd")
ITEM_VIEW = accesslog.event("agendapunt.bekijken", "Agendapunt bekeken")
ASSIGNMENT_VIEW = accesslog.event("controleopdracht.bekijken", "Controleopdracht bekeken")
ASSIGNMENT_LIST = accesslog.event("controleopdrachten.lijst", "Lijst van controleopdrachten bekeken")
DOSSIER_VIEW = accesslog.event("dossier.bekijken", "Dossier bekeken")
DOSSIER_DOWNLOAD = accesslog.event("dossier.download", "Dossier-PDF gedownload")
DOSSIER_PDF_MADE = accesslog.event("dossier.pdf_maken", "Dossier-PDF gemaakt")
CARE_REFERRAL_LIST = accesslog.event("zorgmeldingen.lijst", "Zorgmeldingen bekeken")
