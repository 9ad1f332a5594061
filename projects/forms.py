"""Input shapes for plans, partners, decisions and transitions, with Dutch messages."""
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import addressing
from .models import AccessLogEntry, ApprovalDecision, Body, Category, Checkpoint, Partner, Project
from .postcodes import AreaError, parse_area

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "name", "project_type", "format", "initiator", "region", "reason", "goals", "area",
            "sector", "kip_study", "dpia_reference", "start_date", "intake_deadline", "case_table_date",
            "control_dates", "planned_end", "retention_days", "retention_unselected_days",
        ]
        widgets = {
            name: DATE_INPUT
            for name in ("start_date", "intake_deadline", "case_table_date", "planned_end")
        }

    lead = forms.ModelChoiceField(
        label=_("Projectleider"), queryset=get_user_model().objects.none(), required=False,
        help_text=_("Een medewerker van een partner. Verplicht als de coördinator het project start."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiator"].queryset = Partner.objects.filter(is_signatory=True)
        # Only KIP studies this user sees (and never the project itself).
        studies = Project.objects.filter(project_type=Project.Type.KIP).order_by("name")
        if user is not None:
            studies = studies.visible_to(user)
        if self.instance.pk:
            studies = studies.exclude(pk=self.instance.pk)
        self.fields["kip_study"].queryset = studies
        if user is not None and user.is_coordinator and self.instance.pk is None:
            self.fields["lead"].queryset = (
                get_user_model().objects.filter(role="partner", is_active=True)
                .select_related("partner").order_by("partner__code", "username")
            )
            self.fields["lead"].required = True
        else:
            del self.fields["lead"]
            if user is not None and not user.is_coordinator:
                del self.fields["initiator"]

    def clean_area(self):
        text = self.cleaned_data["area"]
        try:
            return ", ".join(parse_area(text))
        except AreaError as error:
            raise forms.ValidationError(error.text.translated()) from error

    def clean_control_dates(self):
        text = self.cleaned_data["control_dates"]
        days = []
        for item in [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]:
            for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
                try:
                    days.append(datetime.strptime(item, pattern).date())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("'%(value)s' is geen datum. Gebruik dd-mm-jjjj, bijvoorbeeld 14-03-2027."),
                    params={"value": item},
                )
        return ", ".join(day.strftime("%d-%m-%Y") for day in sorted(days))

    def clean(self):
        data = super().clean()
        if data.get("kip_study") and data.get("project_type") == Project.Type.KIP:
            self.add_error("kip_study",
                           _("Een KIP-studie volgt niet uit een andere KIP-studie: laat dit leeg."))
        order = ["start_date", "intake_deadline", "case_table_date", "planned_end"]
        dates = [(name, data.get(name)) for name in order if data.get(name)]
        for (first, first_day), (later, later_day) in zip(dates, dates[1:], strict=False):
            if later_day < first_day:
                self.add_error(
                    later,
                    _("Deze datum ligt vóór %(other)s.")
                    % {"other": self.fields[first].label.lower()},
                )
        return data


class ParticipationForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all())
    capacity_hours = forms.IntegerField(
        label=_("Toegezegde capaciteit (uren)"), min_value=0, max_value=100_000
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categorieën die de partner mag aanleveren"), queryset=Category.objects.all(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )


class AgreementForm(forms.Form):
    """A partner's answer to its proposed participation."""

    answer = forms.ChoiceField(
        label=_("Uw antwoord"), widget=forms.RadioSelect,
        choices=[("akkoord", _("Akkoord: wij leveren deze capaciteit en gegevens")),
                 ("afgewezen", _("Niet akkoord"))],
        error_messages={"required": _("Kies akkoord of niet akkoord.")})
    reason = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Verplicht als uw organisatie niet akkoord gaat."))


class RealisedHoursForm(forms.Form):
    realised_hours = forms.IntegerField(label=_("Gerealiseerde uren"), min_value=0, max_value=1_000_000,
                                        error_messages={"required": _("Vul het aantal uren in.")})


class DecisionForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Orgaan"), queryset=Body.objects.all())
    outcome = forms.ChoiceField(label=_("Besluit"), choices=ApprovalDecision.Outcome.choices)
    decided_on = forms.DateField(label=_("Datum besluit"), widget=DATE_INPUT)
    remarks = forms.CharField(
        label=_("Opmerkingen"), required=False, max_length=5000, widget=forms.Textarea
    )


class CheckpointForm(forms.Form):
    moment = forms.ChoiceField(label=_("Toetsmoment"), choices=Checkpoint.Moment.choices)
    checked_on = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Checkpoint.Outcome.choices)
    remarks = forms.CharField(
        label=_("Opmerkingen"), required=False, max_length=5000, widget=forms.Textarea
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    phase = forms.ChoiceField(
        label=_("Fase"), required=False,
        choices=[("", _("Alle fasen"))] + list(Project._meta.get_field("phase").choices),
    )
    project_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle typen"))] + Project.Type.choices
    )
    region = forms.ModelChoiceField(
        label=_("Regio"), required=False, empty_label=_("Alle regio's"),
        queryset=Body.objects.filter(kind=Body.Kind.REGIONAL),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"), max_length=16,
        help_text=_("De zes cijfers uit uw authenticator-app, of een herstelcode van acht cijfers."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class AddressForm(forms.Form):
    """An address as a person types it: postcode, huisnummer, huisletter, toevoeging. The same
    four fields on every page that asks for an address (inzage, access log); cleaned to
    ``address_key``. With ``postcode_alone`` a postcode without a number means every address in
    it (``postcode``)."""

    postcode_alone = False

    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=12)
    huisletter = forms.CharField(label=_("Huisletter"), max_length=2, required=False)
    huisnummertoevoeging = forms.CharField(label=_("Huisnummertoevoeging"), max_length=8, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.postcode_alone:
            self.fields["postcode"].required = False
            self.fields["huisnummer"].required = False
            self.fields["huisnummer"].help_text = _("Laat leeg voor alle adressen in de postcode.")

    def clean(self):
        data = super().clean()
        data["address_key"] = data["postcode_only"] = ""
        if self.errors:
            return data
        postcode, number = data.get("postcode", ""), data.get("huisnummer", "")
        letter, suffix = data.get("huisletter", ""), data.get("huisnummertoevoeging", "")
        try:
            if postcode and not number and not letter and not suffix and self.postcode_alone:
                data["postcode_only"] = addressing.read_postcode(postcode)
            elif postcode or number or letter or suffix:
                data["address_key"] = addressing.read(postcode, number, letter, suffix)
        except ValueError as error:  # in the user's language (a stored template, or plain text)
            text = getattr(error, "text", None)
            raise forms.ValidationError(text.translated() if text else str(error)) from error
        return data


class AccessLogFilterForm(AddressForm):
    postcode_alone = True
    field_order = ["user", "partner", "project", "postcode", "huisnummer", "huisletter",
                   "huisnummertoevoeging", "date_from", "date_to", "result"]

    user = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    partner = forms.ModelChoiceField(label=_("Partner"), required=False, queryset=Partner.objects.all(),
                                     empty_label=_("Alle partners"))
    project = forms.ModelChoiceField(label=_("Project"), required=False, queryset=Project.objects.all(),
                                     empty_label=_("Alle projecten"))
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DATE_INPUT)
    result = forms.ChoiceField(label=_("Uitkomst"), required=False,
                               choices=[("", _("Alle"))] + AccessLogEntry.Result.choices)


class UnlockForm(forms.Form):
    """The coördinator lifts a lock: an account (by username) or a network address."""

    username = forms.CharField(max_length=150, required=False)
    ip_address = forms.GenericIPAddressField(required=False, unpack_ipv4=True)

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("username")) == bool(data.get("ip_address")):
            raise forms.ValidationError(_("Kies één account of één netwerkadres om te ontgrendelen."))
        return data


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Activatiecode"), max_length=20,
        help_text=_("De code van twaalf cijfers die u van de coördinator (het LSI-secretariaat) kreeg."),
        error_messages={"required": _("Vul de activatiecode in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}))


class IssueCodeForm(forms.Form):
    """The coördinator names the user who gets an activation code."""

    issue_code_for = forms.CharField(label=_("Gebruikersnaam"), max_length=150,
                                     error_messages={"required": _("Vul een gebruikersnaam in.")})

    def clean_issue_code_for(self):
        user = get_user_model().objects.filter(username=self.cleaned_data["issue_code_for"],
                                               is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen actieve gebruiker met deze gebruikersnaam."))
        return user


class NotificationSettingsForm(forms.Form):
    """Per kind of message: immediately, in the daily digest, or not at all (some kinds cannot
    be switched off), and the language of the e-mails."""

    language = forms.ChoiceField(label=_("Taal van de e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import NotificationPreference

        for name, kind in kinds.items():
            choices = [c for c in NotificationPreference.Mode.choices
                       if not (kind.mandatory and c[0] == NotificationPreference.Mode.OFF)]
            self.fields[f"kind_{name}"] = forms.ChoiceField(label=kind.label, choices=choices,
                                                            widget=forms.RadioSelect)
