"""Walking each seed authority's procedure from receipt to closure.

Dates are counted by hand from the seed pages (docs/seeds/00N.txt) and the England bank
holidays of 2026: Good Friday 3 April, Easter Monday 6 April, 4 May, 25 May, 31 August.
Day 0 is the day of the event; day 1 the next working day.
"""

from datetime import date

import pytest

from complaints_process.exceptions import IllegalTransition, InvalidAction
from complaints_process.models import CaseEvent, CaseState, DeadlineStatus
from tests.factories import SEED_SLUGS


def deadline(case, key):
    return case.deadlines.exclude(status="cancelled").get(clock_key=key)


def test_walsall_statutory_walk_from_receipt_to_closure_after_the_review_panel(seed, make_case, svc, superuser):
    walsall = seed("walsall")
    # Received Monday 2 March 2026 (day 0).
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    assert case.reference == "WAL-2026-000001"
    assert case.state == CaseState.RECEIVED
    # 004: "We'll let you know that we've received your complaint within 5 working days":
    # Tue 3 (1), Wed 4, Thu 5, Fri 6, Mon 9 March (5).
    assert deadline(case, "acknowledgement").due == date(2026, 3, 9)
    # 004: "We aim to respond within 10 working days": Mon 9 (5) ... Mon 16 March (10).
    # "but it might take up to 20 days": calendar days, 2 March + 20 = Sunday 22 March.
    stage1 = deadline(case, "stage1.response")
    assert (stage1.due, stage1.extension_limit) == (date(2026, 3, 16), date(2026, 3, 22))

    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 4))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 4))
    assert deadline(case, "acknowledgement").on_time is True
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "not_upheld"}, sent_by="email", on=date(2026, 3, 13))
    assert case.state == CaseState.STAGE1_RESPONDED
    assert deadline(case, "stage1.response").status == DeadlineStatus.MET
    # 004: "within 20 working days of receiving the response letter", emailed (so received,
    # under the template's receipt rules, the same day) on Friday 13 March:
    # 20 March (5), 27 March (10), 30, 31 March, 1, 2 April (14), Good Friday and Easter
    # Monday skipped, 7-10 April (18), 13, 14 April (20).
    assert deadline(case, "stage2.request").due == date(2026, 4, 14)

    case = svc.escalate(case, user=superuser, on=date(2026, 3, 20))
    assert case.state == CaseState.STAGE2_REQUESTED
    case = svc.agree_statement(case, user=superuser, on=date(2026, 3, 23))
    # 004: "within 25 working days" of Monday 23 March (the agreed statement):
    # 24-27 March (4), 30 March-2 April (8), 7-10 April (12), 13-17 (17), 20-24 (22),
    # 27, 28, 29 April (25).
    stage2 = deadline(case, "stage2.response")
    assert stage2.due == date(2026, 4, 29)
    # "we may take up to 65 working days": 30 April (26), 1 May (27), 4 May bank holiday,
    # 5-8 May (31), 11-15 (36), 18-22 (41), 25 May bank holiday, 26-29 (45), 1-5 June (50),
    # 8-12 (55), 15-19 (60), 22-26 June (65).
    assert stage2.extension_limit == date(2026, 6, 26)
    case = svc.extend(case, user=superuser, reason="Three services to interview.", on=date(2026, 4, 20), confirmed=["complainant_told"])
    assert deadline(case, "stage2.response").effective_due == date(2026, 6, 26)
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "partly_upheld"}, sent_by="email", on=date(2026, 6, 26))
    assert deadline(case, "stage2.response").on_time is True
    # 004: "within 20 working days of receiving your Stage 2 response letter", emailed on
    # Friday 26 June (received the same day): 3 July (5), 10 (10), 17 (15), Friday 24 July (20).
    assert deadline(case, "stage3.request").due == date(2026, 7, 24)

    case = svc.escalate(case, user=superuser, on=date(2026, 7, 1))
    # 004: "The panel must meet within 30 days of getting your request": 1 July + 30 = 31 July.
    assert deadline(case, "stage3.panel_meeting").due == date(2026, 7, 31)
    # 004: "at least 10 days before the meeting": a meeting on Tuesday 28 July needs notice
    # by Saturday 18 July; notice on Monday 20 July is too late.
    with pytest.raises(InvalidAction, match="18 July 2026"):
        svc.convene_panel(case, user=superuser, meeting_on=date(2026, 7, 28), notice_sent_on=date(2026, 7, 20))
    case.refresh_from_db()
    assert case.state == CaseState.STAGE3_REQUESTED
    case = svc.convene_panel(case, user=superuser, meeting_on=date(2026, 7, 28), notice_sent_on=date(2026, 7, 17))
    assert deadline(case, "stage3.panel_notice").due == date(2026, 7, 18)
    assert deadline(case, "stage3.panel_notice").on_time is True
    case = svc.record_panel_met(case, user=superuser, on=date(2026, 7, 28))
    assert deadline(case, "stage3.panel_meeting").on_time is True
    # 004: "a report within 5 days of the meeting": 28 July + 5 = Sunday 2 August.
    assert deadline(case, "stage3.panel_report").due == date(2026, 8, 2)
    case = svc.record_panel_report(case, user=superuser, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 7, 31))
    # 004: "respond to the panel's report within 15 days": 31 July + 15 = 15 August.
    assert deadline(case, "stage3.authority_response").due == date(2026, 8, 15)
    case = svc.record_authority_response(case, user=superuser, on=date(2026, 8, 14))
    case = svc.close(case, user=superuser, on=date(2026, 8, 14))

    assert case.state == CaseState.CLOSED
    assert case.closure_reason == "completed"
    assert case.ombudsman_name == "Local Government and Social Care Ombudsman"
    assert not case.deadlines.open().exists()
    assert list(case.events.values_list("event_key", flat=True).exclude(event_key="")) == [
        "received",
        "acknowledged",
        "stage1.responded",
        "stage2.requested",
        "stage2.statement_agreed",
        "stage2.responded",
        "stage3.requested",
        "stage3.notice_sent",
        "stage3.panel_met",
        "stage3.panel_reported",
        "stage3.authority_responded",
    ]


