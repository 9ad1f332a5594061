"""Nothing lost, nothing sent twice when a worker dies: a real Celery worker process (Redis) sends
to a real SMTP server process (aiosmtpd), and the test kills the worker with SIGKILL.

* Killed in the middle of sending (the server holds its answer to DATA): the row stays waiting,
  the broker redelivers the task to the next worker, and the message is delivered; every copy
  the server saw carries the row's one Message-ID, so the recipient's mail program shows one.
* Killed after the row was marked sent (before the broker was told): the redelivered task finds
  the row sent and sends nothing more.
"""
import time

import pytest
from django.db import transaction

from projects import notifications
from projects.models import Notification
from tests.factories import PartnerFactory, ProjectFactory, UserFactory
from tests.notifications.smtp_server import SmtpServer
from tests.worker import worker_process  # noqa: F401  (fixture)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
TASK = "projects.tasks.send_notification"


def wait_until(condition, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {seconds} s for {what}")


@pytest.fixture
def stalling_smtp(tmp_path):
    server = SmtpServer(tmp_path, stalling=True).start()
    yield server
    server.release()
    server.stop()


def one_message() -> Notification:
    user = UserFactory(partner=PartnerFactory(code="PK"), email="pk@example.nl")
    with transaction.atomic():  # the task is queued after the commit
        (row,) = notifications.notify("plan_decided", [user], project=ProjectFactory(), link="/p/")
    return row


def status_of(row) -> str:
    return Notification.objects.values_list("status", flat=True).get(pk=row.pk)


def test_a_worker_killed_while_sending_delivers_after_redelivery_with_one_message_id(
        worker_process, stalling_smtp):  # noqa: F811
    stalling_smtp.stall()
    worker_process.start(**stalling_smtp.environment())
    row = one_message()
    wait_until(stalling_smtp.is_stalled, "the worker to be in the middle of sending")
    worker_process.kill()
    assert status_of(row) == Notification.Status.PENDING  # its transaction died with it
    assert len(stalling_smtp.messages()) == 1  # the server had the text, the worker no answer

    stalling_smtp.release()
    worker_process.start(**stalling_smtp.environment())
    wait_until(lambda: status_of(row) == Notification.Status.SENT, "the redelivered task to send")
    assert worker_process.received(TASK) == 2  # the same task, redelivered by the broker
    copies = stalling_smtp.messages()
    assert len(copies) == 2
    assert {copy["Message-ID"] for copy in copies} == {row.message_id}
    assert {copy["To"] for copy in copies} == {"pk@example.nl"}


def test_a_worker_killed_after_the_row_was_marked_sent_sends_nothing_more(
        worker_process, stalling_smtp, tmp_path):  # noqa: F811
    hold = tmp_path / "hold-after-task"
    hold.touch()
    worker_process.start(app="tests.notifications.worker_app", LSI_TEST_HOLD_AFTER_TASK=str(hold),
                         **stalling_smtp.environment())
    row = one_message()
    wait_until(lambda: (tmp_path / "hold-after-task.held").exists(), "the task to have sent")
    assert status_of(row) == Notification.Status.SENT
    worker_process.kill()  # before the broker heard that the task is done
    assert len(stalling_smtp.messages()) == 1

    worker_process.start(**stalling_smtp.environment())
    wait_until(lambda: worker_process.succeeded(TASK) == 2, "the redelivered task to finish")
    assert worker_process.received(TASK) == 2
    time.sleep(0.5)  # a message would have been stored before the task finished; none more came
    (message,) = stalling_smtp.messages()
    assert message["Message-ID"] == row.message_id
    assert Notification.objects.get(pk=row.pk).history.filter(history_change_reason="Verzonden").count() == 1
