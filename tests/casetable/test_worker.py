"""The dossier PDF is made by a real Celery worker, consuming the ``pdf`` queue, against Redis."""
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from casetable import deliberation, dossier, tasks
from casetable.models import DossierPdf
from projects.models import Partner, User
from tests.casetable.conftest import committed_item
from tests.worker import celery_worker  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.CELERY_BROKER_URL or connection.vendor != "postgresql",
                       reason="needs Redis (CELERY_BROKER_URL) and PostgreSQL, as make test has"),
]


def test_the_dossier_pdf_is_made_by_a_worker_on_the_pdf_queue(celery_worker, tmp_path, settings):  # noqa: F811
    item = committed_item("pl-worker")
    lead = User.objects.get(username="pl-worker")
    deliberation.decide(item, lead, version=item.version, outcome="waarneming", subsidiarity="Brief",
                        proportionality="Alleen van de openbare weg",
                        executing_partner=Partner.objects.get(code="UWV-C"),
                        planned_date=timezone.localdate() + timedelta(days=2))
    with transaction.atomic():
        pdf_row = dossier.request_pdf(item, lead)
        transaction.on_commit(lambda: tasks.render_dossier_pdf.delay(pdf_row.pk))
    deadline = time.monotonic() + 60
    while DossierPdf.objects.get(pk=pdf_row.pk).is_active and time.monotonic() < deadline:
        time.sleep(0.05)
    pdf_row.refresh_from_db()
    assert pdf_row.status == "klaar", pdf_row.error
    assert pdf_row.read_file().startswith(b"%PDF")
