"""The real example files of ``tests/samples`` (see its README) delivered into a Zwolle
project, in the browser's code path and with ``manage.py import_signals``.

UWV and SVB may deliver uitkeringsfraude and adresfraude, NLA arbeidsuitbuiting and illegale
tewerkstelling; the area is 8011-8017.
"""
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import Project, User
from signals.models import Signal, Upload
from tests.factories import (
    BodyFactory,
    CategoryFactory,
    PartnerFactory,
    ProjectFactory,
    UserFactory,
    add_partner,
    make_lead,
    rolled_back_afterwards,
    walk,
)
from tests.signals.conftest import SAMPLES, deliver

UWV_FILE = "uwv-signalen-excel-nl.csv"
SVB_FILE = "svb-signalen-utf8-bom.csv"
NLA_FILE = "nla-signalen.xlsx"
ERROR_FILE = "uwv-signalen-met-fouten.csv"


def build_sample_project() -> int:
    coordinator = UserFactory(
        username="coordinator", coordinator=True,
        partner=PartnerFactory(code="SZW", name="Ministerie van SZW", delivery="geen"),
    )
    category = {name: CategoryFactory(name=name) for name in (
        "uitkeringsfraude", "adresfraude", "arbeidsuitbuiting", "illegale tewerkstelling")}
    zwolle = PartnerFactory(code="GEM-0193", name="Gemeente Zwolle", municipality=True)
    project = ProjectFactory(name="Wijkaanpak Zwolle", area="8011-8017", initiator=zwolle,
                             region=BodyFactory(code="RPF-OOST", name="RPF Oost-Nederland"))
    make_lead(project, UserFactory(username="projectleider", partner=zwolle), by=coordinator)
    add_partner(project, zwolle, categories=[category["adresfraude"]], by=coordinator)
    for code, names in [("UWV", ["uitkeringsfraude", "adresfraude"]),
                        ("SVB", ["uitkeringsfraude", "adresfraude"]),
                        ("NLA", ["arbeidsuitbuiting", "illegale tewerkstelling"])]:
        partner = PartnerFactory(code=code, name=f"{code} (voorbeeld)")
        UserFactory(username=code.lower(), partner=partner)
        add_partner(project, partner, categories=[category[n] for n in names], by=coordinator)
    walk(project, "signalering", by=coordinator)
    return project.pk


@pytest.fixture(scope="module")
def sample_project_pk(django_db_setup, django_db_blocker):
    """Built once for the module, rolled back afterwards (see tests.factories)."""
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            pk = build_sample_project()
        yield pk


@pytest.fixture
def zwolle(sample_project_pk, db):
    return Project.objects.get(pk=sample_project_pk)


def user(username: str) -> User:
    return User.objects.get(username=username)


def deliver_sample(project, username: str, file_name: str) -> Upload:
    return deliver(project, user(username), (SAMPLES / file_name).read_bytes(), file_name)


def test_samples_are_found_beside_the_repository():
    assert {p.name for p in SAMPLES.iterdir()} >= {UWV_FILE, SVB_FILE, NLA_FILE, ERROR_FILE}


def test_uwv_dutch_excel_export_is_stored_completely(zwolle):
    upload = deliver_sample(zwolle, "uwv", UWV_FILE)

    assert (upload.status, upload.rows_total, upload.rows_accepted, upload.rows_review) == (
        Upload.Status.ACCEPTED, 120, 120, 0)
    assert upload.errors == []
    loose = Signal.objects.get(project=zwolle, reference="UWV-2026-00003")
    assert loose.typed_address.startswith("8011 wr 174")
    assert (loose.address_key, loose.street) == ("8011WR-174--HS", "Diezerstraat")
    assert loose.signal_date.isoformat() == "2026-07-25"
    assert Signal.objects.get(reference="UWV-2026-00001").street == "Prinses Mariëlaan"


def test_svb_utf8_file_with_letters_glued_to_the_number_is_stored_completely(zwolle):
    upload = deliver_sample(zwolle, "svb", SVB_FILE)

    assert (upload.status, upload.rows_accepted, upload.rows_review) == (
        Upload.Status.ACCEPTED, 90, 0)
    glued = Signal.objects.get(project=zwolle, reference="SVB-2026-00015")  # "141B" + "hs"
    assert (glued.house_number, glued.house_letter, glued.house_number_suffix) == (141, "B", "HS")
    assert glued.address_key == "8017TV-141-B-HS"


def test_nla_workbook_is_stored_completely(zwolle):
    upload = deliver_sample(zwolle, "nla", NLA_FILE)

    assert (upload.status, upload.rows_accepted, upload.rows_review) == (
        Upload.Status.ACCEPTED, 60, 0)
    signal = Signal.objects.get(project=zwolle, reference="NLA-2026-00010")
    assert (signal.address_key, signal.category.name) == ("8011WR-174--HS", "arbeidsuitbuiting")


