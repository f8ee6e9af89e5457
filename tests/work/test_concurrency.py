"""Two sweeps (two workers) at the same moment: every message is queued and sent once and the
case lapses once.  Needs real concurrent transactions, so PostgreSQL only."""

import threading
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections

from complaints_process.models import CaseEvent, CaseState, Complaint, Notification, NotificationKind
from complaints_process.services import cases as svc
from complaints_process.work import outbox, sweep
from tests.factories import ComplaintFactory, UserFactory, publish_seed

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent transactions and row locks; SQLite serialises writers",
)
LONDON = ZoneInfo("Europe/London")


def at(day):
    return datetime.combine(day, time(12), tzinfo=LONDON)


def in_parallel(func, n=2):
    barrier = threading.Barrier(n)
    errors = []

    def run():
        try:
            barrier.wait()
            func()
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/browser/conftest.py
def test_two_sweeps_at_once_send_each_reminder_alert_and_lapse_once():
    with time_machine.travel(at(date(2026, 3, 2)), tick=False) as traveller:
        walsall = publish_seed("walsall")
        UserFactory(username="officer", email="officer@walsall.example", teams=[(walsall, "complaints_officer")])
        UserFactory(username="manager", email="manager@walsall.example", teams=[(walsall, "complaints_manager")])
        admin = UserFactory(is_superuser=True, email="")
        cases = []
        for _ in range(3):
            case = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
            cases.append(svc.accept(svc.acknowledge(case, user=admin), user=admin))
        traveller.move_to(at(date(2026, 3, 10)))
        responded = svc.respond(cases[0], user=admin, outcomes={1: "upheld", 2: "upheld"})
        outbox.flush()
        mail.outbox.clear()

        for day in (date(2026, 3, 12), date(2026, 3, 17)):
            traveller.move_to(at(day))
            in_parallel(lambda day=day: sweep.run_deadline_sweep(day.isoformat()), n=3)
        reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
        overdue = [m for m in mail.outbox if m.subject.startswith("Overdue")]
        assert len(reminders) == 2  # cases 1 and 2 (case 0 responded in time)
        assert len(overdue) == 4  # cases 1 and 2, to the officer and to the manager
        assert len({(m.subject, tuple(m.to)) for m in mail.outbox}) == len(mail.outbox)
        assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 2

        window = responded.deadlines.get(clock_key="stage2.request")
        lapse_day = window.effective_due + timedelta(days=1)
        traveller.move_to(at(lapse_day))
        mail.outbox.clear()
        in_parallel(lambda: sweep.run_deadline_sweep(lapse_day.isoformat()), n=3)
        assert Complaint.objects.get(pk=responded.pk).state == CaseState.CLOSED
        assert CaseEvent.objects.filter(case_id=responded.pk, action="lapse").count() == 1
        closures = [m for m in mail.outbox if m.subject.endswith("has been closed")]
        assert len(closures) == 1
        assert Notification.objects.filter(status="sent").count() == Notification.objects.count()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/browser/conftest.py
def test_two_flushes_at_once_send_each_message_once():
    with time_machine.travel(at(date(2026, 3, 2)), tick=False):
        walsall = publish_seed("walsall")
        admin = UserFactory(is_superuser=True, email="")
        from complaints_process.services import notifications

        original = notifications.request_flush
        notifications.request_flush = lambda: None
        try:
            for number in range(40):
                case = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2), complainant_email=f"c{number}@example.test")
                svc.acknowledge(case, user=admin)
        finally:
            notifications.request_flush = original
        assert Notification.objects.filter(status="queued").count() == 40
        mail.outbox.clear()
        in_parallel(lambda: outbox.flush(batch_size=5), n=4)
        assert sorted(m.to[0] for m in mail.outbox) == sorted(f"c{n}@example.test" for n in range(40))
        assert Notification.objects.filter(status="sent").count() == 40
        assert CaseEvent.objects.filter(action="notification_sent").count() == 40
