"""The project lifecycle: the only module that changes a project's phase.

Every transition is checked here, runs in a transaction with the project row locked, and
is recorded twice: as a ``PhaseTransition`` (who, when, why) and in the project history.
An invalid transition raises ``TransitionError`` with a Dutch message and changes nothing.
"""
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from .history import save_with
from .models import ApprovalDecision, Body, Participation, PhaseTransition, Project
from .phases import EXITS, FINAL, HOLDABLE, KIP_SKIPS, MAIN_LINE, Phase, PhaseExit
from .refusals import Refused
from .roles import can_manage


class TransitionError(Refused):
    """A refused project action (a phase transition, a plan change); ``message`` says why."""


def plan_gaps(project: Project) -> list[str]:
    """What is still missing before the plan can be submitted (empty when complete)."""
    gaps = []
    if not project.reason.strip():
        gaps.append(_("de aanleiding"))
    if not project.goals.strip():
        gaps.append(_("de doelstellingen"))
    if project.is_area_based and not project.area.strip():
        gaps.append(_("het gebied (postcodes)"))
    if not project.is_area_based and not project.sector.strip():
        gaps.append(_("de branche of het fenomeen"))
    if project.participations.filter(partner__is_signatory=True).count() < 2:
        gaps.append(_("ten minste twee deelnemende partners "
                      "(convenantpartners; adviserende leden tellen niet mee)"))
    if not (project.start_date and project.planned_end):
        gaps.append(_("de planning (startdatum en geplande einddatum)"))
    dates = [d for d in (project.start_date, project.intake_deadline, project.case_table_date,
                         project.planned_end) if d]
    if dates != sorted(dates):
        gaps.append(_("een planning in de goede volgorde (start, signalen, casustafel, einde)"))
    if project.processes_personal_data:
        if not (project.intake_deadline and project.case_table_date):
            gaps.append(_("de planning (uiterste datum signalen en datum casustafel)"))
        if not project.dpia_reference.strip():
            gaps.append(_("het DPIA-kenmerk"))
    if project.is_area_based and project.format != Project.Format.OTHER and not project.region_id:
        gaps.append(_("de regio (RPF) die het plan goedkeurt"))
    waiting = project.participations.exclude(agreement=Participation.Agreement.ACCEPTED)
    if names := list(waiting.order_by("partner__name").values_list("partner__name", flat=True)):
        gaps.append(_("het akkoord van elke partner op zijn deelname (nog niet: %(partners)s)")
                    % {"partners": ", ".join(names)})
    return gaps


def competent_body(project: Project, steering: Body | None = None) -> Body | None:
    """The body that decides on the plan: the stuurgroep for branche- and fenomeengerichte
    projects, KIPs and deviating formats; the regional body for standard gebiedsgerichte plans.
    ``steering``: the stuurgroep, when the caller asks for many projects and read it once."""
    if project.is_area_based and project.format != Project.Format.OTHER:
        return project.region
    return steering or Body.objects.filter(kind=Body.Kind.STEERING).first()


def next_phase(project: Project) -> Phase | None:
    """The next phase on the main line, skipping intake and casustafel for a KIP."""
    if project.phase not in MAIN_LINE:
        return None
    following = MAIN_LINE[MAIN_LINE.index(project.phase) + 1:]
    for phase in following:
        if project.project_type == Project.Type.KIP and phase in KIP_SKIPS:
            continue
        return phase
    return None


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def stored_text(label) -> str:
    """A translatable label as stored in the history: its Dutch text (the catalogue's key), so
    that the history shows it in each reader's language."""
    with override("nl"):
        return str(label)


def _move(project: Project, to: Phase, by, reason: str) -> Project:
    """Record the transition and change the phase. Call inside a transaction on a locked row."""
    transition = PhaseTransition(project=project, from_phase=project.phase, to_phase=to, by=by,
                                 reason=reason)
    save_with(transition, by, reason)
    from_phase = project.phase
    project.phase = to
    project.phase_since = timezone.now()
    save_with(project, by, reason, update_fields=["phase", "phase_before_hold", "phase_since"])
    _announce(project, from_phase, to, by)
    return project