def test_council_a_corporate_walk_has_two_stages_and_closes_after_stage2(seed, make_case, svc, superuser):
    council_a = seed("council-a")
    case = make_case(authority=council_a, received_on=date(2026, 3, 2), about_statutory_childrens_service=False)
    assert case.procedure_slug == "corporate"
    # Corporate template, Code 6.2: acknowledge within 5 working days: Monday 9 March.
    assert deadline(case, "acknowledgement").due == date(2026, 3, 9)
    assert not case.deadlines.filter(clock_key="stage1.response").exists()  # counts from the acknowledgement
    case = svc.accept(case, user=superuser, on=date(2026, 3, 3))
    with pytest.raises(IllegalTransition, match="next step here is 'Complaint acknowledged', which must be recorded first"):
        svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 3))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 4))
    # Code 6.3: 10 working days from Wednesday 4 March: 5, 6 (2), 9-13 (7), 16, 17, 18 (10).
    # Code 6.4: no more than 20 in all: 19, 20 (12), 23-27 (17), 30, 31 March, 1 April (20).
    stage1 = deadline(case, "stage1.response")
    assert (stage1.due, stage1.extension_limit) == (date(2026, 3, 18), date(2026, 4, 1))
    # The extension "requires: [reason, new_date]".
    with pytest.raises(InvalidAction, match="new date"):
        svc.extend(case, user=superuser, reason="Waiting for records.", on=date(2026, 3, 16))
    case = svc.extend(case, user=superuser, reason="Waiting for records.", new_due=date(2026, 3, 25), on=date(2026, 3, 16))
    case = svc.respond(case, user=superuser, outcomes={1: "not_upheld", 2: "upheld"}, on=date(2026, 3, 25))
    # The Code sets no time to escalate: the window has no due date, and never lapses.
    assert deadline(case, "stage2.request").due is None
    with pytest.raises(IllegalTransition, match="window"):
        svc.lapse(case, user=superuser)
    case = svc.escalate(case, user=superuser, on=date(2026, 3, 30))
    # Code 6.11: acknowledge within 5 working days of Monday 30 March: 31 March (1),
    # 1 April (2), 2 April (3), Good Friday and Easter Monday, 7 (4), Wednesday 8 April (5).
    assert deadline(case, "stage2.acknowledgement").due == date(2026, 4, 8)
    # The procedure declares no statement of complaint: its next step is the acknowledgement.
    with pytest.raises(IllegalTransition, match="next step here is 'Stage 2 request acknowledged'"):
        svc.agree_statement(case, user=superuser, on=date(2026, 4, 1))
    case = svc.acknowledge_escalation(case, user=superuser, on=date(2026, 4, 1))
    # 20 working days from Wednesday 1 April: 2 April (1), 7-10 (5), 13-17 (10), 20-24 (15),
    # 27-30 April (19), Friday 1 May (20).
    assert deadline(case, "stage2.response").due == date(2026, 5, 1)
    case = svc.respond(case, user=superuser, outcomes={1: "not_upheld", 2: "upheld"}, on=date(2026, 4, 30))
    with pytest.raises(IllegalTransition, match="no further stage"):
        svc.escalate(case, user=superuser, on=date(2026, 4, 30))
    case = svc.close(case, user=superuser, on=date(2026, 4, 30))
    assert case.state == CaseState.CLOSED
    assert case.ombudsman_name == "Local Government and Social Care Ombudsman"


