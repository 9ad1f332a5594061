"""Reports are made by a real Celery worker against Redis, also when a worker dies."""
import time

import pytest

from lsi.reports import jobs
from lsi.reports.models import ReportJob
from projects.phases import Phase
from tests.factories import walk
from tests.worker import celery_worker, worker_process  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for(job_pk, statuses, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = ReportJob.objects.get(pk=job_pk)
        if job.status in statuses:
            return job
        time.sleep(0.02)
    raise AssertionError(f"job stayed {ReportJob.objects.get(pk=job_pk).status}")


def test_a_requested_report_is_made_by_the_worker(celery_worker, project, projectleider):  # noqa: F811
    walk(project, Phase.INTAKE)
    job, created = jobs.request_report(projectleider, "voortgang", project=project)
    job = wait_for(job.pk, {ReportJob.Status.DONE, ReportJob.Status.FAILED})
    assert job.status == ReportJob.Status.DONE, job.error
    assert job.read_file().startswith(b"%PDF")


def test_a_report_whose_worker_is_killed_is_made_when_a_worker_is_back(
        worker_process, project, projectleider, steering_member):  # noqa: F811
    walk(project, Phase.INTAKE)
    worker_process.start()
    job, _ = jobs.request_report(steering_member, "stuurgroep", year=2026)
    job = wait_for(job.pk, {ReportJob.Status.RUNNING, ReportJob.Status.DONE})
    worker_process.kill()
    killed = ReportJob.objects.get(pk=job.pk)
    assert killed.status == ReportJob.Status.RUNNING, "the worker finished before it was killed"

    worker_process.start()
    job = wait_for(job.pk, {ReportJob.Status.DONE, ReportJob.Status.FAILED}, seconds=90)
    assert job.status == ReportJob.Status.DONE, job.error
    assert job.attempts == 2
    assert job.read_file().startswith(b"%PDF")
