"""Data protection in the admin: who opened each case, and subject access exports.

Walsall's complaints manager may export; its officer may not; Hampshire's staff never see a
Walsall case.  Today is Tuesday 10 March 2026 (see conftest).
"""

import io
import json
import logging
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

import complaints_process.services.cases as svc
from complaints_process.models import AccessKind, Attachment, CaseAccess, CaseEvent, Feedback
from complaints_process.work.retention import run_retention
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("complaints_subject_access:index")
EMAIL = "alex@example.test"


def inspect_url(case):
    return reverse("complaints_cases:inspect", args=[case.pk])


def export_url(case):
    return reverse("complaints_cases:subject_access", args=[case.pk])


def with_attachment(case, name="letter.pdf", content=b"%PDF-1.4 from Alex"):
    attachment = Attachment(case=case, original_name=name, content_type="application/pdf")
    attachment.file.save("stored-" + name, ContentFile(content), save=True)
    return attachment


def unzip(response) -> tuple[dict, dict[str, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    files = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(files["summary.json"]), files


# --- who opened the case ---------------------------------------------------------------------


def test_opening_the_case_page_records_who_and_when(as_user, officer, walsall_case):
    assert as_user(officer).get(inspect_url(walsall_case)).status_code == 200
    [access] = CaseAccess.objects.filter(case=walsall_case)
    assert (access.user, access.kind, access.detail, access.at.date()) == (officer, AccessKind.CASE_PAGE, "", date(2026, 3, 10))


def test_downloading_an_attachment_and_opening_the_history_are_recorded(as_user, officer, walsall_case):
    attachment = with_attachment(walsall_case)
    client = as_user(officer)
    assert client.get(reverse("complaints_cases:attachment", args=[walsall_case.pk, attachment.pk])).status_code == 200
    assert client.get(reverse("complaints_cases:history", args=[walsall_case.pk])).status_code == 200
    rows = list(CaseAccess.objects.filter(case=walsall_case).order_by("id").values_list("user", "kind", "detail"))
    assert rows == [(officer.pk, "attachment", str(attachment.pk)), (officer.pk, "history", "")]


def test_a_refused_view_records_nothing(as_user, other_officer, walsall_case):
    assert as_user(other_officer).get(inspect_url(walsall_case)).status_code == 404
    assert not CaseAccess.objects.exists()


def test_managers_see_who_has_viewed_the_case_and_officers_do_not(as_user, officer, manager, walsall_case):
    as_user(officer).get(inspect_url(walsall_case))
    page = as_user(manager).get(inspect_url(walsall_case)).content.decode()
    assert "Who has viewed this case" in page
    assert page.count("Opened the case page") == 2  # the officer's view, then the manager's own
    assert "Officer" in page and "Manager" in page
    assert export_url(walsall_case) in page
    officer_page = as_user(officer).get(inspect_url(walsall_case)).content.decode()
    assert "Who has viewed this case" not in officer_page and export_url(walsall_case) not in officer_page


def test_an_anonymised_case_says_so_on_its_page(as_user, manager, walsall):
    case = ComplaintFactory(authority=walsall, received_on=date(2019, 1, 7))
    svc.withdraw(case, user=manager, on=date(2019, 2, 1))
    run_retention(date(2026, 3, 10))
    page = as_user(manager).get(inspect_url(case)).content.decode()
    assert "personal details of this case were removed on 10 March 2026" in page
    assert "Removed (A parent or carer)" in page
    assert "Alex Example" not in page


# --- subject access export -------------------------------------------------------------------


@pytest.fixture
def alex_cases(walsall, hampshire, manager):
    """Two Walsall cases from Alex (one with a file and a sent message), one from someone
    else, one Hampshire case with Alex's address, and a comment from Alex."""
    first = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    with_attachment(first)
    svc.acknowledge(first, user=manager, on=date(2026, 3, 3))
    from complaints_process.work import outbox

    outbox.flush()
    second = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 4), complainant_email="ALEX@example.test", child_name="Kit")
    other = ComplaintFactory(authority=walsall, complainant_name="Bo Other", complainant_email="bo@example.test")
    elsewhere = ComplaintFactory(authority=hampshire, complainant_name="Alex in Hampshire")
    Feedback.objects.create(
        authority=walsall,
        procedure_slug="childrens-statutory",
        kind="comment",
        service="Fostering",
        message="Thanks to the team.",
        name="Alex Example",
        email=EMAIL,
        received_on=date(2026, 1, 5),
    )
    return {"first": first, "second": second, "other": other, "elsewhere": elsewhere}


