"""The retention task: closed cases past their procedure's retention period are anonymised,
their files deleted; everything else is left alone.

Today is Tuesday 10 March 2026.  The seed configs inherit the templates' rule, "6 years"
after closure: a case closed on 10 March 2020 is anonymised today, one closed on 11 March
2020 (six years less a day ago) is kept until tomorrow.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_q.models import Schedule
from wagtail.models import ModelLogEntry

import complaints_process.services.cases as svc
from complaints_process.models import Appointment, Attachment, CaseEvent, CaseTheme, Complaint, PointOfComplaint
from complaints_process.services import retention as retention_service
from complaints_process.work import retention, schedule, tasks
from tests.factories import ComplaintFactory, UserFactory, publish_seed

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)
#: The complaint's fields retention clears, with what each becomes (written out here, not read
#: from the declaration in ``models.personal_data``).
CLEARED = {
    "complainant_name": "",
    "complainant_email": "",
    "complainant_phone": "",
    "complainant_address": "",
    "preferred_contact": "",
    "child_name": "",
    "child_date_of_birth": None,
    "child_consent_notes": "",
    "what_happened": "",
    "happened_on": None,
    "became_aware_on": None,
    "desired_outcome": "",
    "late_explanation": "",
    "needs_interpreter": False,
    "interpreter_language": "",
    "needs_signer": False,
    "other_access_needs": "",
    "decision_reason": "",
}
PERSONAL = ("Alex Example", "alex@example.test", "07700 900123", "Sam Example", "Calls were not returned", "Spoke to Alex")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 3, 10, 12, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def walsall():
    return publish_seed("walsall")


@pytest.fixture
def su():
    return UserFactory(is_superuser=True)


def closed_case(authority, closed_on: date, user, *, files=(), **fields):
    """A case received a month before ``closed_on`` and withdrawn that day, with files."""
    fields.setdefault("complainant_phone", "07700 900123")
    case = ComplaintFactory(authority=authority, received_on=closed_on - timedelta(days=30), **fields)
    for name in files:
        attachment = Attachment(case=case, original_name=f"Alex Example {name}", content_type="application/pdf")
        attachment.file.save(name, ContentFile(b"%PDF-1.4 letter from Alex Example"), save=True)
    return svc.withdraw(case, user=user, reason="Spoke to Alex Example, who withdrew.", on=closed_on)


def fresh(case) -> Complaint:
    return Complaint.objects.get(pk=case.pk)


def test_a_case_closed_six_years_less_a_day_ago_is_kept(walsall, su):
    case = closed_case(walsall, date(2020, 3, 11), su)
    assert retention.run_retention(TODAY)["anonymised"] == 0
    kept = fresh(case)
    assert (kept.anonymised_on, kept.complainant_name, kept.complainant_email) == (None, "Alex Example", "alex@example.test")
    # The next day it is past retention.
    assert retention.run_retention(date(2026, 3, 11))["anonymised"] == 1


@pytest.mark.parametrize("closed_on", [date(2020, 3, 10), date(2020, 3, 9), date(2019, 1, 31)])
def test_a_case_closed_six_years_ago_or_more_is_anonymised(walsall, su, closed_on):
    case = closed_case(walsall, closed_on, su)
    assert retention.run_retention(TODAY) == {"today": "2026-03-10", "anonymised": 1, "failed": 0, "feedback_anonymised": 0, "more": False}
    gone = fresh(case)
    assert gone.anonymised_on == TODAY
    assert gone.closed_on == closed_on


def test_anonymising_removes_every_personal_field_and_free_text(walsall, su):
    case = ComplaintFactory(
        authority=walsall,
        received_on=date(2019, 12, 2),
        complainant_phone="07700 900123",
        complainant_address="1 Example Street",
        child_date_of_birth=date(2012, 5, 1),
        late_explanation="Alex Example was in hospital.",
        needs_interpreter=True,
        interpreter_language="Polish",
        other_access_needs="Large print",
        happened_on=date(2019, 11, 1),
    )
    case = svc.acknowledge(case, user=su, on=date(2019, 12, 3))
    case = svc.accept(case, user=su, on=date(2019, 12, 3))
    case = svc.extend(case, user=su, reason="Waiting for Alex Example's letter", on=date(2019, 12, 4))
    case = svc.respond(case, user=su, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2019, 12, 20))
    case = svc.escalate(case, user=su, on=date(2020, 1, 6))
    case = svc.appoint(
        case, user=su, role="investigating_officer", person_name="Ivy Investigator", person_email="ivy@example.test", on=date(2020, 1, 7)
    )
    case = svc.withdraw(case, user=su, reason="Spoke to Alex Example, who withdrew.", on=date(2020, 1, 10))
    old_token = case.status_token

    retention.run_retention(TODAY)

    case = fresh(case)
    for field, value in CLEARED.items():
        assert getattr(case, field) == value, field
    assert case.status_token != old_token
    assert list(PointOfComplaint.objects.filter(case=case).values_list("summary", flat=True)) == ["", ""]
    assert list(Appointment.objects.filter(case=case).values_list("person_name", "person_email")) == [("", "")]
    assert set(case.deadlines.values_list("extension_reason", flat=True)) == {""}
    assert set(case.events.exclude(action="anonymise").values_list("reason", flat=True)) == {""}
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Complaint), object_id=str(case.pk))
    assert not any((entry.data or {}).get("reason") for entry in entries)
    # Kept: what the annual report counts.
    assert (case.received_on, case.closed_on, case.closure_reason, case.state) == (
        date(2019, 12, 2),
        date(2020, 1, 10),
        "withdrawn",
        "withdrawn",
    )
    assert (case.complainant_relationship, case.service, case.reference[:4]) == ("parent_or_carer", "Children's social care", "WAL-")
    outcomes = sorted(case.points.values_list("outcomes__stage", "outcomes__outcome"))
    assert outcomes == [("stage1", "not_upheld"), ("stage1", "upheld")]
    # Nothing personal is left anywhere in the case's rows.
    everything = repr(list(Complaint.objects.filter(pk=case.pk).values())) + repr(list(case.events.values()))
    everything += repr(list(entries.values("data")))
    for secret in PERSONAL + ("1 Example Street", "Polish", "Large print", "Ivy Investigator", "ivy@example.test", "hospital"):
        assert secret not in everything, secret


def test_the_case_timeline_and_audit_log_record_the_anonymisation(walsall, su):
    case = closed_case(walsall, date(2020, 3, 2), su)
    retention.run_retention(TODAY)
    event = CaseEvent.objects.get(case=case, action="anonymise")
    assert (event.occurred_on, event.user, event.from_state, event.to_state) == (TODAY, None, "withdrawn", "withdrawn")
    assert event.data == {"retention": "6 years", "counted_from": "closure", "closed_on": "2020-03-02", "attachments_deleted": 0}
    log = ModelLogEntry.objects.get(action="complaints_process.case.anonymise", object_id=str(case.pk))
    assert log.user is None and log.label == case.reference


def test_attachment_files_are_deleted_from_storage(walsall, su):
    case = closed_case(walsall, date(2020, 1, 15), su, files=("letter.pdf", "scan.pdf"))
    names = [attachment.file.name for attachment in case.attachments.all()]
    storage = Attachment._meta.get_field("file").storage
    assert names and all(storage.exists(name) for name in names)
    retention.run_retention(TODAY)
    assert not any(storage.exists(name) for name in names)
    assert not Attachment.objects.filter(case=case).exists()
    assert CaseEvent.objects.get(case=case, action="anonymise").data["attachments_deleted"] == 2


def test_open_cases_are_never_touched_however_old(walsall, su):
    old_open = ComplaintFactory(authority=walsall, received_on=date(2015, 1, 5))
    svc.accept(old_open, user=su, on=date(2015, 1, 6))
    assert retention.run_retention(date(2040, 1, 1))["anonymised"] == 0
    kept = fresh(old_open)
    assert (kept.anonymised_on, kept.complainant_name, kept.what_happened) == (
        None,
        "Alex Example",
        "Calls were not returned for three weeks.",
    )
    assert retention.run_retention(date(2040, 1, 1), dry_run=True)["due"] == 0


def test_retention_differs_per_authority(walsall, su):
    extends = "    extends: base/statutory-england-2006\n"
    hampshire = publish_seed(
        "hampshire", text_change=lambda text: text.replace(extends, extends + "    retention: {closed_cases: 7 years}\n")
    )
    walsall_case = closed_case(walsall, date(2019, 6, 3), su)
    hampshire_case = closed_case(hampshire, date(2019, 6, 3), su)
    retention.run_retention(TODAY)
    assert fresh(walsall_case).anonymised_on == TODAY
    assert fresh(hampshire_case).anonymised_on is None  # kept until 3 June 2026
    retention.run_retention(date(2026, 6, 3))
    assert fresh(hampshire_case).anonymised_on == date(2026, 6, 3)


def test_a_procedure_without_retention_keeps_its_closed_cases(su):
    extends = "    extends: base/statutory-england-2006\n"
    walsall = publish_seed("walsall", text_change=lambda text: text.replace(extends, extends + "    retention: null\n"))
    case = closed_case(walsall, date(2010, 1, 4), su)
    assert retention.run_retention(TODAY)["anonymised"] == 0
    assert fresh(case).anonymised_on is None


def test_a_changed_rule_applies_to_cases_filed_under_older_versions(walsall, su):
    case = closed_case(walsall, date(2022, 1, 4), su)
    extends = "    extends: base/statutory-england-2006\n"
    publish_seed("walsall", text_change=lambda text: text.replace(extends, extends + "    retention: {closed_cases: 4 years}\n"))
    assert fresh(case).config_version.number == 1
    retention.run_retention(TODAY)
    assert fresh(case).anonymised_on == TODAY
    assert CaseEvent.objects.get(case=case, action="anonymise").data["retention"] == "4 years"


def test_work_per_run_is_bounded_and_the_next_run_continues(walsall, su):
    cases = [closed_case(walsall, date(2019, 1, 7) + timedelta(days=n), su) for n in range(3)]
    summary = {"today": "2026-03-10", "failed": 0, "feedback_anonymised": 0}
    assert retention.run_retention(TODAY, limit=2) == summary | {"anonymised": 2, "more": True}
    assert [fresh(case).anonymised_on for case in cases] == [TODAY, TODAY, None]  # oldest closure first
    assert retention.run_retention(TODAY, limit=2) == summary | {"anonymised": 1, "more": False}


def test_running_again_changes_nothing(walsall, su):
    case = closed_case(walsall, date(2019, 1, 7), su, files=("letter.pdf",))
    retention.run_retention(TODAY)
    before = (fresh(case).updated_at, CaseEvent.objects.filter(case=case).count())
    assert retention.run_retention(TODAY)["anonymised"] == 0
    assert retention_service.anonymise_case(case.pk, today=TODAY) is False
    assert (fresh(case).updated_at, CaseEvent.objects.filter(case=case).count()) == before


def test_a_crash_after_deleting_files_is_finished_by_the_next_run(walsall, su, monkeypatch):
    case = closed_case(walsall, date(2019, 1, 7), su, files=("letter.pdf",))
    [name] = [attachment.file.name for attachment in case.attachments.all()]
    storage = Attachment._meta.get_field("file").storage

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(retention_service, "new_status_token", crash)
    assert retention.run_retention(TODAY)["failed"] == 1
    # Rolled back: the case is not marked, its row still lists the file that is gone.
    assert fresh(case).anonymised_on is None and fresh(case).complainant_name == "Alex Example"
    assert not storage.exists(name)
    monkeypatch.undo()
    assert retention.run_retention(TODAY)["anonymised"] == 1
    assert fresh(case).anonymised_on == TODAY and not Attachment.objects.filter(case=case).exists()


def test_a_failure_is_logged_without_personal_data(walsall, su, monkeypatch, caplog):
    case = closed_case(walsall, date(2019, 1, 7), su)
    monkeypatch.setattr(retention_service, "new_status_token", lambda: (_ for _ in ()).throw(ValueError("Alex Example")))
    retention.run_retention(TODAY)
    assert f"Could not anonymise case {case.pk}: ValueError" in caplog.text
    assert "Alex Example" not in caplog.text


def test_themes_survive_anonymisation(walsall, su):
    case = closed_case(walsall, date(2019, 1, 7), su)
    CaseTheme.objects.create(case=case, theme="Communication")
    retention.run_retention(TODAY)
    assert list(fresh(case).themes.values_list("theme", flat=True)) == ["Communication"]


def test_learning_stays_and_the_ombudsmans_reference_and_remedy_text_go(walsall, su):
    """What the report counts survives; a remedy may name the family, so its text goes (the
    remedy itself is still counted), and so does the Ombudsman's reference, the key to their file."""
    case = closed_case(walsall, date(2019, 1, 7), su)
    svc.add_theme(case, user=su, theme="Delay", on=date(2019, 1, 7))
    svc.record_learning_action(
        case, user=su, action="Weekly call-back checks.", owner="Fostering service", due_on=date(2019, 6, 1), agreed_on=date(2019, 1, 7)
    )
    referral = svc.record_ombudsman_referral(case, user=su, referred_on=date(2019, 3, 1), reference="19 000 321")
    svc.record_ombudsman_decision(
        case, user=su, referral=referral, decision="upheld", decided_on=date(2019, 9, 2), remedy="£250 to Alex Example."
    )
    other = svc.record_ombudsman_referral(case, user=su, referred_on=date(2019, 10, 1), reference="19 000 999")
    retention.run_retention(TODAY)
    case = fresh(case)
    assert list(case.learning_actions.values_list("action", "owner")) == [("Weekly call-back checks.", "Fostering service")]
    assert list(case.ombudsman_referrals.order_by("referred_on").values_list("reference", "decision", "remedy")) == [
        ("", "upheld", retention_service.REMOVED_REMEDY),
        ("", "", ""),
    ]
    assert other.pk in case.ombudsman_referrals.values_list("pk", flat=True)
    events = CaseEvent.objects.filter(case=case)
    assert not events.exclude(reason="").exists()  # the theme and action texts on the timeline too
    assert not any("19 000" in str(data) or "Alex" in str(data) for data in events.values_list("data", flat=True))


