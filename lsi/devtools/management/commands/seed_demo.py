"""Demo data: partners, bodies, categories, users for every role, and projects in many phases.

Idempotent: running it twice changes nothing. Projects are walked through the real lifecycle
services, step by step at moments in the past (the clock is set back for each step), so their
history and phase timeline are what months of use would have produced.
"""
import os
from datetime import timedelta

import time_machine
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from projects import agreement, escalation, lifecycle, plans
from projects.models import Body, Category, Partner, PhaseLimit, Project, User
from projects.phases import KIP_SKIPS, Phase

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
    ("vng", "Vera", "VNG", User.Role.VNG_ADVISER),
]


def demo_password() -> str:
    return os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD)


class Command(BaseCommand):
    help = "Laadt demogegevens (idempotent): partners, gebruikers per rol en projecten."

    @transaction.atomic
    def handle(self, *args, **options):
        self.now = timezone.now()
        self.seed_reference_data()
        self.users = self.seed_users()
        self.categories = {c.code: c for c in Category.objects.all()}
        self.seed_projects()
        self.seed_agenda()
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

    def back_then(self, days_ago: float):
        """Run what follows as it happened ``days_ago`` days before now: the clock itself is set
        back, so every record the services write (phase changes, decisions, readiness, grants,
        their history) carries that moment, as if the portal had been used for months."""
        return time_machine.travel(self.now - timedelta(days=days_ago), tick=True)

    def new_project(self, name, *, lead, partners, created, **fields):
        """Create a project with participations ``created`` days ago, or return None if it
        already exists. Its planning is relative to today unless ``fields`` say otherwise."""
        if Project.objects.filter(name=name).exists():
            return None
        today = self.now.date()
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
        with self.back_then(created):
            project = plans.create_project(coordinator, lead=lead, name=name, **defaults)
            for code, hours, categories in partners:
                plans.set_participation(
                    project, coordinator, partner=Partner.objects.get(code=code),
                    capacity_hours=hours, categories=self.cats(*categories),
                )
        return project

    def walk(self, project, until, *, created, entered):
        """Walk a project through the lifecycle services up to phase ``until``, one step after
        the other between ``created`` and ``entered`` days ago: it entered ``until`` then."""
        coordinator = self.users["coordinator"]
        order = [p.value for p in lifecycle.MAIN_LINE]
        steps = []
        if order.index(until) >= order.index("ingediend"):
            for participation in project.participations.select_related("partner"):
                user = participation.partner.users.filter(role=User.Role.PARTNER).first()
                steps.append(lambda p=participation, u=user: agreement.accept(
                    p, u, "Capaciteit en gegevens afgestemd (demo)."))
            steps.append(lambda: lifecycle.submit(project, coordinator))
        if order.index(until) >= order.index("goedgekeurd"):
            steps.append(lambda: lifecycle.record_decision(
                project, coordinator, body=lifecycle.competent_body(project),
                outcome="goedgekeurd", decided_on=timezone.localdate(), remarks="Akkoord (demo).",
            ))
        if order.index(until) >= order.index("gereed"):
            for participation in project.participations.select_related("partner"):
                user = participation.partner.users.filter(role=User.Role.PARTNER).first()
                steps.append(lambda p=participation, u=user: lifecycle.confirm_ready(p, u))
            for phase in order[order.index("gereed") + 1:order.index(until) + 1]:
                if project.project_type == Project.Type.KIP and phase in KIP_SKIPS:
                    continue
                if phase == "gesloten":  # a project is closed with its evaluation and realised hours
                    steps.append(lambda: self.realised(project, coordinator))
                    steps.append(lambda: self.evaluate(project, coordinator))
                # The demo projects have no casustafel agenda: nothing for its checks to refuse.
                steps.append(lambda: lifecycle.close_phase(project, coordinator, "Demo: volgende fase"))
        for number, step in enumerate(steps, start=1):
            with self.back_then(created - (created - entered) * number / len(steps)):
                step()
        project.refresh_from_db()
        assert project.phase == until, (project, project.phase, until)
        return project

    def realised(self, project, by):
        """At afronding: each partner spent nine tenths of the hours it committed."""
        for participation in project.participations.all():
            plans.record_realised_hours(participation, by, participation.capacity_hours * 9 // 10)

    def seed_capacity(self, cleaning):
        """Pledges for this year and the next (UWV over-committed in the next quarter), a proposal
        UWV declined, and Dienst Toeslagen's partner-wide suspension."""
        from lsi.capacity import pledges, suspensions
        from lsi.capacity.models import CapacityPledge
        from lsi.capacity.quarters import quarter_of

        coordinator, year = self.users["coordinator"], self.now.date().year
        if CapacityPledge.objects.exists():  # a second run changes nothing
            return
        generous = {"GEM-0193": 800, "GEM-0150": 400, "GEM-0153": 300, "GEM-0141": 300, "UWV": 2000,
                    "SVB": 800, "NLA": 2400, "BD-MKB": 300, "BD-TSL": 400, "IND": 400}
        for code, hours in generous.items():
            partner = Partner.objects.get(code=code)
            for pledge_year in (year, year + 1):
                pledges.set_pledge(coordinator, partner=partner, year=pledge_year, quarter=None, hours=hours,
                                   expertise="Handhavers en analisten, volgens het jaarplan.",
                                   reason="Uit de vastgestelde uitvoeringsagenda (demo)")
        tight = quarter_of(self.now.date()).next()  # the next quarter: Zwolle, Deventer, Horeca run then
        pledges.set_pledge(self.users["uwv"], partner=Partner.objects.get(code="UWV"), year=tight.year,
                           quarter=tight.number, hours=40,
                           expertise="Alleen sociaal rechercheurs, door de horeca-aanpak.",
                           reason="Minder capaciteit in het eerste kwartaal (demo)")
        if cleaning is not None:
            for participation in cleaning.participations.select_related("partner"):
                if participation.partner.code == "UWV":
                    agreement.decline(participation, self.users["uwv"],
                                      "In het eerste kwartaal geen ruimte: onze handhavers zitten in de "
                                      "horeca-aanpak.")
                elif participation.partner.code == "NLA":
                    agreement.accept(participation, self.users["nla"], "Past in ons jaarplan.")
        tsl = Partner.objects.get(code="BD-TSL")
        if not tsl.suspensions.exists():
            with self.back_then(110):
                suspensions.suspend(coordinator, partner=tsl,
                                    starts_on=(self.now - timedelta(days=110)).date(),
                                    reason="Dienst Toeslagen schort al het LSI-werk op tot de herijking "
                                           "van de werkwijze is afgerond.")

    def evaluate(self, project, by):
        from lsi.learning import evaluation, lessons

        goals = {goal: ("ja", "Gehaald volgens de eindrapportage.")
                 for goal in evaluation.plan_goals(project)}
        evaluation.save_evaluation(
            project, by, goals=goals, bottlenecks=["capaciteit", "planning"],
            what_worked="Vooraf afspraken over capaciteit per partner; een vaste casustafeldag.",
            what_did_not="De huisbezoeken liepen uit doordat twee partners later konden leveren.",
            follow_up="Het format voor de planning van huisbezoeken is aangepast.", complete=True)
        lessons.add_lesson(by, text="Plan de huisbezoeken pas als elke partner zijn capaciteit heeft "
                                    "toegezegd; anders schuiven ze op.", theme="planning",
                           project_type=project.project_type, format=project.format,
                           tags="huisbezoek, capaciteit", project=project)

    def last_nightly_check(self):
        """When the nightly check (``flag-stalled-projects``, 02:15) last ran, at least two
        hours ago, so a project can have stalled since."""
        local = timezone.localtime(self.now)
        check = local.replace(hour=2, minute=15, second=0, microsecond=0)
        while self.now - check < timedelta(hours=2):
            check -= timedelta(days=1)
        return check

    def seed_projects(self):
        """Seven projects with months of history. As the portal's own stall rule sees it,
        *Horeca Randstad* has been waiting for the stuurgroep's decision one day longer than
        its limit (stalled since last night's check, so not yet escalated) and *Wijkgerichte
        aanpak Almelo* has been on hold for months (stalled, and escalated by the nightly
        check)."""
        u = self.users
        region = {b.name: b for b in Body.objects.filter(kind=Body.Kind.REGIONAL)}
        created_any = False
        zwolle = self.new_project(
            "Wijkgerichte aanpak Zwolle", lead=u["projectleider"], created=130,
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
            created_any = True
            self.walk(zwolle, "signalering", created=130, entered=21)
        deventer = self.new_project(
            "Lokale aanpak adresfraude Deventer", lead=u["deventer"], created=50,
            project_type=Project.Type.AREA, format=Project.Format.ADDRESS_FRAUD,
            initiator=Partner.objects.get(code="GEM-0150"), region=region["RPF Oost-Nederland"],
            area="7411, 7412, 7413",
            partners=[("GEM-0150", 80, ["adresfraude"]), ("UWV", 40, ["adresfraude"]),
                      ("SVB", 20, ["adresfraude"])],
        )
        if deventer:
            created_any = True
            self.walk(deventer, "goedgekeurd", created=50, entered=12)
        cleaning = self.new_project(
            "Schijnzelfstandigheid in de schoonmaak", lead=u["nla"], created=9,
            project_type=Project.Type.PHENOMENON, format=Project.Format.OTHER,
            initiator=Partner.objects.get(code="NLA"), sector="Schoonmaakbranche",
            partners=[("NLA", 300, ["schijnzelfstandigheid", "arbeidsuitbuiting"]),
                      ("UWV", 100, ["uitkeringsfraude"])],
        )
        created_any = created_any or cleaning is not None
        # Submitted one day and an hour longer than its phase may take: stalled now, but not
        # yet when the nightly check last ran (at least two hours ago).
        waiting = PhaseLimit.limit_for(Phase.SUBMITTED) + 1 + 1 / 24
        horeca = self.new_project(
            "Horeca Randstad", lead=u["uwv"], created=waiting + 20,
            project_type=Project.Type.SECTOR,
            format=Project.Format.OTHER, initiator=Partner.objects.get(code="UWV"),
            sector="Horeca", partners=[("UWV", 200, ["uitkeringsfraude"]),
                                       ("NLA", 200, ["illegale tewerkstelling"]),
                                       ("BD-TSL", 50, ["toeslagenfraude"])],
        )
        if horeca:
            created_any = True
            self.walk(horeca, "ingediend", created=waiting + 20, entered=waiting)
        kip = self.new_project(
            "KIP Malafide uitzendbureaus", lead=u["nla"], created=160,
            project_type=Project.Type.KIP,
            format=Project.Format.OTHER, initiator=Partner.objects.get(code="NLA"),
            sector="Malafide uitzendbureaus", dpia_reference="",
            partners=[("NLA", 160, []), ("UWV", 60, []), ("IND", 40, [])],
        )
        if kip:
            created_any = True
            self.walk(kip, "uitvoering", created=160, entered=35)
        today = self.now.date()
        enschede = self.new_project(
            "FRIT Enschede-Noord", lead=u["projectleider"], created=400,
            project_type=Project.Type.AREA,
            format=Project.Format.FRIT, initiator=Partner.objects.get(code="GEM-0153"),
            region=region["RPF Oost-Nederland"], area="7521, 7523",
            partners=[("GEM-0153", 60, ["adresfraude"]), ("UWV", 30, ["adresfraude"])],
            start_date=today - timedelta(days=360), intake_deadline=today - timedelta(days=300),
            case_table_date=today - timedelta(days=290),
            control_dates=(today - timedelta(days=270)).strftime("%d-%m-%Y"),
            planned_end=today - timedelta(days=60),
        )
        if enschede:
            created_any = True
            self.walk(enschede, "gesloten", created=400, entered=30)
        almelo = self.new_project(
            "Wijkgerichte aanpak Almelo", lead=u["projectleider"], created=210,
            project_type=Project.Type.AREA,
            format=Project.Format.WGA, initiator=Partner.objects.get(code="GEM-0141"),
            region=region["RPF Oost-Nederland"], area="7601-7604",
            partners=[("GEM-0141", 60, ["adresfraude"]), ("BD-TSL", 30, ["toeslagenfraude"])],
        )
        if almelo:
            created_any = True
            self.walk(almelo, "gereed", created=210, entered=150)
            with self.back_then(110):
                lifecycle.hold(almelo, u["coordinator"],
                               "Belastingdienst en Toeslagen hebben LSI-projecten on hold gezet.")
        self.seed_capacity(cleaning)
        if created_any:
            check = self.last_nightly_check()
            with time_machine.travel(check, tick=True):
                escalation.flag_stalled_projects(check)

    def seed_agenda(self):
        """The uitvoeringsagenda for this year and the next three, adopted by the stuurgroep a
        month ago: three themes, targets per year (27 gebiedsgerichte projects a year, three in
        each region), two risks; four of the projects name their theme."""
        from lsi.agenda import agendas
        from lsi.agenda.models import Agenda, Target

        title = "Uitvoeringsagenda LSI"
        if Agenda.objects.filter(title=title).exists():
            return
        u, year = self.users, self.now.year
        by = u["coordinator"]
        with self.back_then(60):
            agenda = agendas.create_agenda(
                by, title=title, first_year=year, last_year=year + 3,
                summary="Meer gebiedsgerichte projecten, in elke regio, en scherpere afspraken over "
                        "capaciteit. Branche- en fenomeengericht werk blijft in balans met de wijk.")
            themes = {name: agendas.add_theme(agenda, by, name=name, description=text) for name, text in [
                ("Adresfraude in wijken", "Mensen die niet wonen waar zij ingeschreven staan, en wie "
                                          "daar misbruik van maakt."),
                ("Schijnzelfstandigheid", "Werk dat als zelfstandig wordt gepresenteerd maar in "
                                          "werkelijkheid loondienst is."),
                ("Arbeidsuitbuiting", "Mensen die onder slechte omstandigheden werken en te weinig "
                                      "betaald krijgen."),
            ]}
            oost = Body.objects.get(code="RPF-OOST-NEDERLAND")
            for target_year in agenda.years:
                for fields in (
                    dict(kind=Target.Kind.PROJECTS, stage="gestart", project_type="gebiedsgericht",
                         number=27, note="Richtlijn: ongeveer 27 per jaar"),
                    dict(kind=Target.Kind.PROJECTS, stage="gestart", project_type="gebiedsgericht",
                         region=oost, number=3, note="Drie per regio"),
                    dict(kind=Target.Kind.PROJECTS, stage="goedgekeurd", project_type="fenomeengericht",
                         number=2),
                    dict(kind=Target.Kind.PROJECTS, stage="gestart", theme=themes["Adresfraude in wijken"],
                         number=10),
                    dict(kind=Target.Kind.LEARNING, number=6, note="Elk afgerond project geëvalueerd"),
                    dict(kind=Target.Kind.CAPACITY, number=12000, note="Uren van alle partners samen"),
                ):
                    agendas.add_target(agenda, by, year=target_year, **fields)
            agendas.add_risk(agenda, by, description="Een partner zet zijn LSI-projecten on hold (zoals "
                             "Belastingdienst en Toeslagen in 2022).",
                             measures="De coördinator meldt het direct; andere partners spreken af welke "
                                      "projecten doorgaan.",
                             escalation_route="coördinator → voorbereidingsgroep → stuurgroep")
            agendas.add_risk(agenda, by, description="Te weinig projectleiders bij gemeenten.",
                             measures="VNG-adviseurs helpen gemeenten een plan te maken; een pool van "
                                      "projectleiders.",
                             escalation_route="coördinator → stuurgroep")
        with self.back_then(30):
            agendas.adopt(agenda, u["stuurgroep"], adopted_on=self.now.date() - timedelta(days=30),
                          reference=f"SG-{year}-03")
        for name, theme in [("Wijkgerichte aanpak Zwolle", "Adresfraude in wijken"),
                            ("Lokale aanpak adresfraude Deventer", "Adresfraude in wijken"),
                            ("Schijnzelfstandigheid in de schoonmaak", "Schijnzelfstandigheid"),
                            ("KIP Malafide uitzendbureaus", "Arbeidsuitbuiting")]:
            agendas.set_project_theme(Project.objects.get(name=name), by, themes[theme])
