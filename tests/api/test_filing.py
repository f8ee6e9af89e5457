"""The API's write side: file, look up and escalate for every seed authority; bad input is 4xx."""

import json
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints_process import services
from complaints_process.models import Attachment, Complaint, Feedback
from tests.factories import UserFactory

from .helpers import API, SEED_SLUGS, assert_error_shape, status_lookup

pytestmark = pytest.mark.django_db
FILED_ON = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def body(slug, **changes):
    data = {
        "authority": slug,
        "complainant_relationship": "parent_or_carer",
        "complainant_name": "Sam Example",
        "child_name": "Alex Example",
        "child_agrees": "yes",
        "about_statutory": "yes",
        "service": "Children's disability team",
        "what_happened": "The respite care we were promised did not start.",
        "happened_on": "2026-02-01",
        "desired_outcome": "Start the respite care.",
        "preferred_contact": "email",
        "complainant_email": "sam@example.org",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(client, data, **headers):
    return client.post(f"{API}/complaints/", json.dumps(data), content_type="application/json", headers=headers)


def file(client, slug, **changes):
    with time_machine.travel(FILED_ON, tick=False):
        response = post(client, body(slug, **changes))
    assert response.status_code == 201, response.content
    return response.json()


def test_a_procedure_written_as_advice_takes_no_complaint(client, seed_configs):
    # 001 is general advice to parents about Children's Services, not a council (voice: advice).
    with time_machine.travel(FILED_ON, tick=False):
        refused = post(client, body("family-advice"))
    [item] = assert_error_shape(refused, 422, loc=["body", "authority"])
    assert (item["msg"], item["type"]) == ("This procedure is general advice and takes no complaints.", "invalid_action")
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("slug", [slug for slug in SEED_SLUGS if slug != "family-advice"])
def test_file_look_up_and_escalate(client, seed_configs, slug):
    filed = file(client, slug)
    assert filed["reference"].startswith(Complaint.objects.get().authority.reference_prefix)
    assert filed["status_url"].endswith(f"/complaints/status/{filed['reference']}/?token={filed['token']}")
    reference, token = filed["reference"], filed["token"]
    with time_machine.travel(date(2026, 3, 3), tick=False):
        status = status_lookup(client, reference, token=token)
        assert status.status_code == 200 and status.json()["state"] == "received"
        assert status_lookup(client, reference, email="sam@example.org").status_code == 200
        refused = client.post(f"{API}/complaints/{reference}/escalate", json.dumps({"token": token}), content_type="application/json")
        assert_error_shape(refused, 409)
    case = Complaint.objects.get()
    manager = UserFactory(is_superuser=True)
    on = date(2026, 3, 10)
    with time_machine.travel(on, tick=False):
        services.cases.accept(case, user=manager, on=on)
        case = services.cases.acknowledge(Complaint.objects.get(pk=case.pk), user=manager, on=on)
        services.cases.respond(case, user=manager, outcomes={1: "upheld"}, on=on)
    with time_machine.travel(date(2026, 3, 11), tick=False):
        assert status_lookup(client, reference, token=token).json()["can_escalate"] is True
        response = client.post(f"{API}/complaints/{reference}/escalate", json.dumps({"token": token}), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "stage2_requested" and response.json()["can_escalate"] is False


def test_wrong_token_and_unknown_reference_answer_alike(client, seed_configs):
    filed = file(client, "walsall")
    wrong = status_lookup(client, filed["reference"], token="x" * 43)
    unknown = status_lookup(client, "WAL-2026-999999", token=filed["token"])
    bad_email = status_lookup(client, filed["reference"], email="other@example.org")
    assert wrong.status_code == unknown.status_code == bad_email.status_code == 404
    assert wrong.json() == unknown.json() == bad_email.json()
    assert_error_shape(status_lookup(client, filed["reference"]), 422, ["body", "token"])
    # The token and the email address are never read from the URL, where access logs keep them.
    in_url = client.get(f"{API}/complaints/{filed['reference']}/status", {"token": filed["token"]})
    assert_error_shape(in_url, 405)
    assert filed["reference"] not in in_url.content.decode()


def test_validation_errors_have_field_paths(client, seed_configs):
    with time_machine.travel(FILED_ON, tick=False):
        response = post(client, body("walsall", complainant_name=None, happened_on="2026-02-30", preferred_contact="fax"))
    items = assert_error_shape(response, 422)
    locs = {tuple(item["loc"]) for item in items}
    assert {("body", "complainant_name"), ("body", "happened_on"), ("body", "preferred_contact")} <= locs
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "data, status, loc",
    [
        (b"not json", 400, ["body"]),
        (b"[1, 2]", 400, ["body"]),
        (json.dumps({"service": "x"}).encode(), 422, ["body", "authority"]),
        (json.dumps({"authority": "nowhere"}).encode(), 404, ["path", "authority"]),
        (json.dumps({"authority": "walsall", "procedure": "nope"}).encode(), 404, ["body", "procedure"]),
    ],
)
def test_bad_bodies(client, seed_configs, data, status, loc):
    response = client.post(f"{API}/complaints/", data, content_type="application/json")
    assert_error_shape(response, status, loc)


def test_unknown_and_mistyped_fields(client, seed_configs):
    items = assert_error_shape(post(client, body("walsall", website="x", service=["a"], needs="signer")), 422)
    assert {tuple(i["loc"]) for i in items} == {("body", "website"), ("body", "service"), ("body", "needs")}


def test_late_complaint_needs_explaining_once(client, seed_configs):
    with time_machine.travel(FILED_ON, tick=False):
        items = assert_error_shape(post(client, body("hampshire", happened_on="2024-01-01")), 422)
        assert items[0]["loc"] == ["body", "late_explanation"] and items[0]["type"] == "late"
        assert "12 months" in items[0]["msg"]
        assert post(client, body("hampshire", happened_on="2024-01-01", late_explanation="I was ill.")).status_code == 201


def test_idempotency_key(client, seed_configs):
    with time_machine.travel(FILED_ON, tick=False):
        first = post(client, body("council-b"), **{"Idempotency-Key": "retry-1-9f86d081884c"})
        second = post(client, body("council-b"), **{"Idempotency-Key": "retry-1-9f86d081884c"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json() and Complaint.objects.count() == 1


def test_compliment_through_the_api(client, seed_configs):
    response = post(client, {"authority": "hampshire", "kind": "comment", "service": "Fostering", "what_happened": "More evening visits."})
    assert response.status_code == 201 and response.json()["kind"] == "comment" and response.json()["reference"] is None
    assert Feedback.objects.get().kind == "comment"


def test_multipart_with_attachments(client, seed_configs, settings):
    settings.COMPLAINTS_PROCESS_ATTACHMENT_MAX_COUNT = 1
    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    data = {**body("council-b"), "attachments": [pdf]}
    with time_machine.travel(FILED_ON, tick=False):
        response = client.post(f"{API}/complaints/multipart", data)
    assert response.status_code == 201, response.content
    assert Attachment.objects.get().original_name == "letter.pdf"
    fake = SimpleUploadedFile("photo.png", b"MZ not a png", content_type="image/png")
    with time_machine.travel(FILED_ON, tick=False):
        response = client.post(f"{API}/complaints/multipart", {**body("council-b"), "attachments": [fake]})
    items = assert_error_shape(response, 422)
    assert items[0]["loc"] == ["body", "attachments"] and items[0]["type"] == "bad_type"
    assert Complaint.objects.count() == 1


def test_a_comment_where_the_procedure_takes_none_is_refused_for_its_kind(client, seed_configs):
    # Walsall's form takes complaints only: a comment is not read as a complaint missing its answers.
    response = post(client, {"authority": "walsall", "kind": "comment", "service": "Fostering", "what_happened": "More evening visits."})
    assert_error_shape(response, 422, ["body", "kind"])
    assert not Feedback.objects.exists() and not Complaint.objects.exists()


def test_multipart_with_needs_repeated_keeps_each_need(client, seed_configs):
    # The form's checkboxes, as a browser or a generated client sends them: the field once per value.
    data = {**body("council-b"), "needs": ["interpreter", "advocate"], "interpreter_language": "Polish"}
    with time_machine.travel(FILED_ON, tick=False):
        response = client.post(f"{API}/complaints/multipart", data)
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert (complaint.needs_interpreter, complaint.needs_advocate, complaint.needs_signer) == (True, True, False)


def test_rate_limited(client, seed_configs, settings):
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"file": (1, 3600)}
    post(client, {"authority": "walsall"})
    refused = post(client, body("walsall"))
    assert_error_shape(refused, 429)
    assert 1 <= int(refused["Retry-After"]) <= 3600


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
FIELDS = list(body("walsall")) + ["kind", "procedure", "needs", "became_aware_on", "late_rule_shown", "child_date_of_birth"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(FIELDS) | st.text(max_size=10), JSON_VALUES | st.sampled_from(["walsall", "hampshire", ""]), max_size=12
    ),
    base=st.booleans(),
)
def test_fuzzed_bodies_never_500(client, seed_configs, data, base):
    cache.clear()
    payload = {**body("walsall"), **data} if base else data
    response = post(client, payload)
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response, response.status_code)


