"""Publishing a project in the public register: build the snapshot of exactly what becomes
public, publish it (the projectleider or the coördinator), withdraw it with a reason.

What is public, in plain words: the summary the projectleider writes, type and format, period,
the area at PC4 level only (never a PC6 or a street), the partners and the gemeenten, the
signal *categories* (never a partner's indicators), the working method, the joint controllers
and how to ask for inzage, the residents' letter, and after closing the results from the
figures with small numbers suppressed. Never a signal, an address or a user."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lsi.reports.figures import project_figures
from lsi.reports.outcomes import suppress
from projects.history import save_with
from projects.models import Category, Partner, Project
from projects.phases import Phase
from projects.postcodes import AreaError, mentions_address, parse_area
from projects.refusals import Problems, Refused
from projects.roles import is_lead

from .models import Publication

SNAPSHOT_VERSION = 1
NOT_YET = {Phase.CONCEPT, Phase.SUBMITTED, Phase.CANCELLED}


class PublicationRefused(Refused):
    pass


def publish_problem(user, project: Project) -> str | None:
    """Why this user may not publish (or withdraw) this project now, or None."""
    if not (is_lead(user, project) or user.is_coordinator):
        return _("Alleen de projectleider of de coördinator publiceert een project.")
    if project.phase in NOT_YET:
        return _("Een project wordt gepubliceerd vanaf de goedkeuring van het plan.")
    return None


def _status(project: Project) -> str:
    if project.phase == Phase.CLOSED:
        return "afgerond"
    if project.phase == Phase.CANCELLED:
        return "afgebroken"
    return "lopend"


def _pc4(area: str) -> list[str]:
    try:
        items = parse_area(area)
    except AreaError:  # an area that no longer parses publishes no area rather than a wrong one
        return []
    return sorted({item[:4] for item in items})


def _results(project: Project) -> dict | None:
    """After closing: the figures, small numbers suppressed (no personal data)."""
    if project.phase != Phase.CLOSED:
        return None
    figures = project_figures(project)
    casetable = figures["casetable"]
    return {
        "signals": suppress(figures["signals"]["active"]),
        "addresses_discussed": suppress(casetable["agenda"]),
        "decisions": [[label, suppress(n)] for label, n in casetable["decisions"]],
        "outcomes": [[row["category"], row["total"]]
                     for row in casetable.get("outcomes", {}).get("table", [])],
    }


def build_snapshot(project: Project, *, summary: str, letter_date=None, letter_text: str = "") -> dict:
    participations = project.participations.select_related("partner")
    partners = [p.partner for p in participations]
    categories = Category.objects.filter(participations__project=project).distinct().order_by("name")
    return {
        "version": SNAPSHOT_VERSION,
        "project_id": project.pk,
        "name": project.name,
        "summary": summary,
        "type": project.project_type,
        "format": project.format,
        "status": _status(project),
        "start": project.start_date.isoformat() if project.start_date else None,
        "end": project.planned_end.isoformat() if project.planned_end else None,
        "year": project.start_date.year if project.start_date else None,
        "area_pc4": _pc4(project.area),
        "municipalities": sorted(p.name for p in partners if p.kind == Partner.Kind.MUNICIPALITY),
        "partners": sorted(p.name for p in partners),
        "categories": [c.name for c in categories],
        "letter": {"date": letter_date.isoformat(), "text": letter_text} if letter_date else None,
        "results": _results(project),
    }


def _check(project, by, summary, letter_date, letter_text) -> None:
    if problem := publish_problem(by, project):
        raise PublicationRefused(problem)
    problems = Problems(PublicationRefused)
    if not (summary or "").strip():
        problems.add(_("Schrijf een samenvatting in gewone taal."), "summary")
    if bool(letter_date) != bool((letter_text or "").strip()):
        problems.add(_("Vul bij de bewonersbrief zowel de datum als de tekst in."), "letter_text")
    for field, text in (("summary", summary), ("letter_text", letter_text)):
        if mentions_address(text):
            problems.add(_("Noem geen adressen: wat openbaar wordt, bevat geen persoonsgegevens."), field)
    problems.raise_any()


@transaction.atomic
def publish(project: Project, by, *, summary: str, letter_date=None, letter_text: str = "") -> Publication:
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check(project, by, summary, letter_date, letter_text)
    now = timezone.now()
    snapshot = build_snapshot(project, summary=summary.strip(), letter_date=letter_date,
                              letter_text=(letter_text or "").strip())
    snapshot["published_at"] = now.isoformat()
    publication = Publication(project=project, snapshot=snapshot, summary=summary.strip(),
                              letter_date=letter_date, letter_text=(letter_text or "").strip(),
                              published_at=now, published_by=by)
    return save_with(publication, by, "Gepubliceerd in het openbaar register")


@transaction.atomic
def withdraw(publication: Publication, by, reason: str) -> Publication:
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if problem := publish_problem(by, publication.project):
        raise PublicationRefused(problem)
    if publication.withdrawn_at:
        raise PublicationRefused(_("Deze publicatie is al ingetrokken."))
    if not (reason or "").strip():
        raise PublicationRefused(_("Geef de reden om de publicatie in te trekken."), "reason")
    publication.withdrawn_at, publication.withdrawn_by = timezone.now(), by
    publication.withdraw_reason = reason.strip()
    return save_with(publication, by, reason.strip()[:2000])
