from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Body, Partner, Project

from .models import Stage, Target, Theme

REASON_HELP = _("Verplicht zodra de agenda is vastgesteld: de reden komt in de geschiedenis.")


def _reason():
    return forms.CharField(label=_("Reden van de wijziging"), required=False, max_length=500,
                           help_text=REASON_HELP)


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200,
                            error_messages={"required": _("Geef de agenda een titel.")})
    first_year = forms.IntegerField(label=_("Eerste jaar"), min_value=2000, max_value=2100,
                                    error_messages={"required": _("Geef het eerste jaar."),
                                                    "invalid": _("Geef een jaartal, bijvoorbeeld 2026.")})
    last_year = forms.IntegerField(label=_("Laatste jaar"), min_value=2000, max_value=2100,
                                   error_messages={"required": _("Geef het laatste jaar."),
                                                   "invalid": _("Geef een jaartal, bijvoorbeeld 2030.")})
    summary = forms.CharField(label=_("Samenvatting"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class AgendaEditForm(AgendaForm):
    reason = _reason()


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Datum van het besluit van de stuurgroep"),
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 error_messages={"required": _("Geef de datum van het besluit."),
                                                 "invalid": _("Geef een geldige datum.")})
    reference = forms.CharField(label=_("Kenmerk van het besluit"), max_length=100,
                                error_messages={"required": _("Geef het kenmerk van het besluit van "
                                                              "de stuurgroep.")})


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Naam van het thema"), max_length=100,
                           error_messages={"required": _("Geef het thema een naam.")})
    description = forms.CharField(label=_("Beschrijving in gewone taal"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  error_messages={"required": _("Beschrijf het thema in gewone taal.")})
    reason = _reason()


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100,
                              error_messages={"required": _("Geef het jaar van het doel."),
                                              "invalid": _("Geef een jaartal.")})
    kind = forms.ChoiceField(label=_("Soort doel"), choices=Target.Kind.choices, initial=Target.Kind.PROJECTS)
    number = forms.IntegerField(label=_("Doel (aantal; uren bij capaciteit)"), min_value=0,
                                max_value=10_000_000,
                                error_messages={"required": _("Geef het doel als aantal."),
                                                "invalid": _("Geef een heel getal."),
                                                "min_value": _("Het doel is 0 of meer.")})
    stage = forms.ChoiceField(label=_("Telt projecten die"), required=False,
                              choices=[("", "—"), *Stage.choices], initial=Stage.STARTED)
    project_type = forms.ChoiceField(label=_("Type"), required=False,
                                     choices=[("", _("Alle")), *Project.Type.choices])
    format = forms.ChoiceField(label=_("Format"), required=False,
                               choices=[("", _("Alle")), *Project.Format.choices])
    region = forms.ModelChoiceField(label=_("Regio (RPF)"), required=False, empty_label=_("Alle"),
                                    queryset=Body.objects.filter(kind=Body.Kind.REGIONAL))
    theme = forms.ModelChoiceField(label=_("Thema"), required=False, empty_label=_("Alle"),
                                   queryset=Theme.objects.none())
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)
    reason = _reason()

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = agenda.themes.all()
        self.fields["year"].initial = agenda.first_year


class RiskForm(forms.Form):
    description = forms.CharField(label=_("Risico"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  error_messages={"required": _("Beschrijf het risico.")})
    measures = forms.CharField(label=_("Maatregelen"), max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               error_messages={"required": _("Geef de maatregelen tegen dit risico.")})
    escalation_route = forms.CharField(
        label=_("Escalatieroute"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: coördinator → voorbereidingsgroep → stuurgroep."),
        error_messages={"required": _("Geef de escalatieroute.")})
    reason = _reason()


class RemoveForm(forms.Form):
    reason = _reason()


class ProjectThemeForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Thema van de uitvoeringsagenda"), required=False,
                                   empty_label=_("(geen thema)"), queryset=Theme.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.select_related("agenda").order_by(
            "-agenda__first_year", "name")
        self.fields["theme"].label_from_instance = lambda theme: f"{theme.name} ({theme.agenda})"


class AskForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), queryset=Partner.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één partner.")})
    message = forms.CharField(label=_("Toelichting bij de vraag"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Vraag alleen naar een aantal; noem geen adressen."))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.exclude(kind=Partner.Kind.ADVISORY).exclude(
            participations__project=project).order_by("name")


class AnswerForm(forms.Form):
    address_count = forms.IntegerField(
        label=_("Aantal mogelijk interessante adressen in het gebied"), required=False, min_value=0,
        max_value=10_000_000, error_messages={"invalid": _("Geef een heel getal."),
                                              "min_value": _("Het aantal is 0 of meer.")})
    decline = forms.BooleanField(label=_("Wij slaan deze vraag af"), required=False)
    reason = forms.CharField(label=_("Reden (bij afslaan)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
