"""The leak hunt: every URL of the project, as every role, with someone else's ids.

Unique marker strings are planted in the personal data of UWV (another partner) in project X.
Every URL pattern is filled with ids of objects the user has no right to, requested with GET
and, where the view accepts it, POST, as: anonymous, a user of a partner that takes part in
nothing (IND), a user of another participating partner (SVB), a stuurgroep member, the
coördinator, the projectleider of a different project, and a VNG-adviser. No response may contain a marker;
where the role may not reach the object the answer is a 404 (anonymous: the login page).
A URL pattern that this test does not know makes it fail: cover new URLs here.
"""
import subprocess
import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from casetable import debriefing, dossier
from casetable.models import Assignment
from lsi.agenda import agendas
from lsi.agenda.models import InterestQuestion
from lsi.api import clients
from lsi.capacity import pledges, suspensions
from lsi.coordination import knelpunten
from lsi.learning import lessons
from lsi.reports import files, jobs
from lsi.sso.models import AccessRequest, IdentityProvider
from projects.phases import Phase
from signals import information_requests
from signals.importer import import_file
from signals.models import InformationRequest, RequestedAddress, Signal, Upload
from tests.casetable.conftest import (
    carried_out,
    decide,
    on_agenda,
    risk,
    to_case_table,
    to_execution,
)
from tests.casetable.conftest import test_all as case_test_all
from tests.factories import (
    PartnerFactory,
    UserFactory,
    add_partner,
    make_lead,
    project_in_phase,
    today,
    walk,
)

MARK = f"LEKMARKER{uuid.uuid4().hex[:10].upper()}"
ROLES = ["anonymous", "outsider", "other_partner", "steering", "coordinator", "other_lead",
         "vng_adviser"]
# Who may legitimately reach each kind of object (and then must still see no marker).
REACH = {
    "public": set(ROLES),
    "self": set(ROLES) - {"anonymous"},
    "coordinator_only": {"coordinator"},
    "plan_x": {"other_partner", "steering", "coordinator"},
    "own_part_of_x": {"other_partner"},
    "steering_report": {"steering", "coordinator"},
    # A partner's pledges, suspensions and a plan's free capacity: stuurgroep and coördinator.
    "capacity_all": {"steering", "coordinator"},
    # The gebiedsgerichte plans and their status (no personal data): the VNG-adviser too.
    "area_plans": {"steering", "coordinator", "vng_adviser"},
    # The interesseverkenning of X: the projectleider of X and the programme see every answer.
    "survey_x": {"steering", "coordinator"},
    # A question put to UWV: UWV's own users only (none of the hunted roles).
    "question_to_a": set(),
    # The projectleider's voortgangsrapportage of X holds the plan's warnings about every
    # partner's capacity: only who sees the whole plan gets it, not another partner of X.
    "report_job_x": {"steering", "coordinator"},
    "personal_a": set(),
    "own_assignments_x": {"other_partner"},
    # The API answers a browser session (or nobody) with 401; its clients are hunted with
    # tokens in tests/api/test_api_leak_hunt.py.
    "api": set(),
}


@dataclass
class Target:
    kind: str
    kwargs: dict
    post: bool = True  # the view accepts POST


