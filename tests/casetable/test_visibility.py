"""Who reaches which casustafel URL. Everything is for the projectleider of the project, except
the control assignments (the executing partner's own) and the zorgmeldingen (the gemeente of
the project). Every other role gets a 404 on every URL, for GET and POST alike, and nothing
changes.

The URL list is taken from ``casetable.urls``: a new URL that is not in ``calls`` below makes
``test_every_casetable_url_is_checked`` fail.
"""
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from casetable import debriefing, dossier, urls
from casetable.models import (
    Assignment,
    CareReferral,
    CaseItem,
    Decision,
    DossierPdf,
    Intervention,
    SignalTest,
)
from projects.models import AccessLogEntry, Partner, Project, User
from tests.casetable.conftest import (
    KEY_TWO,
    carried_out,
    decided_visit,
    on_agenda,
    to_case_table,
    to_execution,
)

LEAD_ONLY = "lead"
ASSIGNEE = "assignee"  # the lead and the users of the assigned partner (SVB)
PARTICIPANTS = "participants"  # the lead and every partner taking part (each sees only its own)
MUNICIPALITY = "municipality"  # the lead and the gemeente taking part


@dataclass(frozen=True)
class World:
    project: int
    session: int
    item: int
    open_item: int
    assignment: int
    intervention: int
    referral: int
    pdf: int


@pytest.fixture(scope="module")
def world(case_world, tmp_path_factory, django_db_blocker):
    """A project in uitvoering: a huisbezoek by UWV + SVB carried out and debriefed (with a
    zorgmelding), its dossier PDF made; and a second agenda address, undecided in the history."""
    with django_db_blocker.unblock():
        project = Project.objects.get(pk=case_world.project_pk)
        lead = User.objects.get(username="projectleider")
        uwv, svb = Partner.objects.get(code="UWV"), Partner.objects.get(code="SVB")
        item = decided_visit(project, lead, [uwv, svb])
        other = on_agenda(project, lead, KEY_TWO, item.session)
        from tests.casetable.conftest import decide, risk, test_all

        test_all(other, lead, result="houdt_geen_stand")
        risk(other, lead, current=False)
        decide(other, lead, [], outcome="geen_actie", planned_date=None)
        to_case_table(project, lead)
        to_execution(project, lead)
        for username, partner in (("uwv", uwv), ("svb", svb)):
            carried_out(Assignment.objects.get(item=item, partner=partner),
                        User.objects.get(username=username))
        intervention = debriefing.add_intervention(item, lead, kind="brp_correctie")
        referral = debriefing.add_care_referral(item, lead, referred_to="Wijkteam", description="Zorg")
        pdf_row = dossier.request_pdf(item, lead)
        dossier.render_pdf(pdf_row.pk)
        assignment = Assignment.objects.get(item=item, partner=svb, status="open")
    return World(project=project.pk, session=item.session_id, item=item.pk, open_item=other.pk,
                 assignment=assignment.pk, intervention=intervention.pk, referral=referral.pk,
                 pdf=pdf_row.pk)


@pytest.fixture
def ids(world, db):
    return world


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    allowed: str = LEAD_ONLY
    data: dict | None = None

    def __call__(self, client):
        if self.method == "get":
            return client.get(self.path)
        return client.post(self.path, self.data or {})


