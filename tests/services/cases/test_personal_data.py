"""The personal fields of a complaint are declared once (``models.personal_data``): what is
declared there is exported to the complainant on a subject access request and cleared by
retention, with nothing else to change."""

import io
import json
import zipfile
from datetime import date

import pytest

import complaints_process.services.cases as svc
from complaints_process.models import Complaint, personal_data
from complaints_process.services import retention, subject_access
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def exported_case_fields(authority, user) -> dict:
    made = subject_access.export(authority, subject_access.Search(email="alex@example.test"), user=user, today=date(2026, 3, 10))
    with zipfile.ZipFile(io.BytesIO(made.content)) as archive:
        return json.loads(archive.read("summary.json"))["cases"][0]["case"]


def test_the_export_shows_the_personal_fields_and_the_record(seed, superuser):
    walsall = seed("walsall")
    ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2), complainant_phone="07700 900123")
    fields = exported_case_fields(walsall, superuser)
    assert {"complainant_name", "complainant_phone", "child_date_of_birth", "decision_reason", "reference", "state"} <= set(fields)
    assert (fields["complainant_name"], fields["complainant_phone"]) == ("Alex Example", "07700 900123")
    assert "status_token" not in fields  # the status link's secret is not the complainant's data


def test_a_field_added_to_the_declaration_is_exported_and_cleared(seed, superuser, monkeypatch):
    """``ombudsman_url`` is a field of the case that is not personal: declared so for this
    test, the export and retention take it up with no other change."""
    walsall = seed("walsall")
    monkeypatch.setattr(
        personal_data, "PERSONAL_FIELDS", (*personal_data.PERSONAL_FIELDS, personal_data.PersonalField("ombudsman_url", ""))
    )
    case = ComplaintFactory(authority=walsall, received_on=date(2020, 1, 6))
    Complaint.objects.filter(pk=case.pk).update(ombudsman_url="https://example.test/alex-example")
    assert exported_case_fields(walsall, superuser)["ombudsman_url"] == "https://example.test/alex-example"

    svc.withdraw(Complaint.objects.get(pk=case.pk), user=superuser, reason="Withdrawn.", on=date(2020, 2, 3))
    assert retention.anonymise_case(case.pk, today=date(2026, 3, 10)) is True
    case = Complaint.objects.get(pk=case.pk)
    assert (case.ombudsman_url, case.complainant_name, case.service) == ("", "", "Children's social care")


def test_filing_takes_the_personal_fields_given_with_a_complaint_and_no_others(seed):
    walsall = seed("walsall")
    case = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2), complainant_phone="07700 900123", needs_signer=True)
    assert (case.complainant_phone, case.needs_signer) == ("07700 900123", True)
    with pytest.raises(TypeError, match="decision_reason"):
        ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2), decision_reason="Recorded by an officer later")
