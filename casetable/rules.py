"""Who may do what at the casustafel, and why not: the guards every casetable service uses.

A guard raises ``CaseTableError`` when the action is refused; a ``*_problem`` predicate returns
the reason (translated) or None, so that a view shows its button from the same rule the service
enforces. What a user may *see* is decided in ``querysets.py``.
"""
from django.utils.translation import gettext as _

from projects.models import Project
from projects.phases import Phase
from projects.roles import is_lead, taking_part_ids

from .errors import CaseTableError
from .models import Assignment

# The selection and the agenda are worked on while signals come in and at the casustafel.
DELIBERATION_PHASES = frozenset({Phase.INTAKE, Phase.CASE_TABLE})


def lock_project(project: Project) -> Project:
    """The project row, locked against a concurrent phase change until the transaction ends."""
    return Project.objects.select_for_update(no_key=True).get(pk=project.pk)


def lead_problem(user, project: Project) -> str | None:
    """Why this user may not act for the project's casustafel (only its projectleider may)."""
    if not is_lead(user, project):
        return _("Alleen de projectleider van dit project kan dit doen.")
    return None


def deliberation_problem(user, project: Project) -> str | None:
    """Why this user may not work on the selection and the agenda now (the projectleider, in
    signalering or casustafel), or None."""
    if problem := lead_problem(user, project):
        return problem
    if project.phase not in DELIBERATION_PHASES:
        return _("Dit kan alleen in de fasen signalering en casustafel; het project is in de fase "
                 "'%(phase)s'.") % {"phase": project.get_phase_display()}
    return None


def require_lead(project: Project, by) -> None:
    if problem := lead_problem(by, project):
        raise CaseTableError(problem)


def require_deliberation(project: Project, by) -> None:
    """The projectleider, while the selection and the agenda are open (``deliberation_problem``)."""
    if problem := deliberation_problem(by, project):
        raise CaseTableError(problem)


def not_taking_part(project: Project, partners) -> list[tuple[str, str]]:
    """(field, message) for each partner given (pairs of form field and partner, or None) that
    does not take part in the project."""
    taking_part = taking_part_ids(project)
    return [(field, _("%(partner)s neemt niet deel aan dit project.") % {"partner": partner.code})
            for field, partner in partners if partner is not None and partner.pk not in taking_part]


def require_taking_part(project: Project, partners, message: str | None = None) -> None:
    """Every partner given takes part in the project (``not_taking_part``), or a refusal."""
    if problems := not_taking_part(project, partners):
        field, text = problems[0]
        raise CaseTableError(message or text, field)


def record_result_problem(user, assignment: Assignment) -> str | None:
    """Why this user may not record (or correct) the result of this control now, or None.
    The users of the executing partner record it; so may the projectleider."""
    if not (user.is_authenticated and user.is_partner_user and (
            user.partner_id == assignment.partner_id or is_lead(user, assignment.project))):
        return _("Alleen de uitvoerende partner of de projectleider legt deze controle vast.")
    project = assignment.project
    if project.phase != Phase.EXECUTION:
        return _("De uitkomst van een controle wordt vastgelegd in de fase uitvoering; het "
                 "project is in de fase '%(phase)s'.") % {"phase": project.get_phase_display()}
    if assignment.status != Assignment.Status.OPEN:
        return _("Deze controleopdracht is vervallen.")
    return None


def outcome_problem(user, intervention) -> str | None:
    """Why this user may not record the outcome of this intervention, or None. The executing
    partner's users record it (their own handhavingstraject); so may the projectleider."""
    project = intervention.item.project
    if not (user.is_authenticated and user.is_partner_user and (
            (intervention.partner_id and user.partner_id == intervention.partner_id)
            or is_lead(user, project))):
        return _("Alleen de uitvoerende partner of de projectleider legt de uitkomst vast.")
    if not intervention.outcome_categories:
        return _("Voor deze interventie wordt geen uitkomst vastgelegd.")
    if project.phase == Phase.ON_HOLD:
        return _("Het project is on hold; de uitkomst kan worden vastgelegd als het verdergaat.")
    return None


def care_outcome_problem(user, referral) -> str | None:
    """Why this user may not record what came of this zorgmelding, or None: the users of a
    gemeente taking part, and the projectleider."""
    from projects.models import Partner

    project = referral.project
    municipal = (user.is_authenticated and user.is_partner_user
                 and user.partner.kind == Partner.Kind.MUNICIPALITY
                 and user.partner_id in taking_part_ids(project))
    if not (municipal or is_lead(user, project)):
        return _("Alleen de deelnemende gemeente of de projectleider legt de uitkomst van een "
                 "zorgmelding vast.")
    return None
