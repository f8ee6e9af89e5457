"""Schema-driven fuzzing: Schemathesis generates requests from the API's own live OpenAPI
document (every operation, a bounded number of examples each) and sends them through the WSGI
app.  Each answer must be no server error, have a status and content type the operation
declares, a body and headers that match the declared schema, and a request valid by the schema
must not be refused (only "not found" or "conflict" may answer it: a generated token or
reference names nothing).  A failure prints the request that caused it.

Filing is the one exception to the last check here: the document's filing body is every
authority's at once, so what one procedure requires beyond it (Walsall's desired outcome, the
child's consent) and the dates no schema can state (none in the future, none older than the
time limit) answer 422 as documented.  That a body valid by a procedure's own schema
(``get_procedure_form``'s ``body_schema``) is filed is held, for every procedure that takes
complaints, by tests/api/test_procedure_form.py."""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    positive_data_acceptance,
]
OPERATIONS = {
    "list_authorities",
    "get_authority",
    "get_procedure",
    "get_timeline",
    "get_procedure_form",
    "file_complaint",
    "file_complaint_multipart",
    "get_complaint_status",
    "escalate_complaint",
}
FILING = {"file_complaint", "file_complaint_multipart"}  # see the module's docstring


@pytest.fixture
def api_schema(seed_configs, wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/complaints/v1/openapi.json", wsgi_app)


def test_every_operation_answers_as_the_document_says(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {operation.definition.raw["operationId"] for operation in operations} >= OPERATIONS
    for operation in operations:
        filing = operation.definition.raw["operationId"] in FILING
        checks = [check for check in CHECKS if not (filing and check is positive_data_acceptance)]

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def answers_as_documented(case):
            cache.clear()  # the rate limits would otherwise answer 429 to most of the run
            case.call_and_validate(checks=checks)

        answers_as_documented()