def test_council_a_window_of_20_calendar_days_never_closes_before_the_laws_20_working_days(seed, make_case, svc, superuser, frozen_today):
    case = make_case(authority=seed("council-a"), received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, sent_by="email", on=date(2026, 3, 13))
    # 000: "tell us within 20 days of getting your letter", emailed (received the same day):
    # 13 March + 20 = Thursday 2 April.  But the guidance gives the complainant 20 working
    # days (the template's law: a floor): 16-20 March (5), 23-27 (10), 30 March-2 April (14),
    # Good Friday 3 and Easter Monday 6 April skipped, 7-10 April (18), 13, 14 April (20).
    # No case is refused or lapsed before the floor: the window closes on Tuesday 14 April.
    assert deadline(case, "stage2.request").due == date(2026, 4, 14)
    frozen_today.move_to("2026-04-03 12:00Z")  # the day after the page's 20 days
    with pytest.raises(IllegalTransition, match="not yet passed"):
        svc.lapse(case, user=None)
    frozen_today.move_to("2026-04-14 12:00Z")
    with pytest.raises(IllegalTransition, match="not yet passed"):
        svc.lapse(case, user=None)
    frozen_today.move_to("2026-04-15 09:00Z")
    with pytest.raises(InvalidAction, match="after the window closed on 14 April 2026"):
        svc.escalate(case, user=superuser)
    case = svc.lapse(case, user=None)  # the worker
    assert case.state == CaseState.CLOSED
    assert case.closure_reason == "lapsed"
    assert deadline(case, "stage2.request").status == DeadlineStatus.MISSED
    assert case.events.last().user is None


def test_council_a_request_made_after_the_pages_20_days_but_within_the_laws_floor_is_accepted(seed, make_case, svc, superuser):
    case = make_case(authority=seed("council-a"), received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, sent_by="email", on=date(2026, 3, 13))
    # Monday 13 April 2026: 31 days after the response, working day 19 of the law's 20.
    case = svc.escalate(case, user=superuser, on=date(2026, 4, 13))
    assert case.state == CaseState.STAGE2_REQUESTED


