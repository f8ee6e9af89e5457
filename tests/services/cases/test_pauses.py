"""Clock stops: where the procedure allows them, the due date moves by the working days paused."""

from datetime import date

import pytest

from complaints_process.exceptions import InvalidAction


def test_walsall_stage1_clock_stops_while_waiting_for_the_childs_consent(seed, make_case, svc, superuser):
    # 004: "If you're complaining on a child's behalf, we will check if they are happy for this
    # to happen" (child_consent: ask).  A parent complains; received Monday 2 March 2026.
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2), complainant_relationship="parent_or_carer")
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    case = svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 4))
    # Stopped Wednesday 4 March, restarted Tuesday 10 March: Thu 5, Fri 6, Mon 9, Tue 10 are
    # not counted, 4 working days.
    case = svc.resume_clock(case, user=superuser, clock_key="stage1.response", on=date(2026, 3, 10))
    deadline = case.deadlines.get(clock_key="stage1.response")
    # Due Monday 16 March, moved 4 working days: Tue 17, Wed 18, Thu 19, Fri 20 March.
    assert deadline.due == date(2026, 3, 20)
    # The extended limit, Sunday 22 March (20 calendar days), moves 4 working days:
    # Mon 23, Tue 24, Wed 25, Thu 26 March.
    assert deadline.extension_limit == date(2026, 3, 26)
    assert deadline.paused_working_days == 4
    pause = deadline.pauses.get()
    assert (pause.started_on, pause.ended_on, pause.working_days) == (date(2026, 3, 4), date(2026, 3, 10), 4)
    # The stop shows on the case's timeline.
    assert list(case.events.values_list("action", flat=True))[-2:] == ["pause_clock", "resume_clock"]


def test_a_clock_cannot_be_stopped_twice_or_resumed_when_running(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    with pytest.raises(InvalidAction, match="not stopped"):
        svc.resume_clock(case, user=superuser, clock_key="stage1.response", on=date(2026, 3, 3))
    case = svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 3))
    with pytest.raises(InvalidAction, match="already stopped"):
        svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 4))


def test_council_b_does_not_ask_for_consent_so_its_clocks_cannot_stop_for_it(seed, make_case, svc, superuser):
    case = make_case(authority=seed("council-b"), received_on=date(2026, 3, 2))
    with pytest.raises(InvalidAction, match="does not allow"):
        svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 3))


def test_a_child_complaining_for_themselves_needs_no_consent_stop(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2), complainant_relationship="child")
    with pytest.raises(InvalidAction, match="does not allow"):
        svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 3))


def test_the_complainants_escalation_window_never_stops(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 3))
    with pytest.raises(InvalidAction, match="does not allow"):
        svc.pause_clock(case, user=superuser, clock_key="stage2.request", reason="child_consent", on=date(2026, 3, 4))


def test_a_clock_whose_config_lists_no_stops_cannot_be_stopped(db, make_case, svc, superuser):
    # Walsall asks for the child's consent, but an administrator turns stage 1's clock stops off.
    from tests.factories import publish_seed

    walsall = publish_seed(
        "walsall",
        text_change=lambda text: text.replace(
            "            due: within 10 working days\n",
            "            due: within 10 working days\n            stops: []\n",
            1,
        ),
    )
    case = make_case(authority=walsall, received_on=date(2026, 3, 2), complainant_relationship="parent_or_carer")
    with pytest.raises(InvalidAction, match="does not allow"):
        svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 3))


def test_a_stop_that_moves_the_response_past_the_laws_latest_date_is_shown_and_told(seed, make_case, svc, superuser):
    from django.core import mail

    from complaints_process.models import Notification
    from complaints_process.work import outbox

    # Walsall, a parent complains; received Monday 2 March 2026.  The law's latest date for the
    # stage 1 response (the Regulations, reg. 14, and the guidance: 20 working days at the most):
    # 3-6 March (4), 9-13 (9), 16-20 (14), 23-27 (19), Monday 30 March 2026 (20).
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2), complainant_relationship="parent_or_carer")
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    case = svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 4))
    # Restarted Monday 30 March: 5, 6 (2), 9-13 (7), 16-20 (12), 23-27 (17), 30 March (18)
    # working days not counted.  Due Monday 16 March + 18 working days: 17-20 (4), 23-27 (9),
    # 30 March-2 April (13), Good Friday and Easter Monday skipped, 7-10 (17), 13 April (18).
    case = svc.resume_clock(case, user=superuser, clock_key="stage1.response", on=date(2026, 3, 30))
    assert case.deadlines.get(clock_key="stage1.response").due == date(2026, 4, 13)
    restart = case.events.get(action="resume_clock")
    assert restart.data["statutory_maximum"] == "2026-03-30"
    [notice] = Notification.objects.filter(case=case, kind="past_statutory_maximum")
    assert notice.recipient_role == "complainant"
    mail.outbox.clear()
    outbox.flush()
    [message] = [m for m in mail.outbox if "new response date" in m.subject]
    assert "our response is now due on 13 April 2026" in message.body
    assert "the latest date the law sets for it, 30 March 2026" in message.body
    # The case page shows it beside the deadline.
    from complaints_process.selectors.case_page import case_page_context

    [row] = [r for r in case_page_context(case)["deadline_rows"] if r["deadline"].clock_key == "stage1.response"]
    assert row["statutory_maximum"] == date(2026, 3, 30)


def test_a_short_stop_within_the_laws_latest_date_tells_nobody(seed, make_case, svc, superuser):
    from complaints_process.models import Notification

    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2), complainant_relationship="parent_or_carer")
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    case = svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=date(2026, 3, 4))
    case = svc.resume_clock(case, user=superuser, clock_key="stage1.response", on=date(2026, 3, 10))
    assert "statutory_maximum" not in case.events.get(action="resume_clock").data
    assert not Notification.objects.filter(case=case, kind="past_statutory_maximum").exists()
