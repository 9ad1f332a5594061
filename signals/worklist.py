"""Mijn taken of signal intake: the information requests waiting for the partner's answer, and
the intake windows in which the partner delivers (with their deadline). Scoped like the pages
they link to: ``InformationRequest.objects.visible_to`` and ``rules.answer_problem`` (addressed to
the user's partner, in a phase that takes answers); ``importer.open_participation`` (taking part,
ready, delivering up front, the project in signalering)."""
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.models import Participation, Partner, Project
from projects.phases import Phase
from projects.worklist import Task

from .models import InformationRequest, RequestedAddress
from .rules import REQUEST_PHASES


def tasks(user) -> list[Task]:
    if not (user.is_authenticated and user.is_partner_user):
        return []
    found = []
    requests = (
        InformationRequest.objects.visible_to(user)
        .filter(partner_id=user.partner_id, project__phase__in=REQUEST_PHASES)
        .annotate(open=Count("addresses", filter=Q(addresses__answer=RequestedAddress.Answer.OPEN)))
        .filter(open__gt=0).select_related("project").order_by("created_at")
    )
    for info_request in requests:
        found.append(Task("information_request", _("Informatieverzoek beantwoorden"),
                          info_request.get_absolute_url(), info_request.project.name,
                          count=info_request.open))
    delivering = (
        Participation.objects.filter(partner_id=user.partner_id, ready_at__isnull=False,
                                     project__phase=Phase.INTAKE,
                                     project__in=Project.objects.visible_to(user))
        .exclude(partner__delivery__in=[Partner.Delivery.ON_REQUEST, Partner.Delivery.NONE])
        .select_related("project")
    )
    for participation in delivering:
        project = participation.project
        found.append(Task("delivery", _("Signalen aanleveren"), reverse("signals:deliver", args=[project.pk]),
                          project.name, deadline=project.intake_deadline))
    return found
