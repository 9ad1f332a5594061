"""The demo's example delivery files, offered on the "Signalen aanleveren" page."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.exports import download
from projects.models import Participation
from signals.querysets import delivering_project_ids

from . import examples


@login_required
def example_file(request, pk, kind):
    """The example file of the user's own partner in project ``pk`` (404 when it takes no part)."""
    pk = int(pk)
    if pk not in delivering_project_ids(request.user):
        raise Http404
    participation = get_object_or_404(
        Participation.objects.select_related("project__initiator", "partner"),
        project_id=pk, partner_id=request.user.partner_id,
    )
    return download(*examples.example_file(participation, kind))