@pytest.fixture
def calls(ids) -> list[Call]:
    p, s, i, a = ids.project, ids.session, ids.item, ids.assignment
    r = reverse
    return [
        Call("flagged", "get", r("casetable:flagged", args=[p])),
        Call("flagged_select", "post", r("casetable:flagged_select", args=[p]),
             data={"address_keys": ["8011WR-1--"], "action": "agenda", "session": s}),
        Call("flagged_choose", "post", r("casetable:flagged_choose", args=[p]), data={"choice": "all"}),
        Call("exception_add", "post", r("casetable:exception_add", args=[p]),
             data={"postcode": "8011WR", "huisnummer": "3", "reason": "Tip"}),
        Call("overview", "get", r("casetable:overview", args=[p])),
        Call("overview", "post", r("casetable:overview", args=[p]), data={"held_on": "2030-01-01"}),
        Call("rule", "post", r("casetable:rule", args=[p]), data={"min_partners": 3}),
        Call("close_case_table", "post", r("casetable:close_case_table", args=[p])),
        Call("close_execution", "post", r("casetable:close_execution", args=[p])),
        Call("export_csv", "get", r("casetable:export_csv", args=[p])),
        Call("export_xlsx", "get", r("casetable:export_xlsx", args=[p])),
        Call("session", "get", r("casetable:session", args=[s])),
        Call("session", "post", r("casetable:session", args=[s]), data={"held_on": "2030-01-01"}),
        Call("item", "get", r("casetable:item", args=[i])),
        Call("item_tests", "post", r("casetable:item_tests", args=[i]), data={"version": 1}),
        Call("item_risk", "post", r("casetable:item_risk", args=[i]),
             data={"version": 1, "risk_current": "nee", "risk_note": "x"}),
        Call("item_decide", "post", r("casetable:item_decide", args=[i]),
             data={"version": 1, "outcome": "geen_actie", "revision_reason": "x"}),
        Call("intervention_add", "post", r("casetable:intervention_add", args=[i]),
             data={"kind": "niet_gebruik"}),
        Call("intervention_remove", "post", r("casetable:intervention_remove", args=[ids.intervention])),
        Call("care_referral_add", "post", r("casetable:care_referral_add", args=[i]),
             data={"referred_to": "x", "description": "y"}),
        Call("care_referral_remove", "post", r("casetable:care_referral_remove", args=[ids.referral])),
        Call("dossier", "get", r("casetable:dossier", args=[i])),
        Call("dossier_pdf", "post", r("casetable:dossier_pdf", args=[i])),
        Call("pdf_status", "get", r("casetable:pdf_status", args=[ids.pdf])),
        Call("pdf_download", "get", r("casetable:pdf_download", args=[ids.pdf])),
        Call("assignments", "get", r("casetable:assignments", args=[p]), allowed=PARTICIPANTS),
        Call("assignment", "get", r("casetable:assignment", args=[a]), allowed=ASSIGNEE),
        Call("assignment", "post", r("casetable:assignment", args=[a]), allowed=ASSIGNEE,
             data={"result": "niet_uitgevoerd", "result_reason": "x"}),
        Call("care_referrals", "get", r("casetable:care_referrals", args=[p]), allowed=MUNICIPALITY),
        Call("outcomes", "get", r("casetable:outcomes", args=[p]), allowed=PARTICIPANTS),
        Call("outcome", "get", r("casetable:outcome", args=[ids.intervention])),
        Call("outcome", "post", r("casetable:outcome", args=[ids.intervention]),
             data={"status": "afgerond", "category": "brp_gecorrigeerd"}),
        Call("care_outcome", "get", r("casetable:care_outcome", args=[ids.referral]), allowed=MUNICIPALITY),
        Call("care_outcome", "post", r("casetable:care_outcome", args=[ids.referral]), allowed=MUNICIPALITY,
             data={"consent": "nee", "referral_way": "folder", "municipality_outcome": "onbekend"}),
    ]


@pytest.fixture
def roles(ids, other_projectleider) -> dict[str, User]:
    """Everyone who is not the projectleider of this project."""
    return {
        "stuurgroep": User.objects.get(username="stuurgroeplid"),
        "coordinator": User.objects.get(username="coordinator"),
        "privacy officer": User.objects.get(username="fg"),
        "other partner (UWV)": User.objects.get(username="uwv"),
        "assigned partner (SVB)": User.objects.get(username="svb"),
        "gemeente (not the lead)": User.objects.get(username="gemeente"),
        "non-participating partner (IND)": User.objects.get(username="ind"),
        "lead of another project": other_projectleider,
    }


