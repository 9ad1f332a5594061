"""Benchmark of the casustafel, called by ``manage.py bench`` (``run(stdout)``).

Builds, once (kept between runs), a project with 200,000 signals from 6 partners and about
20,000 verwonderadressen, with one address walked through the whole casustafel (tests, risk,
decision, controls, debriefing). Then measures, through the real views and middleware:

* the verwonderadressen overview, first page, for each sort order (target <= 15 ms, <= 6
  queries), read from the overlap table that the writers of signals keep current
  (``signals.overlap``), beside its floor: the page's rows with one hand-written query and the
  same template;
* a dossier page (target <= 20 ms, <= 10 queries);
* the dossier PDF, by calling the task body directly (target < 3 s), beside an empty PDF.

Runs on PostgreSQL only, inside the database the bench command has prepared.
"""
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casetable import agenda, closing, controls, debriefing, deliberation, dossier, rules, selection
from casetable.models import Assignment, CaseItem
from projects import agreement, lifecycle, plans
from projects.bulk import insert_with_history
from projects.models import Body, Category, Partner, Project
from signals import overlap
from signals.models import AddressOverlap, Signal

PROJECT_NAME = "casustafel-benchmark"  # not "bench…": the bench command deletes those on --rebuild
SIGNALS = 200_000
PARTNERS = 6
SHARED_ADDRESSES = 20_000
RUNS = 5
LETTERS = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
           if a + b not in ("SA", "SD", "SS")]
GROUNDS = "Postretour van beschikking; geen reactie op twee brieven"
PASSWORD = "bench-wachtwoord-lsi"


def _address(n: int) -> tuple[str, int]:
    """The n-th address in the postcode areas 8011-8017 (all distinct)."""
    return f"{8011 + n % 7}{LETTERS[(n // 7) % len(LETTERS)]}", 1 + n // (7 * len(LETTERS))


def _user(username, partner, role="partner"):
    model = get_user_model()
    user = model.objects.filter(username=username).first()
    if user is None:
        user = model(username=username, partner=partner, role=role)
        user.set_password(PASSWORD)
        user.save()
    return user


def _rows(project, partners, users, categories, now) -> list[dict]:
    """SHARED_ADDRESSES addresses signalled by 2 or 3 partners, the rest by one partner each."""
    rows, n = [], 0

    def row(partner_index, address_index, reference):
        postcode, number = _address(address_index)
        return {
            "project_id": project.pk, "partner_id": partners[partner_index].pk,
            "delivered_by_id": users[partner_index].pk, "delivered_at": now, "source": "bestand",
            "typed_address": f"{postcode} {number}", "postcode": postcode, "house_number": number,
            "address_key": f"{postcode}-{number}--", "category_id": categories[reference % 2].pk,
            "grounds": GROUNDS, "reference": f"B-{reference}", "street": "Benchstraat", "city": "Zwolle",
        }

    for index in range(SHARED_ADDRESSES):
        for offset in range(3 if index % 3 == 0 else 2):
            rows.append(row((index + offset) % PARTNERS, index, len(rows)))
    n = SHARED_ADDRESSES
    while len(rows) < SIGNALS:
        rows.append(row(n % PARTNERS, n, len(rows)))
        n += 1
    return rows


def build(stdout) -> Project:
    """The benchmark project (built once; found again on later runs)."""
    project = Project.objects.filter(name=PROJECT_NAME).first()
    if project is not None and Signal.objects.filter(project=project).count() >= SIGNALS \
            and CaseItem.objects.filter(project=project).exists():
        return project
    started = time.perf_counter()
    Project.objects.filter(name=PROJECT_NAME).delete()
    categories = [Category.objects.get_or_create(code=c, defaults={"name": c})[0]
                  for c in ("uitkeringsfraude", "adresfraude")]
    Body.objects.get_or_create(code="STUURGROEP", defaults={"name": "Stuurgroep LSI",
                                                            "kind": Body.Kind.STEERING})
    region, _c = Body.objects.get_or_create(code="RPF-BENCH", defaults={
        "name": "RPF Bench", "kind": Body.Kind.REGIONAL})
    secretariat, _c = Partner.objects.get_or_create(
        code="BENCH-CT-SZW", defaults={"name": "Secretariaat (bench)", "kind": "landelijk"})
    coordinator = _user("bench-ct-coordinator", secretariat, role="coordinator")
    partners, users = [], []
    for number in range(PARTNERS):
        partner, _c = Partner.objects.get_or_create(
            code=f"BENCH-CT{number}", defaults={"name": f"Partner {number} (bench)",
                                                "kind": "gemeente" if number == 0 else "landelijk"})
        partners.append(partner)
        users.append(_user(f"bench-ct-p{number}", partner))
    lead = users[0]
    today = timezone.localdate()
    project = plans.create_project(
        coordinator, lead=lead, name=PROJECT_NAME, project_type="gebiedsgericht", format="wga",
        initiator=partners[0], region=region, area="8011-8017", reason="Benchmark", goals="Benchmark",
        dpia_reference="DPIA-BENCH", start_date=today, intake_deadline=today, case_table_date=today,
        planned_end=today + timedelta(days=90),
    )
    for partner, user in zip(partners, users, strict=True):
        participation = plans.set_participation(project, coordinator, partner=partner, capacity_hours=10,
                                                categories=categories)
        agreement.accept(participation, user)
    lifecycle.submit(project, coordinator)
    lifecycle.record_decision(project, coordinator, body=region, outcome="goedgekeurd", decided_on=today)
    for participation, user in zip(project.participations.order_by("partner__code"), users, strict=True):
        lifecycle.confirm_ready(participation, user)
    lifecycle.advance(project, coordinator, "Benchmark: intake open")
    insert_with_history(Signal, _rows(project, partners, users, categories, timezone.now()), user=lead,
                        reason="Benchmarkdata casustafel")
    overlap.rebuild(project.pk)
    with connection.cursor() as cursor:
        for model in (Signal, AddressOverlap):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    _walk_one_address(project, lead, partners, users)
    stdout.write(f"Casustafel-benchmarkdata gebouwd in {time.perf_counter() - started:.0f} s")
    return project


