"""These tests walk cases through the case services, with the fixtures of their tests."""

from tests.services.cases.conftest import frozen_today, make_case, seed, superuser, svc  # noqa: F401