def _announce(project: Project, from_phase: str, to: Phase, by) -> None:
    """Tell the people who must act now (``notifications``: an outbox row in this transaction)."""
    from django.urls import reverse

    from . import notifications
    from .models import User
    from .roles import leads_of

    partner_users = User.objects.filter(partner__participations__project=project,
                                        role=User.Role.PARTNER, is_active=True).distinct()
    project_link = reverse("projects:detail", args=[project.pk])
    if to == Phase.INTAKE:
        notifications.notify("intake_opened", partner_users, project=project, by=by,
                             link=reverse("signals:deliver", args=[project.pk]))
    elif to == Phase.APPROVED and from_phase == Phase.SUBMITTED:
        notifications.notify("plan_decided", leads_of(project), project=project, by=by, link=project_link)
        notifications.notify("readiness_asked", partner_users, project=project, by=by, link=project_link)
    elif to == Phase.CONCEPT and from_phase == Phase.SUBMITTED:
        notifications.notify("plan_decided", leads_of(project), project=project, by=by, link=project_link)


def _require_manager(project: Project, by) -> None:
    if not can_manage(by, project):
        raise TransitionError(_("Alleen de projectleider of de coördinator kan dit doen."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("Geef een reden op."))
    return reason


@transaction.atomic
def submit(project: Project, by, reason: str = "") -> Project:
    """Concept → ingediend, only with a complete plan."""
    project = _locked(project)
    _require_manager(project, by)
    if project.phase != Phase.CONCEPT:
        raise TransitionError(_("Alleen een plan in concept kan worden ingediend."))
    gaps = plan_gaps(project)
    if gaps:
        raise TransitionError(
            _("Het plan is nog niet compleet. Vul nog in: %(gaps)s.") % {"gaps": ", ".join(gaps)}
        )
    return _move(project, Phase.SUBMITTED, by, reason.strip() or gettext_noop("Projectplan ingediend"))


def may_record_decision(user, project: Project, steering: Body | None = None) -> bool:
    """The secretariaat records decisions of every body; a stuurgroep member those of the
    stuurgroep."""
    body = competent_body(project, steering)
    if not user.is_authenticated or body is None:
        return False
    return user.is_coordinator or (user.is_steering and body.kind == Body.Kind.STEERING)


@transaction.atomic
def record_decision(
    project: Project, by, *, body: Body, outcome: str, decided_on: date, remarks: str = ""
) -> ApprovalDecision:
    """The competent body approves (→ goedgekeurd) or rejects (→ back to concept) the plan."""
    project = _locked(project)
    if project.phase != Phase.SUBMITTED:
        raise TransitionError(_("Er kan alleen over een ingediend plan worden besloten."))
    expected = competent_body(project)
    if expected is None or body.pk != expected.pk:
        raise TransitionError(
            _("Over dit plan beslist %(body)s, niet %(other)s.")
            % {"body": expected or _("(nog geen orgaan bekend)"), "other": body}
        )
    if not may_record_decision(by, project):
        raise TransitionError(_("U kunt geen besluit van %(body)s vastleggen.") % {"body": body})
    if decided_on > timezone.localdate():
        raise TransitionError(_("De datum van het besluit kan niet in de toekomst liggen."))
    if outcome == ApprovalDecision.Outcome.REJECTED and not remarks.strip():
        raise TransitionError(_("Geef bij een afwijzing aan waarom het plan is afgewezen."))
    decision = ApprovalDecision(
        project=project, body=body, outcome=outcome, decided_on=decided_on,
        remarks=remarks.strip(), recorded_by=by,
    )
    save_with(decision, by)
    if outcome == ApprovalDecision.Outcome.APPROVED:
        _move(project, Phase.APPROVED, by, _("Goedgekeurd door %(body)s") % {"body": body})
    else:
        _move(
            project, Phase.CONCEPT, by,
            _("Afgewezen door %(body)s: %(remarks)s") % {"body": body, "remarks": remarks.strip()},
        )
    return decision


@transaction.atomic
def confirm_ready(participation: Participation, by) -> Participation:
    """A partner tells the projectleider it can process data for this project (art. 9 lid 3).

    When the last partner confirms, the project becomes *gereed voor gegevensverwerking*."""
    project = _locked(participation.project)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if not by.is_partner_user or by.partner_id != participation.partner_id:
        raise TransitionError(_("Alleen een medewerker van deze partner kan gereedheid melden."))
    if project.phase != Phase.APPROVED:
        raise TransitionError(_("Gereedheid melden kan nadat het plan is goedgekeurd."))
    if participation.is_ready:
        raise TransitionError(_("Uw organisatie heeft al gereedheid gemeld voor dit project."))
    participation.ready_at = timezone.now()
    participation.ready_by = by
    save_with(participation, by, gettext_noop("Gereed voor gegevensverwerking gemeld"),
              update_fields=["ready_at", "ready_by"])
    if not project.participations.filter(ready_at__isnull=True).exists():
        _move(project, Phase.READY, by, _("Alle partners hebben gereedheid gemeld"))
    return participation


def phase_exit(project: Project) -> PhaseExit | None:
    """The registered exit of the project's phase, when an app closes it itself. A KIP has no
    casustafel: its phases are left with the generic step."""
    return EXITS.get(project.phase) if project.processes_personal_data else None


def advance_problem(user, project: Project) -> str | None:
    """Why this user may not take the project to its next phase with the generic step now."""
    if not can_manage(user, project):
        return _("Alleen de projectleider of de coördinator kan dit doen.")
    if (exit_rule := phase_exit(project)) is not None:
        return str(exit_rule.elsewhere)
    return _next_problem(project)


@transaction.atomic
def advance(project: Project, by, reason: str = "") -> Project:
    """Move to the next phase on the main line (intake open, intake closed, …, gesloten).
    A phase with a registered exit is refused here: it is closed through ``close_phase``."""
    project = _locked(project)
    if problem := advance_problem(by, project):
        raise TransitionError(problem)
    return _next(project, by, reason)


@transaction.atomic
def close_phase(project: Project, by, reason: str = "") -> Project:
    """Leave a phase with a registered exit, once its owner's checks pass (run here, on the
    locked row, so nothing can change between the check and the step)."""
    project = _locked(project)
    _require_manager(project, by)
    exit_rule = phase_exit(project)
    if exit_rule is not None and (problem := exit_rule.problem(project)):
        raise exit_rule.refusal(problem)
    return _next(project, by, reason)


def _next_problem(project: Project) -> str | None:
    """Why the project has no next phase to go to now, or None."""
    if project.phase in (Phase.CONCEPT, Phase.SUBMITTED):
        return _("Dit plan moet eerst worden ingediend en goedgekeurd.")
    target = next_phase(project)
    if target is None:
        return _("Vanuit deze fase is er geen volgende fase.")
    if target == Phase.READY and project.participations.filter(ready_at__isnull=True).exists():
        return _("Nog niet alle deelnemende partners hebben gemeld dat zij gegevens kunnen verwerken.")
    return None


def _next(project: Project, by, reason: str) -> Project:
    if problem := _next_problem(project):
        raise TransitionError(problem)
    target = next_phase(project)
    return _move(project, target, by, reason.strip() or stored_text(target.label))


def consequences(project: Project, target: Phase) -> list[str]:
    """What the step to ``target`` changes for the people working in the project, in words: shown
    on the confirmation page before a consequential step."""
    said = {
        Phase.INTAKE: [_("De signalering gaat open: de deelnemende partners kunnen vanaf nu "
                         "signalen aanleveren.")],
        Phase.CASE_TABLE: [_("De signalering sluit voor alle partners: er kunnen geen signalen meer "
                             "worden aangeleverd of ingetrokken."),
                           _("U werkt daarna de verwonderadressen en de agenda van de casustafel uit.")],
        Phase.CLOSED: [_("Het project wordt gesloten; daarna loopt de bewaartermijn van %(days)s "
                         "dagen, waarna de persoonsgegevens worden verwijderd.")
                       % {"days": project.retention_days}],
    }
    return [_("Het project gaat naar de fase '%(phase)s'; dit wordt met uw reden vastgelegd.")
            % {"phase": target.label}, *said.get(target, [])]


@transaction.atomic
def hold(project: Project, by, reason: str) -> Project:
    """Put a running project on hold; it returns to the same phase when resumed."""
    reason = _require_reason(reason)
    project = _locked(project)
    _require_manager(project, by)
    if project.phase not in HOLDABLE:
        raise TransitionError(_("Een project in deze fase kan niet on hold worden gezet."))
    project.phase_before_hold = project.phase
    return _move(project, Phase.ON_HOLD, by, reason)


@transaction.atomic
def resume(project: Project, by, reason: str) -> Project:
    reason = _require_reason(reason)
    project = _locked(project)
    _require_manager(project, by)
    if project.phase != Phase.ON_HOLD:
        raise TransitionError(_("Alleen een project dat on hold staat kan worden hervat."))
    target = Phase(project.phase_before_hold)
    project.phase_before_hold = ""
    return _move(project, target, by, reason)


@transaction.atomic
def cancel(project: Project, by, reason: str) -> Project:
    reason = _require_reason(reason)
    project = _locked(project)
    _require_manager(project, by)
    if project.phase in FINAL:
        raise TransitionError(_("Dit project is al afgesloten of afgebroken."))
    project.phase_before_hold = ""
    return _move(project, Phase.CANCELLED, by, reason)