def covered(world) -> dict[str, Target]:
    """Every URL name → what to fill in and who may reach it. Keep this complete."""
    x, a = world["project_x"], world
    return {
        "home": Target("self", {}, post=False),
        "login": Target("public", {}),
        "logout": Target("public", {}),
        "accessibility": Target("public", {}, post=False),
        "set_language": Target("public", {}),
        "csp_report": Target("public", {}),
        "sso:start": Target("public", {"code": a["identity_provider"].partner.code}, post=False),
        "sso:callback": Target("public", {}, post=False),
        "sso:refused": Target("public", {}, post=False),
        "sso:providers": Target("coordinator_only", {}, post=False),
        "sso:provider_create": Target("coordinator_only", {}),
        "sso:provider_edit": Target("coordinator_only", {"provider_pk": a["identity_provider"].pk}),
        "sso:request_handled": Target("coordinator_only", {"request_pk": a["access_request"].pk}),
        "account:verify": Target("self", {}),
        "account:setup": Target("self", {}),
        "account:recovery_codes": Target("self", {}),
        "account:recovery_codes_file": Target("self", {}),
        "account:mine": Target("self", {}),
        "account:password_change": Target("self", {}),
        "account:locked": Target("coordinator_only", {}),
        "projects:list": Target("self", {}, post=False),
        "projects:create": Target("self", {}),
        "projects:steering": Target("steering_report", {}, post=False),
        "projects:detail": Target("plan_x", {"pk": x.pk}, post=False),
        "projects:edit": Target("plan_x", {"pk": x.pk}),
        "projects:participation_set": Target("plan_x", {"pk": x.pk}),
        "projects:participation_remove": Target(
            "plan_x", {"pk": x.pk, "participation_pk": a["participation_a"].pk}),
        "projects:submit": Target("plan_x", {"pk": x.pk}),
        "projects:agreement": Target("plan_x", {"pk": x.pk}),
        "projects:realised_hours": Target(
            "plan_x", {"pk": x.pk, "participation_pk": a["participation_a"].pk}),
        "capacity:overview": Target("self", {}, post=False),
        "capacity:pledges": Target("self", {}),
        "capacity:pledge": Target("capacity_all", {"pk": a["pledge_a"].pk}, post=False),
        # Deleting UWV's pledge: whoever may enter it (UWV's users, the coördinator).
        "capacity:pledge_delete": Target("coordinator_only", {"pk": a["pledge_a"].pk}),
        "capacity:plan": Target("capacity_all", {"pk": x.pk}, post=False),
        "capacity:suspensions": Target("self", {}),
        "capacity:suspension": Target("capacity_all", {"pk": a["suspension_a"].pk}),
        "projects:decide": Target("plan_x", {"pk": x.pk}),
        "projects:confirm_ready": Target("plan_x", {"pk": x.pk}),
        "projects:checkpoint": Target("plan_x", {"pk": x.pk}),
        "projects:transition": Target("plan_x", {"pk": x.pk, "action": "hold"}),
        "signals:list": Target("own_part_of_x", {"pk": x.pk}, post=False),
        "signals:export": Target("own_part_of_x", {"pk": x.pk, "fmt": "csv"}, post=False),
        "signals:deliver": Target("own_part_of_x", {"pk": x.pk}),
        "signals:enter": Target("own_part_of_x", {"pk": x.pk}),
        "signals:requests": Target("own_part_of_x", {"pk": x.pk}),
        "signals:detail": Target("personal_a", {"signal_pk": a["signal_a"].pk}, post=False),
        "signals:withdraw": Target("personal_a", {"signal_pk": a["signal_a"].pk}),
        "signals:upload_detail": Target("personal_a", {"upload_pk": a["upload_a"].pk}, post=False),
        "signals:upload_status": Target("personal_a", {"upload_pk": a["upload_a"].pk}, post=False),
        "signals:request_detail": Target("personal_a", {"request_pk": a["request"].pk}, post=False),
        "signals:request_answer": Target("personal_a", {"item_pk": a["requested"].pk}),
        "signals:template": Target("self", {"fmt": "csv"}, post=False),
        "demo:example": Target("own_part_of_x", {"pk": x.pk, "kind": "csv"}, post=False),
        "demo:example_errors": Target("own_part_of_x", {"pk": x.pk}, post=False),
        "reports:project": Target("plan_x", {"pk": x.pk}, post=False),
        "reports:annex": Target("personal_a", {"pk": x.pk}, post=False),
        "reports:steering": Target("steering_report", {}, post=False),
        "reports:request": Target("self", {}),
        "reports:job_status": Target("report_job_x", {"job_pk": a["report_job"].pk}, post=False),
        "reports:job_download": Target("personal_a", {"job_pk": a["annex_job"].pk}, post=False),
        "retention:overview": Target("coordinator_only", {}),
        "reports:subject_access": Target("personal_a", {}, post=False),
        "reports:register": Target("plan_x", {"pk": x.pk}, post=False),
        "access_log": Target("personal_a", {}, post=False),
        "access_log_export": Target("personal_a", {}, post=False),
        # The casustafel: the projectleider of X only (none of the hunted roles) ...
        "casetable:flagged": Target("personal_a", {"pk": x.pk}, post=False),
        "casetable:flagged_select": Target("personal_a", {"pk": x.pk}),
        "casetable:flagged_choose": Target("personal_a", {"pk": x.pk}),
        "casetable:exception_add": Target("personal_a", {"pk": x.pk}),
        "casetable:overview": Target("personal_a", {"pk": x.pk}),
        "casetable:rule": Target("personal_a", {"pk": x.pk}),
        "casetable:close_case_table": Target("personal_a", {"pk": x.pk}),
        "casetable:close_execution": Target("personal_a", {"pk": x.pk}),
        "casetable:export_csv": Target("personal_a", {"pk": x.pk}, post=False),
        "casetable:export_xlsx": Target("personal_a", {"pk": x.pk}, post=False),
        "casetable:session": Target("personal_a", {"session_pk": a["item"].session_id}),
        "casetable:item": Target("personal_a", {"item_pk": a["item"].pk}, post=False),
        "casetable:item_tests": Target("personal_a", {"item_pk": a["item"].pk}),
        "casetable:item_risk": Target("personal_a", {"item_pk": a["item"].pk}),
        "casetable:item_decide": Target("personal_a", {"item_pk": a["item"].pk}),
        "casetable:intervention_add": Target("personal_a", {"item_pk": a["item"].pk}),
        "casetable:intervention_remove": Target("personal_a", {"intervention_pk": a["intervention"].pk}),
        "casetable:care_referral_add": Target("personal_a", {"item_pk": a["item"].pk}),
        "casetable:care_referral_remove": Target("personal_a", {"referral_pk": a["referral"].pk}),
        "casetable:dossier": Target("personal_a", {"item_pk": a["item"].pk}, post=False),
        "casetable:dossier_pdf": Target("personal_a", {"item_pk": a["item"].pk}),
        "casetable:pdf_status": Target("personal_a", {"pdf_pk": a["pdf"].pk}, post=False),
        "casetable:pdf_download": Target("personal_a", {"pdf_pk": a["pdf"].pk}, post=False),
        # ... except the control assignments (each partner its own) and the zorgmeldingen
        # (the gemeente of the project).
        "casetable:assignments": Target("own_assignments_x", {"pk": x.pk}, post=False),
        "casetable:outcomes": Target("own_assignments_x", {"pk": x.pk}, post=False),
        "reports:purposes": Target("personal_a", {}),
        "reports:purpose_edit": Target("personal_a", {"purpose_pk": 1}),
        "learning:evaluation": Target("plan_x", {"pk": x.pk}),
        "coordination:register": Target("self", {}),
        "coordination:detail": Target("plan_x", {"pk": a["knelpunt"].pk}),
        "public:overview": Target("public", {}, post=False),
        "public:about": Target("public", {}, post=False),
        "public:detail": Target("public", {"project_id": x.pk}, post=False),
        "public:open_data_json": Target("public", {}, post=False),
        "public:open_data_csv": Target("public", {}, post=False),
        "public:schema": Target("public", {}, post=False),
        "public:language": Target("public", {"code": "en"}, post=False),
        "public:manage": Target("plan_x", {"pk": x.pk}),
        "public:withdraw": Target("plan_x", {"pk": x.pk}),
        "learning:satisfaction": Target("plan_x", {"pk": x.pk}),
        "learning:close": Target("plan_x", {"pk": x.pk}),
        "learning:lessons": Target("self", {}),
        "learning:lesson_hide": Target("personal_a", {"lesson_pk": a["lesson"].pk}),
        "casetable:outcome": Target("personal_a", {"intervention_pk": a["enforcement"].pk}),
        "casetable:care_outcome": Target("personal_a", {"referral_pk": a["referral"].pk}),
        "casetable:assignment": Target("personal_a", {"assignment_pk": a["assignment"].pk}),
        "casetable:care_referrals": Target("personal_a", {"pk": x.pk}, post=False),
        "agenda:list": Target("steering_report", {}),
        "agenda:detail": Target("steering_report", {"agenda_pk": a["agenda"].pk}, post=False),
        "agenda:edit": Target("steering_report", {"agenda_pk": a["agenda"].pk}),
        "agenda:adopt": Target("steering_report", {"agenda_pk": a["agenda"].pk}),
        "agenda:theme_add": Target("steering_report", {"agenda_pk": a["agenda"].pk}),
        "agenda:target_add": Target("steering_report", {"agenda_pk": a["agenda"].pk}),
        "agenda:risk_add": Target("steering_report", {"agenda_pk": a["agenda"].pk}),
        "agenda:part_remove": Target("steering_report", {"agenda_pk": a["agenda"].pk, "part": "risico",
                                                         "part_pk": a["agenda"].risks.get().pk}),
        "agenda:area_plans": Target("area_plans", {}, post=False),
        "agenda:project_theme": Target("plan_x", {"pk": x.pk}),
        "agenda:interest": Target("survey_x", {"pk": x.pk}),
        "agenda:interest_inbox": Target("self", {}, post=False),
        "agenda:interest_answer": Target("question_to_a", {"question_pk": a["question"].pk}),
        "failed_notifications": Target("coordinator_only", {}, post=False),
        "api_clients:list": Target("coordinator_only", {}, post=False),
        "api_clients:create": Target("coordinator_only", {}),
        "api_clients:detail": Target("coordinator_only", {"pk": a["api_client"].pk}),
        "api_clients:rotate": Target("coordinator_only", {"pk": a["api_client"].pk}),
        "api_clients:revoke": Target("coordinator_only", {"pk": a["api_client"].pk}),
        "api:schema": Target("public", {}, post=False),
        "api:docs": Target("public", {}, post=False),
        "api:projects": Target("api", {}, post=False),
        "api:project": Target("api", {"pk": x.pk}, post=False),
        "api:deliver": Target("api", {"pk": x.pk}),
        "api:signals": Target("api", {"pk": x.pk}, post=False),
        "api:batch": Target("api", {"upload_pk": a["upload_a"].pk}, post=False),
        "api:signal": Target("api", {"signal_pk": a["signal_a"].pk}, post=False),
        "api:withdraw": Target("api", {"signal_pk": a["signal_a"].pk}),
        "api:requests": Target("api", {}, post=False),
        "api:request": Target("api", {"request_pk": a["request"].pk}, post=False),
        "api:request_answer": Target("api", {"request_pk": a["request"].pk, "item_pk": a["requested"].pk}),
    }


