"""The public register: a project is public only after its projectleider publishes it from a
preview; the public pages read the published snapshot only (a change to the project shows only
after publishing again); an anonymous crawl finds nothing of an unpublished project and no
personal data; the open data validates against its documented schema."""
import json
import re
import uuid
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from lsi.public import publishing
from lsi.public.models import Publication
from lsi.public.publishing import PublicationRefused
from lsi.public.snapshots import SCHEMA
from projects.phases import Phase
from signals.importer import import_file
from tests.factories import PartnerFactory, UserFactory, project_in_phase, walk

MARK = f"PUBMARK{uuid.uuid4().hex[:8].upper()}"


@pytest.fixture
def projects(db, coordinator, uwv, uwv_user, base):
    """Published: Zwolle (with a delivered signal whose street, reference and indicators carry
    markers); unpublished: another project whose name carries a marker."""
    gemeente = PartnerFactory(code="GEM-ZW", name="Gemeente Zwolle", kind="gemeente")
    lead = UserFactory(username="zwolle-lead", partner=gemeente)
    published = project_in_phase(Phase.APPROVED, partners=[gemeente, uwv], lead=lead,
                                 name="Wijkaanpak Zwolle", area="8011WR, 8012",
                                 categories=[base.categories["uitkeringsfraude"]])
    walk(published, Phase.INTAKE)
    csv = ("postcode;huisnummer;straat;categorie;indicatoren;referentie\r\n"
           f"8011 WR;12;{MARK}straat;uitkeringsfraude;Postretour {MARK};REF-{MARK}\r\n").encode()
    assert import_file(published, uwv, uwv_user, csv, "uwv.csv").rows_accepted == 1
    hidden = project_in_phase(Phase.APPROVED, name=f"Geheim {MARK}", goals=f"Doel {MARK}")
    return published, hidden, lead


def test_publishing_needs_the_projectleider_and_a_summary_without_addresses(projects, uwv_user):
    published, _hidden, lead = projects
    with pytest.raises(PublicationRefused, match="projectleider of de coördinator"):
        publishing.publish(published, uwv_user, summary="x")
    with pytest.raises(PublicationRefused) as refused:
        publishing.publish(published, lead, summary="Wij komen langs op 8011 WR 12",
                           letter_date=date(2026, 11, 1))
    fields = {field for field, _message in refused.value.problems}
    assert fields == {"summary", "letter_text"}
    assert not Publication.objects.exists()


def test_published_in_the_browser_from_a_preview_and_withdrawn(projects, client_for):
    published, _hidden, lead = projects
    client = client_for(lead)
    url = reverse("public:manage", args=[published.pk])
    preview = client.post(url, {"summary": "Samen tegen fraude in de wijk.", "preview": "1"})
    assert "Voorbeeld van de openbare pagina" in preview.content.decode()
    assert "Samen tegen fraude in de wijk." in preview.content.decode()
    assert not Publication.objects.exists()  # a preview publishes nothing
    client.post(url, {"summary": "Samen tegen fraude in de wijk.", "letter_date": "2026-11-01",
                      "letter_text": "Beste bewoner, wij komen in uw wijk.", "publish": "1"})
    page = Client().get(reverse("public:detail", args=[published.pk])).content.decode()
    assert "Samen tegen fraude in de wijk." in page and "Beste bewoner" in page
    assert "8011, 8012" in page and "8011WR" not in page  # the area at PC4 level only
    client.post(reverse("public:withdraw", args=[published.pk]), {"reason": "Project stopgezet"})
    assert Client().get(reverse("public:detail", args=[published.pk])).status_code == 404
    assert Publication.objects.get().withdraw_reason == "Project stopgezet"


def test_a_change_to_the_project_shows_only_after_publishing_again(projects):
    published, _hidden, lead = projects
    publishing.publish(published, lead, summary="Eerste versie")
    published.name = "Nieuwe naam"
    published.save()
    anonymous = Client()
    page = anonymous.get(reverse("public:detail", args=[published.pk])).content.decode()
    assert "Wijkaanpak Zwolle" in page
    publishing.publish(published, lead, summary="Tweede versie")
    page = anonymous.get(reverse("public:detail", args=[published.pk])).content.decode()
    assert "Nieuwe naam" in page and "Tweede versie" in page


def test_an_anonymous_crawl_finds_nothing_unpublished_and_no_personal_data(projects):
    published, hidden, lead = projects
    publishing.publish(published, lead, summary="Samen in de wijk.")
    anonymous, seen, queue = Client(), set(), [reverse("public:overview")]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = anonymous.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert MARK not in body, url
        assert "8011WR" not in body and "8011 WR" not in body, url
        queue += [link for link in re.findall(r'href="(/register/[^"#?]*)"', body) if link not in seen]
    assert reverse("public:detail", args=[published.pk]) in seen
    assert anonymous.get(reverse("public:detail", args=[hidden.pk])).status_code == 404
    assert len(seen) >= 6


def test_the_open_data_validate_against_the_documented_schema(projects):
    jsonschema = pytest.importorskip("jsonschema")
    published, _hidden, lead = projects
    publishing.publish(published, lead, summary="Samen in de wijk.", letter_date=date(2026, 11, 1),
                       letter_text="Beste bewoner")
    data = json.loads(Client().get(reverse("public:open_data_json")).content)
    jsonschema.validate(data, SCHEMA)
    assert [p["name"] for p in data["projects"]] == ["Wijkaanpak Zwolle"]
    served = json.loads(Client().get(reverse("public:schema")).content)
    assert served == json.loads(json.dumps(SCHEMA))
    csv_text = Client().get(reverse("public:open_data_csv")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("project_id;naam;type")
    assert "Wijkaanpak Zwolle" in csv_text and MARK not in csv_text


def test_another_partner_cannot_publish(projects, client_for):
    published, _hidden, _lead = projects
    outsider = UserFactory(partner=PartnerFactory(code="OUT2"))
    assert client_for(outsider).get(reverse("public:manage", args=[published.pk])).status_code == 404
    assert client_for(outsider).post(reverse("public:withdraw", args=[published.pk]),
                                     {"reason": "x"}).status_code == 404

