"""The knelpunten register: raise, assign, escalate (coördinator → voorbereidingsgroep →
stuurgroep, each step with who, when and why in the history) and answer back to the project.
A stalled-phase flag opens one automatically and resolves it when the project moves on."""
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from projects import notifications
from projects.history import save_with
from projects.models import User
from projects.postcodes import mentions_address
from projects.refusals import Problems, Refused
from projects.roles import is_lead

from .models import CLOSED, LEVELS, Knelpunt, Level, Status


class KnelpuntRefused(Refused):
    pass


def raise_problem(user, project) -> str | None:
    """Why this user may not report a knelpunt for this project (None: the LSI as a whole)."""
    if user.steers_programme:
        return None
    if project is None:
        return _("Een knelpunt van de LSI als geheel meldt de coördinator of de stuurgroep.")
    if is_lead(user, project) or (user.is_partner_user
                                  and project.participations.filter(partner_id=user.partner_id).exists()):
        return None
    return _("Alleen wie aan het project deelneemt, meldt er een knelpunt over.")


def handle_problem(user, knelpunt: Knelpunt) -> str | None:
    """Why this user may not assign, escalate or answer this knelpunt: the coördinator handles
    every level; the stuurgroep the knelpunten at its own level."""
    if user.is_coordinator or (user.is_steering and knelpunt.level == Level.STEERING):
        if knelpunt.status in CLOSED:
            return _("Dit knelpunt is afgesloten.")
        return None
    return _("Alleen de coördinator (en op het niveau stuurgroep de stuurgroep) behandelt knelpunten.")


def _guard(problems: Problems, **texts) -> None:
    for field, text in texts.items():
        if mentions_address(text):
            problems.add(_("Noem geen adressen (postcode met huisnummer): een knelpunt bevat geen "
                           "persoonsgegevens."), field)


def _coordinators():
    return User.objects.filter(role=User.Role.COORDINATOR, is_active=True)


@transaction.atomic
def report(by, *, project=None, title: str, description: str = "", due_date=None) -> Knelpunt:
    if problem := raise_problem(by, project):
        raise KnelpuntRefused(problem)
    problems = Problems(KnelpuntRefused)
    if not (title or "").strip():
        problems.add(_("Beschrijf in een zin wat er vastzit."), "title")
    _guard(problems, title=title, description=description)
    problems.raise_any()
    knelpunt = Knelpunt(project=project, title=title.strip(), description=(description or "").strip(),
                        raised_by=by, due_date=due_date)
    save_with(knelpunt, by, "Knelpunt gemeld")
    notifications.notify("knelpunt_assigned", _coordinators(), project=project, by=by,
                         link=knelpunt.get_absolute_url())
    return knelpunt


def _locked(knelpunt: Knelpunt) -> Knelpunt:
    return Knelpunt.objects.select_for_update().get(pk=knelpunt.pk)


@transaction.atomic
def assign(knelpunt: Knelpunt, by, owner, due_date=None) -> Knelpunt:
    knelpunt = _locked(knelpunt)
    if problem := handle_problem(by, knelpunt):
        raise KnelpuntRefused(problem)
    knelpunt.owner, knelpunt.status = owner, Status.IN_PROGRESS
    if due_date:
        knelpunt.due_date = due_date
    save_with(knelpunt, by, _("Toegewezen aan %(owner)s") % {"owner": owner})
    notifications.notify("knelpunt_assigned", [owner], project=knelpunt.project, by=by,
                         link=knelpunt.get_absolute_url())
    return knelpunt


@transaction.atomic
def escalate(knelpunt: Knelpunt, by, reason: str) -> Knelpunt:
    """One level up, with the reason (who and when are the history's)."""
    knelpunt = _locked(knelpunt)
    if problem := handle_problem(by, knelpunt):
        raise KnelpuntRefused(problem)
    if knelpunt.level == Level.STEERING:
        raise KnelpuntRefused(_("De stuurgroep is het hoogste niveau."))
    if not (reason or "").strip():
        raise KnelpuntRefused(_("Geef de reden om op te schalen."), "reason")
    problems = Problems(KnelpuntRefused)
    _guard(problems, reason=reason)
    problems.raise_any()
    knelpunt.level = LEVELS[LEVELS.index(knelpunt.level) + 1]
    save_with(knelpunt, by, _("Opgeschaald naar %(level)s: %(reason)s") % {
        "level": knelpunt.get_level_display(), "reason": reason.strip()})
    watchers = list(_coordinators()) + ([knelpunt.raised_by] if knelpunt.raised_by else [])
    if knelpunt.level == Level.STEERING:
        watchers += list(User.objects.filter(role=User.Role.STEERING, is_active=True))
    notifications.notify("knelpunt_escalated", watchers, project=knelpunt.project, by=by,
                         link=knelpunt.get_absolute_url())
    return knelpunt


@transaction.atomic
def answer(knelpunt: Knelpunt, by, *, status: str, answer: str) -> Knelpunt:
    """The answer back to the project; solved or not solvable closes the knelpunt."""
    knelpunt = _locked(knelpunt)
    if problem := handle_problem(by, knelpunt):
        raise KnelpuntRefused(problem)
    problems = Problems(KnelpuntRefused)
    if status not in Status.values or status == Status.OPEN:
        problems.add(_("Kies de nieuwe status."), "status")
    if not (answer or "").strip():
        problems.add(_("Schrijf het antwoord aan het project."), "answer")
    _guard(problems, answer=answer)
    problems.raise_any()
    knelpunt.status, knelpunt.answer = status, answer.strip()
    knelpunt.closed_at = timezone.now() if status in CLOSED else None
    save_with(knelpunt, by, _("Beantwoord: %(status)s") % {"status": knelpunt.get_status_display()})
    if knelpunt.raised_by:
        notifications.notify("knelpunt_answered", [knelpunt.raised_by], project=knelpunt.project, by=by,
                             link=knelpunt.get_absolute_url())
    return knelpunt


def open_for_flag(flag) -> Knelpunt:
    """A stalled-phase flag opens one knelpunt (at the coördinator's level)."""
    existing = Knelpunt.objects.filter(escalation_flag=flag).first()
    if existing:
        return existing
    title = _("%(project)s staat %(days)s dagen in de fase %(phase)s (grens %(limit)s)") % {
        "project": flag.project.name, "days": flag.days_in_phase, "phase": flag.project.get_phase_display(),
        "limit": flag.limit_days}
    knelpunt = save_with(Knelpunt(project=flag.project, title=title[:200], escalation_flag=flag),
                         None, "Automatisch gemeld: fase duurt te lang")
    notifications.notify("project_stalled", _coordinators(), project=flag.project,
                         link=reverse("coordination:detail", args=[knelpunt.pk]))
    return knelpunt


def resolve_for_flag(flag) -> None:
    for knelpunt in Knelpunt.objects.filter(escalation_flag=flag).exclude(status__in=CLOSED):
        knelpunt.status, knelpunt.closed_at = Status.SOLVED, timezone.now()
        knelpunt.answer = knelpunt.answer or _("Het project is verder gegaan naar de volgende fase.")
        save_with(knelpunt, None, "Automatisch opgelost: het project is verder gegaan")