def test_the_three_files_share_about_thirty_addresses_with_equal_keys(zwolle):
    for username, file_name in [("uwv", UWV_FILE), ("svb", SVB_FILE), ("nla", NLA_FILE)]:
        assert deliver_sample(zwolle, username, file_name).status == Upload.Status.ACCEPTED

    keys = {
        code: set(Signal.objects.filter(project=zwolle, partner__code=code)
                  .values_list("address_key", flat=True))
        for code in ("UWV", "SVB", "NLA")
    }
    shared = keys["UWV"] & keys["SVB"] & keys["NLA"]
    assert 30 <= len(shared) <= 40
    assert "" not in shared
    # The partners typed these addresses differently; the keys are equal all the same.
    typed = {}
    for key, text in Signal.objects.filter(address_key__in=shared).values_list(
            "address_key", "typed_address"):
        typed.setdefault(key, set()).add(text)
    assert sum(1 for texts in typed.values() if len(texts) > 1) >= 10


MISTAKES = [
    (3, "postcode", "0123AB", "niet met 0"),                    # postcode starting with 0
    (4, "postcode", "1234SS", "SA, SD en SS"),                  # never-issued letters
    (5, "huisnummer", "twaalf", "in cijfers"),                  # house number in words
    (6, "indicatoren", "", "Vul de indicatoren in"),            # no grounds
    (7, "categorie", "zorg", "niet afgesproken"),               # category not agreed
    (8, "", "", "gelijk aan regel 2"),                          # duplicated row
]


def test_error_file_is_refused_with_one_message_per_mistake(zwolle):
    upload = deliver_sample(zwolle, "uwv", ERROR_FILE)

    assert upload.status == Upload.Status.REJECTED
    assert [(e["row"], e["column"], e["value"]) for e in upload.errors] == [
        (row, column, value) for row, column, value, _ in MISTAKES]
    for error, (*_, advice) in zip(upload.errors, MISTAKES, strict=True):
        assert advice in error["message"]
    assert not Signal.objects.filter(project=zwolle).exists()


# --- manage.py import_signals -------------------------------------------------------------

def import_signals(project, partner: str, username: str, file_name: str) -> str:
    out = StringIO()
    call_command("import_signals", "--project", str(project.pk), "--partner", partner,
                 "--user", username, str(SAMPLES / file_name), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("partner, file_name, count", [
    ("UWV", UWV_FILE, 120), ("SVB", SVB_FILE, 90), ("NLA", NLA_FILE, 60),
])
def test_command_imports_a_sample_and_prints_a_summary(zwolle, partner, file_name, count):
    output = import_signals(zwolle, partner, partner.lower(), file_name)

    assert f"{file_name}: Verwerkt; {count} regels, {count} signalen opgeslagen" in output
    assert Signal.objects.filter(project=zwolle, partner__code=partner).count() == count
    assert Upload.objects.get(project=zwolle).uploaded_by == user(partner.lower())


def test_command_fails_and_lists_every_mistake_when_the_file_is_refused(zwolle):
    out = StringIO()
    with pytest.raises(CommandError, match="Er is niets opgeslagen"):
        call_command("import_signals", "--project", str(zwolle.pk), "--partner", "UWV",
                     "--user", "uwv", str(SAMPLES / ERROR_FILE), stdout=out)

    output = out.getvalue()
    assert "regel 3, kolom postcode ('0123AB'):" in output
    assert "regel 5, kolom huisnummer ('twaalf'):" in output
    assert "Afgewezen; 8 regels, 0 signalen opgeslagen" in output
    assert not Signal.objects.filter(project=zwolle).exists()


def test_command_fails_when_the_same_file_is_imported_again(zwolle):
    import_signals(zwolle, "SVB", "svb", SVB_FILE)
    out = StringIO()

    with pytest.raises(CommandError, match="Er is niets opgeslagen"):
        call_command("import_signals", "--project", str(zwolle.pk), "--partner", "SVB",
                     "--user", "svb", str(SAMPLES / SVB_FILE), stdout=out)

    assert "al eerder aangeleverd" in out.getvalue()
    assert Signal.objects.filter(project=zwolle).count() == 90


def test_command_refuses_a_user_delivering_for_another_partner(zwolle):
    with pytest.raises(CommandError, match="alleen signalen van uw eigen organisatie"):
        import_signals(zwolle, "SVB", "uwv", SVB_FILE)

    assert not Upload.objects.filter(project=zwolle).exists()


def test_command_says_what_it_cannot_find(zwolle, tmp_path):
    with pytest.raises(CommandError, match="Niet gevonden"):
        import_signals(zwolle, "XYZ", "uwv", UWV_FILE)
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_signals", "--project", str(zwolle.pk), "--partner", "UWV",
                     "--user", "uwv", str(tmp_path / "weg.csv"), stdout=StringIO())
