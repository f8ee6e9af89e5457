"""SQL and filter injection through the API's path and query parameters.

Every parameter is typed or matched before it reaches the ORM: a date is a date, a slug is a
slug, a reference a reference.  Lookups cannot be smuggled in as extra parameters (``__``
names are ignored, never applied), nothing widens a list, and the answer is a 4xx in the
API's error shape, never a 500 and never a case that was not asked for.
"""

import pytest

from complaints_process.models import Complaint
from tests.factories import ComplaintFactory

from .helpers import API, assert_error_shape

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit_here(settings):
    from django.core.cache import cache

    cache.clear()
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"status": (10_000, 600), "file": (10_000, 600)}


INJECTIONS = [
    "2026-03-02' OR '1'='1",
    "2026-03-02; DROP TABLE complaints_process_complaint;--",
    "1 OR 1=1",
    "' UNION SELECT password FROM auth_user--",
    "%",
    "\\x00",
    "2026-03-02%00",
    "../../etc/passwd",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_the_received_date_is_a_date_or_a_422(client, seed_configs, value):
    response = client.get(f"{API}/authorities/walsall/procedures/statutory/timeline", {"received": value})
    items = assert_error_shape(response, 422)
    assert items[0]["loc"][-1] == "received"


@pytest.mark.parametrize("value", INJECTIONS + ["walsall' OR '1'='1", "walsall%", "wal_all", "WALSALL"])
def test_authority_and_procedure_slugs_are_matched_exactly(client, seed_configs, value):
    for path in (f"{API}/authorities/{value}", f"{API}/authorities/walsall/procedures/{value}"):
        response = client.get(path)
        assert response.status_code in (404, 422), path
        assert response.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "params",
    [
        {"name__startswith": "Walsall"},
        {"slug__in": "walsall,hampshire"},
        {"config_versions__source_text__contains": "walsall"},
        {"ordering": "-id"},
        {"o": "1"},
        {"limit": "100000", "offset": "-1"},
    ],
)
def test_list_parameters_that_are_not_declared_change_nothing(client, seed_configs, params):
    plain = client.get(f"{API}/authorities/").json()
    response = client.get(f"{API}/authorities/", params)
    assert response.status_code == 200 and response.json() == plain


@pytest.mark.parametrize("value", INJECTIONS + ["WAL-2026-%", "WAL-2026-_____1", "*"])
def test_status_lookups_by_reference_and_email_are_exact(client, seed_configs, value):
    from complaints_process.models import Authority

    case = ComplaintFactory(authority=Authority.objects.get(slug="walsall"), complainant_email="sam@example.org")
    for params in ({"token": value}, {"email": value}, {"email": "%@example.org"}, {"email": "SAM@EXAMPLE.ORG' OR '1'='1"}):
        for reference in (case.reference, value):
            response = client.post(f"{API}/complaints/{reference}/status", params, content_type="application/json")
            assert response.status_code in (404, 422), (reference, params)
            assert case.reference not in response.content.decode()
    assert Complaint.objects.count() == 1


def test_escalate_with_hostile_bodies_is_refused_cleanly(client, seed_configs):
    from complaints_process.models import Authority

    case = ComplaintFactory(authority=Authority.objects.get(slug="walsall"), complainant_email="sam@example.org")
    for body in ({"token": {"$ne": ""}}, {"email": ["sam@example.org"]}, {"token": "' OR 1=1--"}, {"email": "%"}):
        response = client.post(f"{API}/complaints/{case.reference}/escalate", body, content_type="application/json")
        assert response.status_code in (404, 422), body
    assert Complaint.objects.get(pk=case.pk).state == case.state
