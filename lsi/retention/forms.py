"""The coördinator's legal-hold form: what the retention page posts, checked before use."""
from django import forms
from django.utils.translation import gettext_lazy as _


class HoldForm(forms.Form):
    action = forms.ChoiceField(choices=[("place", "place"), ("lift", "lift")], required=False)
    project = forms.IntegerField(min_value=1, error_messages={
        "required": _("Kies een project."), "invalid": _("Kies een project uit de lijst.")})
    hold = forms.IntegerField(min_value=1, required=False)
    reason = forms.CharField(max_length=2000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "lift" and not data.get("hold"):
            raise forms.ValidationError(_("Kies de bewaarplicht die u wilt opheffen."))
        return data
