"""Each authority's "what to expect" timeline, with every date counted by hand.

Counting rule: the day an event happens is day 0; day 1 is the next working day.  Working
days are Monday to Friday except bank holidays in England (2026: Fri 3 Apr Good Friday,
Mon 6 Apr Easter Monday, Mon 4 May, Mon 25 May, Mon 31 Aug, Fri 25 Dec, Mon 28 Dec
(Boxing Day, which falls on a Saturday, moved); 2027: Fri 1 Jan, Fri 26 Mar Good Friday,
Mon 29 Mar Easter Monday, Mon 3 May, Mon 31 May).  Calendar-day clocks ("within 30 days")
count every day and are never moved off a weekend or holiday.

Timeline assumption: each event happens on the last day its clock allows without an
extension; the stage 2 statement of complaint is agreed the day stage 2 is requested.

The expected dates below were counted on a calendar, never read back from the configs.
"""

from __future__ import annotations

from datetime import date

from complaints_process.core.config import build_timeline

from .conftest import load_seed


def timeline(slug: str, received: date, procedure: str = "childrens-statutory") -> dict[str, date | None]:
    authority = load_seed(slug)
    rows = build_timeline(authority.procedure(procedure), received, authority.working_calendar())
    return {row.key: row.due for row in rows}


# -- Walsall, received Friday 18 December 2026: a Christmas crossing ------------------------

WALSALL = timeline("walsall", date(2026, 12, 18))


def test_walsall_timeline_has_every_row_in_procedure_order():
    assert list(WALSALL) == [
        "acknowledgement",
        "stage1.response",
        "stage1.response_extended",
        "stage2.request",
        "stage2.response",
        "stage2.response_extended",
        "stage3.request",
        "stage3.panel_meeting",
        "stage3.panel_notice",
        "stage3.panel_report",
        "stage3.authority_response",
    ]


def test_walsall_acknowledges_within_5_working_days_across_christmas():
    # day 1 Mon 21, 2 Tue 22, 3 Wed 23, 4 Thu 24 Dec; Fri 25 (Christmas), Sat 26, Sun 27,
    # Mon 28 (Boxing Day moved) are not working days; day 5 = Tue 29 Dec 2026.
    assert WALSALL["acknowledgement"] == date(2026, 12, 29)


def test_walsall_stage_1_response_is_10_working_days_skipping_christmas_and_new_year():
    # days 1-4 Mon 21-Thu 24 Dec; 5 Tue 29, 6 Wed 30, 7 Thu 31 Dec; Fri 1 Jan holiday;
    # 8 Mon 4, 9 Tue 5, 10 Wed 6 Jan 2027.
    assert WALSALL["stage1.response"] == date(2027, 1, 6)


def test_walsall_stage_1_extension_is_20_calendar_days_from_receipt_as_written():
    # 18 Dec + 20 days: 13 days to 31 Dec, 7 more = Thu 7 Jan 2027 (one day after the
    # 10-working-day limit, because the page wrote "20 days", not "20 working days").
    assert WALSALL["stage1.response_extended"] == date(2027, 1, 7)


def test_walsall_stage_2_request_window_is_20_working_days_from_the_stage_1_response():
    # from Wed 6 Jan: Thu 7 (1), Fri 8 (2), 11-15 (7), 18-22 (12), 25-29 (17),
    # Mon 1 Feb (18), Tue 2 (19), Wed 3 Feb 2027 (20).
    assert WALSALL["stage2.request"] == date(2027, 2, 3)


def test_walsall_stage_2_response_is_25_working_days_from_the_agreed_statement():
    # statement agreed the day stage 2 is requested, Wed 3 Feb: Thu 4 (1), Fri 5 (2),
    # 8-12 (7), 15-19 (12), 22-26 (17), 1-5 Mar (22), Mon 8 (23), Tue 9 (24), Wed 10 Mar (25).
    assert WALSALL["stage2.response"] == date(2027, 3, 10)


def test_walsall_stage_2_extension_is_65_working_days_across_easter_and_may_day():
    # day 25 = Wed 10 Mar; Thu 11 (26), Fri 12 (27), 15-19 (32), Mon 22-Thu 25 (36);
    # Fri 26 Mar Good Friday, Mon 29 Easter Monday; Tue 30 (37), Wed 31 (38), Thu 1 Apr (39),
    # Fri 2 (40), 5-9 (45), 12-16 (50), 19-23 (55), 26-30 (60); Mon 3 May holiday;
    # Tue 4 (61), Wed 5 (62), Thu 6 (63), Fri 7 (64), Mon 10 May 2027 (65).
    assert WALSALL["stage2.response_extended"] == date(2027, 5, 10)


