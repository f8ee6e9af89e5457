"""The OpenAPI document: valid OpenAPI 3 in structure, and true to what the endpoints return.

`openapi-spec-validator` is not a dependency: when it is installed it checks the document
too; otherwise the structural checks below are all there is.  Actual responses are checked
against the document's own schemas with the small JSON Schema checker of the config tests.
"""

import json
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError

from tests.core.config.schema_check import problems, unknown_keywords

from .helpers import API, ROOT

pytestmark = pytest.mark.django_db

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
READ_PATHS = [
    "/api/complaints/v1/authorities/",
    "/api/complaints/v1/authorities/{authority}/",
    "/api/complaints/v1/authorities/{authority}/procedures/{procedure}/",
    "/api/complaints/v1/authorities/{authority}/procedures/{procedure}/timeline",
]


@pytest.fixture
def document(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def all_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from all_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_refs(item)


def test_document_is_openapi_3_with_title_and_version(document):
    assert re.fullmatch(r"3\.[01]\.\d+", document["openapi"])
    assert document["info"]["title"]
    assert document["info"]["version"] == "1"
    assert isinstance(document["paths"], dict)
    assert isinstance(document.get("components", {}).get("schemas", {}), dict)


def test_document_lists_the_read_endpoints(document):
    assert set(READ_PATHS) <= set(document["paths"])


def test_every_operation_is_well_formed(document):
    operation_ids = []
    for path, item in document["paths"].items():
        assert path.startswith("/")
        declared = set(re.findall(r"{(\w+)}", path))
        for method, operation in item.items():
            assert method in HTTP_METHODS, (path, method)
            operation_ids.append(operation["operationId"])
            path_params = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert path_params == declared, path
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"query", "header", "path", "cookie"}
                assert "schema" in parameter
                if parameter["in"] == "path":
                    assert parameter["required"] is True
            assert operation["responses"], (path, method)
            for status, response in operation["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d|default", status)
                assert "description" in response
    assert len(operation_ids) == len(set(operation_ids))


def test_every_ref_resolves_and_schemas_use_known_keywords(document):
    schemas = document["components"]["schemas"]
    for ref in all_refs(document):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schemas, ref
    for name, schema in schemas.items():
        assert unknown_keywords(schema, name) == []


def test_timeline_declares_received_as_a_required_date_and_its_error_responses(document):
    operation = document["paths"][READ_PATHS[3]]["get"]
    (received,) = [p for p in operation["parameters"] if p["in"] == "query"]
    assert received["name"] == "received" and received["required"] is True
    assert received["schema"]["format"] == "date"
    assert {"200", "404", "422"} <= set(operation["responses"])


def test_wire_names_are_used_for_the_from_field(document):
    schemas = document["components"]["schemas"]
    for name in ("TimelineEntryOut", "ClockOut"):
        assert "from" in schemas[name]["properties"]
        assert "from_event" not in schemas[name]["properties"]


def test_openapi_spec_validator_accepts_the_document_when_installed(document):
    validator = pytest.importorskip("openapi_spec_validator", reason="openapi-spec-validator is not installed")
    validator.validate(document)


