"""Fixtures for the admin case screens: two authorities, a user per team role, logged-in clients.

Time is frozen on Tuesday 10 March 2026 so actions dated "today" fall in the seed walks'
weeks; cases are received on Monday 2 March 2026 unless a test says otherwise.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from tests.factories import ComplaintFactory, UserFactory, publish_seed

FROZEN_NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(FROZEN_NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def walsall(db):
    authority = publish_seed("walsall")
    return authority


@pytest.fixture
def hampshire(db):
    authority = publish_seed("hampshire")
    return authority


def _user(authority, role, **kwargs):
    return UserFactory(teams=[(authority, role)], first_name=role.split("_")[-1].capitalize(), **kwargs)


@pytest.fixture
def officer(walsall):
    return _user(walsall, "complaints_officer")


@pytest.fixture
def manager(walsall):
    return _user(walsall, "complaints_manager")


@pytest.fixture
def editor(walsall):
    return _user(walsall, "editor")


@pytest.fixture
def process_admin(walsall):
    return _user(walsall, "process_administrator")


@pytest.fixture
def other_officer(hampshire):
    return _user(hampshire, "complaints_officer")


@pytest.fixture
def other_manager(hampshire):
    return _user(hampshire, "complaints_manager")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_user():
    return login


@pytest.fixture
def walsall_case(walsall):
    return ComplaintFactory(authority=walsall, received_on=datetime(2026, 3, 2).date())


@pytest.fixture
def hampshire_case(hampshire):
    return ComplaintFactory(authority=hampshire, received_on=datetime(2026, 3, 2).date(), complainant_name="Hana Hampshire")
