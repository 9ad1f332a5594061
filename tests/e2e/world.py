"""The data the browser tests start from, built through the real services (factories, plans,
lifecycle, importer) and committed, so the live server sees it.

``zwolle()``: the Zwolle project in phase signalering. The gemeente (led by ``projectleider``),
UWV and SVB take part, each may deliver uitkeringsfraude and adresfraude (the categories of
the sample files). Also a coördinator, a stuurgroep member, a privacy officer (fg), and a second project in
concept.
"""
from dataclasses import dataclass

from projects.models import Project, User
from signals import importer
from signals.models import Upload
from tests.factories import (
    BodyFactory,
    CategoryFactory,
    PartnerFactory,
    ProjectFactory,
    UserFactory,
    add_partner,
    make_lead,
    walk,
)
from tests.signals.conftest import csv_bytes, good_rows


@dataclass
class World:
    project: Project
    concept: Project
    coordinator: User
    steering_member: User
    privacy_officer: User
    projectleider: User
    gemeente_user: User
    uwv_user: User
    svb_user: User


def zwolle(*, with_signals: bool = False) -> World:
    BodyFactory(steering=True)
    region = BodyFactory(code="RPF-OOST", name="RPF Oost-Nederland")
    categories = [CategoryFactory(name=name) for name in ("uitkeringsfraude", "adresfraude")]
    secretariat = PartnerFactory(code="SZW", name="Ministerie van SZW", delivery="geen")
    gemeente = PartnerFactory(code="GEM-0193", name="Gemeente Zwolle", municipality=True)
    uwv = PartnerFactory(code="UWV", name="Uitvoeringsinstituut Werknemersverzekeringen")
    svb = PartnerFactory(code="SVB", name="Sociale Verzekeringsbank")
    coordinator = UserFactory(username="coordinator", first_name="Carla", partner=secretariat,
                              coordinator=True)
    world = World(
        project=ProjectFactory(name="Wijkaanpak Zwolle", initiator=gemeente, region=region),
        concept=ProjectFactory(name="Adresfraude Zwolle-Noord", initiator=gemeente, region=region),
        coordinator=coordinator,
        steering_member=UserFactory(username="stuurgroep", first_name="Sander", partner=secretariat,
                                    steering=True),
        privacy_officer=UserFactory(username="fg", first_name="Fatima", partner=secretariat,
                                    privacy_officer=True),
        projectleider=UserFactory(username="projectleider", first_name="Pieter", partner=gemeente),
        gemeente_user=UserFactory(username="gemeente", first_name="Gerda", partner=gemeente),
        uwv_user=UserFactory(username="uwv", first_name="Umar", partner=uwv),
        svb_user=UserFactory(username="svb", first_name="Sophie", partner=svb),
    )
    for project in (world.project, world.concept):
        make_lead(project, world.projectleider, by=coordinator)
        add_partner(project, gemeente, categories=categories[1:], by=coordinator)
        add_partner(project, uwv, categories=categories, capacity_hours=120, by=coordinator)
        add_partner(project, svb, categories=categories, capacity_hours=80, by=coordinator)
    walk(world.project, "signalering", by=coordinator)
    if with_signals:
        deliver(world, world.uwv_user, good_rows(12), "uwv-signalen.csv")
        deliver(world, world.svb_user, good_rows(5, start=40), "svb-signalen.csv")
        rejected = importer.import_file(
            world.project, world.uwv_user.partner, world.uwv_user,
            csv_bytes(good_rows(2, postcode="0123AB")), "fouten.csv",
        )
        assert rejected.status == Upload.Status.REJECTED
    return world


def deliver(world: World, user: User, rows, name: str) -> Upload:
    upload = importer.import_file(world.project, user.partner, user, csv_bytes(rows), name)
    assert upload.status == Upload.Status.ACCEPTED, upload.errors
    return upload
