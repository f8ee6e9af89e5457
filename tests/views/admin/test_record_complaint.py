"""Staff record a complaint received by phone, letter, email, in person or on recorded media."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints_process.models import Complaint

pytestmark = pytest.mark.django_db

CREATE = "complaints_cases:create"


def form_data(**overrides):
    data = {
        "channel": "recorded_media",
        "received_on-day": "4",
        "received_on-month": "3",
        "received_on-year": "2026",
        "complainant_relationship": "parent_or_carer",
        "complainant_name": "Morgan Caller",
        "child_name": "Kit Caller",
        "child_agrees": "yes",
        "service": "Children's social care",
        "what_happened": "Nobody returned my calls for a month.",
        "happened_on-day": "1",
        "happened_on-month": "2",
        "happened_on-year": "2026",
        "desired_outcome": "A named worker.",
        "preferred_contact": "phone",
        "complainant_phone": "01234 567890",
    }
    data.update(overrides)
    return data


def test_officer_records_a_recorded_media_complaint_with_its_audio(as_user, officer, walsall):
    client = as_user(officer)
    assert client.get(reverse(CREATE)).status_code == 200
    audio = SimpleUploadedFile("voicemail.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64, content_type="audio/mpeg")
    response = client.post(reverse(CREATE), {**form_data(), "attachments": [audio]})
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Complaint.objects.get(authority=walsall)
    assert (case.channel, case.received_on, case.created_by) == ("recorded_media", date(2026, 3, 4), officer)
    assert case.deadlines.get(clock_key="acknowledgement").starts == date(2026, 3, 4)  # the clocks start on receipt
    assert [a.original_name for a in case.attachments.all()] == ["voicemail.mp3"]
    assert "child agrees" in case.child_consent_notes
    assert "Morgan" not in response.url  # the reference is in the page, never the name
    page = client.get(response.url).content.decode()
    assert "voicemail.mp3" in page and case.reference in page


@pytest.mark.parametrize("channel", ["phone", "letter", "email", "in_person", "recorded_media"])
def test_every_channel_is_accepted(as_user, officer, walsall, channel):
    response = as_user(officer).post(reverse(CREATE), form_data(channel=channel))
    assert response.status_code == 302
    assert Complaint.objects.get(authority=walsall).channel == channel


def test_same_validation_as_the_public_form(as_user, officer, walsall):
    client = as_user(officer)
    response = client.post(reverse(CREATE), form_data(complainant_name="", preferred_contact="email", complainant_email=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter your full name" in html and "Enter your email address" in html
    response = client.post(reverse(CREATE), form_data(**{"received_on-year": "2027"}))
    assert response.status_code == 400 and "today or in the past" in response.content.decode()
    response = client.post(reverse(CREATE), form_data(channel=""))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_file_that_is_not_allowed_is_refused(as_user, officer, walsall):
    bad = SimpleUploadedFile("notes.exe", b"MZ\x90\x00" + b"\x00" * 64)
    response = as_user(officer).post(reverse(CREATE), {**form_data(), "attachments": [bad]})
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_editors_and_process_administrators_cannot_record(as_user, editor, process_admin):
    assert as_user(editor).get(reverse(CREATE)).status_code == 403
    assert as_user(process_admin).get(reverse(CREATE)).status_code == 403
