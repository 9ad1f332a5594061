"""Writing the selection and the agenda: the rule N, exceptions, casustafel sessions and the
addresses on their agenda. One function per user action, each in a transaction, validating
first and recording who did it and why (history).

Only the projectleider, and only while the project is in signalering or casustafel.
"""
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.history import save_with
from projects.models import Partner, Project
from signals import information_requests
from signals.addresses import AddressError, Ambiguous, parse_address
from signals.models import MIN_PARTNERS

from . import selection
from .errors import CaseTableError
from .models import MAX_MIN_PARTNERS, CaseItem, CaseTableSession, CaseTableSettings, ExceptionAddress
from .rules import lock_project, require_deliberation, require_taking_part


@transaction.atomic
def set_rule(project: Project, by, *, min_partners: int) -> CaseTableSettings:
    """The projectleider sets N: how many different partners make an address a verwonderadres."""
    project = lock_project(project)
    require_deliberation(project, by)
    if not MIN_PARTNERS <= min_partners <= MAX_MIN_PARTNERS:
        raise CaseTableError(
            _("Het minimale aantal partners ligt tussen %(min)s en %(max)s: meervoudig belang "
              "betekent ten minste twee partners.") % {"min": MIN_PARTNERS, "max": MAX_MIN_PARTNERS},
            "min_partners")
    settings, _created = CaseTableSettings.objects.get_or_create(project=project)
    settings.min_partners = min_partners
    return save_with(settings, by, f"Selectieregel: minimaal {min_partners} partners")


def address_key_of(postcode: str, huisnummer: str, huisletter: str = "", toevoeging: str = "") -> str:
    """The normalised address key for typed address fields (the signal intake's normaliser)."""
    try:
        parsed = parse_address(postcode, huisnummer, huisletter, toevoeging)
    except AddressError as error:
        raise CaseTableError(error.text.translated(), {"huisnummertoevoeging": "toevoeging"}.get(
            error.field, error.field)) from None
    if isinstance(parsed, Ambiguous):
        raise CaseTableError(parsed.reason, "huisnummer")
    return parsed.key


@transaction.atomic
def add_exception(project: Project, by, *, address_key: str, reason: str) -> ExceptionAddress:
    """Select an address that fewer than N partners signalled, with a written reason."""
    project = lock_project(project)
    require_deliberation(project, by)
    reason = (reason or "").strip()
    if not reason:
        raise CaseTableError(_("Een uitzondering kan alleen met een schriftelijke reden."), "reason")
    partners = selection.address_overlap(project, [address_key]).get(address_key, [])
    if not partners:
        raise CaseTableError(
            _("Op dit adres staat in dit project geen actief signaal; alleen een gesignaleerd adres "
              "kan als uitzondering worden toegevoegd."), "postcode")
    rule = selection.min_partners(project)
    if len(partners) >= rule:
        raise CaseTableError(_("Dit adres is al een verwonderadres; een uitzondering is niet nodig."),
                             "postcode")
    if ExceptionAddress.objects.filter(project=project, address_key=address_key).exists():
        raise CaseTableError(_("Dit adres is al als uitzondering toegevoegd."), "postcode")
    exception = ExceptionAddress(
        project=project, address_key=address_key, partner_count=len(partners), reason=reason,
        address_display=selection.address_display(project, address_key), added_by=by,
    )
    return save_with(exception, by, gettext_noop("Uitzondering toegevoegd"))


def _participating(project: Project, partners) -> list[Partner]:
    partners = list(partners)
    require_taking_part(project, [("present", partner) for partner in partners],
                        _("Kies alleen partners die aan dit project deelnemen."))
    return partners


@transaction.atomic
def create_session(project: Project, by, *, held_on, present=(), notes: str = "") -> CaseTableSession:
    """Plan or record a casustafel: its date and the partners present."""
    project = lock_project(project)
    require_deliberation(project, by)
    partners = _participating(project, present)
    session = save_with(CaseTableSession(project=project, held_on=held_on, notes=(notes or "").strip(),
                                     created_by=by), by, "Casustafel aangemaakt")
    session.present.set(partners)
    return session


@transaction.atomic
def update_session(session: CaseTableSession, by, *, held_on, present=(),
                   notes: str = "") -> CaseTableSession:
    project = lock_project(session.project)
    require_deliberation(project, by)
    partners = _participating(project, present)
    session = CaseTableSession.objects.select_for_update().get(pk=session.pk)
    session.held_on, session.notes = held_on, (notes or "").strip()
    save_with(session, by, gettext_noop("Casustafel gewijzigd"))
    session.present.set(partners)
    return session


@transaction.atomic
def add_items(session: CaseTableSession, by, *, address_keys) -> list[CaseItem]:
    """Put addresses on the agenda: each must be a verwonderadres now (active signals of at least
    N partners) or an exception. The rule, N and the overlap are recorded with every item."""
    project = lock_project(session.project)
    require_deliberation(project, by)
    keys = sorted(set(address_keys))
    if not keys:
        raise CaseTableError(_("Kies een of meer adressen."), "address_keys")
    rule = selection.min_partners(project)
    overlap = selection.address_overlap(project, keys)
    exceptions = {e.address_key: e for e in ExceptionAddress.objects.filter(project=project,
                                                                            address_key__in=keys)}
    refused = [key for key in keys
               if len(overlap.get(key, [])) < rule and key not in exceptions]
    if refused:
        raise CaseTableError(
            _("Deze adressen zijn geen verwonderadres (meer) en geen uitzondering: %(keys)s. "
              "Er is niets op de agenda gezet.") % {"keys": ", ".join(refused)}, "address_keys")
    already = set(session.items.filter(address_key__in=keys).values_list("address_key", flat=True))
    if already:
        raise CaseTableError(
            _("Deze adressen staan al op de agenda van deze casustafel: %(keys)s. Er is niets "
              "toegevoegd.") % {"keys": ", ".join(sorted(already))}, "address_keys")
    codes = dict(Partner.objects.values_list("pk", "code"))
    items = []
    for key in keys:
        partners = overlap.get(key, [])
        exception = exceptions.get(key) if len(partners) < rule else None
        item = CaseItem(
            project=project, session=session, address_key=key,
            address_display=selection.address_display(project, key),
            rule_min_partners=rule, partner_count_at_selection=len(partners),
            partner_codes_at_selection=", ".join(sorted(codes[p] for p in partners)),
            is_exception=exception is not None,
            exception_reason=exception.reason if exception is not None else "",
            added_by=by,
        )
        items.append(save_with(item, by, f"Geagendeerd (regel: minimaal {rule} partners)"))
    return items


def send_information_request(project: Project, by, *, partner: Partner, address_keys, message: str = ""):
    """Ask an on-request partner (Belastingdienst) about selected addresses, through the signal
    intake's own service (which checks that ``by`` leads the project)."""
    return information_requests.create_request(
        project, by, partner=partner, address_keys=list(address_keys), message=message)
