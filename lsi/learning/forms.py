from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .models import Bottleneck, GoalAssessment, Lesson


class EvaluationForm(forms.Form):
    what_worked = forms.CharField(label=_("Wat werkte"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    what_did_not = forms.CharField(label=_("Wat werkte niet"), required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    bottlenecks = forms.MultipleChoiceField(label=_("Knelpunten"), required=False,
                                            choices=Bottleneck.choices, widget=forms.CheckboxSelectMultiple)
    follow_up = forms.CharField(label=_("Vervolg op projectniveau"), required=False, max_length=5000,
                                help_text=_("Bijvoorbeeld een beleidswijziging of een nieuwe werkwijze."),
                                widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, goals: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        for n, goal in enumerate(goals):
            self.fields[f"goal_{n}"] = forms.ChoiceField(
                label=_("Doel: %(goal)s") % {"goal": goal}, required=False, widget=forms.RadioSelect,
                choices=GoalAssessment.Achieved.choices)
            self.fields[f"goal_note_{n}"] = forms.CharField(
                label=_("Toelichting bij dit doel"), required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1}))

    def goal_values(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {goal: (data.get(f"goal_{n}") or "", data.get(f"goal_note_{n}") or "")
                for n, goal in enumerate(self.goals)}

    def goal_fields(self):
        return [(self[f"goal_{n}"], self[f"goal_note_{n}"]) for n in range(len(self.goals))]


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(label=_("Tevredenheid van uw organisatie (1 = zeer ontevreden, "
                                           "5 = zeer tevreden)"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(n, str(n)) for n in range(1, 6)],
                                   error_messages={"required": _("Kies een cijfer van 1 tot en met 5.")})
    remark = forms.CharField(label=_("Opmerking"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class LessonForm(forms.Form):
    text = forms.CharField(label=_("Les"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Beschrijf de les.")})
    theme = forms.CharField(label=_("Thema"), max_length=100,
                            error_messages={"required": _("Geef het thema van de les.")})
    project_type = forms.ChoiceField(label=_("Projecttype"), required=False,
                                     choices=[("", "—"), *Project._meta.get_field("project_type").choices])
    format = forms.ChoiceField(label=_("Format"), required=False,
                               choices=[("", "—"), *Project._meta.get_field("format").choices])
    tags = forms.CharField(label=_("Labels"), required=False, max_length=500,
                           help_text=_("Gescheiden door komma's, bijvoorbeeld: huisbezoek, planning."))


class LessonSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    project_type = forms.ChoiceField(label=_("Projecttype"), required=False, choices=[
        ("", _("Alle")), *Project._meta.get_field("project_type").choices])
    format = forms.ChoiceField(label=_("Format"), required=False, choices=[
        ("", _("Alle")), *Project._meta.get_field("format").choices])
    theme = forms.CharField(label=_("Thema"), required=False, max_length=100)
    tag = forms.CharField(label=_("Label"), required=False, max_length=50)
    year = forms.IntegerField(label=_("Jaar"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Alle")), *Lesson.Status.choices])


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=2000,
                             error_messages={"required": _("Geef de reden om de les te verbergen.")})
