from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.forms import DATE_INPUT
from projects.models import Partner


def _years():
    current = timezone.localdate().year
    return [(year, year) for year in range(current - 3, current + 5)]


class PledgeForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(),
                                     error_messages={"required": _("Kies een partner.")})
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int, choices=(),
                                  error_messages={"required": _("Kies een jaar.")})
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"), coerce=int, required=False, empty_value=None,
        choices=[("", _("Het hele jaar"))] + [(n, _("Kwartaal %(n)s") % {"n": n}) for n in (1, 2, 3, 4)])
    hours = forms.IntegerField(label=_("Uren"), min_value=0, max_value=1_000_000,
                               error_messages={"required": _("Vul het aantal uren in.")})
    expertise = forms.CharField(label=_("Expertise"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("Welke deskundigheid de partner beschikbaar stelt, "
                                            "in gewone woorden."))
    reason = forms.CharField(label=_("Reden van de wijziging"), required=False, max_length=2000)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years()
        if user is not None and not user.is_coordinator:
            del self.fields["partner"]


class DeletePledgeForm(forms.Form):
    reason = forms.CharField(label=_("Reden van het verwijderen"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Geef de reden van het verwijderen op.")})


class OverviewForm(forms.Form):
    first_year = forms.TypedChoiceField(label=_("Vanaf jaar"), coerce=int, required=False,
                                        empty_value=None, choices=())
    years = forms.TypedChoiceField(label=_("Aantal jaren"), coerce=int, required=False, empty_value=None,
                                   choices=[(1, "1"), (2, "2"), (3, "3")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_year"].choices = _years()


class SuspensionForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(),
                                     error_messages={"required": _("Kies een partner.")})
    starts_on = forms.DateField(label=_("Opgeschort vanaf"), widget=DATE_INPUT,
                                error_messages={"required": _("Vul de datum in."),
                                                "invalid": _("Vul een geldige datum in.")})
    reason = forms.CharField(label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Geef de reden van de opschorting op.")})


class LiftForm(forms.Form):
    ends_on = forms.DateField(label=_("Opgeheven op"), widget=DATE_INPUT, required=False,
                              error_messages={"invalid": _("Vul een geldige datum in.")})
    end_reason = forms.CharField(label=_("Reden van opheffen"), max_length=2000,
                                 error_messages={"required": _("Geef de reden van het opheffen op.")})
