"""The only writers of the uitvoeringsagenda: one function per user action, each a transaction
that checks its predicate, validates, and records the acting user and a reason in the history.

A concept is drafted by the coördinator; the stuurgroep adopts it (date and reference of its
decision). After that every change still goes through here, but only with a reason, which the
history keeps beside who and when.
"""
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.history import delete_with, save_with
from projects.refusals import Problems, Refused

from . import rules
from .models import MAX_SPAN_YEARS, Agenda, ProjectTheme, Risk, Target, Theme


class AgendaRefused(Refused):
    """A refused change of the agenda or of a project's theme."""


def _require(problem: str | None) -> None:
    if problem:
        raise AgendaRefused(problem)


def _reason_for(agenda: Agenda, reason: str, default: str) -> str:
    """A concept is changed freely; an adopted agenda only with the reason for the change."""
    reason = (reason or "").strip()
    if agenda.is_adopted and not reason:
        raise AgendaRefused(_("Deze uitvoeringsagenda is vastgesteld: geef de reden van de wijziging."),
                            "reason")
    return reason or default


def _check_years(first_year: int, last_year: int) -> None:
    problems = Problems(AgendaRefused)
    if last_year < first_year:
        problems.add(_("Het laatste jaar ligt vóór het eerste jaar."), "last_year")
    elif last_year - first_year + 1 > MAX_SPAN_YEARS:
        problems.add(_("Een uitvoeringsagenda beslaat hoogstens %(n)s jaar.") % {"n": MAX_SPAN_YEARS},
                     "last_year")
    problems.raise_any()


@transaction.atomic
def create_agenda(by, *, title: str, first_year: int, last_year: int, summary: str = "") -> Agenda:
    _require(rules.create_problem(by))
    _check_years(first_year, last_year)
    agenda = Agenda(title=title.strip(), first_year=first_year, last_year=last_year,
                    summary=summary.strip(), created_by=by)
    return save_with(agenda, by, gettext_noop("Uitvoeringsagenda opgesteld"))


def _locked(agenda: Agenda) -> Agenda:
    return Agenda.objects.select_for_update().get(pk=agenda.pk)


@transaction.atomic
def update_agenda(agenda: Agenda, by, *, title: str, first_year: int, last_year: int,
                  summary: str = "", reason: str = "") -> Agenda:
    agenda = _locked(agenda)
    _require(rules.edit_problem(by, agenda))
    reason = _reason_for(agenda, reason, gettext_noop("Uitvoeringsagenda gewijzigd"))
    _check_years(first_year, last_year)
    outside = agenda.targets.exclude(year__range=(first_year, last_year))
    if outside.exists():
        raise AgendaRefused(_("Er zijn doelen voor jaren buiten deze periode; verwijder die eerst."),
                            "first_year")
    agenda.title, agenda.first_year, agenda.last_year = title.strip(), first_year, last_year
    agenda.summary = summary.strip()
    return save_with(agenda, by, reason)


@transaction.atomic
def adopt(agenda: Agenda, by, *, adopted_on, reference: str) -> Agenda:
    """The stuurgroep adopts the agenda: concept → vastgesteld, with the date and the reference
    of its decision."""
    agenda = _locked(agenda)
    _require(rules.adopt_problem(by, agenda))
    problems = Problems(AgendaRefused)
    if adopted_on > timezone.localdate():
        problems.add(_("De datum van het besluit kan niet in de toekomst liggen."), "adopted_on")
    if not reference.strip():
        problems.add(_("Geef het kenmerk van het besluit van de stuurgroep."), "reference")
    problems.raise_any()
    agenda.status = Agenda.Status.ADOPTED
    agenda.adopted_on, agenda.adopted_reference, agenda.adopted_by = adopted_on, reference.strip(), by
    return save_with(agenda, by, gettext_noop("Vastgesteld door de stuurgroep"))


@transaction.atomic
def add_theme(agenda: Agenda, by, *, name: str, description: str, reason: str = "") -> Theme:
    agenda = _locked(agenda)
    _require(rules.edit_problem(by, agenda))
    reason = _reason_for(agenda, reason, gettext_noop("Thema toegevoegd"))
    if agenda.themes.filter(name__iexact=name.strip()).exists():
        raise AgendaRefused(_("Deze agenda heeft al een thema met deze naam."), "name")
    return save_with(Theme(agenda=agenda, name=name.strip(), description=description.strip()), by, reason)


@transaction.atomic
def add_target(agenda: Agenda, by, *, year: int, kind: str, number: int, stage: str = "",
               project_type: str = "", format: str = "", region=None, theme=None, note: str = "",
               reason: str = "") -> Target:
    agenda = _locked(agenda)
    _require(rules.edit_problem(by, agenda))
    reason = _reason_for(agenda, reason, gettext_noop("Doel toegevoegd"))
    problems = Problems(AgendaRefused)
    if not agenda.first_year <= year <= agenda.last_year:
        problems.add(_("Kies een jaar van deze agenda (%(first)s–%(last)s).")
                     % {"first": agenda.first_year, "last": agenda.last_year}, "year")
    if theme is not None and theme.agenda_id != agenda.pk:
        problems.add(_("Kies een thema van deze agenda."), "theme")
    if kind == Target.Kind.PROJECTS and not stage:
        problems.add(_("Kies wat het doel telt: goedgekeurde, gestarte of afgesloten projecten."), "stage")
    if kind != Target.Kind.PROJECTS and (project_type or format or region or theme):
        problems.add(_("Type, format, regio en thema horen alleen bij een doel voor aantallen projecten."),
                     "kind")
    problems.raise_any()
    if kind != Target.Kind.PROJECTS:
        stage = ""
    target = Target(agenda=agenda, year=year, kind=kind, number=number, stage=stage,
                    project_type=project_type, format=format, region=region, theme=theme,
                    note=note.strip())
    return save_with(target, by, reason)


@transaction.atomic
def add_risk(agenda: Agenda, by, *, description: str, measures: str, escalation_route: str,
             reason: str = "") -> Risk:
    agenda = _locked(agenda)
    _require(rules.edit_problem(by, agenda))
    reason = _reason_for(agenda, reason, gettext_noop("Risico toegevoegd"))
    risk = Risk(agenda=agenda, description=description.strip(), measures=measures.strip(),
                escalation_route=escalation_route.strip())
    return save_with(risk, by, reason)


@transaction.atomic
def remove(part, by, reason: str = "") -> None:
    """Remove a theme, target or risk of the agenda (with a reason once it is adopted). A theme
    that projects or targets name stays."""
    agenda = _locked(part.agenda)
    _require(rules.edit_problem(by, agenda))
    reason = _reason_for(agenda, reason, gettext_noop("Onderdeel verwijderd"))
    try:
        with transaction.atomic():
            delete_with(part, by, reason)
    except ProtectedError:
        raise AgendaRefused(_("Dit thema is nog gekozen door projecten of gebruikt in doelen.")) from None


@transaction.atomic
def set_project_theme(project, by, theme: Theme | None) -> ProjectTheme | None:
    """The projectleider names the agenda theme the project works on (or none)."""
    _require(rules.theme_problem(by, project))
    current = ProjectTheme.objects.select_for_update().filter(project=project).first()
    if theme is None:
        if current is not None:
            delete_with(current, by, gettext_noop("Thema van het project verwijderd"))
        return None
    if current is None:
        current = ProjectTheme(project=project, theme=theme)
    elif current.theme_id == theme.pk:
        return current
    current.theme = theme
    return save_with(current, by, gettext_noop("Thema van het project gekozen"))
