from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import User

from .models import Status


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Wat zit vast?"), max_length=200,
                            error_messages={"required": _("Beschrijf in een zin wat er vastzit.")})
    description = forms.CharField(label=_("Toelichting"), required=False, max_length=3000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("Geen adressen of namen van bewoners."))
    due_date = forms.DateField(label=_("Uiterste datum"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=User.objects.none(),
                                   error_messages={"required": _("Kies een eigenaar.")})
    due_date = forms.DateField(label=_("Uiterste datum"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, role__in=[User.Role.COORDINATOR, User.Role.STEERING, User.Role.PARTNER]
        ).order_by("last_name", "username")


class EscalateForm(forms.Form):
    reason = forms.CharField(label=_("Waarom opschalen?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Geef de reden om op te schalen.")})


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect,
                               choices=[c for c in Status.choices if c[0] != Status.OPEN],
                               error_messages={"required": _("Kies de nieuwe status.")})
    answer = forms.CharField(label=_("Antwoord aan het project"), max_length=3000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Schrijf het antwoord aan het project.")})