def test_council_a_stage1_extension_has_no_stated_limit_so_needs_a_date(seed, make_case, svc, superuser):
    case = make_case(authority=seed("council-a"), received_on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    # 000: "they may write to you to say it will take longer": no bound is stated.
    with pytest.raises(InvalidAction, match="new date"):
        svc.extend(case, user=superuser, reason="Complicated.", on=date(2026, 3, 10))
    case = svc.extend(case, user=superuser, reason="Complicated.", new_due=date(2026, 5, 1), on=date(2026, 3, 10), confirmed=["in_writing"])
    assert deadline(case, "stage1.response").effective_due == date(2026, 5, 1)


def test_extension_is_allowed_once_only(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    case = svc.extend(case, user=superuser, reason="Complex.", on=date(2026, 3, 10))
    with pytest.raises(IllegalTransition, match="extended already"):
        svc.extend(case, user=superuser, reason="Again.", on=date(2026, 3, 11))


def test_extension_needs_a_reason(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    with pytest.raises(InvalidAction, match="reason"):
        svc.extend(case, user=superuser, reason="  ", on=date(2026, 3, 10))


def _to_stage2(svc, case, user):
    case = svc.acknowledge(case, user=user, on=date(2026, 3, 3))
    case = svc.accept(case, user=user, on=date(2026, 3, 3))
    case = svc.respond(case, user=user, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 13))
    case = svc.escalate(case, user=user, on=date(2026, 3, 20))
    return svc.agree_statement(case, user=user, on=date(2026, 3, 23))


def test_stage2_extension_cannot_pass_65_working_days(seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed("walsall"), received_on=date(2026, 3, 2)), superuser)
    # From Monday 23 March, 65 working days is Friday 26 June (counted in the walk above);
    # Monday 29 June is the 66th.
    with pytest.raises(InvalidAction, match="26 June 2026"):
        svc.extend(case, user=superuser, reason="More time.", new_due=date(2026, 6, 29), on=date(2026, 4, 20))
    case.refresh_from_db()
    assert not deadline(case, "stage2.response").is_extended
    case = svc.extend(case, user=superuser, reason="More time.", new_due=date(2026, 6, 26), on=date(2026, 4, 20), confirmed=["complainant_told"])
    assert deadline(case, "stage2.response").extended_due == date(2026, 6, 26)


def test_hampshire_stage2_has_a_single_bound_of_60_working_days_and_no_extension(seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed("hampshire"), received_on=date(2026, 3, 2)), superuser)
    # 003: "a full response should take no longer than 60 working days", from Monday
    # 23 March: 2 April (8), 10 April (12), 17 (17), 24 (22), 1 May (27), 8 May (31, 4 May a
    # bank holiday), 15 (36), 22 (41), 29 May (45, 25 May a bank holiday), 5 June (50),
    # 12 (55), Friday 19 June (60).
    assert deadline(case, "stage2.response").due == date(2026, 6, 19)
    with pytest.raises(IllegalTransition, match="cannot be extended"):
        svc.extend(case, user=superuser, reason="More time.", on=date(2026, 4, 20))


def test_hampshire_refuses_a_complaint_out_of_time_and_signposts_the_ombudsman(seed, make_case, svc, superuser):
    case = make_case(authority=seed("hampshire"), received_on=date(2026, 3, 2), happened_on=date(2024, 1, 10))
    # 003: "We aim to process complaints within three to four working days": Friday 6 March.
    assert deadline(case, "acknowledgement").due == date(2026, 3, 6)
    with pytest.raises(InvalidAction, match="reason"):
        svc.refuse(case, user=superuser, ground="out_of_time", reason="", on=date(2026, 3, 4))
    case = svc.refuse(case, user=superuser, ground="out_of_time", reason="Events over two years ago.", on=date(2026, 3, 4))
    assert case.state == CaseState.NOT_ACCEPTED
    assert (case.refusal_ground, case.ombudsman_name) == ("out_of_time", "Local Government and Social Care Ombudsman")
    assert case.ombudsman_signposted_on == date(2026, 3, 4)
    assert set(case.deadlines.values_list("status", flat=True)) == {DeadlineStatus.CANCELLED}


def test_council_b_handles_a_complaint_outside_the_procedure_with_a_reason(seed, make_case, svc, superuser):
    case = make_case(authority=seed("council-b"), received_on=date(2026, 3, 2))
    # 002: "we will write to you within two working days": Wednesday 4 March.
    assert deadline(case, "acknowledgement").due == date(2026, 3, 4)
    case = svc.handle_outside(case, user=superuser, reason="Safeguarding referral made instead.", on=date(2026, 3, 3))
    assert case.state == CaseState.HANDLED_OUTSIDE
    assert case.decision_reason == "Safeguarding referral made instead."
    assert case.events.last().reason == "Safeguarding referral made instead."


def test_council_b_complaint_withdrawn_during_the_stage2_investigation(seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed("council-b"), received_on=date(2026, 3, 2)), superuser)
    case = svc.withdraw(case, user=superuser, reason="Resolved informally.", on=date(2026, 4, 1))
    assert (case.state, case.closure_reason, case.closed_on) == (CaseState.WITHDRAWN, "withdrawn", date(2026, 4, 1))
    assert case.deadlines.get(clock_key="stage2.response").status == DeadlineStatus.CANCELLED


