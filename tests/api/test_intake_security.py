"""The filing endpoint from an attacker's side: stolen or guessed idempotency keys, bodies a
browser can send cross-site, bodies built to crash the parser, files named to deceive."""

import json
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints_process.models import Attachment, Complaint, Submission

from .helpers import API, assert_error_shape
from .test_filing import body, post

pytestmark = pytest.mark.django_db
FILED_ON = date(2026, 3, 2)
KEY = "attacker-knows-this-key-0001"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    with time_machine.travel(FILED_ON, tick=False):
        yield


def test_a_key_replayed_with_another_complaint_gets_409_and_nothing_of_the_first_filing(client, seed_configs):
    victim = post(client, body("walsall"), **{"Idempotency-Key": KEY})
    assert victim.status_code == 201
    secret = victim.json()["token"]
    other = body("walsall", complainant_name="Mallory Attacker", complainant_email="mallory@example.net")
    replay = post(client, other, **{"Idempotency-Key": KEY})
    items = assert_error_shape(replay, 409, ["header", "Idempotency-Key"])
    assert items[0]["type"] == "idempotency_key_reused"
    text = replay.content.decode()
    assert victim.json()["reference"] not in text and secret not in text
    assert Complaint.objects.count() == 1
    # the honest retry (same key, same body) still gets its own filing back
    again = post(client, body("walsall"), **{"Idempotency-Key": KEY})
    assert again.status_code == 200 and again.json()["token"] == secret


def test_the_same_key_at_another_authority_is_another_key(client, seed_configs):
    first = post(client, body("walsall"), **{"Idempotency-Key": KEY})
    elsewhere = post(client, body("hampshire"), **{"Idempotency-Key": KEY})
    assert (first.status_code, elsewhere.status_code) == (201, 201)
    assert elsewhere.json()["reference"] != first.json()["reference"]
    assert elsewhere.json()["token"] != first.json()["token"]
    assert Complaint.objects.count() == 2 and Submission.objects.count() == 2


@pytest.mark.parametrize("key", ["short", "a" * 15, "a" * 256, "sixteen chars ok", "key-with-é-accent-xyz"])
def test_keys_outside_16_to_255_visible_ascii_characters_are_refused(client, seed_configs, key):
    items = assert_error_shape(post(client, body("walsall"), **{"Idempotency-Key": key}), 422, ["header", "Idempotency-Key"])
    assert "16 to 255" in items[0]["msg"]
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("key", ["a" * 16, "b" * 255])
def test_keys_of_16_and_255_characters_are_accepted(client, seed_configs, key):
    assert post(client, body("walsall"), **{"Idempotency-Key": key}).status_code == 201


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "text/plain;charset=UTF-8", "application/xml", ""],
)
def test_json_sent_as_a_type_a_browser_sends_cross_site_files_nothing(client, seed_configs, content_type):
    # A page on any site may POST text/plain (or a urlencoded form) to us without a CORS preflight.
    response = client.post(f"{API}/complaints/", json.dumps(body("walsall")), content_type=content_type)
    assert_error_shape(response, 415, ["header", "Content-Type"])
    assert not Complaint.objects.exists()


def test_a_body_over_the_limit_is_413(client, seed_configs, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default
    huge = body("walsall", what_happened="x" * 3_000_000)  # 3 MB of JSON
    assert_error_shape(post(client, huge), 413, ["body"])
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "what",
    [
        "a file larger than every attachment allowed together",  # refused by its Content-Length
        "a text field over the limit beside a small file",  # within the Content-Length, refused while parsed
    ],
)
def test_a_multipart_body_over_the_limit_is_413(client, seed_configs, settings, what):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    settings.COMPLAINTS_PROCESS_ATTACHMENT_MAX_BYTES = 10_000
    settings.COMPLAINTS_PROCESS_ATTACHMENT_MAX_COUNT = 2
    if what.startswith("a file"):
        data = {**body("walsall"), "attachments": [SimpleUploadedFile("letter.pdf", PDF + b"x" * 200_000, content_type="application/pdf")]}
    else:
        data = {**body("walsall", what_happened="x" * 20_000), "attachments": [SimpleUploadedFile("letter.pdf", PDF)]}
    response = client.post(f"{API}/complaints/multipart", data)
    items = assert_error_shape(response, 413, ["body"])
    assert items[0]["type"] == "too_large"
    assert not Complaint.objects.exists() and not Attachment.objects.exists()


def test_json_nested_100000_deep_is_400(client, seed_configs):
    deep = '{"authority": "walsall", "service": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client.post(f"{API}/complaints/", deep, content_type="application/json")
    items = assert_error_shape(response, 400, ["body"])
    assert items[0]["type"] == "json_too_deep"


def test_multipart_without_a_boundary_is_400(client, seed_configs):
    response = client.generic("POST", f"{API}/complaints/multipart", b"--x\r\n\r\nhello\r\n--x--\r\n", content_type="multipart/form-data")
    items = assert_error_shape(response, 400, ["body"])
    assert items[0]["type"] == "multipart_invalid"


@pytest.mark.parametrize(
    "name, shown",
    [
        ("letter.bat", "letter.pdf"),
        ("letter.hta", "letter.pdf"),
        ("index.html", "index.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.pdf"),  # shows as "invoiceexe.pdf" with the override
        ("report\u2066.pdf\u2069.exe", "report.pdf"),  # an isolate around a decoy extension
        ("..\\..\\windows\\evil.pdf\x00.scr", "evil.pdf"),
    ],
)
def test_an_attachment_is_stored_and_downloaded_with_the_extension_of_what_it_is(admin_client, client, seed_configs, name, shown):
    upload = SimpleUploadedFile(name, PDF, content_type="application/x-msdownload")
    response = client.post(f"{API}/complaints/multipart", {**body("walsall"), "attachments": [upload]})
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get()
    assert attachment.original_name == shown
    assert attachment.file.name.endswith(".pdf")
    download = admin_client.get(reverse("complaints_cases:attachment", args=[attachment.case_id, attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{shown}"'
    assert download["Content-Type"] == "application/pdf"
