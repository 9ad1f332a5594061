"""The coördinator's page of retention periods, purges and legal holds (no personal data)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from projects.models import Project
from projects.refusals import Refused

from . import purge
from .models import LegalHold, PurgeRecord


@login_required
def retention_overview(request):
    """The coördinator's view of upcoming purges and legal holds (no personal data)."""
    if not request.user.is_coordinator:
        raise Http404
    if request.method == "POST":
        project = get_object_or_404(Project, pk=request.POST.get("project", 0))
        try:
            if request.POST.get("action") == "lift":
                hold = get_object_or_404(project.legal_holds.in_force(), pk=request.POST.get("hold", 0))
                purge.lift_hold(hold, request.user, request.POST.get("reason", "")[:2000])
                messages.success(request, _("De bewaarplicht is opgeheven."))
            else:
                purge.place_hold(project, request.user, request.POST.get("reason", "")[:2000])
                messages.success(request, _("De bewaarplicht is vastgelegd; de verwijdering is gepauzeerd."))
        except Refused as error:
            messages.error(request, error.message)
        return redirect("retention:overview")
    return render(request, "retention/overview.html", {
        "upcoming": purge.upcoming(),
        "holds": LegalHold.objects.select_related("project", "placed_by", "lifted_by")[:100],
        "purges": PurgeRecord.objects.select_related("project")[:50],
        "projects": Project.objects.order_by("name"),
    })
