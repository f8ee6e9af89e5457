"""A worker that dies between claiming (marking) a notification and sending it loses nothing
and sends nothing twice: the claim's lease expires and the next flush sends it, once."""

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from complaints_process.models import CaseEvent, Notification, NotificationKind
from complaints_process.services import cases as svc
from complaints_process.services import notifications
from complaints_process.work import outbox
from tests.factories import ComplaintFactory, UserFactory, publish_seed

REPO = Path(__file__).resolve().parents[2]


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so no handler in the worker catches it."""


@pytest.mark.django_db
def test_killed_after_claiming_then_restarted_sends_exactly_once(file_case, staff, clock, run_sweep, monkeypatch):
    case = file_case()
    case = svc.accept(svc.acknowledge(case, user=staff["admin"]), user=staff["admin"])
    outbox.flush()
    mail.outbox.clear()

    def killed(message):
        raise WorkerKilled

    monkeypatch.setattr(outbox, "deliver", killed)
    with pytest.raises(WorkerKilled):
        run_sweep(date(2026, 3, 12))  # queues the reminder, claims it, dies before sending
    row = Notification.objects.get(kind=NotificationKind.REMINDER)
    assert (row.status, row.attempts) == ("sending", 1)
    assert mail.outbox == []
    monkeypatch.undo()

    # Restarted within the lease: the row may still be in another worker's hands; left alone.
    run_sweep(date(2026, 3, 12))
    assert mail.outbox == []
    # Once the lease has expired it is claimed again and sent, once.
    clock.shift(seconds=outbox.lease().total_seconds() + 1)
    summary = outbox.flush()
    assert summary == {"sent": 1}
    run_sweep(date(2026, 3, 13))
    assert outbox.flush() == {}
    [message] = mail.outbox
    assert message.subject.startswith("Reminder:")
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 1
    assert sum(1 for e in CaseEvent.objects.filter(action="notification_sent") if e.data["kind"] == "reminder") == 1


@pytest.mark.django_db
def test_the_lease_outlasts_the_task_timeout_which_is_below_retry(settings):
    q = settings.Q_CLUSTER
    assert q["timeout"] < q["retry"]
    assert outbox.lease().total_seconds() > q["timeout"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the killed worker runs in another process, which cannot see SQLite's in-memory test database"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/browser/conftest.py
def test_worker_process_killed_between_marking_and_sending(tmp_path, monkeypatch):
    """A real worker process claims the acknowledgement, is SIGKILLed inside the send, and a
    restarted worker sends it exactly once after the lease."""
    walsall = publish_seed("walsall")
    admin = UserFactory(is_superuser=True, email="")
    case = ComplaintFactory(authority=walsall, received_on=timezone.localdate(), user=None)
    # Queue without flushing in this process (Q_CLUSTER sync=True would send it at once).
    monkeypatch.setattr(notifications, "request_flush", lambda: None)
    svc.acknowledge(case, user=admin)
    monkeypatch.undo()
    row = Notification.objects.get(case=case)
    assert row.status == "queued"

    marker = tmp_path / "sending"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.work.subprocess_settings",
        "COMPLAINTS_TEST_DB_NAME": connection.settings_dict["NAME"],
        "COMPLAINTS_TEST_EMAIL_BACKEND": "tests.work.blocking_backend.BlockingBackend",
        "COMPLAINTS_TEST_MARKER": str(marker),
        "PYTHONPATH": os.pathsep.join([str(REPO / "site"), str(REPO)]),
    }
    code = "import django; django.setup(); from complaints_process.work import outbox; outbox.flush()"
    worker = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert worker.poll() is None, "the worker exited before sending"
            assert time.monotonic() < deadline, "the worker never started sending"
            time.sleep(0.1)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sending", 1)  # marked, never sent
    assert outbox.flush() == {}  # restarted at once: the lease still holds
    with time_machine.travel(timezone.now() + outbox.lease() + timedelta(seconds=5), tick=False):
        assert outbox.flush() == {"sent": 1}
        assert outbox.flush() == {}
    [message] = mail.outbox
    assert message.subject == f"Your complaint {case.reference} has been acknowledged"
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert CaseEvent.objects.filter(case=case, action="notification_sent").count() == 1
