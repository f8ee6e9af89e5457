"""After downtime, the first sweep does everything that fell due while the worker was down,
once, in date order."""

from datetime import date, timedelta

import pytest
from django.core import mail

from complaints_process.models import CaseEvent, CaseState, Notification
from complaints_process.services import cases as svc
from complaints_process.work import outbox

pytestmark = pytest.mark.django_db


def test_one_sweep_after_weeks_down_catches_up_once_in_date_order(file_case, staff, clock, run_sweep):
    admin = staff["admin"]
    # A: in stage 1 from 2 March (reminder 12 March, overdue alert 17 March).
    a = svc.accept(svc.acknowledge(file_case(date(2026, 3, 2)), user=admin), user=admin)
    # B: responded 10 March, never escalated (window lapses in April).
    b = svc.accept(svc.acknowledge(file_case(date(2026, 3, 3)), user=admin), user=admin)
    clock.day(date(2026, 3, 10))
    b = svc.respond(b, user=admin, outcomes={1: "upheld", 2: "upheld"})
    # C: received 20 March, in stage 1 over Easter (reminder and alert in April).
    c = svc.accept(svc.acknowledge(file_case(date(2026, 3, 20)), user=admin), user=admin)
    outbox.flush()
    mail.outbox.clear()

    # The worker was down from 3 March until 30 April.
    summary = run_sweep(date(2026, 4, 30))
    assert summary["lapsed"] == 1
    b.refresh_from_db()
    assert b.state == CaseState.CLOSED
    window = b.deadlines.get(clock_key="stage2.request")
    assert b.closed_on == window.effective_due + timedelta(days=1)  # dated when it lapsed, not today

    rows = Notification.objects.exclude(kind__in=["acknowledgement", "stage_response"])
    got = sorted((row.case_id, row.kind, row.recipient_role) for row in rows)
    assert got == sorted(
        [(case.pk, "reminder", "owner") for case in (a, c)]
        + [(case.pk, "overdue", role) for case in (a, c) for role in ("owner", "complaints_manager")]
        + [(b.pk, "lapse_closure", "complainant")]
    )
    # Sent in the order they fell due.
    sent = list(rows.order_by("sent_event_id"))
    assert [row.scheduled_for for row in sent] == sorted(row.scheduled_for for row in sent)
    assert sent[0].scheduled_for == date(2026, 3, 12)
    assert len(mail.outbox) == len(sent) == 7

    # Nothing again: not on the same day, nor the next.
    run_sweep(date(2026, 4, 30))
    run_sweep(date(2026, 5, 1))
    assert len(mail.outbox) == 7
    assert CaseEvent.objects.filter(action="lapse").count() == 1
