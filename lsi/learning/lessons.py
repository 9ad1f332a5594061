"""The lessons register: lessons for other projects, kept when a project's personal data is
purged (they hold none: addresses are refused), searchable by every signed-in user."""
from django.db import transaction
from django.utils.translation import gettext as _

from projects.history import save_with
from projects.refusals import Problems

from .evaluation import EvaluationRefused, refuse_addresses
from .models import Lesson


def _clean_tags(tags) -> str:
    if isinstance(tags, str):
        tags = tags.split(",")
    clean = sorted({tag.strip().lower()[:40] for tag in tags if tag and tag.strip()})[:10]
    return f",{','.join(clean)}," if clean else ""


@transaction.atomic
def add_lesson(by, *, text: str, theme: str, project_type: str = "", format: str = "", tags=(),
               project=None) -> Lesson:
    problems = Problems(EvaluationRefused)
    if not (text or "").strip():
        problems.add(_("Beschrijf de les."), "text")
    if not (theme or "").strip():
        problems.add(_("Geef het thema van de les."), "theme")
    refuse_addresses(problems, text=text, theme=theme)
    problems.raise_any()
    lesson = Lesson(text=text.strip(), theme=theme.strip(), project_type=project_type, format=format,
                    tags=_clean_tags(tags), owner=by, project=project)
    return save_with(lesson, by, "Les vastgelegd")


@transaction.atomic
def set_status(lesson: Lesson, by, status: str) -> Lesson:
    if not (by.is_coordinator or by.pk == lesson.owner_id):
        raise EvaluationRefused(_("Alleen de eigenaar of de coördinator wijzigt de status van een les."))
    if status not in Lesson.Status.values:
        raise EvaluationRefused(_("Kies een status uit de lijst."), "status")
    lesson.status = status
    return save_with(lesson, by, "Status van de les gewijzigd")


@transaction.atomic
def hide(lesson: Lesson, by, reason: str) -> Lesson:
    """The privacy officer hides a lesson (for example one that says too much)."""
    if not by.is_privacy_officer:
        raise EvaluationRefused(_("Alleen de functionaris gegevensbescherming verbergt een les."))
    if not (reason or "").strip():
        raise EvaluationRefused(_("Geef de reden om de les te verbergen."), "reason")
    lesson.hidden = True
    return save_with(lesson, by, reason.strip()[:2000])
