"""Recording the result of a control (controleopdracht), in phase uitvoering.

The users of the executing partner record it; so may the projectleider (at the debriefing, on
the partner's word). Rules:

* an outcome is required; "niet uitgevoerd" needs a reason;
* when the residents were met (uitgevoerd, geen toestemming) it is recorded whether they were
  told their rights;
* a huisbezoek counts as *uitgevoerd* only with the residents' consent, given after they were
  told their rights; without consent the outcome is "geen toestemming";
* for a control that was carried out, the findings are required.

A result can be corrected while the project is in uitvoering; the history keeps the earlier one.
When the planned date has come and no result is recorded, the executing partner is told once per
assignment (``remind_due_results``, nightly).
"""
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects import notifications
from projects.history import save_with
from projects.models import Project, User
from projects.refusals import Problems

from .errors import CaseTableError
from .models import Assignment, Decision
from .rules import lock_project, record_result_problem

Result = Assignment.Result


def required_for(action: str, result: str) -> tuple[str, ...]:
    """The fields of a control result that this outcome makes required, for a control of this
    action: the reason when it was not carried out; whether the residents were told their rights
    when they were met; the findings when it was carried out, and for a huisbezoek the consent."""
    fields = []
    if result == Result.NOT_CARRIED_OUT:
        fields.append("result_reason")
    if result in (Result.CARRIED_OUT, Result.NO_CONSENT):
        fields.append("rights_informed")
    if result == Result.CARRIED_OUT and action == Decision.Outcome.HOME_VISIT:
        fields.append("consent")
    if result == Result.CARRIED_OUT:
        fields.append("findings")
    return tuple(fields)


@transaction.atomic
def record_result(assignment: Assignment, by, *, result: str, result_reason: str = "",
                  rights_informed: bool | None = None, consent: bool | None = None,
                  findings: str = "") -> Assignment:
    project = lock_project(assignment.project)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.project = project
    if problem := record_result_problem(by, assignment):
        raise CaseTableError(problem)
    result_reason, findings = (result_reason or "").strip(), (findings or "").strip()
    if result not in Result.values:
        raise CaseTableError(_("Kies de uitkomst van de controle."), "result")
    # Every problem at once, so that one submit shows all that is missing.
    problems = Problems(CaseTableError)
    required = required_for(assignment.action, result)
    if "result_reason" in required and not result_reason:
        problems.add(_("Geef de reden waarom de controle niet is uitgevoerd."), "result_reason")
    met = result in (Result.CARRIED_OUT, Result.NO_CONSENT)
    if "rights_informed" in required and rights_informed is None:
        problems.add(_("Geef aan of de bewoners zijn geïnformeerd over hun rechten."), "rights_informed")
    if result == Result.NO_CONSENT and consent:
        problems.add(_("Bij 'geen toestemming' is er geen toestemming gegeven."), "consent")
    if "consent" in required:
        if consent is not True:
            problems.add(_("Een huisbezoek telt alleen als uitgevoerd als de bewoners toestemming "
                           "hebben gegeven. Kies anders 'geen toestemming'."), "consent")
        if rights_informed is False:
            problems.add(_("Toestemming voor een huisbezoek telt alleen als de bewoners eerst over "
                           "hun rechten zijn geïnformeerd."), "rights_informed")
    if "findings" in required and not findings:
        problems.add(_("Leg de bevindingen van de controle vast."), "findings")
    problems.raise_any()
    correcting = assignment.has_result
    assignment.result, assignment.result_reason = result, result_reason
    assignment.rights_informed = rights_informed if met else None
    assignment.consent = False if result == Result.NO_CONSENT else (consent if met else None)
    assignment.findings = findings
    assignment.result_by, assignment.result_at = by, timezone.now()
    reason = "Uitkomst gecorrigeerd: " if correcting else "Uitkomst: "
    reason += str(assignment.get_result_display())
    return save_with(assignment, by, reason)


def remind_due_results(today=None) -> int:
    """Nightly: tell the users of the executing partner that the result of a control is due (its
    planned date has come, the project is in uitvoering, no result yet). Once per assignment: the
    assignment records when its partner was told (in its history); the assignments of one partner
    in one project that fall due together are one message. The message names the project and
    links to the partner's controleopdrachten, never an address. Returns the messages written."""
    today = today or timezone.localdate()
    pairs = sorted(set(Assignment.objects.result_due(today).values_list("project_id", "partner_id")))
    written = 0
    for project_id, partner_id in pairs:
        with transaction.atomic():
            # Locked and selected again: a run at the same time skips what this one tells.
            due = list(Assignment.objects.result_due(today).select_for_update(of=("self",))
                       .filter(project_id=project_id, partner_id=partner_id))
            if not due:
                continue
            now = timezone.now()
            for assignment in due:
                assignment.result_due_notified_at = now
                save_with(assignment, None, gettext_noop("Uitvoerende partner herinnerd aan de uitkomst"),
                          update_fields=["result_due_notified_at"])
            users = User.objects.filter(partner_id=partner_id, role=User.Role.PARTNER, is_active=True)
            written += len(notifications.notify(
                "assignment_result_due", users, project=Project.objects.get(pk=project_id),
                link=reverse("casetable:assignments", args=[project_id])))
    return written
