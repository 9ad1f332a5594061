"""Demo data: partners, bodies, categories, users for every role, and projects in many phases.

Idempotent: running it twice changes nothing. Projects are walked through the real lifecycle
services, so their history and phase timeline are what a user would have produced.
"""
import os
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from projects import lifecycle, plans
from projects.models import Body, Category, Partner, Project, User

DEMO_PASSWORD_ENV = "LSI_DEMO_PASSWORD"
DEFAULT_DEMO_PASSWORD = "lsi-demo-wachtwoord"

K, D = Partner.Kind, Partner.Delivery
PARTNERS = [
    ("SZW", "Ministerie van Sociale Zaken en Werkgelegenheid", K.NATIONAL, True, D.NONE),
    ("UWV", "Uitvoeringsinstituut Werknemersverzekeringen", K.NATIONAL, True, D.UP_FRONT),
    ("SVB", "Sociale Verzekeringsbank", K.NATIONAL, True, D.UP_FRONT),
    ("BD-MKB", "Belastingdienst, directie MKB", K.NATIONAL, True, D.ON_REQUEST),
    ("BD-TSL", "Belastingdienst / Dienst Toeslagen", K.NATIONAL, True, D.UP_FRONT),
    ("NLA", "Nederlandse Arbeidsinspectie", K.NATIONAL, True, D.UP_FRONT),
    ("IND", "Immigratie- en Naturalisatiedienst", K.NATIONAL, True, D.UP_FRONT),
    ("POL", "Politie", K.NATIONAL, True, D.NONE),
    ("OM", "Openbaar Ministerie", K.NATIONAL, True, D.NONE),
    ("VNG", "Vereniging van Nederlandse Gemeenten", K.ADVISORY, False, D.NONE),
    ("DIVOSA", "Divosa", K.ADVISORY, False, D.NONE),
]
MUNICIPALITIES = [
    ("0193", "Zwolle"), ("0150", "Deventer"), ("0153", "Enschede"), ("0141", "Almelo"),
    ("0363", "Amsterdam"), ("0599", "Rotterdam"), ("0518", "'s-Gravenhage"), ("0344", "Utrecht"),
    ("0014", "Groningen"), ("0080", "Leeuwarden"), ("0772", "Eindhoven"), ("0935", "Maastricht"),
]
REGIONS = [
    "Noord-Nederland", "Oost-Nederland", "Midden-Nederland", "Noord-Holland",
    "Amsterdam-Amstelland", "Haaglanden", "Rotterdam-Rijnmond", "Zeeland-West-Brabant",
    "Oost-Brabant en Limburg",
]
CATEGORIES = [
    "uitkeringsfraude", "adresfraude", "arbeidsuitbuiting", "illegale tewerkstelling",
    "toeslagenfraude", "belastingfraude", "schijnzelfstandigheid",
]
# username, first name, partner code, role
USERS = [
    ("coordinator", "Carla", "SZW", User.Role.COORDINATOR),
    ("stuurgroep", "Sander", "SZW", User.Role.STEERING),
    ("fg", "Fatima", "SZW", User.Role.PRIVACY_OFFICER),
    ("projectleider", "Pieter", "GEM-0193", User.Role.PARTNER),
    ("gemeente", "Gerda", "GEM-0193", User.Role.PARTNER),
    ("uwv", "Umar", "UWV", User.Role.PARTNER),
    ("svb", "Sophie", "SVB", User.Role.PARTNER),
    ("nla", "Niels", "NLA", User.Role.PARTNER),
    ("belastingdienst", "Bart", "BD-MKB", User.Role.PARTNER),
    ("toeslagen", "Tessa", "BD-TSL", User.Role.PARTNER),
    ("ind", "Ingrid", "IND", User.Role.PARTNER),
    ("deventer", "Dirk", "GEM-0150", User.Role.PARTNER),
    ("enschede", "Els", "GEM-0153", User.Role.PARTNER),
    ("almelo", "Anton", "GEM-0141", User.Role.PARTNER),
]


def demo_password() -> str:
    return os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD)


