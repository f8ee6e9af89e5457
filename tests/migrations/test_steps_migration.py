"""Migration 0013: cases at the review panel keep their place when its three states become
steps of stage 3 (``last_step`` read from each case's own events), and back again."""

import importlib
from datetime import date

from django.apps import apps

from complaints_process.models import CaseEvent, Complaint

migration = importlib.import_module("complaints_process.migrations.0013_procedure_steps")


def test_review_panel_states_become_stage3_steps_and_back(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 3))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 3))
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 13))
    case = svc.escalate(case, user=superuser, on=date(2026, 3, 20))
    case = svc.agree_statement(case, user=superuser, on=date(2026, 3, 23))
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 4, 1))
    case = svc.escalate(case, user=superuser, on=date(2026, 4, 2))
    case = svc.convene_panel(case, user=superuser, meeting_on=date(2026, 4, 28), notice_sent_on=date(2026, 4, 7))
    case = svc.record_panel_met(case, user=superuser, on=date(2026, 4, 28))
    # As the database held it before the migration: the old state, no last step, and the
    # events' states by their old names.
    Complaint.objects.filter(pk=case.pk).update(state="stage3_panel_met", last_step="")
    events = CaseEvent.objects.filter(case=case)
    events.filter(event_key="stage3.notice_sent").update(to_state="stage3_convened")
    events.filter(event_key="stage3.panel_met").update(from_state="stage3_convened", to_state="stage3_panel_met")
    other = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    other = svc.accept(other, user=superuser, on=date(2026, 3, 3))
    Complaint.objects.filter(pk=other.pk).update(last_step="")

    migration.forwards(apps, None)
    case.refresh_from_db()
    assert (case.state, case.last_step) == ("stage3", "stage3.panel_met")
    assert list(events.filter(event_key__startswith="stage3.").order_by("id").values_list("event_key", "from_state", "to_state")) == [
        ("stage3.requested", "stage2_responded", "stage3_requested"),
        ("stage3.notice_sent", "stage3_requested", "stage3"),
        ("stage3.panel_met", "stage3", "stage3"),
    ]
    other.refresh_from_db()
    assert (other.state, other.last_step) == ("stage1", "received")  # nothing recorded after filing
    # The case goes on from where it was.
    case = svc.record_panel_report(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 4, 29))
    assert (case.state, case.last_step) == ("stage3", "stage3.panel_reported")

    migration.backwards(apps, None)
    case.refresh_from_db()
    assert case.state == "stage3_reported"
    assert list(events.filter(event_key__startswith="stage3.").order_by("id").values_list("to_state", flat=True)) == [
        "stage3_requested",
        "stage3_convened",
        "stage3_panel_met",
        "stage3_reported",
    ]
