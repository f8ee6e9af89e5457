"""Fixtures for the case lifecycle tests.

Time is frozen on 1 June 2027 (after every date the walks use), so actions can be dated in
2026 with ``on=`` and nothing lies in the future; tests that need "today" to be a given day
(lapse) move the clock themselves.
"""

from datetime import UTC, datetime

import pytest
import time_machine

import complaints_process.services.cases as case_services
from tests.factories import ComplaintFactory, UserFactory, publish_seed

FROZEN_NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(FROZEN_NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def seed(db):
    """``seed("walsall")``: publish one seed authority's config and return the authority."""
    published = {}

    def publish(slug):
        if slug not in published:
            published[slug] = publish_seed(slug)
        return published[slug]

    return publish


@pytest.fixture
def manager(db):
    return UserFactory(is_superuser=False)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def make_case():
    return ComplaintFactory


@pytest.fixture
def svc():
    return case_services