def test_walsall_review_panel_request_window_is_20_working_days_across_easter():
    # from Wed 10 Mar: Thu 11 (1), Fri 12 (2), 15-19 (7), Mon 22-Thu 25 (11); Good Friday and
    # Easter Monday skipped; Tue 30 (12), Wed 31 (13), Thu 1 Apr (14), Fri 2 (15),
    # Mon 5 (16), Tue 6 (17), Wed 7 (18), Thu 8 (19), Fri 9 Apr 2027 (20).
    assert WALSALL["stage3.request"] == date(2027, 4, 9)


def test_walsall_panel_meeting_is_30_calendar_days_after_request():
    # Fri 9 Apr + 30 days: 21 days to 30 Apr, 9 more = Sun 9 May 2027.  Calendar days land
    # where they land, a Sunday included: the page says "within 30 days".
    assert WALSALL["stage3.panel_meeting"] == date(2027, 5, 9)


def test_walsall_panel_notice_is_at_least_10_calendar_days_before_the_meeting():
    # counted back from Sun 9 May: Thu 29 Apr 2027.
    assert WALSALL["stage3.panel_notice"] == date(2027, 4, 29)


def test_walsall_panel_report_is_5_calendar_days_after_the_meeting():
    assert WALSALL["stage3.panel_report"] == date(2027, 5, 14)  # Sun 9 May + 5 = Fri 14 May


def test_walsall_director_responds_15_calendar_days_after_the_report():
    assert WALSALL["stage3.authority_response"] == date(2027, 5, 29)  # Fri 14 May + 15 = Sat 29 May


def test_walsall_timeline_rows_carry_their_rule_and_start_for_the_json_output():
    authority = load_seed("walsall")
    rows = build_timeline(authority.procedure("childrens-statutory"), date(2026, 12, 18), authority.working_calendar())
    assert rows[0].as_dict() == {
        "key": "acknowledgement",
        "label": "Acknowledgement",
        "due": "2026-12-29",
        "rule": "within 5 working days",
        "from": "received",
        "starts": "2026-12-18",
    }
    extended = rows[2].as_dict()
    assert (extended["key"], extended["label"], extended["rule"]) == (
        "stage1.response_extended",
        "Stage 1 response (if extended)",
        "up to 20 days",
    )


# -- Council A, received Monday 30 March 2026: Easter (Good Friday 3 Apr, Easter Monday 6 Apr)

COUNCIL_A = timeline("council-a", date(2026, 3, 30))


def test_council_a_states_no_acknowledgement_time():
    assert COUNCIL_A["acknowledgement"] is None


def test_council_a_stage_1_response_is_10_working_days_across_easter():
    # Tue 31 Mar (1), Wed 1 Apr (2), Thu 2 (3); Fri 3 Good Friday, Mon 6 Easter Monday;
    # Tue 7 (4), Wed 8 (5), Thu 9 (6), Fri 10 (7), Mon 13 (8), Tue 14 (9), Wed 15 Apr 2026 (10).
    assert COUNCIL_A["stage1.response"] == date(2026, 4, 15)


def test_council_a_stage_1_may_take_longer_with_no_date_to_show():
    assert "stage1.response_extended" in COUNCIL_A
    assert COUNCIL_A["stage1.response_extended"] is None


def test_council_a_stage_2_request_is_20_calendar_days_after_the_letter():
    assert COUNCIL_A["stage2.request"] == date(2026, 5, 5)  # Wed 15 Apr + 20 days = Tue 5 May


def test_council_a_stage_2_response_is_25_working_days_across_spring_bank_holiday():
    # from Tue 5 May: Wed 6 (1), Thu 7 (2), Fri 8 (3), 11-15 (8), 18-22 (13); Mon 25 May
    # holiday; Tue 26 (14), Wed 27 (15), Thu 28 (16), Fri 29 (17), 1-5 Jun (22), Mon 8 (23),
    # Tue 9 (24), Wed 10 Jun 2026 (25).
    assert COUNCIL_A["stage2.response"] == date(2026, 6, 10)


