"""Shared set-up for the signal intake tests: a Zwolle project open for signals, and helpers
that build the files partners really upload (CSV in several encodings, XLSX).

Everything goes through the real services: the project is walked to *signalering* with
``tests.factories.walk`` and signals are delivered with ``signals.importer``, so grants,
history and upload records are what a user would have produced.

The helpers are plain functions (``from tests.signals.conftest import ...``); the fixtures
build the world:

* ``intake_project``: the project of ``tests/conftest.py`` (gemeente, UWV, SVB) plus the
  Belastingdienst MKB (``bd_mkb``, delivers on request only), walked to phase signalering.
  IND does not take part. UWV may deliver uitkeringsfraude and adresfraude, SVB only
  uitkeringsfraude, BD-MKB only ``belastingfraude``. Built once per module (see below).
* ``world``: signals of UWV and SVB in ``intake_project``; delivered per test, or once per
  module when the module says ``pytestmark = pytest.mark.usefixtures("signals_delivered")``.
* ``other_project`` / ``other_projectleider``: a second project in signalering, led by a
  user of a gemeente that does not take part in ``intake_project`` (the module opts in with
  ``usefixtures("other_project_built")``).
"""
import csv
import io
import random
import string
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook

from projects.models import Partner, Project, User
from signals import importer
from signals.models import Signal, Upload
from signals.reader import COLUMNS
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

REPO_ROOT = Path(__file__).resolve().parents[2]
# Partner export files as the partners' own systems make them (see tests/samples/README.md).
SAMPLES = REPO_ROOT / "tests" / "samples"

GROUNDS = "Postretour van beschikking; geen reactie op twee brieven"


def days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def signal_row(**values) -> dict[str, str]:
    """A valid row for UWV in ``intake_project``; override any column by keyword."""
    row = {
        "postcode": "8011WR", "huisnummer": "12", "huisletter": "", "huisnummertoevoeging": "",
        "straat": "Diezerstraat", "woonplaats": "Zwolle", "categorie": "uitkeringsfraude",
        "indicatoren": GROUNDS, "referentie": "UWV-2026-00001", "datum_signaal": days_ago(10),
    }
    unknown = set(values) - set(row)
    assert not unknown, f"no such column: {unknown}"
    row.update(values)
    return row


def good_rows(count: int, *, start: int = 1, **values) -> list[dict[str, str]]:
    """``count`` valid rows, each for a different address (8011WR 1, 2, ...)."""
    return [
        signal_row(huisnummer=str(number), referentie=f"REF-{number:05d}", **values)
        for number in range(start, start + count)
    ]


