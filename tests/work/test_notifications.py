"""Messages to complainants: queued by case actions, rendered from overridable templates,
with no personal data in subjects or logs, and every message on the case timeline."""

import logging
from datetime import date, timedelta

import pytest
from django.core import mail

from complaints_process.exceptions import CaseError
from complaints_process.models import CaseEvent, Notification, NotificationKind
from complaints_process.services import cases as svc
from complaints_process.work import outbox

pytestmark = pytest.mark.django_db

PERSONAL = ("Alex Example", "alex@example.test", "Sam Example", "officer@walsall.example", "manager@walsall.example")


def test_acknowledgement_is_queued_by_the_action_and_sent_after_commit(file_case, staff, django_capture_on_commit_callbacks):
    case = file_case()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        svc.acknowledge(case, user=staff["officer"], on=date(2026, 3, 2))
    assert len(callbacks) == 1  # the flush request, run synchronously (Q_CLUSTER sync=True)
    [message] = mail.outbox
    assert message.to == ["alex@example.test"]
    assert message.subject == f"Your complaint {case.reference} has been acknowledged"
    assert "Dear Alex Example" in message.body
    assert "We aim to respond by 16 March 2026" in message.body
    # 004: "Write to us: The Assurance Team, 1st Floor Civic Centre, Darwall Street, Walsall WS1 1TP"
    assert "Write to: The Assurance Team, 1st Floor Civic Centre, Darwall Street, Walsall WS1 1TP" in message.body
    assert message.alternatives[0][1] == "text/html"
    [row] = Notification.objects.filter(case=case)
    assert (row.kind, row.status, row.recipient_role) == ("acknowledgement", "sent", "complainant")
    assert row.cause_event.action == "acknowledge"
    assert CaseEvent.objects.filter(case=case, action="notification_sent").count() == 1


def test_a_rolled_back_action_queues_nothing(file_case, staff):
    case = file_case()
    with pytest.raises(CaseError):
        svc.extend(case, user=staff["admin"], reason="too early: not in stage 1")
    assert not Notification.objects.exists()


def test_extension_message_gives_the_reason_and_the_new_date(file_case, staff, clock):
    case = file_case()
    case = svc.acknowledge(case, user=staff["admin"])
    case = svc.accept(case, user=staff["admin"])
    clock.day(date(2026, 3, 9))
    svc.extend(case, user=staff["admin"], reason="We are waiting for a school's records.", new_due=date(2026, 3, 20))
    outbox.flush()
    [message] = [m for m in mail.outbox if "new response date" in m.subject]
    assert message.subject == f"Your complaint {case.reference}: new response date"
    assert "We are waiting for a school's records." in message.body
    assert "20 March 2026" in message.body


def test_each_complainant_message_of_a_walk_is_sent_once(file_case, staff, clock, run_sweep):
    case = file_case()
    admin = staff["admin"]
    case = svc.acknowledge(case, user=admin)
    case = svc.accept(case, user=admin)
    clock.day(date(2026, 3, 10))
    case = svc.respond(case, user=admin, outcomes={1: "upheld", 2: "not_upheld"})
    case = svc.escalate(case, user=admin)
    case = svc.agree_statement(case, user=admin)
    clock.day(date(2026, 3, 20))
    case = svc.respond(case, user=admin, outcomes={1: "upheld", 2: "not_upheld"})
    case = svc.escalate(case, user=admin)
    case = svc.convene_panel(case, user=admin, meeting_on=date(2026, 4, 20))
    clock.day(date(2026, 4, 20))
    case = svc.record_panel_met(case, user=admin)
    case = svc.record_panel_report(case, user=admin, outcomes={1: "upheld", 2: "not_upheld"})
    case = svc.record_authority_response(case, user=admin)
    case = svc.close(case, user=admin)
    outbox.flush()
    outbox.flush()
    to_complainant = [m.subject.replace(case.reference, "REF") for m in mail.outbox if m.to == ["alex@example.test"]]
    assert to_complainant == [
        "Your complaint REF has been acknowledged",
        "Your complaint REF: our response",
        "Your complaint REF: request for the next stage received",
        "Your complaint REF: our response",
        "Your complaint REF: request for the next stage received",
        "Your complaint REF: review panel meeting",
        "Your complaint REF has been closed",
    ]
    panel = next(m for m in mail.outbox if "review panel" in m.subject)
    assert "Monday 20 April 2026" in panel.body
    closed = mail.outbox[-1]
    assert "Ombudsman" in closed.body
    sent = Notification.objects.filter(case=case, status="sent")
    timeline = CaseEvent.objects.filter(case=case, action="notification_sent")
    assert sorted(timeline.values_list("pk", flat=True)) == sorted(sent.values_list("sent_event", flat=True))


