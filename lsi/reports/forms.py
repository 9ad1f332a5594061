from django import forms
from django.utils.translation import gettext_lazy as _

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


class SubjectAccessForm(forms.Form):
    """An address, typed as a partner would; normalised to its key."""

    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=12)
    huisletter = forms.CharField(label=_("Huisletter"), max_length=2, required=False)
    huisnummertoevoeging = forms.CharField(label=_("Huisnummertoevoeging"), max_length=8, required=False)

    def clean(self):
        from signals.addresses import AddressError, Ambiguous, parse_address

        data = super().clean()
        if self.errors:
            return data
        try:
            address = parse_address(data["postcode"], data["huisnummer"], data.get("huisletter", ""),
                                    data.get("huisnummertoevoeging", ""))
        except AddressError as error:
            raise forms.ValidationError(error.message) from error
        if isinstance(address, Ambiguous):
            raise forms.ValidationError(address.reason)
        data["address_key"] = address.key
        return data
