"""The nightly escalation check and the beat schedule."""
import inspect
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lsi.celery import app
from projects.escalation import flag_stalled_projects
from projects.models import EscalationFlag, PhaseLimit, Project
from projects.phases import Phase
from tests.factories import walk


def age(project, days):
    """Pretend the project entered its current phase ``days`` ago."""
    project.phase_since = timezone.now() - timedelta(days=days)
    project.save(update_fields=["phase_since"])


def test_every_beat_entry_names_an_existing_task_with_matching_arguments():
    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"{name}: no task {entry['task']}"
        task = app.tasks[entry["task"]]
        inspect.signature(task.run).bind(*entry.get("args", ()), **entry.get("kwargs", {}))


def test_a_project_past_its_phase_limit_is_flagged_once(project, settings):
    settings.LSI_STALLED_AFTER_DAYS = 30
    age(project, 31)
    assert flag_stalled_projects() == 1
    assert flag_stalled_projects() == 1
    flag = EscalationFlag.objects.get()
    assert (flag.project, flag.phase, flag.days_in_phase, flag.limit_days) == (project, "concept", 31, 30)


def test_a_project_within_its_limit_is_not_flagged(project, settings):
    settings.LSI_STALLED_AFTER_DAYS = 30
    age(project, 29)
    assert flag_stalled_projects() == 0
    assert not EscalationFlag.objects.exists()


def test_the_limit_per_phase_is_data(project, settings):
    settings.LSI_STALLED_AFTER_DAYS = 365
    PhaseLimit.objects.create(phase=Phase.CONCEPT, max_days=10)
    age(project, 11)
    assert flag_stalled_projects() == 1


def test_a_flag_is_resolved_when_the_project_moves_on_and_stays_in_the_history(project, settings):
    settings.LSI_STALLED_AFTER_DAYS = 30
    age(project, 40)
    flag_stalled_projects()
    walk(project, Phase.SUBMITTED)
    flag_stalled_projects()
    flag = EscalationFlag.objects.get()
    assert flag.resolved_at is not None


def test_closed_projects_are_never_flagged(project, settings):
    settings.LSI_STALLED_AFTER_DAYS = 1
    walk(project, Phase.CANCELLED)
    age(Project.objects.get(pk=project.pk), 100)
    assert flag_stalled_projects() == 0


@pytest.mark.parametrize("who", ["coordinator", "steering_member"])
def test_coordinator_and_stuurgroep_see_flags_on_their_start_page(project, base, who, client_for,
                                                                 settings):
    settings.LSI_STALLED_AFTER_DAYS = 30
    age(project, 45)
    flag_stalled_projects()
    page = client_for(getattr(base, who)).get(reverse("home")).content.decode()
    assert "Geschiedenis van escalaties" in page
    assert project.name in page
    assert "45 / 30" in page