def test_family_advice_stage3_counts_the_panel_in_working_days(seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed("family-advice"), received_on=date(2026, 3, 2)), superuser)
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 4, 29))
    case = svc.escalate(case, user=superuser, on=date(2026, 5, 1))
    # Template, reg. 19(4): the panel meets within 30 working days of Friday 1 May:
    # 4 May a bank holiday, 8 May (4), 15 (9), 22 (14), 25 May a bank holiday, 29 (18),
    # 5 June (23), 12 (28), Tuesday 16 June (30).
    assert deadline(case, "stage3.panel_meeting").due == date(2026, 6, 16)
    case = svc.convene_panel(case, user=superuser, meeting_on=date(2026, 6, 15), notice_sent_on=date(2026, 6, 1))
    case = svc.record_panel_met(case, user=superuser, on=date(2026, 6, 15))
    # 001: "within five working days of the panel meeting": Monday 22 June.
    assert deadline(case, "stage3.panel_report").due == date(2026, 6, 22)
    case = svc.record_panel_report(case, user=superuser, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 6, 19))
    # 001: "15 days to write to you": calendar days from Friday 19 June: Saturday 4 July.
    assert deadline(case, "stage3.authority_response").due == date(2026, 7, 4)
    case = svc.record_authority_response(case, user=superuser, on=date(2026, 7, 6))
    assert deadline(case, "stage3.authority_response").on_time is False
    case = svc.close(case, user=superuser, on=date(2026, 7, 6))
    assert case.state == CaseState.CLOSED


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_every_seed_statutory_procedure_walks_from_receipt_to_closure(slug, seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed(slug), received_on=date(2026, 3, 2)), superuser)
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 4, 1))
    case = svc.escalate(case, user=superuser, on=date(2026, 4, 2))
    case = svc.convene_panel(case, user=superuser, meeting_on=date(2026, 4, 28), notice_sent_on=date(2026, 4, 7))
    case = svc.record_panel_met(case, user=superuser, on=date(2026, 4, 28))
    case = svc.record_panel_report(case, user=superuser, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 4, 29))
    case = svc.record_authority_response(case, user=superuser, on=date(2026, 4, 30))
    case = svc.close(case, user=superuser, on=date(2026, 4, 30))
    assert case.state == CaseState.CLOSED
    assert not case.deadlines.open().exists()
    assert all(d.on_time in (True, None) for d in case.deadlines.filter(status="met"))
    assert CaseEvent.objects.filter(case=case).count() == 13  # filed + 12 actions


def test_stage3_panel_report_records_the_panels_finding_on_every_point(seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed("walsall"), received_on=date(2026, 3, 2)), superuser)
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 4, 1))
    case = svc.escalate(case, user=superuser, on=date(2026, 4, 2))
    case = svc.convene_panel(case, user=superuser, meeting_on=date(2026, 4, 28), notice_sent_on=date(2026, 4, 7))
    case = svc.record_panel_met(case, user=superuser, on=date(2026, 4, 28))
    # A finding for one point only, or a finding that is not an outcome, is refused and
    # changes nothing.
    for findings in ({1: "upheld"}, {1: "upheld", 2: "mostly"}, {1: "upheld", 2: "upheld", 3: "upheld"}):
        with pytest.raises(InvalidAction):
            svc.record_panel_report(case, user=superuser, outcomes=findings, on=date(2026, 4, 29))
        case.refresh_from_db()
        assert (case.state, case.last_step) == (CaseState.STAGE3, "stage3.panel_met")
        assert not case.points.filter(outcomes__stage="stage3").exists()
    case = svc.record_panel_report(case, user=superuser, outcomes={1: "partly_upheld", 2: "upheld"}, on=date(2026, 4, 29))
    assert (case.state, case.last_step) == (CaseState.STAGE3, "stage3.panel_reported")
    findings = {p.number: p.outcomes.get(stage="stage3").outcome for p in case.points.all()}
    assert findings == {1: "partly_upheld", 2: "upheld"}
    # Stage 2's outcomes are untouched; the timeline event carries the findings.
    assert {p.number: p.outcomes.get(stage="stage2").outcome for p in case.points.all()} == {1: "upheld", 2: "not_upheld"}
    event = case.events.get(event_key="stage3.panel_reported")
    assert event.data["outcomes"] == {"1": "partly_upheld", "2": "upheld"}
