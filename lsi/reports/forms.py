from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import AddressForm
from projects.models import Project
from signals.addresses import KEY_RE

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
    subject = forms.RegexField(required=False, max_length=40, regex=f"^{KEY_RE.pattern}$")


class SubjectAccessForm(AddressForm):
    """An address, typed as a partner would (the same fields as the access log's search);
    normalised to its key."""
