"""Shared set-up for the casustafel tests: the Zwolle project (gemeente, UWV, SVB, BD-MKB; in
phase signalering; IND takes part in nothing) with signals delivered through the real importer,
and helpers that walk an address through the casustafel with the real services.

Built once per module (rolled back afterwards) with the factories and the real services; the
signals:

=============  ======================  ================================
address key     partners                 what it is
=============  ======================  ================================
8011WR-1--      UWV, SVB, GEM-0193       verwonderadres (3 partners)
8011WR-2--      UWV, SVB                 verwonderadres (2 partners)
8011WR-3--      UWV                      one partner only
8012AB-9--      SVB                      one partner only, another postcode
=============  ======================  ================================
"""
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from casetable import agenda, closing, controls, deliberation
from casetable.models import Decision
from projects import lifecycle
from projects.models import Partner, Project, User
from signals.models import Signal
from tests.factories import (
    BodyFactory,
    CategoryFactory,
    PartnerFactory,
    ProjectFactory,
    UserFactory,
    add_partner,
    make_lead,
    project_in_phase,
    rolled_back_afterwards,
    walk,
)
from tests.signals.conftest import deliver_rows, signal_row

KEY_THREE = "8011WR-1--"
KEY_TWO = "8011WR-2--"
KEY_SINGLE = "8011WR-3--"
KEY_OTHER_AREA = "8012AB-9--"
HOLDS = "houdt_stand"


@dataclass(frozen=True)
class CaseWorld:
    project_pk: int
    other_project_pk: int


def _build() -> CaseWorld:
    """The Zwolle project in signalering (as ``tests/signals/conftest.py`` builds it), its
    signals, another project with its own lead, and a user for every other role."""
    BodyFactory(steering=True)
    region = BodyFactory(code="RPF-OOST", name="RPF Oost-Nederland")
    categories = {name: CategoryFactory(name=name) for name in (
        "uitkeringsfraude", "adresfraude", "arbeidsuitbuiting", "illegale tewerkstelling")}
    tax = CategoryFactory(name="belastingfraude")
    secretariat = PartnerFactory(code="SZW", name="Ministerie van SZW", delivery="geen")
    coordinator = UserFactory(username="coordinator", partner=secretariat, coordinator=True)
    UserFactory(username="stuurgroeplid", partner=secretariat, steering=True)
    UserFactory(username="fg", partner=secretariat, privacy_officer=True)
    municipality = PartnerFactory(code="GEM-0193", name="Gemeente Zwolle", municipality=True)
    uwv = PartnerFactory(code="UWV", name="Uitvoeringsinstituut Werknemersverzekeringen")
    svb = PartnerFactory(code="SVB", name="Sociale Verzekeringsbank")
    bd_mkb = PartnerFactory(code="BD-MKB", name="Belastingdienst, directie MKB", on_request=True)
    ind = PartnerFactory(code="IND", name="Immigratie- en Naturalisatiedienst")
    lead = UserFactory(username="projectleider", partner=municipality)
    uwv_user = UserFactory(username="uwv", partner=uwv)
    svb_user = UserFactory(username="svb", partner=svb)
    UserFactory(username="bdmkb", partner=bd_mkb)
    UserFactory(username="ind", partner=ind)
    gemeente = UserFactory(username="gemeente", partner=municipality)
    project = ProjectFactory(name="Wijkaanpak Zwolle", initiator=municipality, region=region)
    make_lead(project, lead, by=coordinator)
    add_partner(project, municipality, categories=[categories["adresfraude"]], by=coordinator)
    add_partner(project, uwv, by=coordinator, capacity_hours=120,
                categories=[categories["uitkeringsfraude"], categories["adresfraude"]])
    add_partner(project, svb, by=coordinator, capacity_hours=80,
                categories=[categories["uitkeringsfraude"]])
    add_partner(project, bd_mkb, categories=[tax], by=coordinator)
    walk(project, "signalering", by=coordinator)
    other_lead = UserFactory(username="projectleider-elders", partner=PartnerFactory(municipality=True))
    other = project_in_phase("signalering", lead=other_lead, initiator=other_lead.partner, by=coordinator)
    deliver_rows(project, uwv_user, [
        signal_row(huisnummer="1", referentie="UWV-1"),
        signal_row(huisnummer="2", referentie="UWV-2", categorie="adresfraude"),
        signal_row(huisnummer="3", referentie="UWV-3"),
    ], name="uwv.csv")
    deliver_rows(project, svb_user, [
        signal_row(huisnummer="1", referentie="SVB-1"),
        signal_row(huisnummer="2", referentie="SVB-2"),
        signal_row(postcode="8012AB", huisnummer="9", referentie="SVB-9"),
    ], name="svb.csv")
    deliver_rows(project, gemeente, [
        signal_row(huisnummer="1", referentie="GEM-1", categorie="adresfraude",
                   indicatoren="Meer bewoners ingeschreven dan de woning toelaat"),
    ], name="gemeente.csv")
    return CaseWorld(project_pk=project.pk, other_project_pk=other.pk)


@pytest.fixture(scope="module")
def case_world(django_db_setup, django_db_blocker):
    """The world of the module docstring, built once per module inside a transaction that is
    rolled back afterwards; each test runs in a savepoint inside it."""
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            world = _build()
        yield world


@pytest.fixture
def project(case_world, db):
    """``Wijkaanpak Zwolle`` in signalering, with the signals of the module docstring."""
    return Project.objects.get(pk=case_world.project_pk)


