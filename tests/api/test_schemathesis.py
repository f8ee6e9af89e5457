"""Schema-driven fuzzing: Schemathesis generates requests from the API's own OpenAPI document
(every operation, valid and invalid data) and sends them through the WSGI app; no answer may
be a server error."""

from pathlib import Path

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings

from complaints_process.services.configs import load_config_files

CONFIGS = Path(__file__).resolve().parents[2] / "process_configs"

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema():
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the test's database connection
    # (on PostgreSQL that would end the test's transaction under the next request).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    load_config_files(sorted(CONFIGS.glob("*.yaml")), configs_root=CONFIGS)
    yield schemathesis.openapi.from_wsgi("/api/complaints/v1/openapi.json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_request_the_schema_describes_gets_a_server_error(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 7  # authorities, one, procedure, timeline, file, status, escalate
    for operation in operations:
        label = operation.label

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case):
            cache.clear()  # the rate limits would otherwise answer 429 to most of the run
            response = case.call()
            assert response.status_code < 500, (label, response.status_code)  # noqa: B023 (called at once)

        no_server_error()