def _walk_one_address(project, lead, partners, users) -> CaseItem:
    """One verwonderadres (3 partners) through the casustafel, controls and debriefing."""
    lifecycle.advance(project, lead, "Benchmark: casustafel")
    session = agenda.create_session(project, lead, held_on=timezone.localdate(), present=partners[:3])
    key = "{}-{}--".format(*_address(0))
    (item,) = agenda.add_items(session, lead, address_keys=[key])
    signals = Signal.objects.filter(project=project, address_key=key)
    deliberation.record_tests(item, lead, version=item.version, results={
        s.pk: ("houdt_stand", "Onderbouwing nagelopen in het eigen systeem") for s in signals})
    item.refresh_from_db()
    deliberation.record_risk(item, lead, version=item.version, risk_current=True, note="Actueel")
    item.refresh_from_db()
    deliberation.decide(
        item, lead, version=item.version, outcome="huisbezoek", subsidiarity="Brieven kwamen retour.",
        proportionality="Meerdere uitkeringen op één adres.",
        reasonable_ground="Postretour bij drie partners.",
        executing_partner=partners[0], second_partner=partners[1],
        planned_date=timezone.localdate() + timedelta(days=7))
    closing.close_case_table(project, lead, "Benchmark")
    for assignment in Assignment.objects.filter(item=item, status=Assignment.Status.OPEN):
        controls.record_result(assignment, users[partners.index(assignment.partner)], result="uitgevoerd",
                               rights_informed=True, consent=True, findings="Bevindingen benchmark")
    debriefing.add_intervention(item, lead, kind="handhavingstraject", partner=partners[1])
    debriefing.add_care_referral(item, lead, referred_to="Wijkteam", description="Hulpvraag")
    return item


def _page(client, url, label):
    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{label}: status {response.status_code}")
    return get


class _Known(list):
    """Read choices that still answer the template's ``queryset.exists``."""

    def exists(self) -> bool:
        return bool(self)


