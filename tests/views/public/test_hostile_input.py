"""Hostile input through the complaint form: every free-text answer, file names and contents.

* HTML and script in every free-text field are kept as typed, and escaped wherever they are
  shown: the form re-shown with errors, the admin case list and case page (with its
  timeline), and the HTML part of every email; the plain-text part is plain text.
* Attachments: the type comes from the content, never the name; oversized, too many and empty
  files are refused; a file name with a path, a NUL, an RTL override or hundreds of characters
  is stored as a short safe label and never used as a path; downloads are attachments with
  ``nosniff``.

The browser test (``tests/browser/test_security.py``) checks in Chromium that no script runs.
"""

from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from complaints_process import services
from complaints_process.attachments import clean_name
from complaints_process.modeladmin import case_index_url, case_url
from complaints_process.models import Attachment, Complaint
from complaints_process.work import outbox
from tests.factories import UserFactory
from tests.views.public.conftest import page_url, valid_post

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 1)
SCRIPT = "<script>window.__xss=1</script>"
PAYLOAD = f'"><img src=x onerror=alert(1)>{SCRIPT}'
SHORT = "<b onmouseover=alert(1)>x</b>"  # for fields of 40 and 80 characters
FREE_TEXT = {
    "complainant_name": PAYLOAD,
    "child_name": PAYLOAD,
    "service": PAYLOAD,
    "what_happened": PAYLOAD,
    "desired_outcome": PAYLOAD,
    "complainant_phone": SHORT,
    "complainant_address": PAYLOAD,
    "needs": ["interpreter"],
    "interpreter_language": SHORT,
    "other_access_needs": PAYLOAD,
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def assert_escaped(html: str, where: str):
    assert SCRIPT not in html, f"raw script on {where}"
    assert "<img src=x" not in html and "<b onmouseover" not in html, f"raw HTML on {where}"


def hostile_case(client, django_capture_on_commit_callbacks, slug="council-b", **extra):
    # Council B, whose page offers an interpreter (002: "If you need an interpreter or a signer, we
    # can make arrangements to support you."), so its form asks the language.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(slug), valid_post(slug, **{**FREE_TEXT, **extra}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Complaint.objects.get(), response


def test_every_free_text_answer_is_kept_as_typed_and_escaped_when_shown(client, demo, django_capture_on_commit_callbacks):
    case, response = hostile_case(client, django_capture_on_commit_callbacks)
    for field, value in FREE_TEXT.items():
        if field != "needs":
            assert getattr(case, field) == value, field
    assert case.points.get().summary == PAYLOAD
    assert_escaped(client.get(response["Location"]).content.decode(), "the confirmation")

    officer = UserFactory(is_superuser=True)
    staff = Client()
    staff.force_login(officer)
    listing = staff.get(case_index_url()).content.decode()
    assert case.reference in listing
    assert_escaped(listing, "the case list")
    page = staff.get(case_url(case)).content.decode()
    assert_escaped(page, "the case page")
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page  # shown, as text


def test_the_form_shown_again_with_errors_escapes_what_was_typed(client, demo):
    data = valid_post("council-b", **FREE_TEXT, complainant_email="not-an-email")
    html = client.post(page_url("council-b"), data).content.decode()
    assert "Enter an email address in the correct format" in html or "email" in html.lower()
    assert_escaped(html, "the form with errors")
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert not Complaint.objects.exists()


def test_emails_escape_html_and_keep_headers_clean(client, demo, django_capture_on_commit_callbacks):
    case, _ = hostile_case(client, django_capture_on_commit_callbacks, complainant_name=f"Sam\r\nBcc: victim@example.org {PAYLOAD}")
    manager = UserFactory(is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.cases.accept(case, user=manager)
        services.cases.acknowledge(Complaint.objects.get(pk=case.pk), user=manager)
    outbox.flush()
    assert len(mail.outbox) >= 2  # the confirmation, and the acknowledgement
    html_parts = 0
    for message in mail.outbox:
        assert "\n" not in message.subject and "Bcc" not in message.subject and "victim" not in str(message.bcc)
        assert message.to == ["sam@example.org"]
        for content, kind in message.alternatives:
            if kind == "text/html":
                html_parts += 1
                assert_escaped(content, f"the HTML email {message.subject}")
                assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in content
    assert html_parts >= 1
    acknowledgement = next(m for m in mail.outbox if "acknowledged" in m.subject)
    assert PAYLOAD in acknowledgement.body  # plain text: the name as typed, not entity soup


# -- attachments ------------------------------------------------------------------------------


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    "name, shown",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\evil.pdf", "evil.pdf"),
        ("/etc/cron.d/evil.pdf", "evil.pdf"),
        ("report\u202efdp.exe.pdf", "reportfdp.exe.pdf"),  # right-to-left override: removed, not replaced
        ("<script>alert(1)</script>.pdf", "script_.pdf"),  # "/" ends a path: only the last part is kept
        ("a" * 500 + ".pdf", "a" * 100 + ".pdf"),
        ("..", "attachment"),
        ("", "attachment"),
        ("null\x00byte.pdf", "nullbyte.pdf"),  # control characters removed before anything else
    ],
)
def test_an_uploaded_file_name_becomes_a_short_safe_label(name, shown):
    assert clean_name(name) == shown


