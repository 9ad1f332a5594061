"""Input shapes for delivering, filtering, withdrawing and requesting signals."""
from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Category

from .models import Signal


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class SignalEntryForm(forms.Form):
    """One signal typed in the browser; validated by the importer like a file row."""

    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=12)
    huisletter = forms.CharField(label=_("Huisletter"), max_length=2, required=False)
    huisnummertoevoeging = forms.CharField(label=_("Huisnummertoevoeging"), max_length=8,
                                           required=False)
    straat = forms.CharField(label=_("Straat"), max_length=200, required=False)
    woonplaats = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    categorie = forms.ChoiceField(label=_("Categorie"))
    indicatoren = forms.CharField(
        label=_("Indicatoren"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Op grond waarvan signaleert uw organisatie dit adres? In gewone woorden."),
    )
    referentie = forms.CharField(label=_("Uw referentie"), max_length=100, required=False)
    datum_signaal = forms.DateField(label=_("Datum signaal"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.name, c.name) for c in categories]
        if len(choices) == 1:  # the one category agreed for the partner: already chosen
            self.fields["categorie"].initial = choices[0][0]
        else:
            choices = [("", _("Kies een categorie"))] + choices
        self.fields["categorie"].choices = choices

    def values(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            name: (data[name].isoformat() if name == "datum_signaal" and data[name]
                   else str(data[name] or ""))
            for name in self.fields
        }


class SignalFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken (referentie, straat)"), required=False, max_length=100)
    # A category id; the choices are read once per form (one query, also when validating).
    category = forms.TypedChoiceField(label=_("Categorie"), required=False, coerce=int,
                                      empty_value=None)
    postcode = forms.CharField(label=_("Postcode begint met"), required=False, max_length=7)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Alle statussen"))] + Signal.Status.choices)
    upload = forms.IntegerField(label=_("Aanlevering (nummer)"), required=False, min_value=1)
    sort = forms.ChoiceField(label=_("Sorteren op"), required=False, choices=[
        ("", _("Nieuwste aanlevering eerst")), ("address_asc", _("Adres (oplopend)")),
        ("address_desc", _("Adres (aflopend)")), ("date_desc", _("Datum signaal (nieuwste eerst)")),
        ("date_asc", _("Datum signaal (oudste eerst)"))])

    def __init__(self, *args, categories=None, **kwargs):
        """``categories``: the (id, name) pairs of the choices when the caller has read them
        already (the list page reads them with its project); else they are read here."""
        super().__init__(*args, **kwargs)
        if categories is None:
            categories = Category.objects.values_list("pk", "name")
        self.fields["category"].choices = [("", _("Alle categorieën"))] + [
            (str(pk), name) for pk, name in categories
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reden voor intrekken"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class InformationRequestForm(forms.Form):
    partner = forms.ChoiceField(label=_("Aan partner"))
    addresses = forms.MultipleChoiceField(label=_("Adressen"), widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(label=_("Toelichting"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, partners=(), addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p.pk, str(p)) for p in partners]
        self.fields["addresses"].choices = addresses


class AnswerForm(forms.Form):
    has_information = forms.TypedChoiceField(
        label=_("Antwoord"), coerce=lambda v: v == "ja",
        choices=[("ja", _("Signaal: wij hebben informatie over dit adres")),
                 ("nee", _("Geen informatie"))],
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(label=_("Categorie"), required=False)
    grounds = forms.CharField(label=_("Indicatoren"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, categories=(), address="", **kwargs):
        super().__init__(*args, **kwargs)
        if address:
            self.fields["has_information"].label = _("Antwoord voor %(address)s") % {"address": address}
        choices = [(c.name, c.name) for c in categories]
        if len(choices) == 1:  # the one category agreed for the partner: already chosen
            self.fields["category"].initial = choices[0][0]
        self.fields["category"].choices = [("", "—")] + choices
        self.fields["category"].help_text = _("Alleen bij een signaal.")
        self.fields["grounds"].help_text = _("Alleen bij een signaal: op grond waarvan signaleert "
                                             "uw organisatie dit adres? In gewone woorden.")
