"""The sweep: each reminder, overdue alert and lapse happens once, and only when due.

Walsall, received Monday 2 March 2026 (day 0): stage 1 response due Monday 16 March
(10 working days), reminder "2 working days before" on Thursday 12 March; the
acknowledgement is due Monday 9 March.  No bank holidays in March 2026.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints_process import services
from complaints_process.models import CaseEvent, CaseState, DeadlineStatus, Notification, NotificationKind
from complaints_process.services import cases as svc
from complaints_process.work import outbox, sweep

pytestmark = pytest.mark.django_db

REMINDER_DAY = date(2026, 3, 12)
DUE = date(2026, 3, 16)


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def stage1_case(file_case, staff, clock):
    case = file_case()
    case = svc.acknowledge(case, user=staff["admin"], on=date(2026, 3, 2))
    case = svc.accept(case, user=staff["admin"], on=date(2026, 3, 2))
    outbox.flush()  # the acknowledgement to the complainant
    mail.outbox.clear()
    return case


def reminders(case):
    return Notification.objects.filter(case=case, kind=NotificationKind.REMINDER)


def test_reminder_is_sent_once_on_its_day_and_not_before(file_case, staff, clock, run_sweep):
    case = stage1_case(file_case, staff, clock)
    for day in days(date(2026, 3, 2), REMINDER_DAY - timedelta(days=1)):
        run_sweep(day)
        run_sweep(day)
        assert not reminders(case).exists(), day
    assert mail.outbox == []

    run_sweep(REMINDER_DAY)
    run_sweep(REMINDER_DAY)
    run_sweep(REMINDER_DAY + timedelta(days=1))
    [message] = mail.outbox
    assert message.to == ["officer@walsall.example"]
    assert message.subject == f"Reminder: Stage 1 response for {case.reference} due 16 Mar 2026"
    assert "2 working days before" in message.body
    [row] = reminders(case)
    assert (row.status, row.scheduled_for, row.due, row.recipient_role) == ("sent", REMINDER_DAY, DUE, "owner")
    [event] = [e for e in CaseEvent.objects.filter(case=case, action="notification_sent") if e.data["kind"] == "reminder"]
    assert event.data == {"notification": row.pk, "kind": "reminder", "recipient": "owner", "clock": "stage1.response", "recipients": 1}
    assert row.sent_event == event
    assert event.occurred_on == REMINDER_DAY


def test_overdue_alert_goes_to_owner_and_managers_the_day_after_once(file_case, staff, clock, run_sweep):
    case = stage1_case(file_case, staff, clock)
    run_sweep(DUE)
    assert not Notification.objects.filter(kind=NotificationKind.OVERDUE).exists()
    mail.outbox.clear()

    run_sweep(DUE + timedelta(days=1))
    run_sweep(DUE + timedelta(days=1))
    run_sweep(DUE + timedelta(days=2))
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@walsall.example", "officer@walsall.example"]
    assert all(m.subject == f"Overdue: Stage 1 response for {case.reference} was due 16 Mar 2026" for m in mail.outbox)
    rows = Notification.objects.filter(kind=NotificationKind.OVERDUE)
    assert sorted(rows.values_list("recipient_role", flat=True)) == ["complaints_manager", "owner"]
    assert set(rows.values_list("scheduled_for", flat=True)) == {DUE + timedelta(days=1)}

    # The deadline stays pending so the late response is still recorded as met (late).
    response = case.deadlines.get(clock_key="stage1.response")
    assert response.status == DeadlineStatus.PENDING
    clock.day(date(2026, 3, 19))
    case = svc.respond(case, user=staff["admin"], outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 19))
    response.refresh_from_db()
    assert (response.status, response.on_time) == (DeadlineStatus.MET, False)


def test_unacknowledged_complaint_raises_an_overdue_alert_for_the_acknowledgement(file_case, staff, run_sweep):
    case = file_case()
    run_sweep(date(2026, 3, 10))
    rows = Notification.objects.filter(case=case, kind=NotificationKind.OVERDUE)
    assert {row.deadline.clock_key for row in rows} == {"acknowledgement"}


def test_an_extension_moves_the_reminder_to_the_new_due_date(file_case, staff, clock, run_sweep):
    case = stage1_case(file_case, staff, clock)
    clock.day(date(2026, 3, 10))
    svc.extend(case, user=staff["admin"], reason="The complaint is complex.", new_due=date(2026, 3, 20))
    run_sweep(REMINDER_DAY)
    assert not reminders(case).exists()
    run_sweep(date(2026, 3, 17))  # the original due date has passed: no alert, it was extended
    assert not Notification.objects.filter(kind=NotificationKind.OVERDUE).exists()
    run_sweep(date(2026, 3, 18))  # 2 working days before Friday 20 March
    [row] = reminders(case)
    assert row.due == date(2026, 3, 20)


def test_met_deadlines_get_no_reminder(file_case, staff, clock, run_sweep):
    case = stage1_case(file_case, staff, clock)
    clock.day(date(2026, 3, 10))
    svc.respond(case, user=staff["admin"], outcomes={1: "upheld", 2: "upheld"})
    for day in days(date(2026, 3, 10), date(2026, 3, 20)):
        run_sweep(day)
    assert not reminders(case).exists()
    assert not Notification.objects.filter(kind=NotificationKind.OVERDUE).exists()


def responded_case(file_case, staff, clock, on=date(2026, 3, 10)):
    case = stage1_case(file_case, staff, clock)
    clock.day(on)
    return svc.respond(case, user=staff["admin"], outcomes={1: "upheld", 2: "not_upheld"})


def test_lapsed_escalation_window_closes_the_case_once(file_case, staff, clock, run_sweep):
    case = responded_case(file_case, staff, clock)
    window = case.escalation_window()
    assert window.clock_key == "stage2.request"
    run_sweep(window.effective_due)
    assert [m.subject for m in mail.outbox] == [f"Your complaint {case.reference}: our response"]
    case.refresh_from_db()
    assert case.state == CaseState.STAGE1_RESPONDED
    mail.outbox.clear()

    lapse_day = window.effective_due + timedelta(days=1)
    first = run_sweep(lapse_day)
    second = run_sweep(lapse_day)
    run_sweep(lapse_day + timedelta(days=3))
    assert (first["lapsed"], second["lapsed"]) == (1, 0)
    case.refresh_from_db()
    assert (case.state, case.closure_reason, case.closed_on) == (CaseState.CLOSED, "lapsed", lapse_day)
    assert CaseEvent.objects.filter(case=case, action="lapse").count() == 1
    window.refresh_from_db()
    assert window.status == DeadlineStatus.MISSED
    [message] = mail.outbox
    assert message.to == ["alex@example.test"]
    assert message.subject == f"Your complaint {case.reference} has been closed"
    assert "Local Government and Social Care Ombudsman" in message.body
    assert not Notification.objects.filter(kind=NotificationKind.OVERDUE).exists()


def test_escalating_in_time_means_no_lapse(file_case, staff, clock, run_sweep):
    case = responded_case(file_case, staff, clock)
    window = case.escalation_window()
    clock.day(window.effective_due)
    svc.escalate(case, user=staff["admin"])
    run_sweep(window.effective_due + timedelta(days=5))
    case.refresh_from_db()
    assert case.state == CaseState.STAGE2_REQUESTED


def test_sweep_query_count_does_not_grow_with_cases(file_case, staff, clock, run_sweep):
    def count():
        clock.day(date(2026, 3, 3))
        with CaptureQueriesContext(connection) as queries:
            sweep.run_deadline_sweep("2026-03-03")
        return len(queries)

    stage1_case(file_case, staff, clock)
    one = count()
    for _ in range(15):
        stage1_case(file_case, staff, clock)
    assert count() == one
    assert one <= 12


def test_services_module_exports_the_queue():
    assert services.notifications.queue  # the outbox API lives with the services


def test_an_email_on_the_timeline_does_not_stop_an_officer_recording_an_earlier_step(file_case, staff, clock, run_sweep):
    # The reminder goes out on Thursday 12 March; the officer then records the stage 1
    # response that was in fact sent on Wednesday 11 March.
    case = stage1_case(file_case, staff, clock)
    run_sweep(REMINDER_DAY)
    assert reminders(case).get().status == "sent"
    outcomes = {point.number: "upheld" for point in case.points.all()}
    case = svc.respond(case, user=staff["admin"], outcomes=outcomes, on=date(2026, 3, 11))
    assert case.deadlines.get(clock_key="stage1.response").met_on == date(2026, 3, 11)


def test_who_is_reminded_and_alerted_comes_from_the_procedure_config(walsall, file_case, staff, clock, run_sweep):
    # Walsall's administrator sends reminders to nobody and overdue alerts to the managers only.
    from tests.factories import publish_seed

    publish_seed(
        "walsall",
        text_change=lambda text: text.replace(
            "    eligibility:\n",
            "    notifications:\n      reminders_to: []\n      overdue_alerts_to: [complaints_manager]\n    eligibility:\n",
            1,
        ),
    )
    case = stage1_case(file_case, staff, clock)
    assert case.config_version.number == 2
    run_sweep(REMINDER_DAY)
    assert not reminders(case).exists()
    run_sweep(DUE + timedelta(days=1))
    assert [m.to for m in mail.outbox] == [["manager@walsall.example"]]


def test_the_reminder_goes_to_the_cases_assigned_owner(file_case, staff, clock, run_sweep):
    case = stage1_case(file_case, staff, clock)
    case = svc.assign_owner(case, user=staff["officer"], owner=staff["manager"], on=date(2026, 3, 2))
    run_sweep(REMINDER_DAY)
    assert [m.to for m in mail.outbox] == [["manager@walsall.example"]]