def test_migrate_created_the_hourly_retention_schedule():
    [found] = Schedule.objects.filter(func=schedule.RETENTION_TASK)
    assert (found.name, found.schedule_type, found.repeats, found.args, found.kwargs) == (
        schedule.RETENTION_SCHEDULE_NAME,
        Schedule.HOURLY,
        -1,
        None,
        None,
    )


def test_the_task_takes_an_iso_date_only(walsall, su):
    closed_case(walsall, date(2019, 1, 7), su)
    assert tasks.retention_sweep("2026-03-10")["anonymised"] == 1
    with pytest.raises(TypeError):
        tasks.retention_sweep(TODAY)


def test_the_command_counts_then_anonymises(walsall, su, capsys):
    case = closed_case(walsall, date(2019, 1, 7), su)
    call_command("complaints_schedule", "--retention", "--dry-run", "--today", "2026-03-10")
    assert "1 closed case(s) past retention (nothing changed)" in capsys.readouterr().out
    assert fresh(case).anonymised_on is None
    call_command("complaints_schedule", "--retention", "--today", "2026-03-10")
    assert "anonymised 1 case(s), 0 failed" in capsys.readouterr().out
    assert fresh(case).anonymised_on == TODAY


def feedback(authority, received_on, **fields):
    from complaints_process.models import Feedback

    values = {"kind": "compliment", "service": "Fostering", "message": "Alex Example was very kind to us."}
    values |= {"name": "Sam Example", "email": "sam@example.test"} | fields
    return Feedback.objects.create(authority=authority, procedure_slug="childrens-statutory", received_on=received_on, **values)


