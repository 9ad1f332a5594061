"""Our Celery app, for a worker process that a test kills right after a task has done its work
and before the broker is told: while the file named by ``LSI_TEST_HOLD_AFTER_TASK`` exists, the
worker waits after each ``send_notification`` (after the row was marked sent, before the
acknowledgement), showing ``<file>.held``."""
import os
import time
from pathlib import Path

from celery.signals import task_postrun

from lsi.celery import app  # noqa: F401  (``celery -A tests.notifications.worker_app``)


@task_postrun.connect
def hold_after_sending(sender=None, **kwargs):
    hold = os.environ.get("LSI_TEST_HOLD_AFTER_TASK")
    if not hold or getattr(sender, "name", "") != "projects.tasks.send_notification":
        return
    hold = Path(hold)
    if hold.exists():
        Path(f"{hold}.held").touch()
        while hold.exists():
            time.sleep(0.05)
