"""A real Celery worker for tests marked ``worker``: our own app, the real broker (Redis)."""
import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from lsi.celery import app


@pytest.fixture
def celery_worker(transactional_db):
    if not settings.CELERY_BROKER_URL:
        pytest.fail("Worker tests need CELERY_BROKER_URL (make test sets redis://127.0.0.1:6379/0).")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True