def test_council_a_stage_2_extension_is_65_working_days_from_the_statement():
    # day 25 = Wed 10 Jun; Thu 11 (26), Fri 12 (27), 15-19 (32), 22-26 (37),
    # 29 Jun-3 Jul (42), 6-10 (47), 13-17 (52), 20-24 (57), 27-31 (62), Mon 3 Aug (63),
    # Tue 4 (64), Wed 5 Aug 2026 (65).
    assert COUNCIL_A["stage2.response_extended"] == date(2026, 8, 5)


def test_council_a_review_panel_request_is_the_templates_20_working_days():
    # from Wed 10 Jun: Thu 11 (1), Fri 12 (2), 15-19 (7), 22-26 (12), 29 Jun-3 Jul (17),
    # Mon 6 (18), Tue 7 (19), Wed 8 Jul 2026 (20).
    assert COUNCIL_A["stage3.request"] == date(2026, 7, 8)


def test_council_a_hearing_invitation_is_30_calendar_days_after_the_request():
    assert COUNCIL_A["stage3.panel_notice"] == date(2026, 8, 7)  # Wed 8 Jul + 30 days = Fri 7 Aug


def test_council_a_hearing_itself_keeps_the_regulations_30_working_days():
    # from Wed 8 Jul: Thu 9 (1), Fri 10 (2), 13-17 (7), 20-24 (12), 27-31 (17), 3-7 Aug (22),
    # 10-14 (27), Mon 17 (28), Tue 18 (29), Wed 19 Aug 2026 (30).
    assert COUNCIL_A["stage3.panel_meeting"] == date(2026, 8, 19)


def test_council_a_panel_report_is_five_working_days_after_the_hearing():
    # Thu 20 (1), Fri 21 (2), Mon 24 (3), Tue 25 (4), Wed 26 Aug (5).
    assert COUNCIL_A["stage3.panel_report"] == date(2026, 8, 26)


def test_council_a_head_of_service_replies_15_calendar_days_after_the_hearing():
    # from the hearing (Wed 19 Aug), not from the report: 12 days to 31 Aug, 3 more = Thu 3 Sep.
    assert COUNCIL_A["stage3.authority_response"] == date(2026, 9, 3)


def test_council_a_corporate_route_counts_stage_1_from_the_acknowledgement():
    corporate = timeline("council-a", date(2026, 3, 30), procedure="corporate")
    # acknowledgement: Tue 31 (1), Wed 1 Apr (2), Thu 2 (3), [Easter], Tue 7 (4), Wed 8 Apr (5).
    assert corporate["acknowledgement"] == date(2026, 4, 8)
    # stage 1 from Wed 8 Apr: Thu 9 (1), Fri 10 (2), 13-17 (7), Mon 20 (8), Tue 21 (9), Wed 22 (10).
    assert corporate["stage1.response"] == date(2026, 4, 22)
    # extended to 20: Thu 23 (11), Fri 24 (12), Mon 27-Thu 30 (16), Fri 1 May (17);
    # Mon 4 May holiday; Tue 5 (18), Wed 6 (19), Thu 7 May (20).
    assert corporate["stage1.response_extended"] == date(2026, 5, 7)
    # the Code fixes no time to ask for stage 2, so nothing after it can be dated
    assert corporate["stage2.request"] is None
    assert corporate["stage2.acknowledgement"] is None
    assert corporate["stage2.response"] is None
    assert corporate["stage2.response_extended"] is None


# -- Hampshire, received Monday 17 August 2026 (Summer bank holiday Mon 31 Aug) ------------

HAMPSHIRE = timeline("hampshire", date(2026, 8, 17))


def test_hampshire_processes_a_complaint_within_four_working_days():
    assert HAMPSHIRE["acknowledgement"] == date(2026, 8, 21)  # Tue 18 (1) ... Fri 21 Aug (4)


def test_hampshire_stage_1_is_10_working_days_and_20_at_the_latest():
    # Tue 18-Fri 21 (4), 24-28 (9), Mon 31 Aug holiday, Tue 1 Sep (10).
    assert HAMPSHIRE["stage1.response"] == date(2026, 9, 1)
    # Wed 2 (11), Thu 3 (12), Fri 4 (13), 7-11 (18), Mon 14 (19), Tue 15 Sep (20).
    assert HAMPSHIRE["stage1.response_extended"] == date(2026, 9, 15)


