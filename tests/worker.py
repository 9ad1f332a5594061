"""Real Celery workers for tests marked ``worker``: our own app, the real broker (Redis).

``celery_worker`` runs a worker thread in the test process; ``worker_process`` starts
``celery worker`` as a separate process (which a test may kill) against the test database.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection

from lsi.celery import app

QUEUES = ["celery", "pdf"]


def _require_broker():
    if not settings.CELERY_BROKER_URL:
        pytest.fail("Worker tests need CELERY_BROKER_URL (make test sets redis://127.0.0.1:6379/0).")


def _empty_broker():
    """No task of an earlier run (queued, or unacknowledged by a killed worker) may reach this
    test's worker."""
    app.control.purge()
    with app.connection_for_write() as connection:
        connection.default_channel.client.delete("unacked", "unacked_index")


@pytest.fixture
def celery_worker(transactional_db):
    _require_broker()
    app.conf.task_always_eager = False
    _empty_broker()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10,
                          queues=QUEUES) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True


class WorkerProcess:
    """``celery -A lsi worker`` in its own process, on the test database."""

    def __init__(self, log_dir: Path, visibility_timeout: int):
        self.log_dir = log_dir
        self.visibility_timeout = visibility_timeout
        self.process = None
        self.count = 0

    def start(self, app: str = "lsi", **settings_env: str):
        """Start a worker; ``app``: the Celery app module (a test's own may wrap ours);
        ``settings_env``: more environment for its settings (``LSI_UPLOAD_MAX_ROWS="1000"``)."""
        db = connection.settings_dict
        env = dict(
            os.environ,
            **settings_env,
            DJANGO_SETTINGS_MODULE="lsi.settings.test",
            DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
            CELERY_VISIBILITY_TIMEOUT=str(self.visibility_timeout),
            CELERY_RESTORE_INTERVAL="1",
        )
        self.count += 1
        log = (self.log_dir / f"worker-{self.count}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=solo",
             "--concurrency=1", "-Q", ",".join(QUEUES), "--without-heartbeat",
             "--without-mingle", "--without-gossip", "--loglevel=INFO"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        return self.process

    def is_alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def received(self, task_name: str) -> int:
        """How many times the workers started so far received a task of this name."""
        pattern = re.compile(rf"Task {re.escape(task_name)}\[[^]]*\] received")
        return sum(len(pattern.findall(path.read_text())) for path in self.log_dir.glob("worker-*.log"))

    def succeeded(self, task_name: str) -> int:
        """How many times the workers started so far finished a task of this name."""
        pattern = re.compile(rf"Task {re.escape(task_name)}\[[^]]*\] succeeded")
        return sum(len(pattern.findall(path.read_text())) for path in self.log_dir.glob("worker-*.log"))

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture
def worker_process(transactional_db, tmp_path):
    _require_broker()
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database server (PostgreSQL)")
    app.conf.task_always_eager = False
    _empty_broker()
    worker = WorkerProcess(tmp_path, visibility_timeout=3)
    try:
        yield worker
    finally:
        worker.stop()
        app.conf.task_always_eager = True