def flagged_floor(project, lead, url: str, sort: str):
    """The floor of the verwonderadressen page: its 50 addresses with their signals' details
    read with one hand-written query (the overlap table's page joined to the signals of those
    addresses) and the same template rendered with them; the forms' choices, the exceptions
    and the total read before the timing."""
    from django.http import QueryDict

    from casetable import views
    from casetable.forms import ExceptionForm, FilterForm, SelectionForm
    from casetable.selectors import participating_partners, project_categories
    from lsi.devtools.measure import floor_request, page_of, render_floor, static_choices
    from signals.selectors import on_request_partners

    request = floor_request(lead, url)
    query = QueryDict(url.partition("?")[2])
    rule = selection.min_partners(project)
    filters = FilterForm(query or None, partners=participating_partners(project),
                         categories=project_categories(project))
    criteria = filters.criteria(rule)
    total = selection.flagged_count(project)
    selection_form = SelectionForm(sessions=views._sessions_for_selection(project),
                                   on_request_partners=on_request_partners(project))
    for form in (filters, selection_form):
        static_choices(form)
    selection_form.fields["session"]._queryset = _Known(selection_form.fields["session"].choices)
    context = {
        "project": project, "filters": filters, "rule": rule, "criteria": criteria,
        "sort_links": views._sort_links(request, criteria.sort),
        "exceptions": selection.exception_rows(project), "page_has_errors": False,
        "selection_form": selection_form, "exception_form": ExceptionForm(),
        "may_deliberate": rules.deliberation_problem(lead, project) is None,
    }
    order = {"partners_desc": "o.partner_count DESC, o.address_key", "partners_asc":
             "o.partner_count, o.address_key", "postcode_asc": "o.address_key",
             "postcode_desc": "o.address_key DESC"}[sort]
    table, overlap_table = Signal._meta.db_table, AddressOverlap._meta.db_table
    sql = (f"WITH page AS (SELECT o.address_key, o.partner_count, row_number() OVER (ORDER BY {order}) n, "
           "EXISTS (SELECT 1 FROM casetable_exceptionaddress e WHERE e.project_id = o.project_id "
           "AND e.address_key = o.address_key), EXISTS (SELECT 1 FROM casetable_caseitem i WHERE "
           "i.project_id = o.project_id AND i.address_key = o.address_key) "
           f"FROM {overlap_table} o WHERE o.project_id = %s AND o.partner_count >= %s ORDER BY {order} "
           "LIMIT 50) SELECT page.*, s.partner_id, p.code, c.name, s.typed_address, s.postcode, "
           "s.house_number, s.house_letter, s.house_number_suffix, s.street, s.city "
           f"FROM page JOIN {table} s ON s.project_id = %s AND s.status = 'actief' "
           "AND s.address_key = page.address_key JOIN projects_partner p ON p.id = s.partner_id "
           "JOIN projects_category c ON c.id = s.category_id ORDER BY page.n, s.id")
    fields = ("typed_address", "postcode", "house_number", "house_letter", "house_number_suffix",
              "street", "city")

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(sql, [project.pk, rule, project.pk])
            found = cursor.fetchall()
        rows = {}
        for key, count, _n, exception, on_agenda, partner_id, code, category, *address in found:
            row = rows.get(key)
            if row is None:
                row = rows[key] = selection.FlaggedAddress(
                    address_key=key, partner_count=count, is_exception=exception, on_agenda=on_agenda,
                    address_display=Signal(**dict(zip(fields, address, strict=True))).address_display)
            row.signal_count += 1
            if code not in row.partner_codes:
                row.partner_codes.append(code)
                row.partner_ids.append(partner_id)
            if category not in row.categories:
                row.categories.append(category)
        for row in rows.values():
            row.partner_codes.sort()
            row.categories.sort()
        render_floor(request, "casetable/flagged_addresses.html",
                     {**context, "page": page_of(list(rows.values()), 1, total)})

    return floor


def run(stdout, runs: int = RUNS) -> list:
    """Build the data if needed and measure, ours beside the floor (``lsi.devtools.measure``)."""
    from lsi.devtools.measure import Measure, alternate, count_queries

    if connection.vendor != "postgresql":
        raise RuntimeError("De casustafel-benchmark draait op PostgreSQL.")
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    project = build(stdout)
    lead = get_user_model().objects.select_related("partner").get(username="bench-ct-p0")
    item = CaseItem.objects.filter(project=project).first()
    client = Client()
    client.force_login(lead)
    results = []
    total = selection.flagged_count(project)
    for sort, label in (("partners_desc", "partners aflopend"), ("partners_asc", "partners oplopend"),
                        ("postcode_asc", "postcode oplopend"), ("postcode_desc", "postcode aflopend")):
        url = reverse("casetable:flagged", args=[project.pk]) + f"?sort={sort}"
        ours = _page(client, url, label)
        ours_ms, floor_ms = alternate(ours, flagged_floor(project, lead, url, sort), runs)
        own, every = count_queries(ours)
        results.append(Measure(f"Verwonderadressen p1, {label}", ours_ms, floor_ms, ms_target=15,
                               queries=own, all_queries=every, query_target=6, note=f"{total} adressen"))
    url = reverse("casetable:dossier", args=[item.pk])
    ours = _page(client, url, "dossier")
    ours_ms, _floor = alternate(ours, None, runs)
    own, every = count_queries(ours)
    results.append(Measure("Selectiedossier, pagina", ours_ms, ms_target=20, queries=own,
                           all_queries=every, query_target=10))
    from weasyprint import HTML

    from projects.pdf import StaticOnlyFetcher

    def make_pdf():
        row = dossier.request_pdf(item, lead)
        if dossier.render_pdf(row.pk).status != "klaar":
            raise RuntimeError("dossier-PDF mislukt")

    def empty_pdf():
        HTML(string="<p>Leeg</p>", url_fetcher=StaticOnlyFetcher()).write_pdf(pdf_variant="pdf/ua-1")

    ours_ms, floor_ms = alternate(make_pdf, empty_pdf, min(runs, 3))
    size = dossier.latest_pdf(item).size
    results.append(Measure("Selectiedossier, PDF (taak)", ours_ms, floor_ms, ms_target=3000,
                           note=f"{size // 1024} kB; vloer: lege PDF met WeasyPrint"))
    return results