def test_an_authority_can_override_any_template(file_case, staff, settings, tmp_path):
    folder = tmp_path / "complaints_process" / "email" / "walsall"
    folder.mkdir(parents=True)
    (folder / "acknowledgement.subject.txt").write_text("Walsall Council: complaint {{ reference }} received\n")
    (folder / "acknowledgement.txt").write_text("Walsall's own words for {{ reference }}.\n")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    case = file_case()
    svc.acknowledge(case, user=staff["admin"])
    outbox.flush()
    [message] = mail.outbox
    assert message.subject == f"Walsall Council: complaint {case.reference} received"
    assert message.body == f"Walsall's own words for {case.reference}.\n"
    assert "Dear Alex Example" in message.alternatives[0][0]  # the HTML part was not overridden


def test_no_personal_data_in_subjects_or_log_records(file_case, staff, clock, run_sweep, caplog):
    caplog.set_level(logging.DEBUG)
    case = file_case()
    case = svc.acknowledge(case, user=staff["admin"])
    case = svc.accept(case, user=staff["admin"])
    run_sweep(date(2026, 3, 12))  # reminder
    run_sweep(date(2026, 3, 17))  # overdue alerts
    clock.day(date(2026, 3, 18))
    case = svc.respond(case, user=staff["admin"], outcomes={1: "upheld", 2: "upheld"})
    window = case.escalation_window().effective_due
    run_sweep(window + timedelta(days=1))  # lapse
    assert {NotificationKind.REMINDER, NotificationKind.OVERDUE, NotificationKind.LAPSE_CLOSURE} <= set(
        Notification.objects.values_list("kind", flat=True)
    )
    assert len(mail.outbox) >= 6
    for message in mail.outbox:
        for value in PERSONAL:
            assert value not in message.subject
    assert caplog.records
    for record in caplog.records:
        text = record.getMessage()
        for value in PERSONAL:
            assert value not in text, record.name
    for event in CaseEvent.objects.filter(action__startswith="notification"):
        for value in PERSONAL:
            assert value not in str(event.data)


def test_a_complainant_without_email_is_recorded_as_not_sent(file_case, staff):
    case = file_case(complainant_email="")
    svc.acknowledge(case, user=staff["admin"])
    assert outbox.flush() == {"skipped": 1}
    assert mail.outbox == []
    [row] = Notification.objects.all()
    assert row.status == "skipped"
    event = CaseEvent.objects.get(case=case, action="notification_not_sent")
    assert event.data["why"] == "no address"


def test_a_site_may_turn_off_a_complainant_message_while_staff_alerts_follow_the_config(file_case, staff, run_sweep, settings):
    # Staff recipients come from the procedure config (see test_sweep); the setting cannot
    # redirect them, only the complainant's messages.
    settings.COMPLAINTS_PROCESS_NOTIFICATION_RECIPIENTS = {"overdue": ["complaints_manager"], "acknowledgement": []}
    case = file_case()
    svc.accept(svc.acknowledge(case, user=staff["admin"]), user=staff["admin"])
    run_sweep(date(2026, 3, 17))
    overdue = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Overdue"))
    assert overdue == ["manager@walsall.example", "officer@walsall.example"]  # Walsall: owner and managers
    assert not Notification.objects.filter(kind="acknowledgement").exists()


def test_a_failing_mail_server_is_retried_then_recorded(file_case, staff, clock, monkeypatch):
    case = file_case()
    svc.acknowledge(case, user=staff["admin"])

    def refuse(message):
        raise ConnectionRefusedError("smtp down for alex@example.test")

    monkeypatch.setattr(outbox, "deliver", refuse)
    for _attempt in range(outbox.MAX_ATTEMPTS):
        assert outbox.flush() in ({"retry": 1}, {"failed": 1})
        assert outbox.flush() == {}  # backing off
        clock.shift(hours=2)
    row = Notification.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("failed", outbox.MAX_ATTEMPTS, "ConnectionRefusedError")
    assert CaseEvent.objects.get(case=case, action="notification_not_sent").data["why"] == "failed"
