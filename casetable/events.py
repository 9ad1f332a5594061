"""Access-log events of the casustafel: each named once, here (``accesslog.event``)."""
from django.utils.translation import gettext_lazy as _

from projects import accesslog

FLAGGED_LIST = accesslog.event("verwonderadressen.lijst", _("Verwonderadressen bekeken"))
AGENDA_VIEW = accesslog.event("casustafel.agenda", _("Agenda van de casustafel bekeken"))
CASE_TABLE_EXPORT = accesslog.event("casustafel.export", _("Casustafel geëxporteerd"))
ITEM_VIEW = accesslog.event("agendapunt.bekijken", _("Agendapunt bekeken"))
ASSIGNMENT_VIEW = accesslog.event("controleopdracht.bekijken", _("Controleopdracht bekeken"))
ASSIGNMENT_LIST = accesslog.event("controleopdrachten.lijst", _("Lijst van controleopdrachten bekeken"))
DOSSIER_VIEW = accesslog.event("dossier.bekijken", _("Dossier bekeken"))
DOSSIER_DOWNLOAD = accesslog.event("dossier.download", _("Dossier-PDF gedownload"))
DOSSIER_PDF_MADE = accesslog.event("dossier.pdf_maken", _("Dossier-PDF gemaakt"))
CARE_REFERRAL_LIST = accesslog.event("zorgmeldingen.lijst", _("Zorgmeldingen bekeken"))
OUTCOME_LIST = accesslog.event("uitkomsten.lijst", _("Uitkomsten van interventies bekeken"))
OUTCOME_VIEW = accesslog.event("uitkomst.bekijken", _("Uitkomst van een interventie bekeken"))
CARE_OUTCOME_VIEW = accesslog.event("zorgmelding.uitkomst", _("Uitkomst van een zorgmelding bekeken"))
