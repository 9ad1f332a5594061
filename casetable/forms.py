"""Input shapes of the casustafel screens, with their Dutch labels and messages.

The rules themselves (order, positivity, motivation, partners) live in the service modules;
a refusal from a service is shown on the field it is about (``show_error``).
"""
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Category, Partner
from projects.refusals import show_on
from signals.models import MIN_PARTNERS

from . import controls, deliberation, selection
from .models import (
    MAX_MIN_PARTNERS,
    Assignment,
    Decision,
    Intervention,
    OutcomeCategory,
    OutcomeStatus,
    SignalTest,
)
from .selection import DEFAULT_SORT, normalise_prefix

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]
ADDRESS_KEY = re.compile(r"[0-9]{4}[A-Z]{2}-[0-9]{1,5}-[A-Z]?-[A-Z0-9]{0,4}")


def _yes_no(value):
    return {"ja": True, "nee": False}.get(value)


class Form(forms.Form):
    """Django links each field to its help text and error message itself (``aria-describedby``,
    ``aria-invalid``); ``includes/field.html`` renders the matching ids. ``id_prefix`` keeps the
    ids unique when several forms share a page (the field names stay as they are)."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class RuleForm(Form):
    id_prefix = "rule"
    min_partners = forms.IntegerField(
        label=_("Minimaal aantal partners met een actief signaal"), min_value=MIN_PARTNERS,
        max_value=MAX_MIN_PARTNERS,
        help_text=_("Meervoudig belang: standaard twee. Een adres met minder partners kan alleen als "
                    "uitzondering, met een reden."),
    )


def read_choices(field, objects) -> None:
    """Give a model choice field the choices of objects the page has read already: rendering
    it then asks the database nothing (its queryset still checks a submitted value)."""
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = empty + [(obj.pk, field.label_from_instance(obj)) for obj in objects]


class FilterForm(Form):
    id_prefix = "filter"

    def criteria(self, min_partners: int) -> selection.Criteria:
        """What the user asked for, on top of the project's rule (all of it when not filtered)."""
        criteria = selection.Criteria(min_partners=min_partners)
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            criteria.postcode = data["postcode"]
            criteria.partner_id = data["partner"].pk if data["partner"] else None
            criteria.category_id = data["category"].pk if data["category"] else None
            criteria.min_count = data["min_count"]
            criteria.sort = data["sort"] or selection.DEFAULT_SORT
        return criteria
    SORT_CHOICES = [
        ("partners_desc", _("Aantal partners, hoogste eerst")),
        ("partners_asc", _("Aantal partners, laagste eerst")),
        ("postcode_asc", _("Postcode, oplopend")),
        ("postcode_desc", _("Postcode, aflopend")),
    ]
    postcode = forms.CharField(label=_("Postcodegebied begint met"), required=False, max_length=7,
                               help_text=_("Bijvoorbeeld 8011 of 8011 WR."))
    partner = forms.ModelChoiceField(label=_("Gesignaleerd door"), queryset=Partner.objects.none(),
                                     required=False, empty_label=_("Alle partners"))
    category = forms.ModelChoiceField(label=_("Categorie"), queryset=Category.objects.none(),
                                      required=False, empty_label=_("Alle categorieën"))
    min_count = forms.IntegerField(label=_("Minimaal aantal partners"), required=False, min_value=2,
                                   max_value=50)
    sort = forms.ChoiceField(label=_("Sorteren op"), choices=SORT_CHOICES, required=False,
                             initial=DEFAULT_SORT)

    def __init__(self, *args, partners=None, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners if partners is not None else Partner.objects.none()
        self.fields["category"].queryset = categories if categories is not None else Category.objects.none()

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not value.strip():
            return ""
        prefix = normalise_prefix(value)
        if prefix is None:
            raise forms.ValidationError(_("Vul het begin van een postcode in: cijfers, eventueel gevolgd "
                                          "door letters (8011 of 8011 WR)."))
        return prefix


class AddressKeysField(forms.MultipleChoiceField):
    """Selected address keys; checked against the selection by the service, here only their form."""

    def valid_value(self, value):
        return bool(ADDRESS_KEY.fullmatch(value))


class SelectionForm(Form):
    id_prefix = "selection"
    ACTIONS = [("agenda", _("Op de agenda zetten")), ("verzoek", _("Informatieverzoek sturen"))]
    address_keys = AddressKeysField(label=_("Geselecteerde adressen"),
                                    error_messages={"required": _("Kies een of meer adressen."),
                                                    "invalid_choice": _("Een gekozen adres is ongeldig.")})
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    session = forms.ModelChoiceField(label=_("Casustafel"), queryset=None, required=False,
                                     empty_label=_("Kies een casustafel"))
    partner = forms.ModelChoiceField(label=_("Aan partner (levert op verzoek)"), queryset=None,
                                     required=False, empty_label=_("Kies een partner"))
    message = forms.CharField(label=_("Toelichting bij het verzoek"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, sessions, on_request_partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["partner"].queryset = on_request_partners

    def clean(self):
        data = super().clean()
        if data.get("action") == "agenda" and not data.get("session"):
            self.add_error("session", _("Kies de casustafel waarop de adressen komen."))
        if data.get("action") == "verzoek" and not data.get("partner"):
            self.add_error("partner", _("Kies de partner die het verzoek krijgt."))
        return data


class ExceptionForm(Form):
    id_prefix = "exception"
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=12)
    huisletter = forms.CharField(label=_("Huisletter"), max_length=2, required=False)
    toevoeging = forms.CharField(label=_("Huisnummertoevoeging"), max_length=8, required=False)
    reason = forms.CharField(
        label=_("Reden voor de uitzondering"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom moet dit adres op de casustafel, hoewel minder partners het signaleerden?"),
    )


class SessionForm(Form):
    id_prefix = "session"
    held_on = forms.DateField(label=_("Datum"),
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    present = forms.ModelMultipleChoiceField(label=_("Aanwezige partners"), queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Opmerkingen"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = partners


class VersionedForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TestsForm(VersionedForm):
    """Step 1: per active signal a result and a note (fields ``result_<id>``, ``note_<id>``)."""
    id_prefix = "tests"

    @classmethod
    def initial_for(cls, item, signal_rows) -> dict:
        """The tests recorded so far (``signal_rows``: the dossier's signals with their test)."""
        initial = {"version": item.version}
        for row in signal_rows:
            if row["test"]:
                initial[f"result_{row['signal'].pk}"] = row["test"].result
                initial[f"note_{row['signal'].pk}"] = row["test"].note
        return initial

    def __init__(self, *args, signals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.signal_fields = []
        for signal in signals:
            result = forms.ChoiceField(
                label=_("Uitkomst toetsing"), required=False, widget=forms.RadioSelect,
                choices=SignalTest.Result.choices,
            )
            note = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"result_{signal.pk}"] = result
            self.fields[f"note_{signal.pk}"] = note
            self.signal_fields.append((signal, f"result_{signal.pk}", f"note_{signal.pk}"))

    def rows(self):
        return [(signal, self[result], self[note]) for signal, result, note in self.signal_fields]

    def results(self) -> dict[int, tuple[str, str]]:
        return {
            signal.pk: (self.cleaned_data[result], self.cleaned_data[note])
            for signal, result, note in self.signal_fields if self.cleaned_data.get(result)
        }


class RiskForm(VersionedForm):
    id_prefix = "risk"

    @classmethod
    def initial_for(cls, item) -> dict:
        return {"version": item.version, "risk_note": item.risk_note,
                "risk_current": {True: "ja", False: "nee"}.get(item.risk_current)}
    risk_current = forms.TypedChoiceField(
        label=_("Is het risico nog actueel voor twee of meer partners?"), choices=YES_NO,
        coerce=_yes_no, widget=forms.RadioSelect)
    risk_note = forms.CharField(label=_("Toelichting"), max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(VersionedForm):
    id_prefix = "decision"

    @classmethod
    def initial_for(cls, item, decision) -> dict:
        """The current decision of the item, to revise (or only the version when there is none)."""
        initial = {"version": item.version}
        if decision:
            initial.update(
                outcome=decision.outcome, subsidiarity=decision.subsidiarity,
                proportionality=decision.proportionality, reasonable_ground=decision.reasonable_ground,
                executing_partner=decision.executing_partner_id,
                second_partner=decision.second_partner_id, planned_date=decision.planned_date)
        return initial
    outcome = forms.ChoiceField(label=_("Besluit"), choices=Decision.Outcome.choices,
                                widget=forms.RadioSelect)
    subsidiarity = forms.CharField(
        label=_("Lichtere middelen overwogen, en waarom die niet volstaan (subsidiariteit)"),
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij elk besluit behalve 'geen actie'."))
    proportionality = forms.CharField(
        label=_("Waarom deze actie in verhouding staat tot het doel (proportionaliteit)"),
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij elk besluit behalve 'geen actie'."))
    reasonable_ground = forms.CharField(
        label=_("Concrete feiten die een redelijke grond voor het huisbezoek geven"), required=False,
        max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij een huisbezoek, en dan verplicht."))
    executing_partner = forms.ModelChoiceField(label=_("Uitvoerende partner"), queryset=None,
                                               required=False, empty_label="—")
    second_partner = forms.ModelChoiceField(label=_("Tweede partner (duo)"), queryset=None,
                                            required=False, empty_label="—")
    planned_date = forms.DateField(label=_("Geplande datum controle"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    revision_reason = forms.CharField(
        label=_("Reden voor herziening"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen als er al een besluit is; het eerdere besluit blijft zichtbaar."))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executing_partner"].queryset = partners
        self.fields["second_partner"].queryset = partners
        # Fields that the chosen outcome makes required are marked "(verplicht)"; the page's
        # script updates the marks when another outcome is chosen (data-lsi-required-when).
        outcome = self.data.get("outcome") if self.is_bound else self.initial.get("outcome")
        required = deliberation.required_for(outcome or "")
        for name in {n for o in Decision.Outcome.values for n in deliberation.required_for(o)}:
            field = self.fields[name]
            field.required_when = ("outcome", [o for o in Decision.Outcome.values
                                               if name in deliberation.required_for(o)])
            field.marked_required = name in required


class ResultForm(Form):
    id_prefix = "result"
    result = forms.ChoiceField(label=_("Uitkomst"), choices=Assignment.Result.choices,
                               widget=forms.RadioSelect)
    result_reason = forms.CharField(label=_("Reden (bij niet uitgevoerd)"), required=False,
                                    max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    rights_informed = forms.TypedChoiceField(
        label=_("Zijn de bewoners geïnformeerd over hun rechten?"), choices=YES_NO, coerce=_yes_no,
        required=False, empty_value=None, widget=forms.RadioSelect)
    consent = forms.TypedChoiceField(
        label=_("Hebben de bewoners toestemming gegeven?"), choices=YES_NO, coerce=_yes_no,
        required=False, empty_value=None, widget=forms.RadioSelect,
        help_text=_("Een huisbezoek telt alleen als uitgevoerd met toestemming."))
    findings = forms.CharField(label=_("Bevindingen"), required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        # As on the decision form: the fields the chosen outcome makes required for a control of
        # this action are marked "(verplicht)", and the marks follow another choice on the page.
        result = self.data.get("result") if self.is_bound else self.initial.get("result")
        required = controls.required_for(action, result or "")
        for name in {n for r in Assignment.Result.values for n in controls.required_for(action, r)}:
            field = self.fields[name]
            field.required_when = ("result", [r for r in Assignment.Result.values
                                              if name in controls.required_for(action, r)])
            field.marked_required = name in required


class InterventionForm(Form):
    id_prefix = "intervention"
    kind = forms.ChoiceField(label=_("Interventie"), choices=Intervention.Kind.choices)
    partner = forms.ModelChoiceField(label=_("Door partner (bij handhavingstraject)"), queryset=None,
                                     required=False, empty_label="—")
    description = forms.CharField(label=_("Toelichting (verplicht bij anders)"), required=False,
                                  max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class CareReferralForm(Form):
    id_prefix = "care"
    referred_to = forms.CharField(label=_("Gemeld bij"), max_length=200,
                                  help_text=_("Bijvoorbeeld het wijkteam van de gemeente."))
    description = forms.CharField(label=_("Wat is gemeld"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(Form):
    id_prefix = "close"
    # The lifecycle keeps this reason in the project history, whose reason field holds 100 characters.
    reason = forms.CharField(label=_("Toelichting (optioneel)"), required=False, max_length=100,
                             widget=forms.Textarea(attrs={"rows": 2}))


show_error = show_on  # the casustafel's views know it by this name


class OutcomeForm(Form):
    """The outcome of one intervention: the categories that fit its kind."""

    id_prefix = "outcome"
    status = forms.ChoiceField(
        label=_("Stand van zaken"), choices=OutcomeStatus.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies of het traject nog loopt of is afgerond.")})
    category = forms.ChoiceField(label=_("Uitkomst"), required=False,
                                 help_text=_("Verplicht als het traject is afgerond."))
    amount = forms.DecimalField(label=_("Bedrag in euro's (bij boete of terugvordering)"),
                                required=False, max_digits=12, decimal_places=2, localize=True)
    decided_on = forms.DateField(label=_("Datum van de uitkomst"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, intervention, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(OutcomeCategory.choices)
        self.fields["category"].choices = [("", "—")] + [
            (value, labels[value]) for value in intervention.outcome_categories]


class CareOutcomeForm(Form):
    id_prefix = "care_outcome"
    consent = forms.TypedChoiceField(
        label=_("Gaf de bewoner toestemming voor de melding?"), widget=forms.RadioSelect,
        choices=[("ja", _("Ja")), ("nee", _("Nee"))], coerce=lambda value: value == "ja",
        error_messages={"required": _("Geef aan of de bewoner toestemming gaf.")})
    referral_way = forms.ChoiceField(
        label=_("Wijze van doorverwijzen"), widget=forms.RadioSelect,
        choices=[("folder", _("Folder")), ("warme_overdracht", _("Warme overdracht"))],
        error_messages={"required": _("Kies hoe is doorverwezen.")})
    municipality_outcome = forms.ChoiceField(
        label=_("Wat deed de gemeente ermee?"), widget=forms.RadioSelect,
        choices=[("aanvaard", _("Aanvaard")), ("geweigerd", _("Geweigerd")), ("onbekend", _("Onbekend"))],
        error_messages={"required": _("Kies wat de gemeente met de zorgmelding deed.")})
