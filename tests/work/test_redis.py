"""The Redis broker (enabled where REDIS_URL is set; CI sets it for the PostgreSQL run).

A real task goes through Redis: ``async_task`` enqueues the sweep, Django-Q2's own worker
function takes it off the queue and runs it; the same task delivered twice (a broker retry)
still sends each message once.  On PostgreSQL a real ``qcluster`` process is also started
against Redis and the test database.
"""

import os
import queue
import subprocess
import sys
import time
import uuid
from datetime import date
from multiprocessing import Value
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection

from complaints_process.models import Notification
from complaints_process.services import cases as svc
from complaints_process.work import outbox

REDIS_URL = os.environ.get("REDIS_URL")
REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (CI sets it: redis://127.0.0.1:6379/9)")


@pytest.fixture
def redis_broker(monkeypatch):
    """Django-Q2 configured for Redis, on a queue of this test's own."""
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "SYNC", False)
    broker = get_broker(f"complaints-test-{uuid.uuid4().hex[:8]}")
    assert type(broker).__name__ == "Redis"
    assert broker.ping()
    broker.purge_queue()
    yield broker
    broker.delete_queue()


def run_one_task(broker):
    """Take one task off the broker and run it with Django-Q2's worker function."""
    from django_q.signing import SignedPackage
    from django_q.worker import worker

    [(ack_id, package)] = broker.dequeue()
    task = SignedPackage.loads(package)
    task["sync"] = True  # in this process: keep the test's database connection
    tasks, results = queue.Queue(), queue.Queue()
    tasks.put(task)
    tasks.put("STOP")
    worker(tasks, results, Value("f", -1))
    broker.acknowledge(ack_id)
    return results.get(timeout=5)


@pytest.mark.django_db
def test_the_sweep_runs_through_redis_and_a_redelivered_task_sends_nothing_twice(redis_broker, file_case, staff, clock):
    from django_q.tasks import async_task

    case = svc.accept(svc.acknowledge(file_case(), user=staff["admin"]), user=staff["admin"])
    outbox.flush()
    mail.outbox.clear()
    clock.day(date(2026, 3, 12))
    for _ in range(2):  # the same sweep delivered twice
        async_task("complaints_process.work.tasks.deadline_sweep", "2026-03-12", broker=redis_broker)
    assert redis_broker.queue_size() == 2
    first, second = run_one_task(redis_broker), run_one_task(redis_broker)
    assert first["success"] and second["success"], (first["result"], second["result"])
    assert first["args"] == ("2026-03-12",)
    assert redis_broker.queue_size() == 0
    [message] = mail.outbox
    assert message.subject == f"Reminder: Stage 1 response for {case.reference} due 16 Mar 2026"


@pytest.mark.django_db
def test_a_case_action_enqueues_the_flush_on_redis_after_commit(
    redis_broker, file_case, staff, monkeypatch, django_capture_on_commit_callbacks
):
    from complaints_process.services import notifications

    monkeypatch.setattr(notifications, "FLUSH_TASK", "complaints_process.work.tasks.flush_outbox")
    import django_q.tasks

    original = django_q.tasks.async_task
    monkeypatch.setattr(django_q.tasks, "async_task", lambda func, **kw: original(func, broker=redis_broker, **kw))
    case = file_case()
    with django_capture_on_commit_callbacks(execute=True):
        svc.acknowledge(case, user=staff["admin"])
    assert mail.outbox == []  # not sent in the request: queued for the worker
    assert redis_broker.queue_size() == 1
    result = run_one_task(redis_broker)
    assert result["success"] and result["args"] == ()
    assert result["result"] == {"sent": 1}
    [message] = mail.outbox
    assert message.to == ["alex@example.test"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="qcluster runs in another process, which needs a shared database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/browser/conftest.py
def test_a_real_qcluster_on_redis_sends_the_outbox(tmp_path, monkeypatch):
    from django.utils import timezone
    from django_q.brokers import get_broker
    from django_q.conf import Conf
    from django_q.tasks import async_task

    from complaints_process.services import notifications
    from tests.factories import ComplaintFactory, UserFactory, publish_seed

    walsall = publish_seed("walsall")
    admin = UserFactory(is_superuser=True, email="")
    case = ComplaintFactory(authority=walsall, received_on=timezone.localdate())
    monkeypatch.setattr(notifications, "request_flush", lambda: None)
    svc.acknowledge(case, user=admin)
    monkeypatch.undo()
    acknowledgement = Notification.objects.filter(case=case, kind="acknowledgement")
    assert acknowledgement.get().status == "queued"

    name = f"complaints-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "SYNC", False)
    broker = get_broker(name)
    async_task("complaints_process.work.tasks.flush_outbox", broker=broker)
    assert broker.queue_size() == 1

    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.work.subprocess_settings",
        "COMPLAINTS_TEST_DB_NAME": connection.settings_dict["NAME"],
        "COMPLAINTS_TEST_Q_NAME": name,
        "COMPLAINTS_TEST_EMAIL_DIR": str(mail_dir),
        "PYTHONPATH": os.pathsep.join([str(REPO / "site"), str(REPO)]),
    }
    cluster = subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), "qcluster"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "qcluster.log", "w"),
    )
    try:
        deadline = time.monotonic() + 60
        while acknowledgement.get().status != "sent":
            assert cluster.poll() is None, "qcluster exited"
            assert time.monotonic() < deadline, "qcluster did not run the task within 60 seconds"
            time.sleep(0.2)
    finally:
        cluster.terminate()
        try:
            cluster.wait(timeout=30)
        except subprocess.TimeoutExpired:
            cluster.kill()
            cluster.wait(timeout=10)
        broker.delete_queue()
    assert broker.queue_size() == 0
    [sent_file] = list(mail_dir.iterdir())
    assert f"Your complaint {case.reference} has been acknowledged" in sent_file.read_text()
