"""The project evaluation: per goal of the plan achieved or not, what worked and what did not,
bottlenecks, follow-up, and each partner's own satisfaction. A project leaves afronding only
with its evaluation completed (``EXIT``, registered with the lifecycle)."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.history import save_with
from projects.models import Project
from projects.phases import Phase, PhaseExit
from projects.postcodes import mentions_address
from projects.refusals import Problems, Refused
from projects.roles import is_lead

from .models import Bottleneck, Evaluation, GoalAssessment, Satisfaction


class EvaluationRefused(Refused):
    pass


def refuse_addresses(problems: Problems, **texts) -> None:
    """No personal data in evaluations and lessons: text that holds an address is refused."""
    for field, text in texts.items():
        if mentions_address(text):
            problems.add(_("Noem geen adressen (postcode met huisnummer): een evaluatie en een les "
                           "bevatten geen persoonsgegevens."), field)


def plan_goals(project: Project) -> list[str]:
    """The goals of the plan, one per line."""
    return [line.strip(" -•*\t") for line in (project.goals or "").splitlines() if line.strip(" -•*\t")]


def evaluation_problem(user, project: Project) -> str | None:
    """Why this user may not write the evaluation of this project now, or None."""
    if not is_lead(user, project) and not user.is_coordinator:
        return _("Alleen de projectleider of de coördinator schrijft de evaluatie.")
    if project.phase != Phase.COMPLETION:
        return _("De evaluatie wordt geschreven in de fase afronding.")
    return None


def satisfaction_problem(user, project: Project) -> str | None:
    if not (user.is_authenticated and user.is_partner_user
            and project.participations.filter(partner_id=user.partner_id).exists()):
        return _("Alleen een deelnemende partner geeft zijn eigen tevredenheid op.")
    if project.phase not in (Phase.COMPLETION, Phase.CLOSED):
        return _("Tevredenheid wordt opgegeven vanaf de fase afronding.")
    return None


@transaction.atomic
def save_evaluation(project: Project, by, *, goals: dict[str, tuple[str, str]], what_worked: str,
                    what_did_not: str, bottlenecks: list[str], follow_up: str, complete: bool) -> Evaluation:
    """Save the evaluation (``goals``: goal → (achieved, note)); ``complete`` marks it done,
    which needs every goal of the plan assessed and what worked and what did not."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if problem := evaluation_problem(by, project):
        raise EvaluationRefused(problem)
    problems = Problems(EvaluationRefused)
    refuse_addresses(problems, what_worked=what_worked, what_did_not=what_did_not, follow_up=follow_up,
                     **{f"goal_note_{n}": note for n, (_a, note) in enumerate(goals.values())})
    if set(bottlenecks) - set(Bottleneck.values):
        problems.add(_("Kies knelpunten uit de lijst."), "bottlenecks")
    if complete:
        for n, goal in enumerate(plan_goals(project)):
            if not goals.get(goal, ("", ""))[0]:
                problems.add(_("Geef aan of dit doel is bereikt: %(goal)s") % {"goal": goal}, f"goal_{n}")
        if not (what_worked or "").strip():
            problems.add(_("Beschrijf wat werkte."), "what_worked")
        if not (what_did_not or "").strip():
            problems.add(_("Beschrijf wat niet werkte (of dat alles werkte)."), "what_did_not")
    problems.raise_any()
    evaluation, _created = Evaluation.objects.get_or_create(project=project)
    evaluation.what_worked, evaluation.what_did_not = what_worked.strip(), what_did_not.strip()
    evaluation.bottlenecks, evaluation.follow_up = sorted(set(bottlenecks)), follow_up.strip()
    if complete:
        evaluation.completed_at, evaluation.completed_by = timezone.now(), by
    save_with(evaluation, by, "Evaluatie afgerond" if complete else "Evaluatie bijgewerkt")
    for goal, (achieved, note) in goals.items():
        if not achieved:
            continue
        row = evaluation.goals.filter(goal=goal).first() or GoalAssessment(evaluation=evaluation, goal=goal)
        row.achieved, row.note = achieved, (note or "").strip()
        save_with(row, by, "Doel beoordeeld")
    return evaluation


@transaction.atomic
def give_satisfaction(project: Project, by, *, score: int, remark: str = "") -> Satisfaction:
    """A partner's own satisfaction (1-5) with a remark; entered again, it replaces its own."""
    if problem := satisfaction_problem(by, project):
        raise EvaluationRefused(problem)
    problems = Problems(EvaluationRefused)
    if score not in range(1, 6):
        problems.add(_("Kies een cijfer van 1 tot en met 5."), "score")
    refuse_addresses(problems, remark=remark)
    problems.raise_any()
    evaluation, _created = Evaluation.objects.get_or_create(project=project)
    row = (evaluation.satisfaction.filter(partner_id=by.partner_id).first()
           or Satisfaction(evaluation=evaluation, partner_id=by.partner_id, entered_by=by))
    row.score, row.remark, row.entered_by, row.entered_at = score, (remark or "").strip(), by, timezone.now()
    return save_with(row, by, "Tevredenheid opgegeven")


def exit_problem(project: Project) -> str | None:
    evaluation = Evaluation.objects.filter(project=project).first()
    if evaluation is None or evaluation.completed_at is None:
        return _("Een project wordt pas gesloten als de evaluatie is afgerond.")
    return None


EXIT = PhaseExit(exit_problem, EvaluationRefused, gettext_lazy(
    "Rond eerst de evaluatie af; daarna sluit u het project op de evaluatiepagina."))


@transaction.atomic
def close_project(project: Project, by, reason: str = "") -> Project:
    """Afronding → gesloten, once the evaluation is complete (the lifecycle checks ``EXIT``)."""
    from projects import lifecycle

    return lifecycle.close_phase(project, by, reason or "Evaluatie afgerond; project gesloten")
