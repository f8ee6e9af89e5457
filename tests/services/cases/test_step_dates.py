"""A recorded step's date cannot come before the step it follows: the review panel.

Walsall (seed page 004), the walk of ``test_walks.py``: received Monday 2 March 2026, the
stage 2 answered on Tuesday 28 April, the review panel asked for on Tuesday 5 May and convened
on Friday 15 May 2026 to meet on Friday 29 May 2026 ("at least 10 days before": 19 May).
"""

from datetime import date

import pytest

from complaints_process.exceptions import InvalidAction


def convened_walsall_case(seed, make_case, svc, user):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=user, on=date(2026, 3, 4))
    case = svc.accept(case, user=user, on=date(2026, 3, 4))
    case = svc.respond(case, user=user, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 3, 13))
    case = svc.escalate(case, user=user, on=date(2026, 3, 20))
    case = svc.agree_statement(case, user=user, on=date(2026, 3, 23))
    case = svc.respond(case, user=user, outcomes={1: "upheld", 2: "partly_upheld"}, on=date(2026, 4, 28))
    case = svc.escalate(case, user=user, on=date(2026, 5, 5))
    return svc.convene_panel(case, user=user, meeting_on=date(2026, 5, 29), notice_sent_on=date(2026, 5, 15))


def test_the_panel_cannot_have_met_before_the_day_it_was_convened_for(seed, make_case, svc, superuser):
    case = convened_walsall_case(seed, make_case, svc, superuser)
    state = case.state
    with pytest.raises(InvalidAction, match="the day the panel was convened to meet \\(29 May 2026\\)"):
        svc.record_panel_met(case, user=superuser, on=date(2026, 5, 28))
    case.refresh_from_db()
    assert case.state == state and case.panel_meeting_on == date(2026, 5, 29)
    assert not case.events.filter(action="record_panel_met").exists()

    case = svc.record_panel_met(case, user=superuser, on=date(2026, 5, 29))
    assert case.events.get(action="record_panel_met").occurred_on == date(2026, 5, 29)
    # 004: "a report within 5 days of the meeting": 29 May + 5 = Wednesday 3 June.
    assert case.deadlines.get(clock_key="stage3.panel_report").due == date(2026, 6, 3)
