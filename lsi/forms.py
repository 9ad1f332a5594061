from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .models import ReportJob


class SteeringFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False, empty_value=None)
    project_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle typen"))] + Project.Type.choices
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(choices=ReportJob.Kind.choices)
    project = forms.IntegerField(required=False, min_value=1)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    project_type = forms.ChoiceField(required=False, choices=[("", "")] + Project.Type.choices)