def test_the_export_holds_every_case_file_message_and_view_of_the_complainant(as_user, manager, alex_cases):
    first, second = alex_cases["first"], alex_cases["second"]
    client = as_user(manager)
    client.get(inspect_url(first))
    response = client.post(SEARCH, {"query": EMAIL, "step": "export"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'attachment; filename="subject-access-walsall-2026-03-10.zip"'
    summary, files = unzip(response)
    assert [item["case"]["reference"] for item in summary["cases"]] == [first.reference, second.reference]
    one = summary["cases"][0]
    assert one["case"]["complainant_name"] == "Alex Example"
    assert one["case"]["what_happened"] == "Calls were not returned for three weeks."
    assert [point["summary"] for point in one["points_of_complaint"]] == [
        "The social worker did not return calls.",
        "The review meeting was cancelled without notice.",
    ]
    assert [event["what"] for event in one["timeline"]][:2] == ["Complaint received", "Complaint acknowledged"]
    assert one["timeline"][-1]["what"] == "Exported for a subject access request"
    [message] = [m for m in one["messages"] if m["to"] == "The complainant"]
    assert message["status"] == "Sent" and first.reference in message["text_regenerated"]
    assert [(v["who"], v["what"]) for v in one["viewed_by"]] == [
        ("Manager", "Opened the case page"),
        ("Manager", "Exported the case for a subject access request"),
    ]
    [attachment] = one["attachments"]
    assert attachment["name"] == "letter.pdf"
    assert files[attachment["file"]] == b"%PDF-1.4 from Alex"
    assert summary["cases"][1]["case"]["child_name"] == "Kit"
    assert [f["message"] for f in summary["compliments_and_comments"]] == ["Thanks to the team."]
    html = files["summary.html"].decode()
    assert first.reference in html and second.reference in html and "Thanks to the team." in html


def test_other_complainants_and_other_authorities_are_left_out(as_user, manager, alex_cases):
    summary, files = unzip(as_user(manager).post(SEARCH, {"query": EMAIL, "step": "export"}))
    text = json.dumps(summary) + files["summary.html"].decode()
    assert alex_cases["other"].reference not in text and "Bo Other" not in text
    assert alex_cases["elsewhere"].reference not in text and "Alex in Hampshire" not in text


def test_finding_by_reference_covers_every_case_with_the_same_address(as_user, manager, alex_cases):
    response = as_user(manager).post(SEARCH, {"query": alex_cases["second"].reference.lower(), "step": "find"})
    page = response.content.decode()
    assert alex_cases["first"].reference in page and alex_cases["second"].reference in page
    assert alex_cases["other"].reference not in page
    assert "1 compliment or comment" in page
    assert not CaseEvent.objects.filter(action="subject_access_export").exists()  # finding is not exporting


def test_every_export_is_recorded_on_each_case_and_in_the_audit_log(as_user, manager, alex_cases):
    as_user(manager).post(SEARCH, {"query": EMAIL, "step": "export"})
    for case in (alex_cases["first"], alex_cases["second"]):
        event = CaseEvent.objects.get(case=case, action="subject_access_export")
        assert (event.user, event.occurred_on, event.data) == (manager, date(2026, 3, 10), {"cases_in_export": 2})
        assert ModelLogEntry.objects.filter(action="complaints_process.case.subject_access_export", object_id=str(case.pk)).exists()
        assert CaseAccess.objects.filter(case=case, user=manager, kind=AccessKind.EXPORT).count() == 1
    assert not CaseEvent.objects.filter(case=alex_cases["other"], action="subject_access_export").exists()
    # Recording the export does not make the manager the acting owner, nor block back-dated steps.
    svc.accept(alex_cases["first"], user=manager, on=date(2026, 3, 9))


def test_the_email_goes_in_the_post_body_and_nowhere_else(as_user, manager, alex_cases, caplog):
    client = as_user(manager)
    caplog.set_level(logging.DEBUG)
    page = client.get(SEARCH).content.decode()
    assert 'method="post"' in page and 'name="query"' in page
    found = client.post(SEARCH, {"query": EMAIL, "step": "find"})
    assert found.status_code == 200 and "no-store" in found["Cache-Control"]
    exported = client.post(SEARCH, {"query": EMAIL, "step": "export"})
    assert EMAIL not in exported["Content-Disposition"]
    # A search in the query string is ignored: nothing is looked up from a URL.
    from_url = client.get(SEARCH, {"query": EMAIL}).content.decode()
    assert alex_cases["first"].reference not in from_url
    assert EMAIL not in caplog.text and "Alex Example" not in caplog.text
    for entry in ModelLogEntry.objects.all():
        assert EMAIL not in json.dumps(entry.data)
    for event in CaseEvent.objects.filter(action="subject_access_export"):
        assert EMAIL not in json.dumps(event.data)


def test_nothing_found_says_so_and_exports_nothing(as_user, manager, alex_cases):
    response = as_user(manager).post(SEARCH, {"query": "nobody@example.test", "step": "export"})
    assert response.status_code == 200 and "Nothing is held about this complainant in Walsall Council" in response.content.decode()
    assert not CaseEvent.objects.filter(action="subject_access_export").exists()


def test_an_empty_search_is_refused_with_a_clear_message(as_user, manager):
    response = as_user(manager).post(SEARCH, {"query": "  ", "step": "find"})
    assert response.status_code == 400
    assert "Enter the complainant&#x27;s email address or a case reference." in response.content.decode()


def test_officers_and_editors_of_the_authority_are_refused(as_user, officer, editor, alex_cases):
    for user in (officer, editor):
        client = as_user(user)
        assert client.get(SEARCH).status_code == 403
        assert client.post(SEARCH, {"query": EMAIL, "step": "export"}).status_code == 403
    assert as_user(officer).get(export_url(alex_cases["first"])).status_code == 403
    assert as_user(officer).post(export_url(alex_cases["first"])).status_code == 403
    assert not CaseEvent.objects.filter(action="subject_access_export").exists()


def test_another_authoritys_manager_cannot_reach_walsall_records(as_user, other_manager, walsall, alex_cases):
    client = as_user(other_manager)
    # Pointing the form at Walsall: 404.
    assert client.post(SEARCH, {"authority": walsall.pk, "query": EMAIL, "step": "export"}).status_code == 404
    # Their own authority: the Hampshire case with that address only, never Walsall's.
    summary, _ = unzip(client.post(SEARCH, {"query": "alex@example.test", "step": "export"}))
    assert [item["case"]["reference"] for item in summary["cases"]] == [alex_cases["elsewhere"].reference]
    assert summary["compliments_and_comments"] == []
    # A Walsall reference finds nothing in Hampshire.
    page = client.post(SEARCH, {"query": alex_cases["first"].reference, "step": "find"}).content.decode()
    assert "Nothing is held" in page
    assert client.get(export_url(alex_cases["first"])).status_code == 404
    assert client.post(export_url(alex_cases["first"])).status_code == 404
    assert not CaseEvent.objects.filter(case__authority=walsall, action="subject_access_export").exists()


def test_the_case_page_export_covers_that_cases_complainant(as_user, manager, alex_cases):
    client = as_user(manager)
    page = client.get(export_url(alex_cases["second"])).content.decode()
    assert alex_cases["first"].reference in page and "Download the export (ZIP)" in page
    summary, _ = unzip(client.post(export_url(alex_cases["second"])))
    assert [item["case"]["reference"] for item in summary["cases"]] == [alex_cases["first"].reference, alex_cases["second"].reference]


def test_the_export_of_an_anonymised_case_holds_no_personal_data(as_user, manager, walsall):
    case = ComplaintFactory(authority=walsall, received_on=date(2019, 1, 7))
    with_attachment(case)
    svc.withdraw(case, user=manager, reason="Alex Example withdrew", on=date(2019, 2, 1))
    run_retention(date(2026, 3, 10))
    summary, files = unzip(as_user(manager).post(export_url(case)))
    text = json.dumps(summary) + files["summary.html"].decode()
    assert "Alex Example" not in text and EMAIL not in text and "Sam Example" not in text
    assert summary["cases"][0]["case"]["anonymised_on"] == "2026-03-10"
    assert not any(name.startswith("attachments/") for name in files)
