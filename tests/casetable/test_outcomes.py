"""Outcomes reported back: the executing partner sees its own handhavingstraject and records
what came of it (a category, an amount, a date); the projectleider sees all; another partner of
the project, and a partner outside it, get a 404. The gemeente records what came of a zorgmelding;
an enforcement partner never sees it."""
from decimal import Decimal

import pytest
from django.urls import reverse

from casetable import debriefing, outcomes
from casetable.errors import CaseTableError
from casetable.models import Assignment, CareReferral, CaseItem, Intervention
from projects.models import AccessLogEntry, Partner, Project, User
from tests.casetable.conftest import carried_out, decided_visit, to_case_table, to_execution
from tests.factories import UserFactory


@pytest.fixture(scope="module")
def visit_pk(case_world, django_db_blocker) -> int:
    with django_db_blocker.unblock():
        project = Project.objects.get(pk=case_world.project_pk)
        lead = User.objects.get(username="projectleider")
        duo = [Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")]
        item = decided_visit(project, lead, duo)
        to_case_table(project, lead)
        to_execution(project, lead)
        for assignment in Assignment.objects.filter(item=item):
            carried_out(assignment, User.objects.get(username=assignment.partner.code.lower()))
        return item.pk


@pytest.fixture
def item(visit_pk, project):
    return CaseItem.objects.select_related("project").get(pk=visit_pk)


@pytest.fixture
def enforcement(item, lead, uwv):
    return debriefing.add_intervention(item, lead, kind="handhavingstraject", partner=uwv)


@pytest.fixture
def brp(item, lead):
    return debriefing.add_intervention(item, lead, kind="brp_correctie")


def test_the_executing_partner_sees_its_own_intervention_and_no_other(enforcement, brp, uwv_user,
                                                                      svb_user, client_for):
    page = client_for(uwv_user).get(reverse("casetable:outcomes", args=[enforcement.item.project_id]))
    assert page.status_code == 200
    assert list(page.context["interventions"]) == [enforcement]  # not the BRP correction
    assert AccessLogEntry.objects.filter(action="uitkomsten.lijst", user=uwv_user).exists()
    # SVB takes part in the project but does not carry out this handhavingstraject.
    other = client_for(svb_user)
    assert other.get(reverse("casetable:outcome", args=[enforcement.pk])).status_code == 404
    assert list(other.get(reverse("casetable:outcomes", args=[enforcement.item.project_id]))
                .context["interventions"]) == []


def test_a_partner_outside_the_project_gets_a_404(enforcement, client_for):
    outsider = UserFactory(partner=Partner.objects.get(code="IND"))
    client = client_for(outsider)
    assert client.get(reverse("casetable:outcomes", args=[enforcement.item.project_id])).status_code == 404
    assert client.get(reverse("casetable:outcome", args=[enforcement.pk])).status_code == 404
    assert client.post(reverse("casetable:outcome", args=[enforcement.pk]),
                       {"status": "afgerond", "category": "boete"}).status_code == 404


def test_the_executing_partner_records_a_fine_with_its_amount(enforcement, uwv_user, client_for):
    client = client_for(uwv_user)
    response = client.post(reverse("casetable:outcome", args=[enforcement.pk]), {
        "status": "afgerond", "category": "boete", "amount": "1250,00", "decided_on": "2026-11-20"})
    assert response.status_code == 302
    enforcement.refresh_from_db()
    assert (enforcement.outcome_status, enforcement.outcome_category, enforcement.outcome_amount) == (
        "afgerond", "boete", Decimal("1250.00"))
    last = enforcement.history.first()
    assert last.history_user == uwv_user and last.history_change_reason == "Uitkomst vastgelegd"


def test_every_problem_of_an_outcome_is_reported_at_once(enforcement, uwv_user, client_for):
    response = client_for(uwv_user).post(reverse("casetable:outcome", args=[enforcement.pk]), {
        "status": "afgerond", "category": "", "amount": "100"})
    body = response.content.decode()
    assert response.status_code == 200 and "<title>Fout:" in body
    assert "Kies de uitkomst van het afgeronde traject." in body
    assert "Een bedrag hoort alleen bij een boete" in body
    enforcement.refresh_from_db()
    assert enforcement.outcome_status == ""


def test_a_category_of_another_kind_is_refused(brp, lead):
    with pytest.raises(CaseTableError, match="past"):
        outcomes.record_outcome(brp, lead, status="afgerond", category="boete")
    outcomes.record_outcome(brp, lead, status="afgerond", category="brp_gecorrigeerd")
    assert Intervention.objects.get(pk=brp.pk).outcome_category == "brp_gecorrigeerd"


def test_the_projectleider_sees_every_intervention(enforcement, brp, lead, client_for):
    page = client_for(lead).get(reverse("casetable:outcomes", args=[enforcement.item.project_id]))
    assert set(page.context["interventions"]) == {enforcement, brp}


def test_the_gemeente_records_what_came_of_a_zorgmelding(item, lead, gemeente_user, uwv_user, client_for):
    referral = debriefing.add_care_referral(item, lead, referred_to="Wijkteam", description="Hulpvraag")
    url = reverse("casetable:care_outcome", args=[referral.pk])
    assert client_for(uwv_user).get(url).status_code == 404
    refused = client_for(gemeente_user).post(url, {})
    assert "Geef aan of de bewoner toestemming gaf." in refused.content.decode()
    assert "Kies hoe is doorverwezen." in refused.content.decode()
    done = client_for(gemeente_user).post(url, {"consent": "ja", "referral_way": "warme_overdracht",
                                               "municipality_outcome": "aanvaard"})
    assert done.status_code == 302
    referral = CareReferral.objects.get(pk=referral.pk)
    assert (referral.consent, referral.referral_way, referral.municipality_outcome) == (
        True, "warme_overdracht", "aanvaard")
    assert referral.history.first().history_user == gemeente_user


@pytest.mark.parametrize("count, shown", [(0, 0), (1, None), (4, None), (5, 5), (6, 6)])
def test_small_numbers_are_suppressed_at_the_boundary(count, shown):
    from lsi.reports.outcomes import suppress

    assert suppress(count) == shown


def test_a_total_that_would_give_a_small_part_away_is_suppressed():
    from lsi.reports.outcomes import _total

    assert _total([5, None], 9) is None  # 9 - 5 would reveal the 4
    assert _total([5, 7], 12) == 12


def test_the_report_shows_outcomes_without_revealing_a_single_case(enforcement, uwv_user, lead,
                                                                  client_for):
    outcomes.record_outcome(enforcement, uwv_user, status="afgerond", category="boete",
                            amount=Decimal("980.00"))
    from lsi.reports.figures import project_figures

    figures = project_figures(enforcement.item.project)["casetable"]["outcomes"]
    (row,) = figures["table"]
    assert row["category"] == "Boete" and row["cells"] == [None] and row["total"] is None
    assert row["amount"] is None  # one fine: its amount would identify it
    page = client_for(lead).get(reverse("reports:project", args=[enforcement.item.project_id]))
    body = page.content.decode()
    assert "Uitkomsten per categorie en partner" in body and "&lt; 5" in body and "980" not in body


def test_an_outcome_still_open_months_after_the_debriefing_reminds_the_executing_partner(
        enforcement, brp, uwv_user, project):
    from datetime import date, timedelta

    from django.utils import timezone

    from projects.models import Notification
    from projects.postcodes import mentions_address

    Intervention.objects.filter(pk__in=[enforcement.pk, brp.pk]).update(
        recorded_at=timezone.now() - timedelta(days=80))
    assert outcomes.remind_open_outcomes() == 0  # not yet three months
    Intervention.objects.filter(pk__in=[enforcement.pk, brp.pk]).update(
        recorded_at=timezone.now() - timedelta(days=91))
    sent = outcomes.remind_open_outcomes()
    reminders = Notification.objects.filter(kind="outcome_due")
    assert sent == reminders.count() >= 1
    assert {r.recipient.partner.code for r in reminders} == {"UWV"}  # the BRP correction has no partner
    assert project.name in reminders[0].subject and reminders[0].link.endswith(
        reverse("casetable:outcomes", args=[project.pk]))
    assert not mentions_address(reminders[0].body)
    assert enforcement.item.address_display not in reminders[0].body
    assert outcomes.remind_open_outcomes() == 0  # once, not every night
    reminders.update(created_at=timezone.now() - timedelta(days=31))
    assert outcomes.remind_open_outcomes() == sent  # still open a month later: again
    outcomes.record_outcome(enforcement, uwv_user, status="afgerond", category="waarschuwing",
                            decided_on=date.today())
    Notification.objects.filter(kind="outcome_due").update(created_at=timezone.now() - timedelta(days=31))
    assert outcomes.remind_open_outcomes() == 0  # recorded: no more reminders


@pytest.mark.parametrize("language, shown", [("nl", "2.185.939,50"), ("en", "2,185,939.50")])
def test_an_amount_reads_as_people_write_money_in_the_readers_language(language, shown):
    """Amounts are stored as text in the frozen figures ("2185939.50") and shown grouped, with the
    language's decimal sign; a suppressed amount is a dash."""
    from django.template.loader import render_to_string
    from django.utils import translation

    rows = [{"category": "Boete", "cells": [7], "total": 7, "amount": "2185939.50"},
            {"category": "Waarschuwing", "cells": [None], "total": None, "amount": None}]
    context = {"casetable": {"outcomes": {"partners": ["UWV"], "table": rows, "open": 0, "hit_rate": []}}}
    with translation.override(language):
        body = render_to_string("reports/_outcome_figures.html", context)
    assert shown in body and "2185939" not in body
    assert ">–</td>" in body
