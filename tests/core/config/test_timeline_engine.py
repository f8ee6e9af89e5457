"""How the timeline dates a procedure, shown on a small procedure built for the purpose.

received ──acknowledgement (not stated)──▶ acknowledged
received ──stage1.response (5 WD, extended 10 WD)──▶ stage1.responded
stage1.responded ──stage2.request (window, 20 days)──▶ stage2.requested
stage2.requested = stage2.agreed (assumed the same day)
stage2.agreed ──stage2.meeting (10 WD)──▶ stage2.met
stage2.met ◀──stage2.notice (notice, at least 3 days before)── stage2.notice_sent
acknowledged ──stage2.follow_up (5 WD)──▶ stage2.followed_up   (undated: no acknowledgement time)
stage2.met ──stage2.decision (5 WD, no limit stated if extended)──▶ stage2.decided
"""

from __future__ import annotations

from datetime import date

from complaints_process.core.config import build_timeline, event_dates, load_authority_text

TEXT = """
authority:
  slug: tiny
  name: Tiny Council
  reference_prefix: TNY
  calendar:
    nation: england
    closures:
      - {date: 2026-06-10, reason: Staff training day}
procedures:
  - slug: complaints
    kind: statutory
    name: Complaints
    events:
      received: {label: Received}
      acknowledged: {label: Acknowledged}
      stage1.responded: {label: Stage 1 sent}
      stage2.requested: {label: Stage 2 asked}
      stage2.agreed: {label: Statement agreed, assumed: stage2.requested}
      stage2.met: {label: Met}
      stage2.notice_sent: {label: Notice sent}
      stage2.followed_up: {label: Followed up}
      stage2.decided: {label: Decided}
    clocks:
      acknowledgement: {label: Acknowledgement, from: received, due: not stated, met_by: acknowledged}
    stages:
      stage1:
        name: One
        clocks:
          response: {label: Response, from: received, due: within 5 working days, extended: up to 10 working days, met_by: stage1.responded}
      stage2:
        name: Two
        clocks:
          request: {label: Request, kind: window, from: stage1.responded, due: within 20 days, met_by: stage2.requested}
          meeting: {label: Meeting, from: stage2.agreed, due: within 10 working days, met_by: stage2.met}
          notice: {label: Notice, kind: notice, from: stage2.met, due: at least 3 days before, met_by: stage2.notice_sent}
          follow_up: {label: Follow-up, from: acknowledged, due: within 5 working days, met_by: stage2.followed_up}
          decision: {label: Decision, from: stage2.met, due: within 5 working days, extended: no limit stated, met_by: stage2.decided}
"""


def load():
    authority = load_authority_text(TEXT, name="tiny.yaml")
    return authority.procedure("complaints"), authority.working_calendar()


def rows(received: date):
    procedure, calendar = load()
    return {row.key: row for row in build_timeline(procedure, received, calendar)}


def test_a_complaint_received_on_a_saturday_counts_that_saturday_as_day_0():
    # Sat 6 Jun 2026 is day 0; day 1 Mon 8, 2 Tue 9, [Wed 10 closed for training], 3 Thu 11,
    # 4 Fri 12, 5 Mon 15 Jun.
    assert rows(date(2026, 6, 6))["stage1.response"].due == date(2026, 6, 15)


def test_the_authoritys_closure_day_is_not_a_working_day_but_calendar_days_run_through_it():
    timeline = rows(date(2026, 6, 6))
    # extended: 6 Tue 16 ... 10 Mon 22 Jun (working days continue after day 5, Mon 15).
    assert timeline["stage1.response_extended"].due == date(2026, 6, 22)
    # the window is 20 calendar days from the response (Mon 15 Jun): Sun 5 Jul, a Sunday.
    assert timeline["stage2.request"].due == date(2026, 7, 5)


def test_each_event_happens_on_the_last_day_its_clock_allows_without_extension():
    timeline = rows(date(2026, 6, 6))
    # the stage 2 request window starts from the unextended response date, not 22 Jun
    assert timeline["stage2.request"].starts == date(2026, 6, 15)


def test_an_assumed_event_happens_the_same_day_as_its_event():
    timeline = rows(date(2026, 6, 6))
    meeting = timeline["stage2.meeting"]
    assert meeting.from_event == "stage2.agreed"
    assert meeting.starts == date(2026, 7, 5)  # agreed the day stage 2 was requested
    # from Sun 5 Jul: Mon 6 (1) ... Fri 10 (5), Mon 13 (6) ... Fri 17 Jul (10).
    assert meeting.due == date(2026, 7, 17)


def test_a_notice_clock_counts_backwards_from_its_event():
    notice = rows(date(2026, 6, 6))["stage2.notice"]
    assert notice.starts == date(2026, 7, 17)
    assert notice.due == date(2026, 7, 14)  # at least 3 days before Fri 17 Jul


def test_not_stated_leaves_the_clock_and_everything_waiting_on_it_undated():
    timeline = rows(date(2026, 6, 6))
    assert timeline["acknowledgement"].due is None
    assert timeline["acknowledgement"].rule == "not stated"
    follow_up = timeline["stage2.follow_up"]
    assert (follow_up.starts, follow_up.due, follow_up.rule) == (None, None, "within 5 working days")


def test_an_extension_with_no_stated_limit_has_a_row_without_a_date():
    timeline = rows(date(2026, 6, 6))
    extended = timeline["stage2.decision_extended"]
    assert (extended.label, extended.due, extended.rule) == ("Decision (if extended)", None, "no limit stated")
    assert extended.as_dict() == {
        "key": "stage2.decision_extended",
        "label": "Decision (if extended)",
        "due": None,
        "rule": "no limit stated",
        "from": "stage2.met",
        "starts": "2026-07-17",
    }


def test_rows_follow_procedure_order_with_each_extension_after_its_clock():
    assert list(rows(date(2026, 6, 6))) == [
        "acknowledgement",
        "stage1.response",
        "stage1.response_extended",
        "stage2.request",
        "stage2.meeting",
        "stage2.notice",
        "stage2.follow_up",
        "stage2.decision",
        "stage2.decision_extended",
    ]


def test_event_dates_gives_every_events_assumed_day():
    procedure, calendar = load()
    dates = event_dates(procedure, date(2026, 6, 6), calendar)
    assert dates["received"] == date(2026, 6, 6)
    assert dates["acknowledged"] is None
    assert dates["stage2.requested"] == dates["stage2.agreed"] == date(2026, 7, 5)
    assert dates["stage2.notice_sent"] == date(2026, 7, 14)
    assert dates["stage2.followed_up"] is None


def test_a_closure_moves_the_deadline_by_one_working_day():
    procedure, calendar = load()
    without = calendar.with_closures([])
    # received Mon 8 Jun: 5 working days is Mon 15 Jun normally (9,10,11,12,15) but the
    # closure on Wed 10 Jun pushes it to Tue 16 Jun.
    assert build_timeline(procedure, date(2026, 6, 8), without)[1].due == date(2026, 6, 15)
    assert build_timeline(procedure, date(2026, 6, 8), calendar)[1].due == date(2026, 6, 16)