def test_hampshire_stage_2_request_is_20_working_days_after_the_stage_1_response():
    # from Tue 1 Sep: Wed 2-Fri 4 (3), 7-11 (8), 14-18 (13), 21-25 (18), Mon 28 (19), Tue 29 (20).
    assert HAMPSHIRE["stage2.request"] == date(2026, 9, 29)


def test_hampshire_stage_2_full_response_is_60_working_days_with_no_extension_row():
    # from Tue 29 Sep: Wed 30 (1), Thu 1 Oct (2), Fri 2 (3), then ten full weeks
    # 5 Oct-11 Dec (53), 14-18 Dec (58), Mon 21 (59), Tue 22 Dec 2026 (60).
    assert HAMPSHIRE["stage2.response"] == date(2026, 12, 22)
    assert "stage2.response_extended" not in HAMPSHIRE


def test_hampshire_review_panel_request_crosses_christmas_and_new_year():
    # from Tue 22 Dec: Wed 23 (1), Thu 24 (2); 25 and 28 Dec holidays; Tue 29 (3), Wed 30 (4),
    # Thu 31 (5); Fri 1 Jan holiday; 4-8 Jan (10), 11-15 (15), Mon 18 (16), Tue 19 (17),
    # Wed 20 (18), Thu 21 (19), Fri 22 Jan 2027 (20).
    assert HAMPSHIRE["stage3.request"] == date(2027, 1, 22)


def test_hampshire_panel_dates_come_from_the_regulations_and_its_own_15_working_days():
    # meeting: six full weeks from Fri 22 Jan = Fri 5 Mar 2027 (30 working days).
    assert HAMPSHIRE["stage3.panel_meeting"] == date(2027, 3, 5)
    assert HAMPSHIRE["stage3.panel_notice"] is None  # neither the page nor the Regulations say
    # report: Mon 8-Fri 12 Mar (5).
    assert HAMPSHIRE["stage3.panel_report"] == date(2027, 3, 12)
    # response: 15-19 Mar (5), Mon 22-Thu 25 (9); Good Friday 26, Easter Monday 29 skipped;
    # Tue 30 (10), Wed 31 (11), Thu 1 Apr (12), Fri 2 (13), Mon 5 (14), Tue 6 Apr 2027 (15).
    assert HAMPSHIRE["stage3.authority_response"] == date(2027, 4, 6)


# -- Council B, received Thursday 30 April 2026 (May Day Mon 4 May, Spring Mon 25 May) ------

COUNCIL_B = timeline("council-b", date(2026, 4, 30))


def test_council_b_acknowledges_within_two_working_days():
    assert COUNCIL_B["acknowledgement"] == date(2026, 5, 5)  # Fri 1 May (1), [Mon 4 holiday], Tue 5 (2)


def test_council_b_stage_1_is_ten_working_days_or_twenty_if_complex():
    # Fri 1 (1), Tue 5-Fri 8 (5), 11-15 (10).
    assert COUNCIL_B["stage1.response"] == date(2026, 5, 15)
    # 18-22 (15), [Mon 25 holiday], Tue 26-Fri 29 (19), Mon 1 Jun (20).
    assert COUNCIL_B["stage1.response_extended"] == date(2026, 6, 1)


def test_council_b_stage_2_takes_25_working_days_and_up_to_sixty_five():
    # request window from Fri 15 May: 18-22 (5), Tue 26-29 (9), 1-5 Jun (14), 8-12 (19), Mon 15 Jun (20).
    assert COUNCIL_B["stage2.request"] == date(2026, 6, 15)
    # response from Mon 15 Jun: Tue 16-Fri 19 (4), 22-26 (9), 29 Jun-3 Jul (14), 6-10 (19),
    # 13-17 (24), Mon 20 Jul (25).
    assert COUNCIL_B["stage2.response"] == date(2026, 7, 20)
    # outer bound: Tue 21-Fri 24 (29), 27-31 (34), 3-7 Aug (39), 10-14 (44), 17-21 (49),
    # 24-28 (54), [Mon 31 Aug holiday], Tue 1-Fri 4 Sep (58), 7-11 (63), Mon 14 (64), Tue 15 Sep (65).
    assert COUNCIL_B["stage2.response_extended"] == date(2026, 9, 15)


