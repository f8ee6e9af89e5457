"""`process_config walk` for the shipped authorities: every path's steps and dates, counted by
hand from the config's own sentences (quoted), day 0 the event's day.

Bank holidays (``holidays.UK``), 2027: Scotland: New Year's Day (Friday 1 January), 2 January
(a Saturday, observed Monday 4 January), Good Friday 26 March, May Day 3 May, Spring Bank
Holiday 31 May, Summer Bank Holiday Monday 2 August, St Andrew's Day Tuesday 30 November,
Christmas and Boxing Day observed Monday 27 and Tuesday 28 December; Easter Monday
(29 March) and the last Monday of August (30 August) are working days.  2028: New Year's Day
and 2 January (Saturday and Sunday) observed Monday 3 and Tuesday 4 January.  England and
Wales 2027: Good Friday 26 March, Easter Monday 29 March, 3 May, 31 May, 30 August,
27 and 28 December.

The walk takes each step on the last day allowed, a step no clock times on the day of the step
before, and a request for a stage whose window states no time on the day of the response.
"""

import functools
import json
from io import StringIO
from typing import NamedTuple

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@functools.cache
def walk_paths(slug: str, received: str, procedure: str | None = None) -> dict[str, dict]:
    """The walk's JSON by path name, run once per authority and day for the whole module; no
    path may be stuck."""
    out = StringIO()
    args = ["walk", slug, "--received", received, "--json"] + (["--procedure", procedure] if procedure else [])
    call_command("process_config", *args, stdout=out, stderr=StringIO())
    paths = json.loads(out.getvalue())
    assert all("stuck" not in path for path in paths)
    return {path["name"]: path for path in paths}