def test_compliments_and_comments_lose_the_senders_details_two_years_after_receipt(walsall):
    from complaints_process.models import Feedback

    # The templates' rule, "2 years" from the day received: sent on 10 March 2024, anonymised
    # today; sent on 11 March 2024, kept until tomorrow.
    old, kept = feedback(walsall, date(2024, 3, 10)), feedback(walsall, date(2024, 3, 11), kind="comment")
    summary = retention.run_retention()
    assert summary["feedback_anonymised"] == 1
    old, kept = Feedback.objects.get(pk=old.pk), Feedback.objects.get(pk=kept.pk)
    assert (old.name, old.email, old.message, old.anonymised_on) == ("", "", "Removed under the retention rule.", TODAY)
    assert (old.kind, old.service, old.received_on) == ("compliment", "Fostering", date(2024, 3, 10))
    assert (kept.name, kept.email, kept.anonymised_on) == ("Sam Example", "sam@example.test", None)
    # Run again: nothing more to do today; tomorrow the second one goes.
    assert retention.run_retention()["feedback_anonymised"] == 0
    assert retention.run_retention(date(2026, 3, 11))["feedback_anonymised"] == 1


def test_feedback_follows_its_authoritys_current_rule(walsall):
    from complaints_process.models import Feedback

    item = feedback(walsall, date(2025, 3, 9))
    dry = retention.run_retention(dry_run=True)
    assert dry["feedback_due"] == 0
    # The authority shortens its rule to 12 months: the year-old compliment goes at once.
    publish_seed(
        "walsall",
        text_change=lambda text: text.replace(
            "    extends: base/statutory-england-2006\n",
            "    extends: base/statutory-england-2006\n    retention: {closed_cases: 6 years, feedback: 12 months}\n",
            1,
        ),
    )
    assert retention.run_retention(dry_run=True)["feedback_due"] == 1
    assert Feedback.objects.get(pk=item.pk).anonymised_on is None  # a dry run changes nothing
    assert retention.run_retention()["feedback_anonymised"] == 1
    assert Feedback.objects.get(pk=item.pk).email == ""