class Command(BaseCommand):
    help = "Laadt demogegevens (idempotent): partners, gebruikers per rol en projecten."

    @transaction.atomic
    def handle(self, *args, **options):
        self.seed_reference_data()
        self.users = self.seed_users()
        self.categories = {c.code: c for c in Category.objects.all()}
        self.seed_projects()
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar."))
        self.stdout.write(f"Demo-accounts (wachtwoord: {demo_password()}):")
        for username, _name, code, _role in USERS:
            self.stdout.write(f"  {username:16} {code:9} {self.users[username].role_label}")

    def seed_reference_data(self):
        for code, name, kind, signatory, delivery in PARTNERS:
            Partner.objects.get_or_create(
                code=code,
                defaults=dict(name=name, kind=kind, is_signatory=signatory, delivery=delivery),
            )
        for number, name in MUNICIPALITIES:
            Partner.objects.get_or_create(
                code=f"GEM-{number}",
                defaults=dict(name=f"Gemeente {name}", kind=K.MUNICIPALITY, delivery=D.UP_FRONT),
            )
        Body.objects.get_or_create(
            code="STUURGROEP", defaults=dict(name="Stuurgroep LSI", kind=Body.Kind.STEERING)
        )
        for region in REGIONS:
            Body.objects.get_or_create(
                code=f"RPF-{region.upper()[:20]}",
                defaults=dict(name=f"RPF {region}", kind=Body.Kind.REGIONAL),
            )
        for name in CATEGORIES:
            Category.objects.get_or_create(code=name.replace(" ", "-"), defaults={"name": name})

    def seed_users(self) -> dict[str, User]:
        users = {}
        for username, first_name, code, role in USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username, first_name=first_name, last_name="(demo)",
                    email=f"{username}@demo.lsi.example", role=role,
                    partner=Partner.objects.get(code=code),
                )
                user.set_password(demo_password())
                user._change_reason = "Demogebruiker aangemaakt"
                user.save()
            users[username] = user
        return users

    def cats(self, *names):
        return [self.categories[name.replace(" ", "-")] for name in names]

    def new_project(self, name, *, lead, partners, **fields):
        """Create a project with participations, or return None if it already exists."""
        if Project.objects.filter(name=name).exists():
            return None
        today = timezone.localdate()
        defaults = dict(
            reason="Signalen van meerdere partners over dezelfde adressen in dit gebied.",
            goals="Onrechtmatigheden beëindigen, zorg bieden waar nodig en niet-gebruik verminderen.",
            dpia_reference="DPIA-LSI-2026-01", start_date=today - timedelta(days=30),
            intake_deadline=today + timedelta(days=14), case_table_date=today + timedelta(days=21),
            control_dates=(today + timedelta(days=35)).strftime("%d-%m-%Y"),
            planned_end=today + timedelta(days=120),
        )
        defaults.update(fields)
        coordinator = self.users["coordinator"]
        project = plans.create_project(coordinator, lead=lead, name=name, **defaults)
        for code, hours, categories in partners:
            plans.set_participation(
                project, coordinator, partner=Partner.objects.get(code=code),
                capacity_hours=hours, categories=self.cats(*categories),
            )
        return project

    def walk(self, project, until):
        """Walk a project through the lifecycle services up to phase ``until``."""
        coordinator = self.users["coordinator"]
        order = [p.value for p in lifecycle.MAIN_LINE]
        if order.index(until) >= order.index("ingediend"):
            lifecycle.submit(project, coordinator)
        if order.index(until) >= order.index("goedgekeurd"):
            lifecycle.record_decision(
                project, coordinator, body=lifecycle.competent_body(project),
                outcome="goedgekeurd", decided_on=timezone.localdate(),
                remarks="Akkoord (demo).",
            )
        if order.index(until) >= order.index("gereed"):
            for participation in project.participations.select_related("partner"):
                user = participation.partner.users.filter(role=User.Role.PARTNER).first()
                lifecycle.confirm_ready(participation, user)
        project.refresh_from_db()
        while project.phase != until and lifecycle.next_phase(project):
            # The demo projects have no casustafel agenda: nothing for its checks to refuse.
            lifecycle.close_phase(project, coordinator, "Demo: volgende fase")
            project.refresh_from_db()
        return project

    def seed_projects(self):
        u = self.users
        region = {b.name: b for b in Body.objects.filter(kind=Body.Kind.REGIONAL)}
        zwolle = self.new_project(
            "Wijkgerichte aanpak Zwolle", lead=u["projectleider"],
            project_type=Project.Type.AREA, format=Project.Format.WGA,
            initiator=Partner.objects.get(code="GEM-0193"), region=region["RPF Oost-Nederland"],
            area="8011-8017",
            partners=[
                ("GEM-0193", 200, ["adresfraude"]),
                ("UWV", 120, ["uitkeringsfraude", "adresfraude"]),
                ("SVB", 80, ["uitkeringsfraude", "adresfraude"]),
                ("NLA", 100, ["arbeidsuitbuiting", "illegale tewerkstelling"]),
                ("BD-MKB", 40, ["belastingfraude"]),
            ],
        )
        if zwolle:
            self.walk(zwolle, "signalering")
        deventer = self.new_project(
            "Lokale aanpak adresfraude Deventer", lead=u["deventer"],
            project_type=Project.Type.AREA, format=Project.Format.ADDRESS_FRAUD,
            initiator=Partner.objects.get(code="GEM-0150"), region=region["RPF Oost-Nederland"],
            area="7411, 7412, 7413",
            partners=[("GEM-0150", 80, ["adresfraude"]), ("UWV", 40, ["adresfraude"]),
                      ("SVB", 20, ["adresfraude"])],
        )
        if deventer:
            self.walk(deventer, "goedgekeurd")
        cleaning = self.new_project(
            "Schijnzelfstandigheid in de schoonmaak", lead=u["nla"],
            project_type=Project.Type.PHENOMENON, format=Project.Format.OTHER,
            initiator=Partner.objects.get(code="NLA"), sector="Schoonmaakbranche",
            partners=[("NLA", 300, ["schijnzelfstandigheid", "arbeidsuitbuiting"]),
                      ("UWV", 100, ["uitkeringsfraude"])],
        )
        if cleaning:
            self.walk(cleaning, "concept")
        horeca = self.new_project(
            "Horeca Randstad", lead=u["uwv"], project_type=Project.Type.SECTOR,
            format=Project.Format.OTHER, initiator=Partner.objects.get(code="UWV"),
            sector="Horeca", partners=[("UWV", 200, ["uitkeringsfraude"]),
                                       ("NLA", 200, ["illegale tewerkstelling"]),
                                       ("BD-TSL", 50, ["toeslagenfraude"])],
        )
        if horeca:
            self.walk(horeca, "ingediend")
        kip = self.new_project(
            "KIP Malafide uitzendbureaus", lead=u["nla"], project_type=Project.Type.KIP,
            format=Project.Format.OTHER, initiator=Partner.objects.get(code="NLA"),
            sector="Malafide uitzendbureaus", dpia_reference="",
            partners=[("NLA", 160, []), ("UWV", 60, []), ("IND", 40, [])],
        )
        if kip:
            self.walk(kip, "uitvoering")
        enschede = self.new_project(
            "FRIT Enschede-Noord", lead=u["projectleider"], project_type=Project.Type.AREA,
            format=Project.Format.FRIT, initiator=Partner.objects.get(code="GEM-0153"),
            region=region["RPF Oost-Nederland"], area="7521, 7523",
            partners=[("GEM-0153", 60, ["adresfraude"]), ("UWV", 30, ["adresfraude"])],
        )
        if enschede:
            self.walk(enschede, "gesloten")
        almelo = self.new_project(
            "Wijkgerichte aanpak Almelo", lead=u["projectleider"], project_type=Project.Type.AREA,
            format=Project.Format.WGA, initiator=Partner.objects.get(code="GEM-0141"),
            region=region["RPF Oost-Nederland"], area="7601-7604",
            partners=[("GEM-0141", 60, ["adresfraude"]), ("BD-TSL", 30, ["toeslagenfraude"])],
        )
        if almelo:
            self.walk(almelo, "gereed")
            lifecycle.hold(almelo, u["coordinator"],
                           "Belastingdienst en Toeslagen hebben LSI-projecten on hold gezet.")