def test_a_nul_character_in_an_authority_slug_or_a_reference_is_a_plain_not_found(client):
    # PostgreSQL refuses NUL in text; such input must never reach the database (it gave a 500).
    import json as _json

    response = client.post("/api/complaints/v1/complaints/", _json.dumps({"authority": "walsall\x00"}), content_type="application/json")
    assert response.status_code == 404
    response = client.post("/api/complaints/v1/complaints/WAL-2026-000001%00/status", {"token": "x"}, content_type="application/json")
    assert response.status_code == 404


def test_each_filing_operation_reads_its_own_body_type(client, seed_configs):
    # A JSON filing sent to the multipart operation, and a multipart one to the JSON operation.
    as_json = client.post(f"{API}/complaints/multipart", json.dumps(body("walsall")), content_type="application/json")
    assert_error_shape(as_json, 415, ["header", "Content-Type"])
    as_form = client.post(f"{API}/complaints/", body("walsall"))
    assert_error_shape(as_form, 415, ["header", "Content-Type"])
    # JSON sent as text/plain (which any web page may make a browser send) files nothing.
    plain = client.post(f"{API}/complaints/", json.dumps(body("walsall")), content_type="text/plain")
    assert_error_shape(plain, 415, ["header", "Content-Type"])
    assert Complaint.objects.count() == 0
