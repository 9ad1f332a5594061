"""The debriefing: the interventions the projectleider records per address after the controls.

An intervention is zero or more of: handhavingstraject (by a partner taking part), correctie BRP,
hulp bij niet-gebruik, geen, anders (with a description). "Geen" excludes the others. A
zorgmelding is *not* an intervention row: it is a ``CareReferral``, stored apart, visible only to
the projectleider and the gemeente of the project, and never checked against or mixed with the
enforcement interventions.

Only the projectleider, in phase uitvoering, for an address whose decision is an action and whose
controls all have a result.
"""
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.history import delete_with, save_with
from projects.phases import Phase

from .errors import CaseTableError
from .models import Assignment, CareReferral, CaseItem, Intervention
from .rules import lock_project, require_lead, require_taking_part

Kind = Intervention.Kind


def _ready_for_debriefing(item: CaseItem, by) -> CaseItem:
    project = lock_project(item.project)
    require_lead(project, by)
    item = CaseItem.objects.select_for_update(of=("self",)).select_related("decision").get(pk=item.pk)
    item.project = project
    if project.phase != Phase.EXECUTION:
        raise CaseTableError(_("De debriefing wordt vastgelegd in de fase uitvoering; het project is in "
                               "de fase '%(phase)s'.") % {"phase": project.get_phase_display()})
    if item.decision is None or not item.decision.is_action:
        raise CaseTableError(_("Voor dit adres is geen controle besloten; er is geen debriefing."))
    if Assignment.objects.filter(item=item, status=Assignment.Status.OPEN, result="").exists():
        raise CaseTableError(_("Leg eerst de uitkomst van elke controle op dit adres vast."))
    return item


@transaction.atomic
def add_intervention(item: CaseItem, by, *, kind: str, partner=None, description: str = "") -> Intervention:
    item = _ready_for_debriefing(item, by)
    description = (description or "").strip()
    if kind not in Kind.values:
        raise CaseTableError(_("Kies een interventie."), "kind")
    if kind == Kind.ENFORCEMENT:
        if partner is None:
            raise CaseTableError(_("Kies de partner die het handhavingstraject start."), "partner")
        require_taking_part(item.project, [("partner", partner)])
    elif partner is not None:
        raise CaseTableError(_("Alleen bij een handhavingstraject kiest u een partner."), "partner")
    if kind == Kind.OTHER and not description:
        raise CaseTableError(_("Beschrijf de interventie."), "description")
    existing = list(Intervention.objects.filter(item=item))
    if kind == Kind.NONE and existing:
        raise CaseTableError(_("Er zijn al interventies vastgelegd; 'geen interventie' kan daar niet bij."),
                             "kind")
    if any(i.kind == Kind.NONE for i in existing):
        raise CaseTableError(_("Er is 'geen interventie' vastgelegd. Verwijder die eerst."), "kind")
    if kind != Kind.OTHER and any(i.kind == kind and i.partner_id == getattr(partner, "pk", None)
                                  for i in existing):
        raise CaseTableError(_("Deze interventie is al vastgelegd."), "kind")
    intervention = Intervention(item=item, kind=kind, partner=partner, description=description,
                                recorded_by=by)
    save_with(intervention, by, gettext_noop("Interventie vastgelegd"))
    return intervention


@transaction.atomic
def remove_intervention(intervention: Intervention, by) -> None:
    _ready_for_debriefing(intervention.item, by)
    delete_with(intervention, by, gettext_noop("Interventie verwijderd"))


@transaction.atomic
def add_care_referral(item: CaseItem, by, *, referred_to: str, description: str) -> CareReferral:
    """Record a zorgmelding, apart from the enforcement data."""
    item = _ready_for_debriefing(item, by)
    referred_to, description = (referred_to or "").strip(), (description or "").strip()
    if not referred_to:
        raise CaseTableError(_("Vul in bij wie de zorgmelding is gedaan."), "referred_to")
    if not description:
        raise CaseTableError(_("Beschrijf wat er is gemeld."), "description")
    referral = CareReferral(project=item.project, item=item, address_key=item.address_key,
                            address_display=item.address_display,
                            referred_to=referred_to, description=description, recorded_by=by)
    save_with(referral, by, gettext_noop("Zorgmelding vastgelegd"))
    return referral


@transaction.atomic
def remove_care_referral(referral: CareReferral, by) -> None:
    _ready_for_debriefing(referral.item, by)
    delete_with(referral, by, gettext_noop("Zorgmelding verwijderd"))
