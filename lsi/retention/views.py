"""The coördinator's page of retention periods, purges and legal holds (no personal data)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from projects.models import Project
from projects.refusals import Refused

from . import purge
from .forms import HoldForm
from .models import LegalHold, PurgeRecord


@login_required
def retention_overview(request):
    """The coördinator's view of upcoming purges and legal holds (no personal data)."""
    if not request.user.is_coordinator:
        raise Http404
    if request.method == "POST":
        form = HoldForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("retention:overview")
        data = form.cleaned_data
        project = get_object_or_404(Project, pk=data["project"])
        try:
            if data["action"] == "lift":
                hold = get_object_or_404(project.legal_holds.in_force(), pk=data["hold"])
                purge.lift_hold(hold, request.user, data["reason"])
                messages.success(request, _("De bewaarplicht is opgeheven."))
            else:
                purge.place_hold(project, request.user, data["reason"])
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
