"""The default purposes of the processing, each with its own legal basis. Installed by a
migration; afterwards the privacy officer maintains them (``purpose_views``)."""
from django.utils import timezone

PURPOSES = [
    ("handhaving", 1, "Handhaving bij meervoudig belang",
     "Gezamenlijke aanpak van onrechtmatig gebruik van uitkeringen, toeslagen en voorzieningen, van "
     "belasting- en premiefraude en van het niet naleven van de arbeidswetten, op adressen waar "
     "meerdere convenantpartners een signaal over hebben.",
     "Artikel 64 Wet SUWI (samenwerkingsverband LSI); artikel 6 lid 1 onder c en e AVG. De "
     "deelnemende partners zijn gezamenlijk verwerkingsverantwoordelijk (artikel 26 AVG).", False, ""),
    ("zorg", 2, "Zorgmelding",
     "Een bewoner met een zorg- of hulpvraag doorverwijzen naar de gemeente (wijkteam), los van de "
     "handhaving.",
     "Niet artikel 64 Wet SUWI: die doelbinding omvat geen zorg of dienstverlening. Eigen wettelijke "
     "taak van de gemeente in het sociaal domein (onder meer de Wet maatschappelijke ondersteuning "
     "2015); artikel 6 lid 1 onder e AVG. Alleen met toestemming van de bewoner doorverwezen.", True, ""),
    ("niet_gebruik", 3, "Hulp bij niet-gebruik",
     "Een bewoner helpen een voorziening aan te vragen waar hij recht op heeft maar geen gebruik van "
     "maakt.",
     "Niet artikel 64 Wet SUWI: die doelbinding omvat geen dienstverlening. Eigen wettelijke taak "
     "van de partner die de voorziening uitvoert; artikel 6 lid 1 onder e AVG.", True, ""),
]




def add_defaults(Purpose=None, History=None) -> None:
    """Add the default purposes that are missing, each with its first history row."""
    if Purpose is None:
        from .models import ProcessingPurpose as Purpose

        History = Purpose.history.model
    for key, order, name, description, basis, further, assessment in PURPOSES:
        values = {"order": order, "name": name, "description": description, "legal_basis": basis,
                  "further_use": further, "compatibility_assessment": assessment}
        purpose, created = Purpose.objects.get_or_create(key=key, defaults=values)
        if created:  # in the history like every later change
            History.objects.create(id=purpose.pk, key=key, **values, history_date=timezone.now(),
                                   history_type="+", history_change_reason="Standaarddoel bij installatie")