def test_file_names_are_labels_never_paths(client, demo, settings, django_capture_on_commit_callbacks):
    names = ["../../etc/passwd.pdf", "report\u202efdp.exe.pdf", "x" * 300 + ".pdf"]
    data = valid_post("council-b", attachments=[upload(n, PDF) for n in names])
    assert client.post(page_url("council-b"), data).status_code == 302
    root = Path(settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT).resolve()
    for attachment in Attachment.objects.all():
        stored = Path(attachment.file.path).resolve()
        assert root in stored.parents  # inside the private folder, whatever the name said
        assert stored.name.endswith(".pdf") and len(stored.stem) == 32  # a random hex name
        assert "/" not in attachment.original_name and "\u202e" not in attachment.original_name
        assert len(attachment.original_name) <= 120
    assert not (root.parent / "etc").exists()


def test_the_type_comes_from_the_content_not_the_name(client, demo):
    data = valid_post("council-b", attachments=[upload("photo.pdf", PNG)])  # a PNG called .pdf
    assert client.post(page_url("council-b"), data).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.file.name.endswith(".png")
    assert attachment.original_name == "photo.png"  # the extension of what it is


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("letter.pdf", b"<html><script>alert(1)</script></html>"),
        ("notes.pdf", b"just some text"),  # text, but not named .txt
        ("run.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00 an executable"),
        ("archive.pdf", b"PK\x03\x04" + b"\x00" * 40),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_content_that_is_not_an_allowed_type_is_refused_whatever_its_name(client, demo, name, content):
    html = client.post(page_url("council-b"), valid_post("council-b", attachments=[upload(name, content)])).content.decode()
    assert "must be a PDF" in html
    assert not Complaint.objects.exists() and not Attachment.objects.exists()


def test_html_sent_as_a_txt_file_is_downloaded_as_plain_text_never_rendered(client, demo):
    data = valid_post("council-b", attachments=[upload("notes.txt", b"<script>alert(1)</script>")])
    assert client.post(page_url("council-b"), data).status_code == 302
    attachment = Attachment.objects.get()
    staff = Client()
    staff.force_login(UserFactory(is_superuser=True))
    response = staff.get(reverse("complaints_cases:attachment", args=[attachment.case_id, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "files, message",
    [
        ([upload("big.pdf", PDF + b"0" * 4096)], "must be smaller than 2KB"),
        ([upload(f"f{i}.pdf", PDF) for i in range(4)], "Select up to 3 files"),
    ],
)
def test_oversized_and_too_many_files_are_refused_and_nothing_is_kept(client, demo, settings, files, message):
    settings.COMPLAINTS_PROCESS_ATTACHMENT_MAX_BYTES = 2048
    settings.COMPLAINTS_PROCESS_ATTACHMENT_MAX_COUNT = 3
    html = client.post(page_url("council-b"), valid_post("council-b", attachments=files)).content.decode()
    assert message in html
    assert not Complaint.objects.exists() and not Attachment.objects.exists()
    root = Path(settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT)
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))
