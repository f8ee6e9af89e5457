"""The complaint form block: fields from each config, validation, filing, attachments, spam."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints_process.idempotency import new_form_key
from complaints_process.models import Attachment, ChildConsent, Complaint, Feedback
from tests.views.public.conftest import FORM_SLUGS, page_url, valid_post

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_each_seed_form_follows_its_config(client, demo):
    forms = {slug: client.get(page_url(slug)).content.decode() for slug in FORM_SLUGS}
    for html in forms.values():
        assert 'enctype="multipart/form-data"' in html and 'name="submission_key"' in html
        assert 'name="website"' in html  # the honeypot
    # who may complain: walsall lists three, council-b five (prospective users included)
    assert 'value="someone_with_interest"' not in forms["walsall"]
    assert 'value="prospective_service_user"' in forms["council-b"]
    assert 'value="someone_with_interest"' in forms["hampshire"]
    # the child's consent: asked where the config asks (walsall) or parental consent may be needed (hampshire)
    assert 'name="child_agrees"' in forms["walsall"] and 'name="child_agrees"' in forms["hampshire"]
    assert 'name="child_agrees"' not in forms["council-b"]
    # compliments and comments: Hampshire only
    assert 'value="compliment"' in forms["hampshire"] and 'value="comment"' in forms["hampshire"]
    assert all('value="compliment"' not in forms[s] for s in FORM_SLUGS if s != "hampshire")
    # routing question only where the authority has a statutory and a corporate procedure
    assert 'name="about_statutory"' in forms["council-a"] and 'name="about_statutory"' not in forms["walsall"]
    # awareness date only where the limit runs from the event or awareness
    assert 'name="became_aware_on-day"' in forms["walsall"] and 'name="became_aware_on-day"' not in forms["hampshire"]


@pytest.mark.parametrize("slug", FORM_SLUGS)
def test_file_on_each_seed_page(client, demo, slug, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url(slug), valid_post(slug))
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.authority.slug == slug and case.state == "received" and case.channel == "online"
    assert response["Location"] == f"/complaints/confirmation/{case.reference}/"
    page = client.get(response["Location"]).content.decode()
    assert case.reference in page and "We will acknowledge your complaint" in page
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject
    assert "Sam" not in mail.outbox[0].subject
    assert "/complaints/status/" in mail.outbox[0].body and "token=" in mail.outbox[0].body
    assert len(case.status_token) == 64  # a SHA-256, not the token itself
    assert case.status_token not in mail.outbox[0].body
    # The confirmation went through the outbox and is on the case's timeline (without the token).
    [event] = case.events.filter(action="notification_sent")
    notification = case.notifications.get(kind="confirmation", status="sent")
    assert event.data == {"notification": notification.pk, "kind": "confirmation", "recipient": "complainant", "recipients": 1}


def test_errors_are_summarised_and_linked(client, demo):
    response = client.post(page_url("walsall"), valid_post("walsall", complainant_name="", child_name="", preferred_contact=None))
    html = response.content.decode()
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert "<title>Error: " in html and "There is a problem" in html
    assert 'href="#f-complainant_name">Enter your full name' in html
    assert 'href="#f-child_name">Enter the child or young person' in html  # walsall must_tell: child_name
    assert 'href="#f-preferred_contact">Select how you would like us to contact you' in html
    assert 'id="f-complainant_name"' in html and 'id="f-preferred_contact"' in html
    assert 'aria-describedby="f-complainant_name-hint f-complainant_name-error"' not in html  # no hint on name
    assert 'aria-describedby=" f-complainant_name-error"' in html or "f-complainant_name-error" in html


def test_required_answers_follow_must_tell(client, demo):
    # walsall must_tell: desired_outcome -> required; hampshire must_tell has it too; council-a does not
    assert b"Enter what would put things right" in client.post(page_url("walsall"), valid_post("walsall", desired_outcome="")).content
    response = client.post(page_url("council-a"), valid_post("council-a", desired_outcome=""))
    assert response.status_code == 302


def test_contact_detail_for_chosen_method(client, demo):
    response = client.post(page_url("council-b"), valid_post("council-b", preferred_contact="phone"))
    assert b'href="#f-complainant_phone">Enter your phone number' in response.content


def test_bad_and_future_dates(client, demo):
    html = client.post(page_url("council-b"), valid_post("council-b", **{"happened_on-month": "13"})).content.decode()
    assert "The date it happened must be a real date" in html and 'href="#f-happened_on-day"' in html
    html = client.post(page_url("council-b"), valid_post("council-b", **{"happened_on-year": "2027"})).content.decode()
    assert "must be today or in the past" in html
    html = client.post(page_url("council-b"), valid_post("council-b", **{"happened_on-day": ""})).content.decode()
    assert "must include a day" in html
    assert not Complaint.objects.exists()


def test_late_date_is_explained_not_refused(client, demo):
    late = valid_post("hampshire", **{"happened_on-year": "2024"})
    html = client.post(page_url("hampshire"), late).content.decode()
    assert not Complaint.objects.exists()
    assert "You should complain within 12 months" in html and "You can still send your complaint" in html
    assert 'name="late_rule_shown" value="True"' in html
    # sent again as it is, having been told: accepted
    response = client.post(page_url("hampshire"), {**late, "late_rule_shown": "True"})
    assert response.status_code == 302
    # or with an explanation, at once
    response = client.post(page_url("hampshire"), {**late, "late_explanation": "I was in hospital."})
    assert response.status_code == 302
    assert Complaint.objects.filter(late_explanation="I was in hospital.").count() == 1


def test_awareness_date_counts_where_the_config_says(client, demo):
    # walsall: "12 months from the event or from realising" -> a recent awareness date is in time
    data = valid_post(
        "walsall", **{"happened_on-year": "2024", "became_aware_on-day": "1", "became_aware_on-month": "2", "became_aware_on-year": "2026"}
    )
    assert client.post(page_url("walsall"), data).status_code == 302


def test_child_consent_recorded_as_told(client, demo):
    client.post(page_url("walsall"), valid_post("walsall", child_agrees="no"))
    assert Complaint.objects.get().child_consent == ChildConsent.REFUSED
    html = client.post(page_url("walsall"), valid_post("walsall", child_agrees=None)).content.decode()
    assert "Select whether the child or young person agrees" in html
    client.post(page_url("walsall"), valid_post("walsall", complainant_relationship="child", child_agrees=None, child_name=""))
    assert Complaint.objects.order_by("-id").first().child_consent == ChildConsent.NOT_NEEDED


def test_routing_to_the_corporate_procedure(client, demo):
    client.post(page_url("council-a"), valid_post("council-a", about_statutory="no"))
    assert Complaint.objects.get().procedure_slug == "corporate"


def test_compliments_and_comments_for_hampshire(client, demo, django_capture_on_commit_callbacks):
    data = {"kind": "compliment", "service": "Fostering team", "what_happened": "Thank you, Jo.", "submission_key": "k1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_url("hampshire"), data)
    assert response.status_code == 302 and response["Location"] == "/complaints/thank-you/"
    feedback = Feedback.objects.get()
    assert feedback.kind == "compliment" and not Complaint.objects.exists()
    assert mail.outbox[-1].to == ["childrens.services@hants.gov.uk"]
    assert b"Your compliment has been sent" in client.get(response["Location"]).content
    # a comment needs its text; walsall takes no feedback: the kind is ignored and the complaint rules apply
    assert b"Enter your comment" in client.post(page_url("hampshire"), {"kind": "comment", "service": "x"}).content
    response = client.post(page_url("walsall"), {"kind": "compliment", "service": "x", "what_happened": "y"})
    assert response.status_code == 200 and Feedback.objects.count() == 1


def test_hostile_input_is_escaped(client, demo):
    evil = '<script>alert("x")</script>'
    html = client.post(page_url("walsall"), valid_post("walsall", complainant_name=evil, service=evil, child_name="")).content.decode()
    assert evil not in html and "&lt;script&gt;" in html
    response = client.post(page_url("walsall"), valid_post("walsall", what_happened=evil))
    assert response.status_code == 302
    assert evil not in client.get(response["Location"]).content.decode()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_attachments_are_checked_and_kept_private(client, demo, settings, tmp_path):
    data = valid_post(
        "council-b", attachments=[upload("letter.pdf", PDF), upload("../../etc/photo.png", PNG), upload("notes.txt", "café notes".encode())]
    )
    assert client.post(page_url("council-b"), data).status_code == 302
    attachments = Attachment.objects.order_by("id")
    assert [a.original_name for a in attachments] == ["letter.pdf", "photo.png", "notes.txt"]
    assert [a.content_type for a in attachments] == ["application/pdf", "image/png", "text/plain"]
    for attachment in attachments:
        assert attachment.file.path.startswith(settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT)
        assert not attachment.file.path.startswith(settings.MEDIA_ROOT)
        assert "letter" not in attachment.file.name and "photo" not in attachment.file.name


@pytest.mark.parametrize(
    "files, message",
    [
        ([upload("evil.pdf", b"MZ\x90\x00 an executable")], "must be a PDF"),
        ([upload("script.txt", b"\x00\x01binary")], "must be a PDF"),
        ([upload("big.pdf", PDF + b"0" * 2048)], "must be smaller than"),
        ([upload(f"f{i}.pdf", PDF) for i in range(3)], "Select up to 2 files"),
        ([upload("empty.pdf", b"")], "is empty"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_saved(client, demo, settings, files, message):
    settings.COMPLAINTS_PROCESS_ATTACHMENT_MAX_BYTES = 1024
    settings.COMPLAINTS_PROCESS_ATTACHMENT_MAX_COUNT = 2
    html = client.post(page_url("council-b"), valid_post("council-b", attachments=files)).content.decode()
    assert message in html and 'href="#f-attachments"' in html
    assert not Complaint.objects.exists() and not Attachment.objects.exists()


def test_double_submission_files_once(client, demo, django_capture_on_commit_callbacks):
    data = valid_post("walsall", submission_key=new_form_key())  # the key the server put in the form
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(page_url("walsall"), data)
        second = client.post(page_url("walsall"), data)
    assert first["Location"] == second["Location"]
    assert Complaint.objects.count() == 1 and len(mail.outbox) == 1


def test_honeypot(client, demo):
    response = client.post(page_url("walsall"), valid_post("walsall", website="http://spam.example"))
    assert response.status_code == 400 and not Complaint.objects.exists()


def test_rate_limit(client, demo, settings):
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"file": (2, 3600)}
    for _ in range(2):
        client.post(page_url("walsall"), valid_post("walsall", complainant_name=""))
    response = client.post(page_url("walsall"), valid_post("walsall"))
    assert response.status_code == 429 and not Complaint.objects.exists()
    # another client is not limited
    assert client.post(page_url("walsall"), valid_post("walsall"), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_confirmation_needs_the_filing_session(client, demo):
    response = client.post(page_url("walsall"), valid_post("walsall"))
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404


def test_the_form_asks_for_the_consent_the_authoritys_page_names(client, demo):
    # Walsall (004): "If you're complaining on a child's behalf, we will check if they are happy
    # for this to happen."
    walsall = client.get(page_url("walsall")).content.decode()
    assert "do they agree to you complaining for them?" in walsall
    # Hampshire (003): "it may not be possible to deal with your concerns unless the child's
    # parent, guardian or carer has given their consent for someone to act on their behalf"
    hampshire = client.get(page_url("hampshire")).content.decode()
    assert "has their parent, guardian or carer given their consent for you to act on the child&#x27;s behalf?" in hampshire
    assert "do they agree to you complaining for them?" not in hampshire
    assert "I have parental responsibility for the child" in hampshire
