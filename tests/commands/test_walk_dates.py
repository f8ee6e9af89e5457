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

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def walk(slug: str, received: str, procedure: str | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """Every path of the walk: name -> [(action, day, state after)]; no path may be stuck."""
    out = StringIO()
    args = ["walk", slug, "--received", received, "--json"] + (["--procedure", procedure] if procedure else [])
    call_command("process_config", *args, stdout=out, stderr=StringIO())
    paths = json.loads(out.getvalue())
    assert all("stuck" not in path for path in paths)
    return {path["name"]: [(s["action"], s["on"], s["state"]) for s in path["steps"]] for path in paths}


def clocks_of(slug: str, received: str, name: str, procedure: str | None = None) -> list[tuple[str, str, str | None]]:
    out = StringIO()
    args = ["walk", slug, "--received", received, "--json"] + (["--procedure", procedure] if procedure else [])
    call_command("process_config", *args, stdout=out, stderr=StringIO())
    path = next(path for path in json.loads(out.getvalue()) if path["name"] == name)
    return [(c["key"], c["starts"], c["due"]) for c in path["clocks"]]


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
