"""An upload in the browser is processed by a real Celery worker against Redis."""
import time

import pytest
from django.urls import reverse

from signals import importer
from signals.models import Signal, Upload
from tests.worker import celery_worker  # noqa: F401  (fixture)

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