def walk(slug: str, received: str, procedure: str | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """Every path of the walk: name -> [(action, day, state after)]."""
    paths = walk_paths(slug, received, procedure)
    return {name: [(s["action"], s["on"], s["state"]) for s in path["steps"]] for name, path in paths.items()}


def clocks_of(slug: str, received: str, name: str, procedure: str | None = None) -> list[tuple[str, str, str | None]]:
    return [(c["key"], c["starts"], c["due"]) for c in walk_paths(slug, received, procedure)[name]["clocks"]]


def intake(received: str) -> dict[str, list[tuple[str, str, str]]]:
    """The three paths that end on the day of receipt."""
    return {
        "refused": [("refuse", received, "not_accepted")],
        "handled outside": [("handle_outside", received, "handled_outside")],
        "withdrawn": [("withdraw", received, "withdrawn")],
    }


# -- Kinloch (SPSO model CHP, Scotland) ------------------------------------------------------
# base/spso-model-chp: stage 1 "within 5 working days", "extended: up to 10 working days";
# stage 2 acknowledged "within 3 working days" and answered "within 20 working days", both
# from the request ("of receipt at stage 2"); no time is set for asking for stage 2, so no
# path lapses.


def spso_paths(received, s1, s1_extended, ack, s2, ext_ack, ext_s2):
    """Kinloch's paths from hand-counted days: the stage 1 response (and extended), the
    stage 2 acknowledgement and response (and both after an extended stage 1)."""
    return intake(received) | {
        "closed after stage1": [("accept", received, "stage1"), ("respond", s1, "stage1_responded"), ("close", s1, "closed")],
        "stage1 extended": [
            ("accept", received, "stage1"),
            ("extend", s1, "stage1"),  # on the last day of the unextended limit
            ("respond", s1_extended, "stage1_responded"),
            ("escalate", s1_extended, "stage2"),
            ("acknowledge_escalation", ext_ack, "stage2"),
            ("respond", ext_s2, "stage2_responded"),
            ("close", ext_s2, "closed"),
        ],
        "withdrawn at stage1": [("accept", received, "stage1"), ("withdraw", received, "withdrawn")],
        "every stage": [
            ("accept", received, "stage1"),
            ("respond", s1, "stage1_responded"),
            ("escalate", s1, "stage2"),
            ("acknowledge_escalation", ack, "stage2"),
            ("respond", s2, "stage2_responded"),
            ("close", s2, "closed"),
        ],
        "withdrawn at stage2": [
            ("accept", received, "stage1"),
            ("respond", s1, "stage1_responded"),
            ("escalate", s1, "stage2"),
            ("withdraw", s1, "withdrawn"),
        ],
    }


def test_kinloch_counts_easter_monday_as_a_working_day():
    # Received Wednesday 24 March 2027.  Stage 1, 5 working days: Thursday 25 (1), Good Friday
    # 26 not counted, Easter Monday 29 (2: a working day in Scotland), 30 (3), 31 (4),
    # Thursday 1 April (5).  Extended to 10: 2 (6), 5 (7), 6 (8), 7 (9), Thursday 8 April (10).
    # Stage 2 from Thursday 1 April: acknowledgement 2 (1), 5 (2), Tuesday 6 April (3);
    # response 2 (1), 5-9 (6), 12-16 (11), 19-23 (16), 26-29 (20): Thursday 29 April.
    # After the extended stage 1, from Thursday 8 April: acknowledgement 9, 12, Tuesday 13 April;
    # response 9 (1), 12-16 (6), 19-23 (11), 26-30 (16), May Day 3 May not counted, 4-7 (20):
    # Friday 7 May.
    assert walk("kinloch", "2027-03-24") == spso_paths(
        "2027-03-24", "2027-04-01", "2027-04-08", "2027-04-06", "2027-04-29", "2027-04-13", "2027-05-07"
    )
    assert clocks_of("kinloch", "2027-03-24", "every stage") == [
        ("stage1.response", "2027-03-24", "2027-04-01"),
        ("stage2.request", "2027-04-01", None),  # "due: not stated"
        ("stage2.acknowledgement", "2027-04-01", "2027-04-06"),
        ("stage2.response", "2027-04-01", "2027-04-29"),
    ]


def test_kinloch_skips_the_scottish_summer_bank_holiday():
    # Received Monday 26 July 2027.  Stage 1: 27 (1), 28 (2), 29 (3), Friday 30 (4), Monday
    # 2 August not counted (Summer Bank Holiday), Tuesday 3 August (5).  Extended: 4 (6),
    # 5 (7), 6 (8), 9 (9), Tuesday 10 August (10).  Stage 2 from Tuesday 3 August:
    # acknowledgement 4, 5, Friday 6 August; response 4-6 (3), 9-13 (8), 16-20 (13),
    # 23-27 (18), Monday 30 August (19: England's bank holiday, not Scotland's), Tuesday
    # 31 August (20).  After the extended stage 1, from Tuesday 10 August: acknowledgement
    # 11, 12, Friday 13 August; response 11-13 (3), 16-20 (8), 23-27 (13), 30, 31 (15),
    # 1-3 September (18), 6, Tuesday 7 September (20).
    assert walk("kinloch", "2027-07-26") == spso_paths(
        "2027-07-26", "2027-08-03", "2027-08-10", "2027-08-06", "2027-08-31", "2027-08-13", "2027-09-07"
    )


def test_kinloch_skips_st_andrews_day_and_the_scottish_new_year():
    # Received Wednesday 24 November 2027.  Stage 1: 25 (1), 26 (2), Monday 29 (3), Tuesday
    # 30 November not counted (St Andrew's Day), 1 December (4), Thursday 2 December (5).
    # Extended: 3 (6), 6 (7), 7 (8), 8 (9), Thursday 9 December (10).  Stage 2 from Thursday
    # 2 December: acknowledgement 3, 6, Tuesday 7 December; response 3 (1), 6-10 (6),
    # 13-17 (11), 20-24 (16), Christmas and Boxing Day observed 27, 28 not counted,
    # 29-31 (19), New Year observed Monday 3 and Tuesday 4 January 2028 not counted,
    # Wednesday 5 January 2028 (20).  After the extended stage 1, from Thursday 9 December:
    # acknowledgement 10, 13, Tuesday 14 December; response 10 (1), 13-17 (6), 20-24 (11),
    # 29-31 (14), 5-7 January (17), 10, 11, Wednesday 12 January 2028 (20).
    assert walk("kinloch", "2027-11-24") == spso_paths(
        "2027-11-24", "2027-12-02", "2027-12-09", "2027-12-07", "2028-01-05", "2027-12-14", "2028-01-12"
    )


# -- Cwm Aur (Social Services Complaints Procedure (Wales) Regulations 2014) -----------------
# base/social-services-wales-2014: acknowledged "within 2 working days"; the discussion offered
# "within 10 working days" of the acknowledgement; the written response "within 5 working days"
# of the discussion; stage 2 answered "within 25 working days" of its request; no time is set
# for asking for stage 2.


def test_cwm_aur_walks_the_discussion_step_across_easter():
    # Received Tuesday 23 March 2027.  Acknowledgement: 24 (1), Thursday 25 March (2).
    # Discussion: Good Friday 26 and Easter Monday 29 not counted, 30 (1), 31 (2), 1 (3),
    # 2 (4), 5-9 (9), Monday 12 April (10).  Response: 13, 14, 15, 16, Monday 19 April (5).
    # Stage 2 from Monday 19 April: 20-23 (4), 26-30 (9), May Day 3 May not counted,
    # 4-7 (13), 10-14 (18), 17-21 (23), 24, Tuesday 25 May (25).
    stage1 = [
        ("acknowledge", "2027-03-25", "received"),
        ("accept", "2027-03-25", "stage1"),
        ("record_step", "2027-04-12", "stage1"),  # stage1.discussion_held
        ("respond", "2027-04-19", "stage1_responded"),
    ]
    assert walk("cwm-aur", "2027-03-23") == intake("2027-03-23") | {
        "closed after stage1": [*stage1, ("close", "2027-04-19", "closed")],
        "withdrawn at stage1": [*stage1[:2], ("withdraw", "2027-03-25", "withdrawn")],
        "every stage": [
            *stage1,
            ("escalate", "2027-04-19", "stage2"),
            ("respond", "2027-05-25", "stage2_responded"),
            ("close", "2027-05-25", "closed"),
        ],
        "withdrawn at stage2": [*stage1, ("escalate", "2027-04-19", "stage2"), ("withdraw", "2027-04-19", "withdrawn")],
    }
    assert clocks_of("cwm-aur", "2027-03-23", "every stage") == [
        ("acknowledgement", "2027-03-23", "2027-03-25"),
        ("stage1.discussion", "2027-03-25", "2027-04-12"),
        ("stage1.response", "2027-04-12", "2027-04-19"),
        ("stage2.request", "2027-04-19", None),
        ("stage2.response", "2027-04-19", "2027-05-25"),
    ]


# -- Ashby Vale: the children's procedure (base/statutory-england-2006) ------------------------
# ashby-vale.yaml: acknowledgement "within 3 working days".  The template: stage 1 "within 10
# working days", "extended: up to 20 working days", its clock stops for the child's consent;
# stage 2 asked for "within 20 working days" of receiving the stage 1 response (posted: "2
# working days after"), answered "within 25 working days" of the statement agreed, "up to 65";
# stage 3 asked for "within 20 working days" of receiving the stage 2 response, the panel
# meeting "within 30 working days" of the request (no notice period stated, so the panel is
# convened the day it is asked for), its report "within 5 working days" of the meeting, the
# authority's response "within 15 working days" of the report.  The walk stops a clock for a
# week: stopped the day of the step before, restarted 7 days later.


def statutory_paths(received, ack, s1, s1_window, s2, s2_window, extended1, paused1, extended2, paused2):
    """Every path of an English children's procedure from hand-counted days.  ``s1``: the
    stage 1 response; ``s1_window``: the last day to ask for stage 2 (the request, the statement
    agreed); ``s2``: the stage 2 response; ``s2_window``: the last day to ask for stage 3;
    ``extended1`` ... ``paused2``: for those paths, the days of each step from the stage's
    response on (response, request, stage 2 response, request, panel met, report, authority's response)."""
    start = [("acknowledge", ack, "received"), ("accept", ack, "stage1")]

    def from_stage2(days):
        s2_day, request3, met, report, response = days
        return [
            ("respond", s2_day, "stage2_responded"),
            ("escalate", request3, "stage3_requested"),
            ("convene_panel", request3, "stage3"),
            ("record_panel_met", met, "stage3"),
            ("record_panel_report", report, "stage3"),
            ("record_authority_response", response, "stage3_responded"),
            ("close", response, "closed"),
        ]

    def from_stage1(days):
        s1_day, request2, *rest = days
        return [
            ("respond", s1_day, "stage1_responded"),
            ("escalate", request2, "stage2_requested"),
            ("agree_statement", request2, "stage2"),
            *from_stage2(rest),
        ]

    stage1 = [*start, ("respond", s1, "stage1_responded")]
    stage2 = [*stage1, ("escalate", s1_window, "stage2_requested"), ("agree_statement", s1_window, "stage2")]
    paused1_on, resumed1_on, *paused1_rest = paused1
    paused2_on, resumed2_on, *paused2_rest = paused2
    return intake(received) | {
        "closed after stage1": [*stage1, ("close", s1, "closed")],
        "lapsed after stage1": [*stage1, ("lapse", next_day(s1_window), "closed")],
        "stage1 extended": [*start, ("extend", s1, "stage1"), *from_stage1(extended1)],
        "stage1 paused": [
            *start,
            ("pause_clock", paused1_on, "stage1"),
            ("resume_clock", resumed1_on, "stage1"),
            *from_stage1(paused1_rest),
        ],
        "withdrawn at stage1": [*start, ("withdraw", ack, "withdrawn")],
        "closed after stage2": [*stage2, ("respond", s2, "stage2_responded"), ("close", s2, "closed")],
        "lapsed after stage2": [*stage2, ("respond", s2, "stage2_responded"), ("lapse", next_day(s2_window), "closed")],
        "stage2 extended": [*stage2, ("extend", s2, "stage2"), *from_stage2(extended2)],
        "stage2 paused": [
            *stage2,
            ("pause_clock", paused2_on, "stage2"),
            ("resume_clock", resumed2_on, "stage2"),
            *from_stage2(paused2_rest),
        ],
        "withdrawn at stage2": [*stage1, ("escalate", s1_window, "stage2_requested"), ("withdraw", s1_window, "withdrawn")],
    }


def next_day(day: str) -> str:
    """The worker lapses a case the day after the window's last day."""
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def with_stage3(paths, s2_window, met, report, response):
    """The paths through stage 3 of ``paths`` (the every-stage path and a withdrawal in stage 3)."""
    every = [step for step in paths["closed after stage2"] if step[0] != "close"]
    full = [
        *every,
        ("escalate", s2_window, "stage3_requested"),
        ("convene_panel", s2_window, "stage3"),
        ("record_panel_met", met, "stage3"),
        ("record_panel_report", report, "stage3"),
        ("record_authority_response", response, "stage3_responded"),
        ("close", response, "closed"),
    ]
    return paths | {
        "every stage": full,
        "withdrawn at stage3": [*every, ("escalate", s2_window, "stage3_requested"), ("withdraw", s2_window, "withdrawn")],
    }


def test_ashby_vale_childrens_procedure_walks_every_path_across_two_bank_holidays_and_christmas():
    # Received Monday 5 July 2027.  Acknowledgement: 6, 7, Thursday 8 July (3).
    # Stage 1: 6-9 (4), 12-16 (9), Monday 19 July (10).  Posted: received Wednesday 21 July
    # (20, 21).  Stage 2 window: 22, 23 (2), 26-30 (7), 2-6 August (12), 9-13 (17), 16-18 (20):
    # Wednesday 18 August; lapsed Thursday 19 August.  Stage 2 from 18 August: 19, 20 (2),
    # 23-27 (7), Monday 30 August not counted (Late Summer Bank Holiday), 31 (8), 1-3 September
    # (11), 6-10 (16), 13-17 (21), 20-23 (25): Thursday 23 September.  Received Monday
    # 27 September (24, 27).  Stage 3 window: 28-30 (3), 1 October (4), 4-8 (9), 11-15 (14),
    # 18-22 (19), Monday 25 October (20); lapsed Tuesday 26 October.  Panel: 26-29 (4),
    # 1-5 November (9), 8-12 (14), 15-19 (19), 22-26 (24), 29, 30 (26), 1-3 December (29),
    # Monday 6 December (30).  Report: 7-10 (4), Monday 13 December (5).  Response: 14-17 (4),
    # 20-24 (9), 27 and 28 December not counted, 29-31 (12), Monday 3 January 2028 not counted
    # (New Year's Day observed), 4-6 (15): Thursday 6 January 2028.
    paths = statutory_paths(
        "2027-07-05",
        "2027-07-08",
        "2027-07-19",
        "2027-08-18",
        "2027-09-23",
        "2027-10-25",
        # Stage 1 extended to 20 working days from receipt: 20-23 (14), 26-30 (19), Monday
        # 2 August (20).  Received Wednesday 4 August; window: 5, 6 (2), 9-13 (7), 16-20 (12),
        # 23-27 (17), 31 August (18), 1, 2 September (20).  Stage 2: 3 (1), 6-10 (6), 13-17 (11),
        # 20-24 (16), 27-30 (20), 1 October (21), 4-7 (25): Thursday 7 October.  Received Monday
        # 11 October; window: 12-15 (4), 18-22 (9), 25-29 (14), 1-5 November (19), Monday
        # 8 November (20).  Panel: 9-12 (4), 15-19 (9), 22-26 (14), 29, 30 (16), 1-3 December
        # (19), 6-10 (24), 13-17 (29), Monday 20 December (30).  Report: 21-24 (4), Wednesday
        # 29 December (5).  Response: 30, 31 (2), 4-7 January (6), 10-14 (11), 17-20 (15):
        # Thursday 20 January 2028.
        ["2027-08-02", "2027-09-02", "2027-10-07", "2027-11-08", "2027-12-20", "2027-12-29", "2028-01-20"],
        # Stopped Thursday 8 July, restarted Thursday 15 July: 9, 12, 13, 14, 15 stopped (5), so
        # the response moves from 19 July by 5: 20, 21, 22, 23, Monday 26 July.  Received
        # Wednesday 28 July; window: 29, 30 (2), 2-6 (7), 9-13 (12), 16-20 (17), 23-25 (20):
        # Wednesday 25 August.  Stage 2: 26, 27 (2), 31 (3), 1-3 (6), 6-10 (11), 13-17 (16),
        # 20-24 (21), 27-30 (25): Thursday 30 September.  Received Monday 4 October; window:
        # 5-8 (4), 11-15 (9), 18-22 (14), 25-29 (19), Monday 1 November (20).  Panel: 2-5 (4),
        # 8-12 (9), 15-19 (14), 22-26 (19), 29, 30 (21), 1-3 December (24), 6-10 (29), Monday
        # 13 December (30).  Report: 14-17 (4), Monday 20 December (5).  Response: 21-24 (4),
        # 29-31 (7), 4-7 January (11), 10-13 (15): Thursday 13 January 2028.
        [
            "2027-07-08",
            "2027-07-15",
            "2027-07-26",
            "2027-08-25",
            "2027-09-30",
            "2027-11-01",
            "2027-12-13",
            "2027-12-20",
            "2028-01-13",
        ],
        # Stage 2 extended to 65 working days from 18 August: from 23 September (25), 24 (26),
        # 27 September-1 October (31), 4-8 (36), 11-15 (41), 18-22 (46), 25-29 (51),
        # 1-5 November (56), 8-12 (61), 15-18 (65): Thursday 18 November.  Received Monday
        # 22 November (19, 22); window: 23-26 (4), 29, 30 (6), 1-3 December (9), 6-10 (14),
        # 13-17 (19), Monday 20 December (20).  Panel: 21-24 (4), 29-31 (7), 4-7 January (11),
        # 10-14 (16), 17-21 (21), 24-28 (26), 31 January (27), 1-3 February (30): Thursday
        # 3 February 2028.  Report: 4 (1), 7-10 (5).  Response: 11 (1), 14-18 (6), 21-25 (11),
        # 28, 29 February (13), 1, 2 March (15): Thursday 2 March 2028.
        ["2027-11-18", "2027-12-20", "2028-02-03", "2028-02-10", "2028-03-02"],
        # Stopped Wednesday 18 August, restarted Wednesday 25 August: 19, 20, 23, 24, 25 (5), so
        # the response moves from 23 September to 24, 27, 28, 29, Thursday 30 September; then as
        # after the stopped stage 1 clock.
        ["2027-08-18", "2027-08-25", "2027-09-30", "2027-11-01", "2027-12-13", "2027-12-20", "2028-01-13"],
    )
    assert walk("ashby-vale", "2027-07-05", "childrens-statutory") == with_stage3(
        paths, "2027-10-25", "2027-12-06", "2027-12-13", "2028-01-06"
    )


def test_ashby_vale_adults_procedure_walks_its_one_stage():
    # base/adult-social-care-england-2009: acknowledged "within 3 working days"; a response
    # "within 6 months", "extended: no limit stated" (the walk then extends by 20 days).
    # Received Wednesday 26 May 2027: acknowledgement 27 (1), 28 (2), Spring Bank Holiday
    # 31 May not counted, Tuesday 1 June (3); response 26 May + 6 months: Friday 26 November;
    # extended: 26 November + 20 days: Thursday 16 December.
    start = [("acknowledge", "2027-06-01", "received"), ("accept", "2027-06-01", "stage1")]
    assert walk("ashby-vale", "2027-05-26", "adult-social-care") == intake("2027-05-26") | {
        "every stage": [*start, ("respond", "2027-11-26", "stage1_responded"), ("close", "2027-11-26", "closed")],
        "stage1 extended": [
            *start,
            ("extend", "2027-11-26", "stage1"),
            ("respond", "2027-12-16", "stage1_responded"),
            ("close", "2027-12-16", "closed"),
        ],
        "withdrawn at stage1": [*start, ("withdraw", "2027-06-01", "withdrawn")],
    }


# -- The five seed authorities (base/statutory-england-2006, each with its own page's times) ----
# Received Monday 1 March 2027 for each.  What the seeds share, from the template: a posted
# response is received "2 working days after"; the stage 2 and stage 3 windows are "within
# 20 working days" of receiving the response (a floor the law sets: council-a's "within 20 days"
# of its page is shorter, so the law's 20 working days stand); the statement of complaint is
# agreed the day stage 2 is asked for; the panel meets "within 30 working days" of the request.
# Counted once for all: stage 1 "within 10 working days" of Monday 1 March: 2-5 (4), 8-12 (9),
# Monday 15 March (10).  Received Wednesday 17 March; stage 2 window: 18, 19 (2), 22-25 (6),
# Good Friday 26 and Easter Monday 29 not counted, 30, 31 (8), 1, 2 April (10), 5-9 (15),
# 12-16 (20): Friday 16 April; lapsed Saturday 17 April.  Stage 2 "within 25 working days" of
# 16 April: 19-23 (5), 26-30 (10), May Day 3 May not counted, 4-7 (14), 10-14 (19), 17-21 (24),
# Monday 24 May (25).  Received Wednesday 26 May; stage 3 window: 27, 28 (2), Spring Bank
# Holiday 31 May not counted, 1-4 June (6), 7-11 (11), 14-18 (16), 21-24 (20): Thursday 24 June;
# lapsed Friday 25 June.  Panel meeting 30 working days from 24 June: 25 (1), 28-30 (4), 1, 2 July
# (6), 5-9 (11), 12-16 (16), 19-23 (21), 26-30 (26), 2-5 August (30): Thursday 5 August.
# Stage 2 extended to "65 working days" of 16 April: 24 May (25), 25-28 (29), 1-4 June (33),
# 7-11 (38), 14-18 (43), 21-25 (48), 28-30 (51), 1, 2 July (53), 5-9 (58), 12-16 (63), 19,
# Tuesday 20 July (65).  Stage 2's clock stopped on Friday 16 April and restarted on Friday
# 23 April (19-23 stopped: 5 working days): 24 May moves to 25-28, Tuesday 1 June.

RECEIVED = "2027-03-01"


class Run(NamedTuple):
    """The hand-counted days of one case taken through all three stages, each step on the last
    day allowed: the stage 1 response, the day it is received (posted), the last day to ask for
    stage 2 (asked and the statement agreed that day), the stage 2 response, received, the last
    day to ask for stage 3, the panel convened, the panel met, its report, the response."""

    s1: str
    posted1: str
    request2: str
    s2: str
    posted2: str
    request3: str
    convened: str
    met: str
    report: str
    response: str


EVERY_STAGE1 = ("2027-03-15", "2027-03-17", "2027-04-16")  # s1, posted1, request2
# Stage 2's clock stopped the day the statement is agreed, Friday 16 April, restarted a week
# later, Friday 23 April.
STAGE2_STOPPED = ("2027-04-16", "2027-04-23")
EVERY_STAGE2 = (*EVERY_STAGE1, "2027-05-24", "2027-05-26", "2027-06-24")  # then s2, posted2, request3

# Runs that several seeds share, counted in the section's heading and here (the panel's
# 30 working days are the template's, which Walsall's page replaces with calendar days).
# Stage 1 extended to Wednesday 31 March (20 working days: 16-19 (14), 22-25 (18), 30, 31 (20)):
# received 1, Friday 2 April; window 5-9 (5), 12-16 (10), 19-23 (15), 26-30 (20): Friday 30 April.
EXTENDED1_TO_31_MARCH = ("2027-03-31", "2027-04-02", "2027-04-30")
# Stage 2 from Friday 30 April after that stage 1, 25 working days: May Day not counted, 4-7
# (4), 10-14 (9), 17-21 (14), 24-28 (19), 31 May not counted, 1-4 June (23), 7, Tuesday 8 June
# (25); received 9, Thursday 10 June; window 11 (1), 14-18 (6), 21-25 (11), 28 June-2 July (16), 5-8
# (20): Thursday 8 July.  Panel 30 working days: 9 (1), 12-16 (6), 19-23 (11), 26-30 (16), 2-6
# August (21), 9-13 (26), 16-19 (30): Thursday 19 August; report 20 (1), 23-26 (5): Thursday
# 26 August.
EXTENDED1_STAGE2 = ("2027-06-08", "2027-06-10", "2027-07-08")
# Stage 2 response Tuesday 1 June (the stopped clock, or 25 working days from Friday 23 April):
# received 2, Thursday 3 June; window 4 (1), 7-11 (6), 14-18 (11), 21-25 (16), 28 June-1 July
# (20): Thursday 1 July.  Panel 30 working days: 2 (1), 5-9 (6), 12-16 (11), 19-23 (16), 26-30
# (21), 2-6 August (26), 9-12 (30): Thursday 12 August; report 5 working days: 13 (1), 16-19
# (5): Thursday 19 August.
S2_ON_1_JUNE = ("2027-06-01", "2027-06-03", "2027-07-01")
# Stage 2 extended to Tuesday 20 July: received 21, Thursday 22 July; window 23 (1), 26-30 (6),
# 2-6 August (11), 9-13 (16), 16-19 (20): Thursday 19 August.  Panel 30 working days: 20 (1),
# 23-27 (6), Late Summer Bank Holiday 30 August not counted, 31 (7), 1-3 September (10), 6-10
# (15), 13-17 (20), 20-24 (25), 27 September-1 October (30): Friday 1 October; report 4-8
# (5): Friday 8 October.
S2_ON_20_JULY = ("2027-07-20", "2027-07-22", "2027-08-19")


class Paused(NamedTuple):
    run: Run
    stopped: tuple[str, str]  # the days the clock stopped and restarted


def seed_paths(*, ack, ack_due, every, extended1, paused1=None, extended2=None, paused2, stage3_clocks):
    """Every path of a seed's children's procedure from hand-counted days: name -> (steps,
    clocks).  ``ack``: the day acknowledged (``ack_due`` its clock's due date, None if none is
    stated); ``every``, ``extended1`` ... ``paused2``: the run of each path through all stages
    (the paused paths' clocks stop for a week from the step before); ``stage3_clocks``: a run's
    panel notice, report and response clocks, which the seeds time differently."""
    start = [("acknowledge", ack, "received"), ("accept", ack, "stage1")]

    def clocks(run):
        return [
            ("acknowledgement", RECEIVED, ack_due),
            ("stage1.response", RECEIVED, run.s1),
            ("stage2.request", run.posted1, run.request2),
            ("stage2.response", run.request2, run.s2),
            ("stage3.request", run.posted2, run.request3),
            ("stage3.panel_meeting", run.request3, run.met),
            *stage3_clocks(run),
        ]

    def steps(run, stage1=(), stage2=()):
        """``stage1``, ``stage2``: the steps taken in the stage before its response."""
        return [
            *start,
            *stage1,
            ("respond", run.s1, "stage1_responded"),
            ("escalate", run.request2, "stage2_requested"),
            ("agree_statement", run.request2, "stage2"),
            *stage2,
            ("respond", run.s2, "stage2_responded"),
            ("escalate", run.request3, "stage3_requested"),
            ("convene_panel", run.convened, "stage3"),
            ("record_panel_met", run.met, "stage3"),
            ("record_panel_report", run.report, "stage3"),
            ("record_authority_response", run.response, "stage3_responded"),
            ("close", run.response, "closed"),
        ]

    def paused(run, stopped, stage):
        """The clock stopped on the day of the step before and restarted 7 days later."""
        on, restarted = stopped
        return [("pause_clock", on, stage), ("resume_clock", restarted, stage)]

    full = steps(every)
    to_stage2, to_stage3 = full[:3], full[:6]  # up to each stage's request
    every_clocks = clocks(every)
    paths = {name: (steps_, every_clocks[:2]) for name, steps_ in intake(RECEIVED).items()} | {
        "closed after stage1": ([*to_stage2, ("close", every.s1, "closed")], every_clocks[:3]),
        "lapsed after stage1": ([*to_stage2, ("lapse", next_day(every.request2), "closed")], every_clocks[:3]),
        "withdrawn at stage1": ([*start, ("withdraw", ack, "withdrawn")], every_clocks[:2]),
        "closed after stage2": ([*to_stage3, ("close", every.s2, "closed")], every_clocks[:5]),
        "lapsed after stage2": ([*to_stage3, ("lapse", next_day(every.request3), "closed")], every_clocks[:5]),
        "withdrawn at stage2": ([*full[:4], ("withdraw", every.request2, "withdrawn")], every_clocks[:3]),
        # Withdrawn the day stage 3 is asked for: the clocks that start with the request have.
        "withdrawn at stage3": (
            [*full[:7], ("withdraw", every.request3, "withdrawn")],
            [*every_clocks[:6], *(clock for clock in stage3_clocks(every) if clock[1] == every.request3)],
        ),
        "every stage": (full, every_clocks),
        "stage1 extended": (steps(extended1, stage1=[("extend", every.s1, "stage1")]), clocks(extended1)),
        "stage2 paused": (steps(paused2.run, stage2=paused(*paused2, "stage2")), clocks(paused2.run)),
    }
    if paused1:
        paths["stage1 paused"] = (steps(paused1.run, stage1=paused(*paused1, "stage1")), clocks(paused1.run))
    if extended2:
        paths["stage2 extended"] = (steps(extended2, stage2=[("extend", every.s2, "stage2")]), clocks(extended2))
    return paths


def panel_clocks(*, notice_period: bool):
    """The template's stage 3 clocks after the meeting's: the notice, counted back from the
    meeting to the day the panel is convened (no due date where no notice period is stated),
    the report from the meeting, the response from the report."""

    def clocks(run):
        return [
            ("stage3.panel_notice", run.met, run.convened if notice_period else None),
            ("stage3.panel_report", run.met, run.report),
            ("stage3.authority_response", run.report, run.response),
        ]

    return clocks


def assert_seed(slug, expected):
    """Every path of the walk, each step's day and state and each clock's start and due date."""
    paths = walk_paths(slug, RECEIVED, "childrens-statutory")
    assert set(paths) == set(expected)
    for name, (steps, clocks) in expected.items():
        assert [(s["action"], s["on"], s["state"]) for s in paths[name]["steps"]] == steps, name
        assert [(c["key"], c["starts"], c["due"]) for c in paths[name]["clocks"]] == clocks, name


def test_walsall_walks_every_path_from_1_march():
    # walsall.yaml: acknowledged "within 5 working days": 2-5 (4), Monday 8 March (5).  The
    # page times stage 3 in calendar days: the panel meets "within 30 days" of the request;
    # notice "at least 10 days before" the meeting; the report "within 5 days" of the meeting;
    # the response "within 15 days" of the report.  From the request on Thursday 24 June:
    # met Saturday 24 July, notice Wednesday 14 July, report Thursday 29 July, response Friday
    # 13 August.  The page asks for the child's consent, so stage 1's clock may stop.
    tail_from_1_june = (
        # From the request on Thursday 1 July: met Saturday 31 July, notice Wednesday 21 July,
        # report Thursday 5 August, response Friday 20 August.
        *S2_ON_1_JUNE,
        "2027-07-21",
        "2027-07-31",
        "2027-08-05",
        "2027-08-20",
    )
    assert_seed(
        "walsall",
        seed_paths(
            ack="2027-03-08",
            ack_due="2027-03-08",
            every=Run(*EVERY_STAGE2, "2027-07-14", "2027-07-24", "2027-07-29", "2027-08-13"),
            # Stage 1 extended "up to 20 days" from receipt: Sunday 21 March; received Monday 22
            # (1), Tuesday 23 March (2); window 24, 25 (2), Good Friday and Easter Monday not
            # counted, 30, 31 (4), 1, 2 (6), 5-9 (11), 12-16 (16), 19-22 (20): Thursday 22 April.
            # Stage 2, 25 working days: 23 (1), 26-30 (6), May Day not counted, 4-7 (10), 10-14
            # (15), 17-21 (20), 24-28 (25): Friday 28 May; received (31 May not counted) 1,
            # Wednesday 2 June; window 3, 4 (2), 7-11 (7), 14-18 (12), 21-25 (17), 28-30 (20):
            # Wednesday 30 June.  Met Friday 30 July, notice Tuesday 20 July, report Wednesday
            # 4 August, response Thursday 19 August.
            extended1=Run(
                "2027-03-21",
                "2027-03-23",
                "2027-04-22",
                "2027-05-28",
                "2027-06-02",
                "2027-06-30",
                "2027-07-20",
                "2027-07-30",
                "2027-08-04",
                "2027-08-19",
            ),
            # Stopped Monday 8 March, restarted Monday 15 March (9-12, 15: 5 working days): the
            # response moves from 15 March to 16-19, Monday 22 March; received 23, Wednesday
            # 24 March; window 25 (1), 30, 31 (3), 1, 2 (5), 5-9 (10), 12-16 (15), 19-23 (20):
            # Friday 23 April.  Stage 2, 25 working days: 26-30 (5), 4-7 May (9), 10-14 (14),
            # 17-21 (19), 24-28 (24), 31 May not counted, Tuesday 1 June (25).
            paused1=Paused(Run("2027-03-22", "2027-03-24", "2027-04-23", *tail_from_1_june), ("2027-03-08", "2027-03-15")),
            # From the request on Thursday 19 August: met Saturday 18 September, notice
            # Wednesday 8 September, report Thursday 23 September, response Friday 8 October.
            extended2=Run(*EVERY_STAGE1, *S2_ON_20_JULY, "2027-09-08", "2027-09-18", "2027-09-23", "2027-10-08"),
            paused2=Paused(Run(*EVERY_STAGE1, *tail_from_1_june), STAGE2_STOPPED),
            stage3_clocks=panel_clocks(notice_period=True),
        ),
    )


def test_hampshire_walks_every_path_from_1_march():
    # hampshire.yaml: acknowledged "within 4 working days": 2-5, Friday 5 March; stage 2 "within
    # 60 working days" of 16 April, not extendable: 19-23 (5), 26-30 (10), 4-7 May (14),
    # 10-14 (19), 17-21 (24), 24-28 (29), 1-4 June (33), 7-11 (38), 14-18 (43), 21-25 (48),
    # 28-30 (51), 1, 2 July (53), 5-9 (58), 12, Tuesday 13 July (60).  Received Thursday 15 July;
    # stage 3 window: 16 (1), 19-23 (6), 26-30 (11), 2-6 August (16), 9-12 (20): Thursday
    # 12 August; lapsed Friday 13 August.  Panel: 13 (1), 16-20 (6), 23-27 (11), 30 August not
    # counted, 31 (12), 1-3 September (15), 6-10 (20), 13-17 (25), 20-24 (30): Friday 24 September;
    # no notice period, so convened the day it is asked for and its clock has no due date.
    # Report "within 5 working days": 27-30 (4), Friday 1 October.  Response "within 15 working
    # days": 4-8 (5), 11-15 (10), 18-22 (15): Friday 22 October.
    # Stage 2 answered Tuesday 20 July (60 working days from Friday 23 April, or from 16 April
    # with the clock stopped 16-23 April (19-23: 5): 13 July moves to 14-16, 19, 20): received
    # 21, Thursday 22 July; window 23 (1), 26-30 (6), 2-6 August (11), 9-13 (16), 16-19 (20):
    # Thursday 19 August, convened that day; panel 20 (1), 23-27 (6), 30 August not counted,
    # 31 (7), 1-3 September (10), 6-10 (15), 13-17 (20), 20-24 (25), 27 September-1 October
    # (30): Friday 1 October; report 4-8: Friday 8 October; response 11-15 (5), 18-22 (10),
    # 25-29 (15): Friday 29 October.
    from_20_july = ("2027-07-20", "2027-07-22", "2027-08-19", "2027-08-19", "2027-10-01", "2027-10-08", "2027-10-29")
    assert_seed(
        "hampshire",
        seed_paths(
            ack="2027-03-05",
            ack_due="2027-03-05",
            every=Run(
                *EVERY_STAGE1,
                "2027-07-13",
                "2027-07-15",
                "2027-08-12",
                "2027-08-12",
                "2027-09-24",
                "2027-10-01",
                "2027-10-22",
            ),
            # Stage 1 extended "up to 20 working days": Wednesday 31 March; stage 2 from Friday
            # 30 April: 4-7 May (4), 10-14 (9), 17-21 (14), 24-28 (19), 1-4 June (23), 7-11 (28),
            # 14-18 (33), 21-25 (38), 28 June-2 July (43), 5-9 (48), 12-16 (53), 19-23 (58), 26,
            # Tuesday 27 July (60); received 28, Thursday 29 July; window 30 (1), 2-6 August (6),
            # 9-13 (11), 16-20 (16), 23-26 (20): Thursday 26 August, convened that day; panel 27
            # (1), 30 August not counted, 31 (2), 1-3 September (5), 6-10 (10), 13-17 (15), 20-24
            # (20), 27 September-1 October (25), 4-8 (30): Friday 8 October; report 11-15: Friday
            # 15 October; response 18-22 (5), 25-29 (10), 1-5 November (15): Friday 5 November.
            extended1=Run(
                *EXTENDED1_TO_31_MARCH,
                "2027-07-27",
                "2027-07-29",
                "2027-08-26",
                "2027-08-26",
                "2027-10-08",
                "2027-10-15",
                "2027-11-05",
            ),
            # Stopped Friday 5 March, restarted Friday 12 March (8-12: 5): 15 March moves to
            # 16-19, Monday 22 March; received 23, Wednesday 24 March; window 25 (1), 30, 31 (3),
            # 1, 2 (5), 5-9 (10), 12-16 (15), 19-23 (20): Friday 23 April.
            paused1=Paused(Run("2027-03-22", "2027-03-24", "2027-04-23", *from_20_july), ("2027-03-05", "2027-03-12")),
            paused2=Paused(Run(*EVERY_STAGE1, *from_20_july), STAGE2_STOPPED),
            stage3_clocks=panel_clocks(notice_period=False),
        ),
    )


def test_council_a_walks_every_path_from_1_march():
    # council-a.yaml: no time to acknowledge is stated, so the same day and its clock has no due
    # date.  Stage 3: the invitation "within 30 days of receiving your request" is timed from
    # the request, not before the meeting, so the panel is convened the day it is asked for;
    # the report "within five working days of the hearing"; the comments "within 15 days of
    # the hearing".  From the request on Thursday 24 June: invitation Saturday 24 July; met
    # Thursday 5 August; report 6 (1), 9-12 (5), Thursday 12 August; comments Friday 20 August.
    # The invitation, 30 days after each request.
    INVITATION = {
        "2027-06-24": "2027-07-24",
        "2027-07-12": "2027-08-11",
        "2027-07-01": "2027-07-31",
        "2027-08-19": "2027-09-18",
    }

    def stage3_clocks(run):
        return [
            ("stage3.panel_notice", run.request3, INVITATION[run.request3]),
            ("stage3.panel_report", run.met, run.report),
            ("stage3.authority_response", run.met, run.response),
        ]

    assert_seed(
        "council-a",
        seed_paths(
            ack=RECEIVED,
            ack_due=None,
            every=Run(*EVERY_STAGE2, "2027-06-24", "2027-08-05", "2027-08-12", "2027-08-20"),
            # Stage 1 "extended: no limit stated": the walk extends by 20 days, Sunday 4 April;
            # received Monday 5 (1), Tuesday 6 April (2); window 7-9 (3), 12-16 (8), 19-23 (13),
            # 26-30 (18), May Day not counted, 4, Wednesday 5 May (20).  Stage 2: 6, 7 (2),
            # 10-14 (7), 17-21 (12), 24-28 (17), 31 May not counted, 1-4 June (21), 7-10 (25):
            # Thursday 10 June; received 11 (1), Monday 14 June (2); window 15-18 (4), 21-25 (9),
            # 28 June-2 July (14), 5-9 (19), Monday 12 July (20), convened that day; invitation
            # Wednesday 11 August; met 13-16 (4), 19-23 (9), 26-30 (14), 2-6 August (19), 9-13
            # (24), 16-20 (29), Monday 23 August (30); report 24-27 (4), 30 August not counted,
            # Tuesday 31 August (5); comments Tuesday 7 September.
            extended1=Run(
                "2027-04-04",
                "2027-04-06",
                "2027-05-05",
                "2027-06-10",
                "2027-06-14",
                "2027-07-12",
                "2027-07-12",
                "2027-08-23",
                "2027-08-31",
                "2027-09-07",
            ),
            # Convened Thursday 1 July; invitation Saturday 31 July; met Thursday 12 August;
            # report Thursday 19 August; comments Friday 27 August.
            paused2=Paused(Run(*EVERY_STAGE1, *S2_ON_1_JUNE, "2027-07-01", "2027-08-12", "2027-08-19", "2027-08-27"), STAGE2_STOPPED),
            # Convened Thursday 19 August; invitation Saturday 18 September; met Friday
            # 1 October; report Friday 8 October; comments Saturday 16 October.
            extended2=Run(*EVERY_STAGE1, *S2_ON_20_JULY, "2027-08-19", "2027-10-01", "2027-10-08", "2027-10-16"),
            stage3_clocks=stage3_clocks,
        ),
    )


def test_council_b_walks_every_path_from_1_march():
    # council-b.yaml: acknowledged "within two working days": 2, Wednesday 3 March.  Stage 3
    # from the template: no notice period, so convened the day it is asked for and its clock has
    # no due date; the report "within 5 working days" of the meeting; the response "within 15
    # working days" of the report.  From the meeting on Thursday 5 August: report 6 (1), 9-12
    # (5), Thursday 12 August; response 13 (1), 16-20 (6), 23-27 (11), 30 August not counted,
    # 31 (12), 1-3 September (15): Friday 3 September.  Stage 1 extended "up to twenty working
    # days": Wednesday 31 March.
    assert_seed(
        "council-b",
        seed_paths(
            ack="2027-03-03",
            ack_due="2027-03-03",
            every=Run(*EVERY_STAGE2, "2027-06-24", "2027-08-05", "2027-08-12", "2027-09-03"),
            # Convened Thursday 8 July; met Thursday 19 August; report Thursday 26 August;
            # response 27 (1), 30 August not counted, 31 (2), 1-3 September (5), 6-10 (10), 13-17
            # (15): Friday 17 September.
            extended1=Run(*EXTENDED1_TO_31_MARCH, *EXTENDED1_STAGE2, "2027-07-08", "2027-08-19", "2027-08-26", "2027-09-17"),
            # Convened Thursday 1 July; met Thursday 12 August; report Thursday 19 August;
            # response 20 (1), 23-27 (6), 30 August not counted, 31 (7), 1-3 (10), 6-10 (15):
            # Friday 10 September.
            paused2=Paused(Run(*EVERY_STAGE1, *S2_ON_1_JUNE, "2027-07-01", "2027-08-12", "2027-08-19", "2027-09-10"), STAGE2_STOPPED),
            # Convened Thursday 19 August; met Friday 1 October; report Friday 8 October;
            # response 11-15 (5), 18-22 (10), 25-29 (15): Friday 29 October.
            extended2=Run(*EVERY_STAGE1, *S2_ON_20_JULY, "2027-08-19", "2027-10-01", "2027-10-08", "2027-10-29"),
            stage3_clocks=panel_clocks(notice_period=False),
        ),
    )


def test_family_advice_walks_every_path_from_1_march():
    # family-advice.yaml: no time to acknowledge is stated, so the same day and its clock has
    # no due date.  Notice "at least ten days before" the meeting; the report "within five
    # working days" of it; the response "within 15 days" of the report.  Meeting Thursday
    # 5 August: notice Monday 26 July; report Thursday 12 August; response Friday 27 August.
    # Stage 1 extended "up to 20 working days": Wednesday 31 March.
    assert_seed(
        "family-advice",
        seed_paths(
            ack=RECEIVED,
            ack_due=None,
            every=Run(*EVERY_STAGE2, "2027-07-26", "2027-08-05", "2027-08-12", "2027-08-27"),
            # As council-b's to the meeting on Thursday 19 August: notice Monday 9 August;
            # report Thursday 26 August; response Friday 10 September.
            extended1=Run(*EXTENDED1_TO_31_MARCH, *EXTENDED1_STAGE2, "2027-08-09", "2027-08-19", "2027-08-26", "2027-09-10"),
            # Meeting Thursday 12 August: notice Monday 2 August; report Thursday 19 August;
            # response Friday 3 September.
            paused2=Paused(Run(*EVERY_STAGE1, *S2_ON_1_JUNE, "2027-08-02", "2027-08-12", "2027-08-19", "2027-09-03"), STAGE2_STOPPED),
            # Meeting Friday 1 October: notice Tuesday 21 September; report Friday 8 October;
            # response Saturday 23 October.
            extended2=Run(*EVERY_STAGE1, *S2_ON_20_JULY, "2027-09-21", "2027-10-01", "2027-10-08", "2027-10-23"),
            stage3_clocks=panel_clocks(notice_period=True),
        ),
    )


def test_council_a_corporate_procedure_walks_every_path_from_1_march():
    # base/corporate-lgsco-2024: acknowledged "within 5 working days" (2-5, Monday 8 March);
    # stage 1 "within 10 working days" of the acknowledgement (9-12 (4), 15-19 (9), Monday
    # 22 March), "up to 20 working days" (23-25 (13), 30, 31 (15), 1, 2 (17), 5-7 April (20):
    # Wednesday 7 April); no time to escalate, so the same day; the escalation acknowledged
    # "within five working days of the request" (23-25 (3), 30, Wednesday 31 March (5)); stage 2
    # "20 working days from the acknowledgement" (1, 2 (2), 5-9 (7), 12-16 (12), 19-23 (17),
    # 26-28 (20): Wednesday 28 April), "up to 40" (29, 30 (22), 4-7 May (26), 10-14 (31),
    # 17-21 (36), 24-27 (40): Thursday 27 May).  After the extended stage 1, from Wednesday
    # 7 April: acknowledged 8, 9, 12, 13, Wednesday 14 April; answered 15, 16 (2), 19-23 (7),
    # 26-30 (12), 4-7 May (16), 10-13 (20): Thursday 13 May.
    start = [("acknowledge", "2027-03-08", "received"), ("accept", "2027-03-08", "stage1")]
    # Stage 2 starts with the acknowledgement, which its response counts from.
    stage2 = [*start, ("respond", "2027-03-22", "stage1_responded"), ("escalate", "2027-03-22", "stage2_requested")]
    acknowledged = [*stage2, ("acknowledge_escalation", "2027-03-31", "stage2")]
    assert walk("council-a", RECEIVED, "corporate") == intake(RECEIVED) | {
        "closed after stage1": [*stage2[:3], ("close", "2027-03-22", "closed")],
        "stage1 extended": [
            *start,
            ("extend", "2027-03-22", "stage1"),
            ("respond", "2027-04-07", "stage1_responded"),
            ("escalate", "2027-04-07", "stage2_requested"),
            ("acknowledge_escalation", "2027-04-14", "stage2"),
            ("respond", "2027-05-13", "stage2_responded"),
            ("close", "2027-05-13", "closed"),
        ],
        "withdrawn at stage1": [*start, ("withdraw", "2027-03-08", "withdrawn")],
        "every stage": [*acknowledged, ("respond", "2027-04-28", "stage2_responded"), ("close", "2027-04-28", "closed")],
        "stage2 extended": [
            *acknowledged,
            ("extend", "2027-04-28", "stage2"),
            ("respond", "2027-05-27", "stage2_responded"),
            ("close", "2027-05-27", "closed"),
        ],
        "withdrawn at stage2": [*stage2, ("withdraw", "2027-03-22", "withdrawn")],
    }
    # The clocks.  The stage 2 request's window runs from the day the stage 1 response is
    # received, "2 working days after" it is posted: Monday 22 March, received 23, Wednesday
    # 24 March (after the extended stage 1, Wednesday 7 April: 8, Friday 9 April); "The Code
    # sets no time by which the complainant must escalate", so it has no due date.
    acknowledgement = ("acknowledgement", RECEIVED, "2027-03-08")
    stage1 = [acknowledgement, ("stage1.response", "2027-03-08", "2027-03-22")]
    stage2 = [*stage1, ("stage2.acknowledgement", "2027-03-22", "2027-03-31"), ("stage2.request", "2027-03-24", None)]
    expected = {name: [acknowledgement] for name in intake(RECEIVED)} | {
        "closed after stage1": [*stage1, ("stage2.request", "2027-03-24", None)],
        "stage1 extended": [
            acknowledgement,
            ("stage1.response", "2027-03-08", "2027-04-07"),
            ("stage2.acknowledgement", "2027-04-07", "2027-04-14"),
            ("stage2.request", "2027-04-09", None),
            ("stage2.response", "2027-04-14", "2027-05-13"),
        ],
        "withdrawn at stage1": stage1,
        "every stage": [*stage2, ("stage2.response", "2027-03-31", "2027-04-28")],
        "stage2 extended": [*stage2, ("stage2.response", "2027-03-31", "2027-05-27")],
        "withdrawn at stage2": stage2,
    }
    assert {name: clocks_of("council-a", RECEIVED, name, "corporate") for name in expected} == expected
