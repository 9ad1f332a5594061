"""An upload in the browser is processed by a real Celery worker against Redis; a file that
would exhaust a worker's memory is refused once, and a task whose worker dies is not run forever."""
import time

import pytest
from django.db import transaction
from django.urls import reverse

from lsi.celery import app
from projects.models import Participation
from signals import importer, tasks
from signals.models import Signal, Upload
from tests.signals.conftest import many_strings_xlsx
from tests.worker import celery_worker, worker_process  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CSV = (
    "postcode;huisnummer;categorie;indicatoren\r\n"
    "8011 wr;12;uitkeringsfraude;Postretour van beschikking\r\n"
    "8012AB;7;uitkeringsfraude;Postretour van beschikking\r\n"
).encode("cp1252")


def wait_until_done(upload_pk: int, seconds: float = 30) -> Upload:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        upload = Upload.objects.get(pk=upload_pk)
        if not upload.is_pending:
            return upload
        time.sleep(0.2)
    raise AssertionError("the worker did not process the upload in time")


def test_uploaded_file_is_processed_by_the_worker_and_then_erased(
    celery_worker, intake_project, uwv_user, client  # noqa: F811
):
    client.force_login(uwv_user)
    response = client.post(
        reverse("signals:deliver", args=[intake_project.pk]),
        {"file": _file("signalen.csv", CSV)},
    )
    upload = Upload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("signals:upload_detail", args=[upload.pk])

    upload = wait_until_done(upload.pk)

    assert upload.status == Upload.Status.ACCEPTED
    assert upload.rows_accepted == 2
    assert upload.pending_data is None
    assert Signal.objects.filter(project=intake_project, partner=uwv_user.partner).count() == 2
    page = client.get(reverse("signals:upload_detail", args=[upload.pk]))
    assert "2 signalen opgeslagen" in page.content.decode()


def test_processing_an_upload_twice_stores_its_signals_once(intake_project, uwv_user):
    upload = importer.receive_file(intake_project, uwv_user.partner, uwv_user, CSV, "a.csv")
    importer.process_upload(upload.pk)
    importer.process_upload(upload.pk)
    assert Signal.objects.filter(upload=upload).count() == 2


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_workbook_of_millions_of_strings_is_refused_once_and_the_worker_lives_on(
        worker_process, intake_project, uwv_user):  # noqa: F811
    # The same file as the audit's 31 MB one, scaled down with the row limit: 1,000 rows of
    # ten columns hold at most 10,010 strings; this file of 270 kB has 60,000.
    worker_process.start(LSI_UPLOAD_MAX_ROWS="1000")
    upload = _queue(intake_project, uwv_user, many_strings_xlsx(60_000), "signalen.xlsx")

    upload = wait_until_done(upload.pk)

    assert upload.status == Upload.Status.REJECTED
    assert upload.errors[0]["message"].startswith(
        "Het Excel-bestand bevat veel meer teksten dan 1000 signalen kunnen hebben")
    assert not Signal.objects.filter(project=intake_project).exists()
    assert upload.attempts == 1 and upload.pending_data is None
    time.sleep(3 * REDELIVERY_SECONDS)  # a task left unacknowledged would be back by now
    assert worker_process.is_alive()
    assert worker_process.received("signals.tasks.process_upload") == 1
    assert Upload.objects.get(pk=upload.pk).attempts == 1
    assert nothing_queued()


def test_an_upload_whose_worker_dies_twice_is_marked_failed_instead_of_run_again(
        worker_process, intake_project, uwv_user):  # noqa: F811
    # A worker killed mid-import (the kernel's answer to a process that takes too much memory)
    # leaves its task unacknowledged; Redis hands it to the next worker. Holding the partner's
    # delivery lock (a delivery of a colleague, in effect) keeps each import waiting until
    # its worker is killed.
    upload = _queue(intake_project, uwv_user, CSV, "signalen.csv")  # no worker runs yet
    with transaction.atomic():
        Participation.objects.select_for_update().get(project=intake_project, partner=uwv_user.partner)
        for attempt in (1, 2):
            worker_process.start()
            wait_for(lambda n=attempt: Upload.objects.get(pk=upload.pk).attempts == n)
            time.sleep(0.5)
            worker_process.kill()
            assert Upload.objects.get(pk=upload.pk).status == Upload.Status.PROCESSING
        worker_process.start()
        upload = wait_until_done(upload.pk, seconds=60)

    assert upload.status == Upload.Status.REJECTED
    assert upload.attempts == 2
    assert upload.errors[0]["message"].startswith(
        "Het bestand kon niet worden verwerkt: de verwerking is 2 keer afgebroken")
    assert upload.pending_data is None
    assert not Signal.objects.filter(project=intake_project).exists()
    time.sleep(3 * REDELIVERY_SECONDS)
    assert worker_process.is_alive()
    assert worker_process.received("signals.tasks.process_upload") == 3
    assert nothing_queued()


REDELIVERY_SECONDS = 3  # the worker_process fixture's visibility timeout


def _queue(project, user, data: bytes, name: str) -> Upload:
    """Receive a file and queue it for the worker, as the upload page does."""
    with transaction.atomic():
        upload = importer.receive_file(project, user.partner, user, data, name)
        transaction.on_commit(lambda: tasks.process_upload.delay(upload.pk))
    return upload


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("waited in vain")
        time.sleep(0.1)


def nothing_queued() -> bool:
    """No task waits in the broker and none is held unacknowledged."""
    with app.connection_for_write() as conn:
        client = conn.default_channel.client
        return client.llen("celery") == 0 and client.hlen("unacked") == 0
