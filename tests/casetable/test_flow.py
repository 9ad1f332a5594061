"""The whole casustafel as the people in the issue would run it, through the screens: the
projectleider sees the shared addresses, runs a casustafel, decides and assigns a duo; the
partner users see only their assignments and record results; the debriefing is recorded; the
dossier page shows everything; the casustafel and the execution are closed through the lifecycle.
"""
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from casetable.models import Assignment, CareReferral, CaseItem, Decision, Intervention
from projects.models import AccessLogEntry
from tests.casetable.conftest import KEY_SINGLE, KEY_THREE, KEY_TWO, active_signals, to_case_table


def test_projectleider_runs_the_casustafel_from_selection_to_debriefing(
        project, lead, uwv, svb, uwv_user, svb_user, gemeente_user, client_for):
    client = client_for(lead)
    flagged = client.get(reverse("casetable:flagged", args=[project.pk]))
    assert flagged.status_code == 200
    page = flagged.content.decode()
    assert "Diezerstraat 1," in page and "Diezerstraat 2," in page
    assert "Diezerstraat 3," not in page  # one partner only

    to_case_table(project, lead)
    response = client.post(reverse("casetable:overview", args=[project.pk]), {
        "held_on": timezone.localdate().isoformat(), "present": [uwv.pk, svb.pk]})
    session = project.case_table_sessions.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()

    response = client.post(reverse("casetable:flagged_select", args=[project.pk]), {
        "address_keys": [KEY_THREE, KEY_TWO], "action": "agenda", "session": session.pk})
    assert response.status_code == 302
    item = CaseItem.objects.get(session=session, address_key=KEY_THREE)
    assert (item.rule_min_partners, item.partner_count_at_selection) == (2, 3)
    assert item.partner_codes_at_selection == "GEM-0193, SVB, UWV"

    url = reverse("casetable:item", args=[item.pk])
    assert client.get(url).status_code == 200
    data = {"version": item.version}
    for signal in active_signals(item):
        data[f"result_{signal.pk}"] = "houdt_stand"
        data[f"note_{signal.pk}"] = "Klopt met eigen registratie"
    assert client.post(reverse("casetable:item_tests", args=[item.pk]), data).status_code == 302
    item.refresh_from_db()
    assert client.post(reverse("casetable:item_risk", args=[item.pk]), {
        "version": item.version, "risk_current": "ja", "risk_note": "Nog actueel"}).status_code == 302
    item.refresh_from_db()
    response = client.post(reverse("casetable:item_decide", args=[item.pk]), {
        "version": item.version, "outcome": "huisbezoek",
        "subsidiarity": "Brief overwogen; kwam retour.", "proportionality": "Meerdere uitkeringen.",
        "reasonable_ground": "Postretour en drie inschrijvingen.", "executing_partner": uwv.pk,
        "second_partner": svb.pk, "planned_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert item.decision.outcome == Decision.Outcome.HOME_VISIT

    # The other agenda address: geen actie.
    other = CaseItem.objects.get(session=session, address_key=KEY_TWO)
    data = {"version": other.version}
    for signal in active_signals(other):
        data[f"result_{signal.pk}"] = "houdt_geen_stand"
        data[f"note_{signal.pk}"] = "Verhuizing was al verwerkt"
    client.post(reverse("casetable:item_tests", args=[other.pk]), data)
    other.refresh_from_db()
    client.post(reverse("casetable:item_risk", args=[other.pk]),
                {"version": other.version, "risk_current": "nee", "risk_note": "Opgelost"})
    other.refresh_from_db()
    assert client.post(reverse("casetable:item_decide", args=[other.pk]),
                       {"version": other.version, "outcome": "geen_actie"}).status_code == 302

    response = client.post(reverse("casetable:close_case_table", args=[project.pk]),
                           {"reason": "", "confirmed": "1"})
    project.refresh_from_db()
    assert project.phase == "uitvoering"

    # UWV sees only its own assignment, records the home visit.
    uwv_client = client_for(uwv_user)
    listing = uwv_client.get(reverse("casetable:assignments", args=[project.pk]))
    assert listing.status_code == 200
    assignment = Assignment.objects.get(item=item, partner=uwv)
    assert assignment.get_absolute_url() in listing.content.decode()
    svb_assignment = Assignment.objects.get(item=item, partner=svb)
    assert svb_assignment.get_absolute_url() not in listing.content.decode()
    response = uwv_client.post(assignment.get_absolute_url(), {
        "result": "uitgevoerd", "rights_informed": "ja", "consent": "ja",
        "findings": "Twee huishoudens aangetroffen."})
    assert response.status_code == 302
    client_for(svb_user).post(svb_assignment.get_absolute_url(), {
        "result": "uitgevoerd", "rights_informed": "ja", "consent": "ja", "findings": "Idem."})

    # Debriefing: a handhavingstraject and a zorgmelding.
    response = client.post(reverse("casetable:intervention_add", args=[item.pk]),
                           {"kind": "handhavingstraject", "partner": uwv.pk})
    assert response.status_code == 302
    client.post(reverse("casetable:care_referral_add", args=[item.pk]),
                {"referred_to": "Wijkteam Zwolle-Centrum", "description": "Schulden en een kind."})
    assert Intervention.objects.filter(item=item).count() == 1
    assert CareReferral.objects.filter(item=item).count() == 1

    dossier = client.get(reverse("casetable:dossier", args=[item.pk]))
    text = dossier.content.decode()
    for expected in ("Diezerstraat 1,", "Postretour en drie inschrijvingen.",
                     "Twee huishoudens aangetroffen.",
                     "Handhavingstraject", "Wijkteam Zwolle-Centrum", "UWV-1", "minimaal",
                     "Volledige wijzigingsgeschiedenis"):
        assert expected in text, expected

    client.post(reverse("casetable:close_execution", args=[project.pk]), {"reason": "", "confirmed": "1"})
    project.refresh_from_db()
    assert project.phase == "afronding"
    assert AccessLogEntry.objects.filter(action="dossier.bekijken", user=lead).exists()


def test_single_partner_address_is_not_a_verwonderadres(project, lead, client_for):
    page = client_for(lead).get(reverse("casetable:flagged", args=[project.pk])).content.decode()
    assert KEY_SINGLE not in page