def csv_bytes(rows, *, header=COLUMNS, delimiter=";", encoding="utf-8", bom=False,
              line_end="\r\n") -> bytes:
    """A CSV file as a partner's system writes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header] if isinstance(row, dict) else row)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, *, header=COLUMNS, sheet="Signalen", sheet_first=True) -> bytes:
    """An Excel workbook; ``rows`` are dicts (values kept as given: numbers stay numbers)."""
    workbook = Workbook()
    first = workbook.active
    if sheet_first:
        target = first
    else:
        first.title = "Toelichting"
        first.append(["Lees dit eerst"])
        target = workbook.create_sheet()
    target.title = sheet
    target.append(list(header))
    for row in rows:
        target.append([row.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def many_strings_xlsx(filler: int, *, declare_count: bool = True, length: int = 0,
                      rich_text: bool = False) -> bytes:
    """A workbook of one valid signal whose shared-string table also holds ``filler`` tiny,
    distinct strings that no cell uses: small on disk, huge for a reader that keeps every
    string as an element tree. ``declare_count``: the table says how many strings it holds;
    ``length``: the filler strings are that many random characters instead; ``rich_text``: the
    grounds are stored as formatted runs with a phonetic hint, as Excel writes them."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "application/vnd.openxmlformats"
    sheetml = f"{office}-officedocument.spreadsheetml"
    used = ["postcode", "huisnummer", "categorie", "indicatoren", "8011WR", "uitkeringsfraude", GROUNDS]
    if length:
        rng = random.Random(filler)
        strings = used + ["".join(rng.choices(string.ascii_lowercase, k=length)) for _ in range(filler)]
    else:
        strings = used + [f"{number:x}" for number in range(filler)]
    items = [f"<si><t>{text}</t></si>" for text in strings]
    if rich_text:
        rest = GROUNDS.removeprefix("Postretour ")
        items[6] = ('<si><r><t xml:space="preserve">Postretour </t></r><r><rPr><b/></rPr>'
                    f'<t>{rest}</t></r><rPh sb="0" eb="1"><t>pos</t></rPh></si>')
    counts = f' count="{len(strings)}" uniqueCount="{len(strings)}"' if declare_count else ""
    cell = '<c r="{0}" t="s"><v>{1}</v></c>'
    members = {
        "[Content_Types].xml": (
            f'<Types xmlns="{package}/content-types">'
            f'<Default Extension="rels" ContentType="{office}-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="/xl/{part}" ContentType="{sheetml}.{kind}+xml"/>'
                      for part, kind in [("workbook.xml", "sheet.main"),
                                         ("worksheets/sheet1.xml", "worksheet"),
                                         ("sharedStrings.xml", "sharedStrings")])
            + "</Types>"),
        "_rels/.rels": (f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
                        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Signalen" '
                            'sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><sheetData><row r="1">'
            + "".join(cell.format(f"{column}1", index) for index, column in enumerate("ABCD"))
            + '</row><row r="2">' + cell.format("A2", 4) + '<c r="B2"><v>12</v></c>'
            + cell.format("C2", 5) + cell.format("D2", 6) + "</row></sheetData></worksheet>"),
        "xl/sharedStrings.xml": (f'<sst xmlns="{main}"{counts}>'
                                 + "".join(items) + "</sst>"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def deliver(project, user, data: bytes, name: str = "signalen.csv") -> Upload:
    """Upload a file as ``user`` for their own partner, through the importer."""
    return importer.import_file(project, user.partner, user, data, name)


def deliver_rows(project, user, rows, name: str = "signalen.csv") -> Upload:
    """Deliver rows that must be accepted; returns the upload."""
    upload = deliver(project, user, csv_bytes(rows), name)
    assert upload.status == Upload.Status.ACCEPTED, upload.errors
    return upload


def only_error(upload: Upload) -> dict:
    assert upload.status == Upload.Status.REJECTED
    assert len(upload.errors) == 1, upload.errors
    return upload.errors[0]


# --- the world, built once per test module ---------------------------------------------
#
# Walking a project through its lifecycle takes a few hundred queries. The Zwolle project is
# therefore built once per test module, inside a transaction that is rolled back when the
# module is done; every test runs in a savepoint inside it (pytest-django's ``db``), so what a
# test changes is gone before the next one. The rows are created with the same factory keys as
# the fixtures of ``tests/conftest.py`` (``uwv_user``, ``projectleider``, ``coordinator``, ...),
# which therefore return these very rows (the factories get-or-create by code and username).
# Use ``intake_project`` (or ``zwolle``), never ``shared`` directly in a test.


@dataclass(frozen=True)
class Shared:
    project_pk: int


def _build_zwolle() -> Shared:
    BodyFactory(steering=True)  # the stuurgroep exists in every world
    region = BodyFactory(code="RPF-OOST", name="RPF Oost-Nederland")
    categories = {name: CategoryFactory(name=name) for name in (
        "uitkeringsfraude", "adresfraude", "arbeidsuitbuiting", "illegale tewerkstelling")}
    tax = CategoryFactory(name="belastingfraude")
    secretariat = PartnerFactory(code="SZW", name="Ministerie van SZW", delivery="geen")
    coordinator = UserFactory(username="coordinator", partner=secretariat, coordinator=True)
    municipality = PartnerFactory(code="GEM-0193", name="Gemeente Zwolle", municipality=True)
    uwv = PartnerFactory(code="UWV", name="Uitvoeringsinstituut Werknemersverzekeringen")
    svb = PartnerFactory(code="SVB", name="Sociale Verzekeringsbank")
    bd_mkb = PartnerFactory(code="BD-MKB", name="Belastingdienst, directie MKB", on_request=True)
    projectleider = UserFactory(username="projectleider", partner=municipality)
    UserFactory(username="uwv", partner=uwv)
    UserFactory(username="svb", partner=svb)
    UserFactory(username="bdmkb", partner=bd_mkb)
    project = ProjectFactory(name="Wijkaanpak Zwolle", initiator=municipality, region=region)
    make_lead(project, projectleider, by=coordinator)
    add_partner(project, municipality, categories=[categories["adresfraude"]], by=coordinator)
    add_partner(project, uwv, by=coordinator, capacity_hours=120,
                categories=[categories["uitkeringsfraude"], categories["adresfraude"]])
    add_partner(project, svb, by=coordinator, capacity_hours=80,
                categories=[categories["uitkeringsfraude"]])
    add_partner(project, bd_mkb, categories=[tax], by=coordinator)
    walk(project, "signalering", by=coordinator)
    return Shared(project_pk=project.pk)


def _transactional(node) -> bool:
    marker = node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


@pytest.fixture(scope="module")
def shared(request, django_db_setup, django_db_blocker):
    """The Zwolle project in signalering, once per module (rolled back afterwards).

    A module marked ``django_db(transaction=True)`` (real workers, other connections) cannot
    see an uncommitted world: there each test builds and commits its own (``zwolle``)."""
    if _transactional(request.node):
        yield None
        return
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            built = _build_zwolle()
        yield built


@pytest.fixture
def zwolle(request, shared, db) -> Shared:
    if shared is not None:
        if _transactional(request.node):
            pytest.fail("A transactional test needs its whole module marked "
                        "django_db(transaction=True) to use the Zwolle project.")
        return shared
    return _build_zwolle()


@pytest.fixture
def intake_project(zwolle):
    """``Wijkaanpak Zwolle`` in phase signalering: the gemeente, UWV (uitkeringsfraude,
    adresfraude), SVB (uitkeringsfraude) and BD-MKB (on request; belastingfraude) take part
    and confirmed readiness; ``projectleider`` leads it; IND does not take part."""
    return Project.objects.get(pk=zwolle.project_pk)


@pytest.fixture
def bd_mkb(intake_project):
    return Partner.objects.get(code="BD-MKB")


@pytest.fixture
def bd_mkb_user(bd_mkb):
    return bd_mkb.users.get(username="bdmkb")


def _opted_in(request, name: str) -> None:
    if name not in request.fixturenames:
        pytest.fail(f"Add pytestmark = pytest.mark.usefixtures({name!r}) to this module: a "
                    "module-wide fixture must exist before the test's own transaction starts.")


@pytest.fixture(scope="module")
def other_project_built(shared, django_db_blocker) -> int:
    """Opt-in per module (``usefixtures``): another project in signalering, led by a user of
    a gemeente that does not take part in Zwolle."""
    with django_db_blocker.unblock():
        lead = UserFactory(username="projectleider-elders", partner=PartnerFactory(municipality=True))
        coordinator = User.objects.get(username="coordinator")
        return project_in_phase("signalering", lead=lead, initiator=lead.partner, by=coordinator).pk


@pytest.fixture
def other_project(request, zwolle):
    """Another project in signalering; see ``other_projectleider``."""
    _opted_in(request, "other_project_built")
    return Project.objects.get(pk=request.getfixturevalue("other_project_built"))


@pytest.fixture
def other_projectleider(other_project):
    return User.objects.get(username="projectleider-elders")


@dataclass
class World:
    """Signals of several partners in ``intake_project``, as a test starts from."""

    project: Project
    uwv_upload: Upload
    uwv_signals: list[Signal]
    svb_upload: Upload
    svb_signals: list[Signal]

    @classmethod
    def load(cls, project_pk: int, uwv_upload_pk: int, svb_upload_pk: int) -> "World":
        uwv_upload = Upload.objects.get(pk=uwv_upload_pk)
        svb_upload = Upload.objects.get(pk=svb_upload_pk)
        return cls(
            project=Project.objects.get(pk=project_pk),
            uwv_upload=uwv_upload, uwv_signals=list(uwv_upload.signals.order_by("pk")),
            svb_upload=svb_upload, svb_signals=list(svb_upload.signals.order_by("pk")),
        )


def _deliver_world(project) -> tuple[int, int, int]:
    uwv_user, svb_user = User.objects.get(username="uwv"), User.objects.get(username="svb")
    uwv_upload = deliver_rows(project, uwv_user, [
        signal_row(huisnummer="1", referentie="UWV-1"),
        signal_row(huisnummer="2", referentie="UWV-2", categorie="adresfraude"),
        signal_row(huisnummer="3", referentie="UWV-3"),
    ], name="uwv.csv")
    svb_upload = deliver_rows(project, svb_user, [
        signal_row(huisnummer="1", referentie="SVB-1"),
        signal_row(huisnummer="9", referentie="SVB-9"),
    ], name="svb.csv")
    return project.pk, uwv_upload.pk, svb_upload.pk


@pytest.fixture(scope="module")
def signals_delivered(shared, django_db_blocker) -> tuple[int, int, int]:
    """Opt-in per module (``usefixtures``): the signals of ``world`` delivered once for the
    whole module, so every test of the module starts from them."""
    with django_db_blocker.unblock():
        return _deliver_world(Project.objects.get(pk=shared.project_pk))


@pytest.fixture
def world(request, intake_project, uwv_user, svb_user) -> World:
    """UWV delivered three signals (8011WR 1, 2, 3; number 2 adresfraude), SVB two (8011WR 1
    and 9, uitkeringsfraude): address 8011WR 1 was signalled by both."""
    if "signals_delivered" in request.fixturenames:
        return World.load(*request.getfixturevalue("signals_delivered"))
    return World.load(*_deliver_world(intake_project))
