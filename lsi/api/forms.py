"""The coördinator's forms for API clients."""
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Partner, Project


def _projects_field():
    return forms.ModelMultipleChoiceField(
        label=_("Projecten waaraan de client mag aanleveren"), required=False,
        queryset=Project.objects.order_by("name"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen: elk project waaraan de partner deelneemt, ook latere."))


class ClientForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=Partner.objects.exclude(delivery=Partner.Delivery.NONE),
        error_messages={"required": _("Kies de partner voor wie de client aanlevert.")})
    name = forms.CharField(label=_("Naam van het systeem"), max_length=100,
                           error_messages={"required": _("Geef de client een naam.")})
    contact = forms.CharField(
        label=_("Contactpersoon (naam en e-mail)"), max_length=200,
        help_text=_("Wie bij de partner de koppeling beheert."),
        error_messages={"required": _("Geef een contactpersoon bij de partner.")})
    expires_on = forms.DateField(
        label=_("Geldig tot en met"), widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Kies tot wanneer de sleutel geldig is."),
                        "invalid": _("Vul een datum in, bijvoorbeeld 31-12-2027.")})
    projects = _projects_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + timedelta(days=365)

    def service_data(self) -> dict:
        """The cleaned data as ``clients.create`` takes it: the key works until the end of
        the chosen day."""
        data = dict(self.cleaned_data)
        day = data.pop("expires_on")
        data["expires_at"] = timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
        data["projects"] = list(data["projects"])
        return data


class ProjectsForm(forms.Form):
    projects = _projects_field()

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = Project.objects.filter(
            participations__partner=partner).order_by("name")