def test_council_b_review_panel_times_all_come_from_the_template():
    # request from Mon 20 Jul: Tue 21-Fri 24 (4), 27-31 (9), 3-7 Aug (14), 10-14 (19), Mon 17 Aug (20).
    assert COUNCIL_B["stage3.request"] == date(2026, 8, 17)
    # meeting from Mon 17 Aug: Tue 18-Fri 21 (4), 24-28 (9), [Mon 31 holiday], Tue 1-Fri 4 Sep (13),
    # 7-11 (18), 14-18 (23), 21-25 (28), Mon 28 (29), Tue 29 Sep (30).
    assert COUNCIL_B["stage3.panel_meeting"] == date(2026, 9, 29)
    # report: Wed 30 Sep (1), Thu 1 Oct (2), Fri 2 (3), Mon 5 (4), Tue 6 Oct (5).
    assert COUNCIL_B["stage3.panel_report"] == date(2026, 10, 6)
    # response: Wed 7-Fri 9 (3), 12-16 (8), 19-23 (13), Mon 26 (14), Tue 27 Oct (15).
    assert COUNCIL_B["stage3.authority_response"] == date(2026, 10, 27)


# -- Family advice, received Monday 5 October 2026 -----------------------------------------

FAMILY = timeline("family-advice", date(2026, 10, 5))


def test_family_advice_stage_1_is_ten_working_days_plus_ten_if_very_complicated():
    assert FAMILY["stage1.response"] == date(2026, 10, 19)  # Tue 6-Fri 9 (4), 12-16 (9), Mon 19 (10)
    assert FAMILY["stage1.response_extended"] == date(2026, 11, 2)  # 20-23 (14), 26-30 (19), Mon 2 Nov (20)


def test_family_advice_stage_2_runs_into_the_christmas_holidays():
    # request window from Mon 19 Oct: 20-23 (4), 26-30 (9), 2-6 Nov (14), 9-13 (19), Mon 16 Nov (20).
    assert FAMILY["stage2.request"] == date(2026, 11, 16)
    # response from Mon 16 Nov: 17-20 (4), 23-27 (9), 30 Nov-4 Dec (14), 7-11 (19), 14-18 (24), Mon 21 Dec (25).
    assert FAMILY["stage2.response"] == date(2026, 12, 21)
    # 65: Tue 22 (26), Wed 23 (27), Thu 24 (28); [25, 28 Dec]; Tue 29 (29), Wed 30 (30),
    # Thu 31 (31); [1 Jan]; 4-8 Jan (36), 11-15 (41), 18-22 (46), 25-29 (51), 1-5 Feb (56),
    # 8-12 (61), Mon 15 (62), Tue 16 (63), Wed 17 (64), Thu 18 Feb 2027 (65).
    assert FAMILY["stage2.response_extended"] == date(2027, 2, 18)


def test_family_advice_review_panel_with_ten_days_notice_and_15_calendar_days_to_respond():
    # request from Mon 21 Dec: Tue 22 (1), Wed 23 (2), Thu 24 (3), Tue 29 (4), Wed 30 (5),
    # Thu 31 (6), 4-8 Jan (11), 11-15 (16), Mon 18 (17), Tue 19 (18), Wed 20 (19), Thu 21 Jan (20).
    assert FAMILY["stage3.request"] == date(2027, 1, 21)
    # meeting: Fri 22 (1), 25-29 (6), 1-5 Feb (11), 8-12 (16), 15-19 (21), 22-26 (26),
    # Mon 1 (27), Tue 2 (28), Wed 3 (29), Thu 4 Mar 2027 (30).
    assert FAMILY["stage3.panel_meeting"] == date(2027, 3, 4)
    # notice: at least ten days before Thu 4 Mar = Mon 22 Feb (February 2027 has 28 days).
    assert FAMILY["stage3.panel_notice"] == date(2027, 2, 22)
    # recommendations: Fri 5 (1), Mon 8 (2), Tue 9 (3), Wed 10 (4), Thu 11 Mar (5).
    assert FAMILY["stage3.panel_report"] == date(2027, 3, 11)
    # "15 days", as written: Thu 11 Mar + 15 = Fri 26 Mar 2027, Good Friday; calendar days
    # are not moved off holidays.
    assert FAMILY["stage3.authority_response"] == date(2027, 3, 26)
