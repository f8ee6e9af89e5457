"""Schema-driven fuzzing: Schemathesis generates requests from the API's own live OpenAPI
document (every operation, a bounded number of examples each) and sends them through the WSGI
app.  Each answer must be no server error, have a status and content type the operation
declares, a body and headers that match the declared schema, and a request valid by the schema
must not be refused (only "not found" or "conflict" may answer it: a generated token or
reference names nothing).  The one exception is filing at a real authority with the generic
filing schema: it may be refused only for what that schema says is per procedure (the answers
a procedure's own form requires, the choices it offers, and dates), each of which the
procedure's own body_schema states (test_procedure_form).  A failure prints the request that
caused it."""

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


FILING = {"file_complaint", "file_complaint_multipart"}
#: Answers only some procedures' forms require (``IntakeForm.requirements()``).
PROCEDURE_ANSWERS = {"about_statutory", "child_name", "child_agrees", "desired_outcome"}


def per_procedure(items: list[dict]) -> bool:
    """A refusal the generic filing schema documents as the procedure's (see its description)."""
    # A compliment or comment where the procedure takes none is read as a complaint, and then
    # lacks a complaint's answers.
    as_complaint = any(item["loc"] == ["body", "kind"] and item["type"] == "invalid_choice" for item in items)
    return all(as_complaint and item["type"] == "required" or per_procedure_item(item) for item in items)


def per_procedure_item(item: dict) -> bool:
    field = item["loc"][1] if len(item["loc"]) == 2 and item["loc"][0] == "body" else None
    if item["type"] == "required":
        return field in PROCEDURE_ANSWERS
    if item["type"] == "invalid_action":  # a procedure written as general advice takes no complaints
        return field == "authority"
    return field is not None and (item["type"], field) in {("late", "late_explanation"), ("invalid_choice", field), ("future", field)}


@pytest.fixture
def api_schema(seed_configs, wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/complaints/v1/openapi.json", wsgi_app)


def test_every_operation_answers_as_the_document_says(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {operation.definition.raw["operationId"] for operation in operations} >= OPERATIONS
    for operation in operations:
        answers_as_documented(operation)


def answers_as_documented(operation):
    # A method a path does not take is declared as refused (405): no request to it is valid.
    refused = "method not allowed" in operation.definition.raw.get("tags", ())
    filing = operation.definition.raw["operationId"] in FILING
    without_acceptance = [check for check in CHECKS if check is not positive_data_acceptance]

    @given(case=operation.as_strategy())
    @settings(max_examples=5 if refused else 25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def answers(case):
        cache.clear()  # the rate limits would otherwise answer 429 to most of the run
        response = case.call()
        if refused or (filing and response.status_code == 422):
            if not refused:
                items = response.json()["detail"]
                assert per_procedure(items), (case.body, response.text)
            case.validate_response(response, checks=without_acceptance)
        else:
            case.validate_response(response, checks=CHECKS)

    answers()
