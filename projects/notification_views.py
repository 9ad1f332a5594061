"""The coördinator's page of e-mails that kept failing, with the SMTP error (no personal data:
the messages name a project and a kind of task only)."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from . import notifications


@login_required
def failed_notifications(request):
    if not notifications.follows_up_failures(request.user):
        raise Http404
    page = Paginator(notifications.failed_for(request.user), 50).get_page(request.GET.get("page"))
    for row in page:
        row.kind_label = notifications.KINDS[row.kind].label if row.kind in notifications.KINDS else row.kind
    return render(request, "notifications/failed.html", {"page": page})
