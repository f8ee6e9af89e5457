"""Fixtures for the deadline work: a clock the test moves, a seeded authority with staff.

"Today" is driven with time-machine (``clock.day(date)`` moves to noon, London time), because
the domain's services read today from ``timezone.localdate()``; the sweep is also given the
same day explicitly, as the scheduled task would compute it.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from complaints_process.work import outbox, sweep
from tests.factories import ComplaintFactory, UserFactory, publish_seed

LONDON = ZoneInfo("Europe/London")


class Clock:
    def __init__(self, traveller):
        self.traveller = traveller

    def day(self, day: date, hour: int = 12):
        self.traveller.move_to(datetime.combine(day, time(hour), tzinfo=LONDON))
        return day

    def shift(self, **delta):
        from datetime import timedelta

        from django.utils import timezone

        self.traveller.move_to(timezone.now() + timedelta(**delta))


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 3, 2, 12, tzinfo=LONDON), tick=False) as traveller:
        yield Clock(traveller)


@pytest.fixture
def walsall(db):
    return publish_seed("walsall")


@pytest.fixture
def staff(walsall):
    """An officer (the case owner, by default) and a manager of Walsall, and a superuser."""
    return {
        "officer": UserFactory(username="officer", email="officer@walsall.example", teams=[(walsall, "complaints_officer")]),
        "manager": UserFactory(username="manager", email="manager@walsall.example", teams=[(walsall, "complaints_manager")]),
        "admin": UserFactory(username="admin", email="", is_superuser=True),
    }


@pytest.fixture
def file_case(clock, walsall):
    def make(received_on=date(2026, 3, 2), **fields):
        clock.day(received_on)
        return ComplaintFactory(authority=walsall, received_on=received_on, **fields)

    return make


@pytest.fixture
def run_sweep(clock):
    """``run_sweep(day)``: move the clock to ``day`` and run the sweep as the task would."""

    def run(day: date, **kwargs):
        clock.day(day)
        return sweep.run_deadline_sweep(day.isoformat(), **kwargs)

    return run


@pytest.fixture
def sent():
    """The emails sent so far, as (subject, to) pairs; ``sent.kinds()`` by subject prefix."""

    class Sent:
        def __call__(self):
            return list(mail.outbox)

        def subjects(self):
            return [m.subject for m in mail.outbox]

        def to(self, address):
            return [m for m in mail.outbox if address in m.to]

    return Sent()


@pytest.fixture
def flush():
    return outbox.flush