def reaches(role: str, call: Call) -> bool:
    """Whether ``role`` may reach ``call`` (everything else must be a 404)."""
    if call.allowed == PARTICIPANTS:
        return role in ("other partner (UWV)", "assigned partner (SVB)", "gemeente (not the lead)")
    if call.allowed == ASSIGNEE:
        return role == "assigned partner (SVB)"
    if call.allowed == MUNICIPALITY:
        return role == "gemeente (not the lead)"
    return False


def snapshot(ids) -> tuple:
    item = CaseItem.objects.get(pk=ids.item)
    return (item.version, Decision.objects.count(), SignalTest.objects.count(), Intervention.objects.count(),
            CareReferral.objects.count(), DossierPdf.objects.count(), CaseItem.objects.count(),
            Project.objects.get(pk=ids.project).phase,
            list(Assignment.objects.order_by("pk").values_list("result", "result_reason")))


def test_every_casetable_url_is_checked(calls):
    names = {pattern.name for pattern in urls.urlpatterns}
    assert names == {call.name for call in calls}


def test_every_other_role_gets_404_on_every_casetable_url(calls, roles, ids, client_for):
    before = snapshot(ids)
    for role, user in roles.items():
        client = client_for(user)
        for call in calls:
            if reaches(role, call):
                continue
            response = call(client)
            assert response.status_code == 404, \
                f"{role}: {call.method.upper()} {call.path} → {response.status_code}"
    assert snapshot(ids) == before
    assert not AccessLogEntry.objects.filter(user__in=roles.values(), result="toegestaan",
                                             action__startswith="dossier").exists()


def test_the_projectleider_reaches_every_page_and_each_page_has_unique_ids(calls, ids, client_for):
    client = client_for(User.objects.get(username="projectleider"))
    for call in calls:
        if call.method == "get":
            response = call(client)
            assert response.status_code == 200, call.path
            if response["Content-Type"].startswith("text/html"):
                found = re.findall(r'\sid="([^"]+)"', response.content.decode())
                twice = sorted({i for i in found if found.count(i) > 1})
                assert not twice, (call.path, twice)


def test_the_allowed_partner_users_reach_their_pages(calls, roles, client_for):
    for role, user in roles.items():
        client = client_for(user)
        for call in calls:
            if call.method == "get" and reaches(role, call):
                assert call(client).status_code == 200, f"{role}: {call.path}"


def test_the_projectleider_of_another_project_sees_nothing_here(ids, roles):
    other = roles["lead of another project"]
    for model in (CaseItem, Decision, SignalTest, Intervention, DossierPdf, CareReferral, Assignment):
        assert not model.objects.visible_to(other).exists(), model


def test_views_of_personal_data_are_access_logged(calls, ids, client_for):
    lead = User.objects.get(username="projectleider")
    client = client_for(lead)
    expected = {
        "flagged": "verwonderadressen.lijst", "session": "casustafel.agenda", "item": "agendapunt.bekijken",
        "dossier": "dossier.bekijken", "pdf_download": "dossier.download", "export_csv": "casustafel.export",
        "export_xlsx": "casustafel.export", "assignments": "controleopdrachten.lijst",
        "assignment": "controleopdracht.bekijken", "care_referrals": "zorgmeldingen.lijst",
        "outcomes": "uitkomsten.lijst", "outcome": "uitkomst.bekijken",
        "care_outcome": "zorgmelding.uitkomst",
    }
    for call in calls:
        if call.method == "get" and call.name in expected:
            before = AccessLogEntry.objects.filter(action=expected[call.name], user=lead).count()
            call(client)
            entries = AccessLogEntry.objects.filter(action=expected[call.name], user=lead)
            assert entries.count() == before + 1, call.path
            assert entries.latest("pk").project_id == ids.project


def test_a_refused_look_at_a_dossier_is_logged_as_denied(ids, roles, client_for):
    user = roles["other partner (UWV)"]
    assert client_for(user).get(reverse("casetable:dossier", args=[ids.item])).status_code == 404
    entry = AccessLogEntry.objects.filter(user=user, action="dossier.bekijken").latest("pk")
    assert entry.result == "geweigerd" and entry.object_ids == str(ids.item)
