"""The predicates of the programme: each says why a user may not do something now, or None.
The services refuse on them and the views show or hide their forms from the same call."""
from django.utils.translation import gettext as _

from projects.phases import FINAL, Phase
from projects.roles import can_manage, is_lead

# The phases in which a plan is still being made: a theme can be chosen and partners can be
# asked about their interest.
PLANNING = (Phase.CONCEPT, Phase.SUBMITTED)


def create_problem(user) -> str | None:
    """The coördinator (LSI-secretariaat) drafts the agenda."""
    if not (user.is_authenticated and user.is_active and user.is_coordinator):
        return _("Alleen de coördinator stelt een uitvoeringsagenda op.")
    return None


def edit_problem(user, agenda) -> str | None:
    """The coördinator drafts and, after adoption, amends it (with a reason)."""
    return create_problem(user)


def adopt_problem(user, agenda) -> str | None:
    """A stuurgroep member records the stuurgroep's adoption of a complete concept."""
    if not (user.is_authenticated and user.is_active and user.is_steering):
        return _("Alleen de stuurgroep stelt de uitvoeringsagenda vast.")
    if agenda.is_adopted:
        return _("Deze uitvoeringsagenda is al vastgesteld.")
    if not agenda.themes.exists() or not agenda.targets.exists():
        return _("Een uitvoeringsagenda heeft ten minste één thema en één doel voordat zij kan "
                 "worden vastgesteld.")
    return None


def theme_problem(user, project) -> str | None:
    """The projectleider (or the coördinator) names the project's theme while it runs."""
    if not can_manage(user, project):
        return _("Alleen de projectleider of de coördinator kiest het thema van het project.")
    if project.phase in FINAL:
        return _("Het project is afgesloten; het thema ligt vast.")
    return None


def ask_problem(user, project) -> str | None:
    """The projectleider (or the coördinator) asks partners while the area-based plan is made."""
    if not can_manage(user, project):
        return _("Alleen de projectleider of de coördinator kan partners om een interesseverkenning "
                 "vragen.")
    if project.phase not in PLANNING:
        return _("Een interesseverkenning hoort bij het maken van het plan (concept of ingediend).")
    if not project.is_area_based or not project.area.strip():
        return _("Een interesseverkenning vraagt naar adressen in het gebied: leg eerst het gebied "
                 "(postcodes) van het plan vast.")
    return None


def survey_problem(user, project) -> str | None:
    """Why this user may not follow a plan's interesseverkenning (every partner's answer), or
    None: its projectleider and the programme (coördinator, stuurgroep)."""
    if user.is_authenticated and (is_lead(user, project) or user.steers_programme):
        return None
    return _("Alleen de projectleider en de stuurgroep volgen de interesseverkenning van dit plan.")


def answer_problem(user, question) -> str | None:
    """A user of the partner asked answers for that partner, while the plan is being made."""
    if not (user.is_authenticated and user.is_active and user.is_partner_user
            and user.partner_id == question.partner_id):
        return _("Alleen een medewerker van de gevraagde partner kan deze vraag beantwoorden.")
    if question.project.phase not in PLANNING:
        return _("Het plan is al verder; de interesseverkenning is gesloten.")
    return None


def area_plans_problem(user) -> str | None:
    if not (user.is_authenticated and user.is_active and (user.is_vng_adviser or user.steers_programme)):
        return _("Dit overzicht is voor de VNG-adviseur, de stuurgroep en de coördinator.")
    return None
