"""Information requests (informatieverzoeken) to partners that deliver only on request.

The projectleider asks such a partner (Belastingdienst MKB) about addresses already in the
project; the partner answers per address with a signal or "geen informatie". An answer that
is a signal goes through the same validation as any other delivery.
"""
from django.db import transaction
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects import notifications
from projects.history import attribute, save_with
from projects.models import Participation, Partner, Project
from projects.roles import is_lead

from . import overlap
from .importer import IntakeClosed, Rules, Validation, check_row
from .models import InformationRequest, RequestedAddress, Signal
from .reader import RawRow
from .rules import REQUEST_PHASES, answer_problem


def project_addresses(project: Project):
    """Distinct active addresses in the project with how many partners signalled them."""
    return (
        Signal.objects.filter(project=project, status=Signal.Status.ACTIVE)
        .exclude(address_key="")
        .values("address_key")
        .annotate(partners=Count("partner", distinct=True), any_id=Min("id"))
        .order_by("-partners", "address_key")
    )


@transaction.atomic
def create_request(project: Project, by, *, partner: Partner, address_keys: list[str],
                   message: str = "") -> InformationRequest:
    if not is_lead(by, project):
        raise IntakeClosed(_("Alleen de projectleider kan een informatieverzoek sturen."))
    if project.phase not in REQUEST_PHASES:
        raise IntakeClosed(_("Informatieverzoeken kunnen in de fasen signalering en casustafel."))
    participation = Participation.objects.filter(project=project, partner=partner).first()
    if participation is None or not participation.delivers_on_request:
        raise IntakeClosed(_("%(partner)s is geen deelnemer die op verzoek levert.")
                           % {"partner": partner.code})
    if not participation.is_ready:
        raise IntakeClosed(_("%(partner)s heeft nog geen gereedheid gemeld.") % {"partner": partner.code})
    signals = {
        s.address_key: s for s in Signal.objects.filter(
            project=project, status=Signal.Status.ACTIVE, address_key__in=set(address_keys)
        ).order_by("pk")
    }
    if not address_keys or set(address_keys) - set(signals):
        raise IntakeClosed(_("Kies een of meer adressen die in dit project gesignaleerd zijn."))
    request = InformationRequest(project=project, partner=partner, created_by=by,
                                 message=message.strip())
    save_with(request, by)
    for key in sorted(set(address_keys)):
        item = RequestedAddress(request=request, address_key=key,
                                address_display=signals[key].address_display)
        save_with(item, by)
    notifications.notify("information_request", partner.users.filter(role="partner"), project=project,
                         by=by, link=reverse("signals:request_detail", args=[request.pk]))
    return request


@transaction.atomic
def answer(item: RequestedAddress, by, *, has_information: bool, category: str = "",
           grounds: str = "") -> RequestedAddress:
    """The partner's answer for one address: a signal (category, grounds) or no information."""
    item = RequestedAddress.objects.select_for_update().select_related(
        "request__project", "request__partner").get(pk=item.pk)
    request = item.request
    project = request.project
    if problem := answer_problem(by, request, item):
        raise IntakeClosed(problem)
    item.answered_by, item.answered_at = by, timezone.now()
    attribute(item, by)
    if not has_information:
        item.answer = RequestedAddress.Answer.NO_INFORMATION
        item.save()
        return item
    source = Signal.objects.filter(project=project, address_key=item.address_key).first()
    participation = Participation.objects.get(project=project, partner=request.partner)
    result = Validation(rows_total=1)
    row = RawRow(number=1, values={
        "postcode": source.postcode, "huisnummer": str(source.house_number),
        "huisletter": source.house_letter, "huisnummertoevoeging": source.house_number_suffix,
        "straat": source.street, "woonplaats": source.city, "categorie": category,
        "indicatoren": grounds, "referentie": f"verzoek-{request.pk}",
        "datum_signaal": timezone.localdate().isoformat(),
    })
    parsed = check_row(row, result, Rules.for_participation(participation, timezone.localdate()))
    if result.errors:
        raise IntakeClosed(" ".join(error["message"] for error in result.errors))
    if Signal.objects.filter(project=project, partner=request.partner, status=Signal.Status.ACTIVE,
                             address_key=parsed["address_key"],
                             category_id=parsed["category_id"]).exists():
        raise IntakeClosed(_("Uw organisatie heeft dit adres met deze categorie al gesignaleerd."))
    signal = Signal(**parsed, project=project, partner=request.partner, delivered_by=by,
                    source=Signal.Source.REQUEST)
    save_with(signal, by, gettext_noop("Antwoord op informatieverzoek"))
    overlap.refresh(project.pk, [signal.address_key])
    item.answer, item.signal = RequestedAddress.Answer.SIGNAL, signal
    item.save()
    return item