def test_responses_conform_to_the_documents_schemas(client, seed_configs, document):
    def check(url, path, status="200"):
        response = client.get(url)
        assert str(response.status_code) == status
        schema = document["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
        assert problems(response.json(), {**schema, "components": document["components"]}) == []

    check(f"{API}/authorities/", READ_PATHS[0])
    for slug in seed_configs:
        check(f"{API}/authorities/{slug}/", READ_PATHS[1])
        for procedure in seed_configs[slug].procedures:
            check(f"{API}/authorities/{slug}/procedures/{procedure.slug}/", READ_PATHS[2])
            check(f"{API}/authorities/{slug}/procedures/{procedure.slug}/timeline?received=2026-01-05", READ_PATHS[3])
    check(f"{API}/authorities/atlantis/", READ_PATHS[1], "404")
    check(f"{API}/authorities/walsall/procedures/childrens-statutory/timeline?received=x", READ_PATHS[3], "422")


def test_interactive_docs_page_is_served(client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def operations(document, *, not_allowed=False):
    """{operation id: (path, method, operation)}: the API's own operations, or (``not_allowed``)
    those declaring the 405 a path answers to a method it does not take."""
    return {
        op["operationId"]: (path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if ("method not allowed" in op.get("tags", ())) is not_allowed
    }


def test_operation_ids_are_short_names_a_generated_client_uses(document):
    assert set(operations(document)) == {
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


def test_tokens_and_email_addresses_travel_in_bodies_never_in_urls(document):
    found = operations(document)
    lookups = {"get_complaint_status": ("TokenLookup", "EmailLookup"), "escalate_complaint": ("EscalationByToken", "EscalationByEmail")}
    for name, (by_token, by_email) in lookups.items():
        path, method, operation = found[name]
        assert method == "post"
        assert [p["name"] for p in operation["parameters"]] == ["reference"]
        body = operation["requestBody"]
        assert body["required"] is True and list(body["content"]) == ["application/json"]
        assert body["content"]["application/json"]["schema"] == {
            "anyOf": [{"$ref": f"#/components/schemas/{by_token}"}, {"$ref": f"#/components/schemas/{by_email}"}]
        }
    schemas = document["components"]["schemas"]
    assert schemas["TokenLookup"]["required"] == ["token"] and schemas["EmailLookup"]["required"] == ["email"]
    for _path, _method, operation in found.values():
        assert not {p["name"] for p in operation.get("parameters", [])} & {"token", "email"}


def test_filing_has_one_body_type_per_operation_and_declares_what_the_form_requires(document):
    found = operations(document)
    _, _, as_json = found["file_complaint"]
    _, _, as_multipart = found["file_complaint_multipart"]
    assert list(as_json["requestBody"]["content"]) == ["application/json"]
    assert list(as_multipart["requestBody"]["content"]) == ["multipart/form-data"]
    assert as_json["requestBody"]["required"] is as_multipart["requestBody"]["required"] is True
    schemas = document["components"]["schemas"]
    # What the form refuses a complaint without, in every procedure (forms/intake.py, clean()).
    always = {"authority", "complainant_relationship", "complainant_name", "service", "what_happened", "happened_on", "preferred_contact"}
    assert set(schemas["ComplaintFiling"]["required"]) == always
    assert set(schemas["ComplaintFilingMultipart"]["required"]) == always
    assert set(schemas["FeedbackFiling"]["required"]) == {"authority", "kind", "service", "what_happened"}
    assert schemas["ComplaintFilingMultipart"]["properties"]["attachments"]["items"]["format"] == "binary"
    # Email when the complainant prefers email, and so on: JSON Schema if/then.
    assert {
        "if": {"properties": {"preferred_contact": {"enum": ["email"]}}, "required": ["preferred_contact"]},
        "then": {"required": ["complainant_email"]},
    } in schemas["ComplaintFiling"]["allOf"]
    for name in ("ComplaintFiling", "FeedbackFiling", "ComplaintFilingMultipart"):
        assert schemas[name]["additionalProperties"] is False  # the API refuses unknown fields


def test_every_status_an_operation_can_answer_is_declared_with_its_headers(document):
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    expected = {
        "list_authorities": {"200", "500", "503"},
        "get_authority": {"200", "404", "500", "503"},
        "get_procedure": {"200", "404", "500", "503"},
        "get_timeline": {"200", "404", "422", "500", "503"},
        "get_procedure_form": {"200", "404", "500", "503"},
        "file_complaint": {"200", "201", "400", "404", "409", "413", "415", "422", "429", "500", "503"},
        "file_complaint_multipart": {"200", "201", "400", "404", "409", "413", "415", "422", "429", "500", "503"},
        "get_complaint_status": {"200", "400", "404", "413", "415", "422", "429", "500", "503"},
        "escalate_complaint": {"200", "400", "404", "409", "413", "415", "422", "429", "500", "503"},
    }
    for name, (_path, _method, operation) in operations(document).items():
        responses = operation["responses"]
        assert set(responses) == expected[name], name
        for status, response in responses.items():
            if status[0] in "45":
                assert response["content"]["application/json"]["schema"] == error, (name, status)
                assert response["description"] not in ("Unknown Status Code", ""), (name, status)
            if status in ("429", "503"):
                assert response["headers"]["Retry-After"]["schema"]["type"] == "integer", (name, status)
    for name in ("file_complaint", "file_complaint_multipart"):
        (key,) = [p for p in operations(document)[name][2]["parameters"] if p["in"] == "header"]
        assert key["name"] == "Idempotency-Key" and key["required"] is False
        assert (key["schema"]["minLength"], key["schema"]["maxLength"]) == (16, 255)


def conforms(document, operation_id, response):
    """The answer's status is one the operation declares, its body matches the declared schema,
    and it carries every header the document declares for that status."""
    _path, _method, operation = operations(document)[operation_id]
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, (operation_id, response.status_code, response.content)
    schema = declared["content"]["application/json"]["schema"]
    assert problems(response.json(), {**schema, "components": document["components"]}) == [], (operation_id, response.content)
    for header in declared.get("headers", {}):
        assert response.has_header(header), (operation_id, response.status_code, header)
    return response.status_code


def test_every_refusal_of_the_write_side_is_one_the_document_declares(client, seed_configs, document, settings, monkeypatch):
    def post(path, body, content_type="application/json", **headers):
        cache.clear()
        data = json.dumps(body) if content_type == "application/json" and not isinstance(body, str) else body
        return client.post(f"{API}/{path}", data, content_type=content_type, headers=headers)

    walsall = {
        "authority": "walsall",
        "complainant_relationship": "child",
        "complainant_name": "Alex Example",
        "service": "Children's disability team",
        "what_happened": "The respite care we were promised did not start.",
        "happened_on": "2026-02-01",
        "desired_outcome": "Start the respite care.",
        "preferred_contact": "email",
        "complainant_email": "alex@example.org",
    }
    seen = set()
    with time_machine.travel("2026-03-02", tick=False):
        seen.add(conforms(document, "file_complaint", post("complaints/", walsall, **{"Idempotency-Key": "k" * 16})))
        seen.add(conforms(document, "file_complaint", post("complaints/", walsall, **{"Idempotency-Key": "k" * 16})))
        seen.add(
            conforms(document, "file_complaint", post("complaints/", {**walsall, "service": "Fostering"}, **{"Idempotency-Key": "k" * 16}))
        )
        seen.add(conforms(document, "file_complaint", post("complaints/", "{not json", content_type="application/json")))
        seen.add(conforms(document, "file_complaint", post("complaints/", json.dumps(walsall), content_type="text/plain")))
        seen.add(conforms(document, "file_complaint", post("complaints/", {"authority": "atlantis"})))
        seen.add(conforms(document, "file_complaint", post("complaints/", {"authority": "walsall"})))
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        seen.add(conforms(document, "file_complaint", post("complaints/", {**walsall, "what_happened": "x" * 2000})))
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
    assert seen == {200, 201, 400, 404, 409, 413, 415, 422}
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"file": (1, 3600), "status": (1, 600)}
    for path, operation_id in (("complaints/", "file_complaint"), ("complaints/WAL-2026-000001/status", "get_complaint_status")):
        client.post(f"{API}/{path}", "{}", content_type="application/json")
        assert conforms(document, operation_id, client.post(f"{API}/{path}", "{}", content_type="application/json")) == 429
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {}
    assert conforms(document, "get_complaint_status", post("complaints/WAL-2026-000001/status", {"token": "x"})) == 404
    assert conforms(document, "escalate_complaint", post("complaints/WAL-2026-000001/escalate", {})) == 422
    assert conforms(document, "escalate_complaint", post("complaints/WAL-2026-000001/escalate", "t", content_type="text/plain")) == 415

    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("complaints_process.api.filing.published_authority", database_down)
    assert conforms(document, "file_complaint", post("complaints/", walsall)) == 503
    monkeypatch.setattr("complaints_process.api.filing.published_authority", lambda *a: 1 / 0)
    assert conforms(document, "file_complaint", post("complaints/", walsall)) == 500


PATH_VALUES = {"authority": "walsall", "procedure": "childrens-statutory", "reference": "WAL-2026-000001"}


def test_a_wrong_method_gets_exactly_the_405_the_document_declares(client, seed_configs, document):
    """Every path is sent every common method: the ones it does not take are declared, each
    answering 405 with the error shape and the Allow header the document gives, and nothing else."""
    refused = set()
    for path, item in document["paths"].items():
        url = path.format(**PATH_VALUES)
        for method in ("get", "post", "put", "patch", "delete"):
            taken = any("method not allowed" not in op.get("tags", ()) for m, op in item.items() if m == method)
            response = client.generic(method.upper(), url, "{}", content_type="application/json")
            if taken:
                assert response.status_code != 405, (method, path)
                continue
            refused.add((method, path))
            assert method in item, f"{method.upper()} {path} answers {response.status_code} but is not declared"
            operation = item[method]
            assert set(operation["responses"]) == {"405"}, (method, path)
            declared = operation["responses"]["405"]
            assert response.status_code == 405, (method, path, response.content)
            assert response["Content-Type"].startswith("application/json")
            schema = declared["content"]["application/json"]["schema"]
            assert problems(response.json(), {**schema, "components": document["components"]}) == [], response.content
            assert [item["type"] for item in response.json()["detail"]] == ["method_not_allowed"]
            assert [response["Allow"]] == declared["headers"]["Allow"]["schema"]["enum"], (method, path)
    assert {(method, path) for _id, (path, method, _op) in operations(document, not_allowed=True).items()} == refused
    # the API's own operations never declare a 405: they are the methods each path takes
    assert all("405" not in op["responses"] for _path, _method, op in operations(document).values())


def documented_operations() -> set[tuple[str, str, str]]:
    """(method, path, operation id) of each row of docs/api.md's table of operations."""
    text = (ROOT / "docs" / "api.md").read_text()
    table = text.split("| method and path | operation id | what |", 1)[1].split("\n\n", 1)[0]
    rows = set()
    for line in table.splitlines()[2:]:
        match = re.fullmatch(r"\| `(GET|POST|PUT|PATCH|DELETE) ([^`?]*)(?:\?[^`]*)?` \| `(\w+)` \| [^|]+ \|", line)
        assert match, f"not a row of the table of operations: {line!r}"
        method, path, operation_id = match.groups()
        rows.add((method.lower(), f"{API}/{path}", operation_id))
    return rows


def test_the_docs_table_of_operations_is_the_documents(document):
    found = {(method, path, operation_id) for operation_id, (path, method, _op) in operations(document).items()}
    assert documented_operations() == found