@pytest.fixture
def other_projectleider(case_world, db):
    """The projectleider of another project (in signalering), of a gemeente not in Zwolle."""
    return User.objects.get(username="projectleider-elders")


@pytest.fixture
def bd_mkb(project):
    return Partner.objects.get(code="BD-MKB")


@pytest.fixture
def lead(project):
    return User.objects.get(username="projectleider")


@pytest.fixture
def gemeente_user(project):
    return User.objects.get(username="gemeente")


@pytest.fixture
def uwv(project):
    return Partner.objects.get(code="UWV")


@pytest.fixture
def svb(project):
    return Partner.objects.get(code="SVB")


@pytest.fixture
def uwv_user(project):
    return User.objects.get(username="uwv")


@pytest.fixture
def svb_user(project):
    return User.objects.get(username="svb")


# ---- helpers that go through the real services ----------------------------------------------

def to_case_table(project, lead):
    """Close the intake: signalering → casustafel (the projectleider, through the lifecycle)."""
    lifecycle.advance(project, lead, "Signalering gesloten")
    project.refresh_from_db()
    return project


def new_session(project, lead, **fields):
    fields.setdefault("held_on", timezone.localdate())
    fields.setdefault("present", list(Partner.objects.filter(participations__project=project)))
    return agenda.create_session(project, lead, **fields)


def on_agenda(project, lead, key=KEY_THREE, session=None):
    session = session or new_session(project, lead)
    (item,) = agenda.add_items(session, lead, address_keys=[key])
    return item


def active_signals(item):
    return list(Signal.objects.filter(project_id=item.project_id, address_key=item.address_key,
                                      status="actief").order_by("pk"))


def test_all(item, lead, result=HOLDS, note="Onderbouwing nagelopen in eigen systeem"):
    item.refresh_from_db()
    deliberation.record_tests(item, lead, version=item.version,
                              results={s.pk: (result, note) for s in active_signals(item)})
    item.refresh_from_db()
    return item


test_all.__test__ = False  # a helper, not a test


def risk(item, lead, current=True, note="Beide partners zien nog een lopende uitkering"):
    item.refresh_from_db()
    deliberation.record_risk(item, lead, version=item.version, risk_current=current, note=note)
    item.refresh_from_db()
    return item


VISIT = dict(
    outcome=Decision.Outcome.HOME_VISIT,
    subsidiarity="Een brief en een uitnodiging zijn overwogen; twee brieven kwamen retour.",
    proportionality="Meerdere lopende uitkeringen op één adres; een bezoek is het minst belastende "
                    "middel dat de woonsituatie vaststelt.",
    reasonable_ground="Postretour bij UWV en SVB; drie inschrijvingen in een eenkamerwoning.",
)


def decide(item, lead, partners, **fields):
    item.refresh_from_db()
    values = {**VISIT, **fields}
    partners = list(partners)
    return deliberation.decide(
        item, lead, version=item.version, executing_partner=partners[0] if partners else None,
        second_partner=partners[1] if len(partners) > 1 else None,
        planned_date=values.pop("planned_date", timezone.localdate() + timedelta(days=7)), **values)


def decided_visit(project, lead, partners, key=KEY_THREE, session=None):
    """An address on the agenda, tested, risk current, decided: huisbezoek by ``partners``."""
    item = on_agenda(project, lead, key, session)
    test_all(item, lead)
    risk(item, lead)
    decide(item, lead, partners)
    item.refresh_from_db()
    return item


def to_execution(project, lead):
    closing.close_case_table(project, lead, "Casustafel gehouden")
    project.refresh_from_db()
    return project


def carried_out(assignment, user, findings="Twee bewoners aangetroffen; inschrijving klopt niet."):
    return controls.record_result(assignment, user, result="uitgevoerd", rights_informed=True,
                                  consent=True, findings=findings)


def committed_item(lead_username: str):
    """For transactional tests (other connections, real workers), where the module's rolled-back
    world is not visible: a project in casustafel with partners UWV-C and SVB-C, one address
    signalled by both, on the agenda, tested and with the risk current. Returns the item."""
    category = CategoryFactory(name="uitkeringsfraude")
    uwv, svb = PartnerFactory(code="UWV-C"), PartnerFactory(code="SVB-C")
    for partner in (uwv, svb):
        UserFactory(username=f"{partner.code.lower()}-user", partner=partner)
    lead = UserFactory(username=lead_username, partner=PartnerFactory(municipality=True))
    project = project_in_phase("signalering", partners=[uwv, svb], lead=lead, initiator=lead.partner,
                               categories=[category])
    for partner in (uwv, svb):
        Signal.objects.create(
            project=project, partner=partner, delivered_by=partner.users.first(), source="formulier",
            typed_address="8011WR 1", postcode="8011WR", house_number=1, address_key=KEY_THREE,
            street="Diezerstraat", city="Zwolle", category=category, grounds="Postretour")
    lifecycle.advance(project, lead, "Casustafel")
    session = agenda.create_session(project, lead, held_on=timezone.localdate(), present=[uwv, svb])
    (item,) = agenda.add_items(session, lead, address_keys=[KEY_THREE])
    signals = Signal.objects.filter(project=project)
    deliberation.record_tests(item, lead, version=1, results={s.pk: ("houdt_stand", "ok") for s in signals})
    deliberation.record_risk(item, lead, version=2, risk_current=True, note="actueel")
    item.refresh_from_db()
    return item
