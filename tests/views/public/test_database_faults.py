"""The database failing in the middle of filing: nothing half-written, a clean 503, one case on retry.

The failure is injected after the complaint row, its points, clocks and first event have been
written, while its attachment is being stored (as a dropped PostgreSQL connection would surface):
the whole filing rolls back, the person gets a plain "try again" page (JSON under the API)
with ``Retry-After`` and nothing of theirs in it, and sending again with the same submission
key (the form carries it) or ``Idempotency-Key`` (the API) files exactly one case.  The same
drill against a real PostgreSQL restart is ``benchmarks/drills/postgres_restart.py``
(docs/security.md).
"""

import json
import logging
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from complaints_process import services
from complaints_process.idempotency import new_form_key
from complaints_process.models import Attachment, CaseEvent, Complaint, Deadline, PointOfComplaint, ReferenceSequence, Submission
from tests.api.helpers import load_seed_configs
from tests.views.public.conftest import page_url, valid_post

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today():
    cache.clear()
    with time_machine.travel(date(2026, 4, 1), tick=False):
        yield


def rows():
    return {
        "complaints": Complaint.objects.count(),
        "points": PointOfComplaint.objects.count(),
        "events": CaseEvent.objects.count(),
        "deadlines": Deadline.objects.count(),
        "submissions": Submission.objects.count(),
        "attachments": Attachment.objects.count(),
        "last_reference": list(ReferenceSequence.objects.values_list("last_number", flat=True)),
    }


@pytest.fixture
def database_drops_mid_filing(monkeypatch):
    """The connection is lost after the case rows are written, while the attachment is saved."""
    calls = []
    real = services.public.save_attachments

    def fail(case, checked, saved):
        assert Complaint.objects.filter(pk=case.pk).exists()  # the case row really was written
        real(case, checked, saved)  # and its file stored: the rollback must remove it
        calls.append(case.reference)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services.public, "save_attachments", fail)
    return lambda: monkeypatch.setattr(services.public, "save_attachments", real)


def test_the_form_rolls_back_answers_503_and_files_once_on_retry(
    client, demo, settings, database_drops_mid_filing, caplog, django_capture_on_commit_callbacks
):
    before = rows()
    data = valid_post("council-b", submission_key=new_form_key(), attachments=[SimpleUploadedFile("letter.pdf", PDF)])
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(page_url("council-b"), data)
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in html and "Nothing you sent has been saved" in html
    assert "Traceback" not in html and "Sam Example" not in html and "OperationalError" not in html
    assert rows() == before  # nothing half-written
    assert callbacks == []  # no confirmation email queued for a case that does not exist
    root = Path(settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT)
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))  # the stored file removed
    assert "Sam Example" not in caplog.text and "sam@example.org" not in caplog.text
    assert "Database unavailable (OperationalError)" in caplog.text

    database_drops_mid_filing()  # the database is back
    data["attachments"] = [SimpleUploadedFile("letter.pdf", PDF)]
    first = client.post(page_url("council-b"), data)
    data["attachments"] = [SimpleUploadedFile("letter.pdf", PDF)]
    again = client.post(page_url("council-b"), data)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Complaint.objects.count() == 1 and Attachment.objects.count() == 1 and Submission.objects.count() == 1


def test_the_api_rolls_back_answers_503_and_files_once_on_retry(client, database_drops_mid_filing):
    load_seed_configs()
    body = {
        "authority": "walsall",
        "complainant_relationship": "parent_or_carer",
        "complainant_name": "Sam Example",
        "child_name": "Alex Example",
        "child_agrees": "yes",
        "service": "Children's disability team",
        "what_happened": "The respite care did not start.",
        "happened_on": "2026-03-01",
        "desired_outcome": "Start it.",
        "preferred_contact": "email",
        "complainant_email": "sam@example.org",
    }
    files = {"attachments": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")}
    before = rows()
    response = client.post("/api/complaints/v1/complaints/multipart", {**body, **files}, headers={"Idempotency-Key": "api-key-1-0f1e2d3c4b5a"})
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["detail"][0]["type"] == "unavailable" and "Sam" not in response.content.decode()
    assert rows() == before

    database_drops_mid_filing()
    post = lambda: client.post(  # noqa: E731
        "/api/complaints/v1/complaints/",
        json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": "api-key-1-0f1e2d3c4b5a"},
    )
    first, again = post(), post()
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert Complaint.objects.count() == 1