def all_url_names() -> dict[str, URLPattern]:
    names = {}

    def walk_patterns(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk_patterns(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                # Unnamed patterns (the admin's redirects) get their route as a name.
                names[f"{namespace}{pattern.name or str(pattern.pattern)}"] = pattern

    walk_patterns(get_resolver().url_patterns)
    return names


def admin_kwargs(pattern: URLPattern, world) -> dict:
    """Admin URLs: fill every parameter with an id from project X's world."""
    values = {"object_id": str(world["signal_a"].pk), "app_label": "projects",
              "content_type_id": "1", "user_id": str(world["users"]["other_partner"].pk),
              "id": str(world["signal_a"].pk)}
    return {name: values.get(name, "1") for name in pattern.pattern.regex.groupindex}


@pytest.fixture
def world(base):
    """Project X: led by the projectleider; the gemeente, UWV and SVB take part, and the
    Belastingdienst on request. UWV's signals, upload, the request and the annex carry markers."""
    project = base.project
    bd = PartnerFactory(code="BD-MKB", name="Belastingdienst MKB", delivery="op_verzoek")
    add_partner(project, bd, categories=[base.categories["uitkeringsfraude"]])
    bd_user = UserFactory(partner=bd)
    walk(project, Phase.INTAKE)
    csv = ("postcode;huisnummer;straat;categorie;indicatoren;referentie\r\n"
           f"8011 WR;12;{MARK}straat;uitkeringsfraude;Postretour {MARK};REF-{MARK}\r\n").encode()
    upload = import_file(project, base.uwv, base.uwv_user, csv, f"{MARK}.csv")
    assert upload.status == Upload.Status.ACCEPTED, upload.errors
    signal = Signal.objects.get(upload=upload)
    svb_csv = b"postcode;huisnummer;categorie;indicatoren\r\n8011 WR;12;uitkeringsfraude;Postretour\r\n"
    assert import_file(project, base.svb, base.svb_user, svb_csv, "svb.csv").rows_accepted == 1
    request = information_requests.create_request(
        project, base.projectleider, partner=bd, address_keys=[signal.address_key], message=MARK)
    other_lead = UserFactory(partner=base.ind)
    other_project = project_in_phase(Phase.INTAKE, partners=[base.svb, base.ind], lead=other_lead)
    make_lead(other_project, other_lead)
    # The casustafel of X: the address decided (huisbezoek by UWV and the gemeente), controlled,
    # debriefed with an intervention and a zorgmelding; a dossier PDF; the annex.
    lead = base.projectleider
    to_case_table(project, lead)
    item = on_agenda(project, lead, key=signal.address_key)
    case_test_all(item, lead, note=f"Getoetst {MARK}")
    risk(item, lead)
    decide(item, lead, [base.uwv, base.municipality],
           proportionality=f"Proportioneel {MARK}")
    to_execution(project, lead)
    for assignment in Assignment.objects.filter(item=item):
        carried_out(assignment, UserFactory(partner=assignment.partner), findings=f"Bevinding {MARK}")
    intervention = debriefing.add_intervention(item, lead, kind="anders", description=f"Hulp {MARK}")
    enforcement = debriefing.add_intervention(item, lead, kind="handhavingstraject", partner=base.uwv)
    referral = debriefing.add_care_referral(item, lead, referred_to="Wijkteam",
                                            description=f"Zorg {MARK}")
    pdf = dossier.request_pdf(item, lead)
    annex_job, _ = jobs.request_report(lead, "bijlage", project=project)
    files.make_report(annex_job.pk)
    report_job, _ = jobs.request_report(lead, "voortgang", project=project)
    outsider_partner = PartnerFactory(code="IND-2", name="Andere partner")
    lesson = lessons.add_lesson(base.coordinator, text="Een les voor iedereen", theme="planning")
    knelpunt = knelpunten.report(lead, project=project, title="Capaciteit ontbreekt")
    identity_provider = IdentityProvider.objects.create(
        partner=base.uwv, issuer="https://login.uwv.example", client_id="lsi",
        secret_variable="LSI_OIDC_UWV", authorization_endpoint="https://login.uwv.example/authorize",
        token_endpoint="https://login.uwv.example/token", jwks_uri="https://login.uwv.example/jwks")
    access_request = AccessRequest.objects.create(provider=identity_provider, identity="nieuw@uwv.example")
    # The programme: an agenda (no personal data) and a question of X's interesseverkenning to
    # UWV, declined (no personal data in either: what matters here is who reaches them).
    agenda = agendas.create_agenda(base.coordinator, title="Agenda", first_year=2026, last_year=2028)
    agendas.add_risk(agenda, base.coordinator, description="Risico", measures="M", escalation_route="E")
    question = InterestQuestion.objects.create(project=project, partner=base.uwv, asked_by=lead,
                                               status="afgeslagen", decline_reason="Geen capaciteit")
    api_client, _token = clients.create(base.coordinator, partner=base.uwv, name="UWV Signalen",
                                        contact="koppelingen@uwv.example", projects=[project],
                                        expires_at=timezone.now() + timedelta(days=30))
    return {
        "project_x": project, "signal_a": signal, "upload_a": upload, "request": request,
        "requested": RequestedAddress.objects.get(request=request),
        "participation_a": project.participations.get(partner=base.uwv),
        "pledge_a": pledges.set_pledge(base.uwv_user, partner=base.uwv, year=2026, quarter=None,
                                       hours=400, expertise="Handhavers"),
        "suspension_a": suspensions.suspend(base.coordinator, partner=base.uwv, starts_on=today(),
                                            reason="Herijking van de inzet"),
        "annex_job": annex_job, "report_job": report_job, "bd_user": bd_user,
        "item": item, "intervention": intervention, "enforcement": enforcement, "referral": referral,
        "lesson": lesson, "knelpunt": knelpunt, "agenda": agenda, "question": question,
        "api_client": api_client,
        "identity_provider": identity_provider, "access_request": access_request,
        "pdf": pdf,
        "assignment": Assignment.objects.get(item=item, partner=base.uwv),
        "users": {
            "outsider": UserFactory(partner=outsider_partner),
            "other_partner": base.svb_user,
            "steering": base.steering_member,
            "coordinator": base.coordinator,
            "other_lead": other_lead,
            "vng_adviser": UserFactory(partner=PartnerFactory(code="VNG", name="VNG", kind="adviserend"),
                                       vng_adviser=True),
        },
    }


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if content.startswith(b"%PDF"):
        return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True).stdout.decode()
    return content.decode("utf-8", errors="replace")


def test_every_url_is_covered_by_the_leak_hunt(world):
    known = set(covered(world))
    missing = {name for name in all_url_names() if not name.startswith("admin:")} - known
    assert not missing, f"URL patterns not covered by the leak hunt: {sorted(missing)}"


def test_no_role_sees_another_partners_personal_data_on_any_url(world):
    assert InformationRequest.objects.exists()
    targets = covered(world)
    problems = []
    for role in ROLES:
        client = Client()
        for name, pattern in all_url_names().items():
            if role != "anonymous":  # again for every URL: one of them is the logout
                client.force_login(world["users"][role])
            if name in ("admin:login", "admin:logout"):
                target = Target("public", {})
                url = reverse(name)
            elif name.startswith("admin:"):
                target = Target("personal_a", admin_kwargs(pattern, world))
                groups = pattern.pattern.regex.groups
                if not pattern.name:
                    url = f"/beheer/signals/signal/{world['signal_a'].pk}/"
                elif target.kwargs or not groups:
                    url = reverse(name, kwargs=target.kwargs)
                else:  # simple-history's admin views take positional ids
                    url = reverse(name, args=[str(world["signal_a"].pk)] * groups)
            else:
                target = targets[name]
                url = reverse(name, kwargs=target.kwargs)
            for method in ("get", "post") if target.post else ("get",):
                response = getattr(client, method)(url)
                status = response.status_code
                if MARK in body_of(response):
                    problems.append(f"{role} {method.upper()} {url}: marker in the response")
                if role in REACH[target.kind]:
                    continue
                if target.kind == "api":
                    ok = status == 401 or (method == "get" and status == 405)
                elif role == "anonymous":
                    ok = status == 302 and ("/inloggen/" in response["Location"]
                                            or "/beheer/login/" in response["Location"])
                elif method == "get" and not target.post and status == 405:
                    ok = True
                else:
                    ok = status == 404 or (method == "get" and status == 405)
                if not ok:
                    problems.append(f"{role} {method.upper()} {url}: {status}, expected 404")
    assert not problems, "\n".join(problems)


def test_the_marker_is_really_there_for_the_rightful_users(world, base):
    """The hunt would find nothing if the markers never showed: check they do for UWV and the
    projectleider, on the signal, the dossier and the annex."""
    lead = Client()
    lead.force_login(base.projectleider)
    for user in (base.uwv_user, base.projectleider):
        client = Client()
        client.force_login(user)
        page = client.get(reverse("signals:detail", args=[world["signal_a"].pk]))
        assert page.status_code == 200
        assert MARK in page.content.decode()
    assert MARK in body_of(lead.get(reverse("casetable:dossier", args=[world["item"].pk])))
    assert MARK in body_of(lead.get(reverse("reports:job_download", args=[world["annex_job"].pk])))


# Every view, export and download of personal data writes an access-log entry (issue 6).
PERSONAL_VIEWS = [
    "signals:list", "signals:export", "signals:detail", "signals:upload_detail",
    "signals:requests", "signals:request_detail", "reports:annex", "casetable:flagged",
    "casetable:export_csv", "casetable:export_xlsx", "casetable:session",
    "casetable:item", "casetable:dossier", "casetable:assignments", "casetable:assignment",
    "casetable:care_referrals",
]


def test_every_view_of_personal_data_writes_an_access_log_entry(world, base):
    from projects.models import AccessLogEntry

    targets = covered(world)
    lead = Client()
    lead.force_login(base.projectleider)
    silent = []
    for name in PERSONAL_VIEWS:
        before = AccessLogEntry.objects.count()
        response = lead.get(reverse(name, kwargs=targets[name].kwargs))
        body_of(response)
        assert response.status_code == 200, f"{name}: {response.status_code}"
        if AccessLogEntry.objects.count() <= before:
            silent.append(name)
    officer = Client()
    officer.force_login(base.privacy_officer)
    for url in (reverse("access_log"), reverse("access_log_export"),
                reverse("reports:subject_access") + f"?key={world['signal_a'].address_key}"):
        before = AccessLogEntry.objects.count()
        body_of(officer.get(url))
        if AccessLogEntry.objects.count() <= before:
            silent.append(url)
    assert not silent, f"no access-log entry for: {silent}"


def test_every_domain_model_keeps_its_history():
    from django.apps import apps

    from projects.models import AccessLogEntry, PrivateFile
    from signals.models import AddressOverlap  # derived from the signals (whose history is kept)

    # PrivateFile holds the bytes of a job's file; the job row (and its history) says who made it.
    apps_with_domain_data = ("projects", "signals", "casetable", "reports", "retention", "learning",
                             "public", "coordination", "api", "agenda")
    missing = [
        f"{model._meta.label}" for app in apps_with_domain_data
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        and model not in (AccessLogEntry, AddressOverlap, PrivateFile)
        and not hasattr(model, "history")
    ]
    assert not missing, f"models without history: {missing}"
