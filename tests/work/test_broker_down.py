"""Redis down while the web keeps taking complaints; the work is caught up when it returns.

Filing never needs the broker: every message, the complainant's confirmation included, is a row
in the outbox, whose flush is *asked for* on the broker after commit and tolerated when the
broker cannot be reached.  So with Django-Q2 pointed at a Redis that refuses
connections, the form still files, staff still act, and nothing is lost: the messages wait in
the outbox, and the next sweep (or a flush through Redis once it is back, where ``REDIS_URL``
is set) sends each once.
"""

import logging
import os
import uuid
from datetime import date

import pytest
from django.core import mail

from complaints_process.models import Complaint, Notification
from complaints_process.services import cases as svc
from complaints_process.work import sweep
from tests.views.public.conftest import page_url, valid_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused


@pytest.fixture
def broker_down(monkeypatch):
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "REDIS", DEAD_REDIS)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "SYNC", False)
    broker = get_broker()
    assert type(broker).__name__ == "Redis"
    with pytest.raises(Exception, match="(?i)connect"):
        broker.ping()
    yield


def test_complaints_are_taken_and_worked_while_redis_is_down_and_sent_when_it_returns(
    broker_down, staff_user, clock, caplog, django_capture_on_commit_callbacks, client
):
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url("walsall"), valid_post("walsall", submission_key="while-redis-is-down"))
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert mail.outbox == [] and Notification.objects.get(case=case, kind="confirmation").status == "queued"  # waiting

    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        svc.acknowledge(svc.accept(case, user=staff_user), user=staff_user)
    assert "Could not enqueue the outbox flush (ConnectionError)" in caplog.text
    acknowledgement = Notification.objects.get(case=case, kind="acknowledgement")
    assert acknowledgement.status == "queued"  # waiting, not lost
    assert len(mail.outbox) == 0

    # The next sweep (the worker runs it on its schedule; its flush is done in the same task,
    # with no message on the broker) sends what waited, once.
    clock.day(date(2026, 3, 3))
    sweep.run_deadline_sweep("2026-03-03")
    sweep.run_deadline_sweep("2026-03-03")
    acknowledgement.refresh_from_db()
    assert acknowledgement.status == "sent"
    assert [m.subject for m in mail.outbox].count(f"Your complaint {case.reference} has been acknowledged") == 1
    assert [m.subject for m in mail.outbox].count(f"Complaint {case.reference} received") == 1


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set (CI sets it)")
def test_a_flush_asked_for_once_redis_is_back_sends_what_waited(staff_user, clock, monkeypatch, django_capture_on_commit_callbacks, client):
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    from complaints_process.services import notifications
    from tests.work.test_redis import run_one_task

    monkeypatch.setattr(Conf, "REDIS", DEAD_REDIS)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "SYNC", False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url("walsall"), valid_post("walsall", submission_key="redis-back"))
        case = Complaint.objects.get()
        svc.acknowledge(svc.accept(case, user=staff_user), user=staff_user)
    assert Notification.objects.get(case=case, kind="acknowledgement").status == "queued"

    monkeypatch.setattr(Conf, "REDIS", os.environ["REDIS_URL"])  # Redis returns
    broker = get_broker(f"complaints-test-{uuid.uuid4().hex[:8]}")
    broker.purge_queue()
    import django_q.tasks

    original = django_q.tasks.async_task
    monkeypatch.setattr(django_q.tasks, "async_task", lambda func, **kw: original(func, broker=broker, **kw))
    monkeypatch.setattr(notifications, "FLUSH_TASK", "complaints_process.work.tasks.flush_outbox")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.request_flush()
    try:
        assert broker.queue_size() == 1
        assert run_one_task(broker)["success"]
    finally:
        broker.delete_queue()
    assert Notification.objects.get(case=case, kind="acknowledgement").status == "sent"


@pytest.fixture
def staff_user():
    from tests.factories import UserFactory

    return UserFactory(is_superuser=True, email="")
