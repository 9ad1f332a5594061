"""The privacy officer maintains the purposes of the processing and their legal bases."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.history import save_with

from .models import ProcessingPurpose


class PurposeForm(forms.ModelForm):
    reason = forms.CharField(label=gettext_lazy("Reden van de wijziging"), max_length=2000,
                             error_messages={"required": gettext_lazy("Geef de reden van de wijziging.")})

    class Meta:
        model = ProcessingPurpose
        fields = ["name", "description", "legal_basis", "further_use", "compatibility_assessment", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "legal_basis": forms.Textarea(attrs={"rows": 3}),
                   "compatibility_assessment": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("further_use") and not (data.get("compatibility_assessment") or "").strip():
            self.add_error("compatibility_assessment", _(
                "Bij verdere verwerking hoort de toets op verenigbaarheid (artikel 6 lid 4 AVG)."))
        return data


def _require_privacy_officer(request):
    if not request.user.is_privacy_officer:
        raise Http404


@login_required
def purposes(request):
    _require_privacy_officer(request)
    return render(request, "reports/purposes.html", {"purposes": ProcessingPurpose.objects.all()})


@login_required
def purpose_edit(request, purpose_pk):
    _require_privacy_officer(request)
    purpose = get_object_or_404(ProcessingPurpose, pk=purpose_pk)
    form = PurposeForm(request.POST if request.method == "POST" else None, instance=purpose)
    if request.method == "POST" and form.is_valid():
        save_with(form.save(commit=False), request.user, form.cleaned_data["reason"])
        messages.success(request, _("Het doel is bijgewerkt."))
        return redirect("reports:purposes")
    return render(request, "reports/purpose_edit.html", {
        "purpose": purpose, "form": form, "page_has_errors": bool(form.errors),
        "history": purpose.history.select_related("history_user")[:20]})
