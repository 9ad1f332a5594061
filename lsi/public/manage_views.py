"""Publishing from the portal: a preview of exactly what becomes public, then publish; withdraw
with a reason. The projectleider or the coördinator."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from projects.models import Project
from projects.refusals import Refused, show_on

from . import publishing
from .models import Publication
from .snapshots import labelled


class PublishForm(forms.Form):
    summary = forms.CharField(label=gettext_lazy("Samenvatting in gewone taal (taalniveau B1)"),
                              max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": gettext_lazy(
                                  "Schrijf een samenvatting in gewone taal.")})
    letter_date = forms.DateField(label=gettext_lazy("Datum van de brief aan de bewoners"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    letter_text = forms.CharField(label=gettext_lazy("Tekst van de brief aan de bewoners"), required=False,
                                  max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reden om in te trekken"), max_length=2000,
                             error_messages={"required": gettext_lazy(
                                 "Geef de reden om de publicatie in te trekken.")})


def _project(request, pk) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


@login_required
def publication(request, pk):
    project = _project(request, pk)
    current = Publication.objects.public().filter(project=project).first()
    latest = project.publications.first()
    initial = {"summary": latest.summary, "letter_date": latest.letter_date,
               "letter_text": latest.letter_text} if latest else {}
    form = PublishForm(request.POST if request.method == "POST" else None, initial=initial)
    problem = publishing.publish_problem(request.user, project)
    if request.method == "POST" and problem is None and form.is_valid():
        data = form.cleaned_data
        if "publish" in request.POST:
            try:
                publishing.publish(project, request.user, **data)
            except Refused as error:
                show_on(form, error)
            else:
                messages.success(request, _("Het project staat in het openbaar register."))
                return redirect("public:manage", pk=project.pk)
    preview = None
    if problem is None:
        values = form.cleaned_data if form.is_bound and form.is_valid() else initial
        preview = labelled(publishing.build_snapshot(
            project, summary=values.get("summary") or "", letter_date=values.get("letter_date"),
            letter_text=values.get("letter_text") or ""))
    return render(request, "public/manage.html", {
        "project": project, "form": form, "withdraw_form": WithdrawForm(), "problem": problem,
        "current": current, "preview": preview, "page_has_errors": bool(form.errors),
        "publications": project.publications.select_related("published_by", "withdrawn_by")[:20]},
        status=400 if form.errors else 200)


@login_required
@require_POST
def withdraw(request, pk):
    project = _project(request, pk)
    current = get_object_or_404(Publication.objects.public(), project=project)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef de reden om de publicatie in te trekken."))
        return redirect("public:manage", pk=project.pk)
    try:
        publishing.withdraw(current, request.user, form.cleaned_data["reason"])
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De publicatie is ingetrokken."))
    return redirect("public:manage", pk=project.pk)
