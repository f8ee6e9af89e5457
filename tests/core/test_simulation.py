"""The clock engine's replay of recorded events under a draft, and the comparison (pure Python).

Cases are Walsall's procedure (process_configs/walsall.yaml): "We'll let you know that we've
received your complaint within 5 working days", "We aim to respond within 10 working days,
but it might take up to 20 days", stage 2 and stage 3 asked for "within 20 working days of
receiving the response letter".  Dates are counted by hand on the English calendar, the day
of the event being day 0; the bank holidays of spring 2026 are Good Friday 3 April and
Easter Monday 6 April (gov.uk/bank-holidays).
"""

from datetime import date

from complaints_process.core.clock_engine import EXTEND, LAPSE, MET, MISSED, PAUSE, RESUME, Happening, replay, replay_pair
from complaints_process.core.config import load_authority_text
from complaints_process.core.simulation import compare
from tests.core.config.conftest import CONFIGS

D = date
WALSALL = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8")
STAGE1_RESPONSE = "            due: within 10 working days\n"  # the first: stage 1's response
STAGE2_REQUEST = (
    '            # "You\'ll need to do this within 20 working days of receiving the response letter."\n'
    "            due: within 20 working days\n"
)


def walsall(text: str = WALSALL):
    return load_authority_text(text, name="walsall.yaml", configs_root=CONFIGS)


def changed(old: str, new: str, *, closures: str | None = None):
    assert WALSALL.count(old) >= 1, old
    text = WALSALL.replace(old, new, 1)
    if closures is not None:
        text = text.replace("closures: []", f"closures: [{closures}]", 1)
    return walsall(text)


def with_closure(day: str):
    return walsall(WALSALL.replace("closures: []", f"closures: [{{date: {day}, reason: Office move}}]", 1))


def run(config, happenings):
    return replay(config.procedure("childrens-statutory"), config.working_calendar(), happenings)


def pair(ran, draft, happenings):
    return replay_pair(
        ran.procedure("childrens-statutory"),
        ran.working_calendar(),
        draft.procedure("childrens-statutory"),
        draft.working_calendar(),
        happenings,
    )


def responded_on(day):
    # Received Monday 2 March 2026 (day 0), acknowledged Wednesday 4 March.
    return [Happening(D(2026, 3, 2), "received"), Happening(D(2026, 3, 4), "acknowledged"), Happening(day, "stage1.responded")]


def test_the_slug_of_walsalls_procedure():
    assert [p.slug for p in walsall().procedures] == ["childrens-statutory"]


def test_a_response_on_working_day_11_is_late_under_10_working_days_and_on_time_under_12():
    # From Monday 2 March 2026: working day 10 is Monday 16 March, 11 Tuesday 17, 12 Wednesday 18.
    case = responded_on(D(2026, 3, 17))
    # (The draft's extension becomes 20 working days: Walsall's "up to 20 days" would end before
    # 12 working days for some days of receipt, which validation refuses.)
    twelve = WALSALL.replace(STAGE1_RESPONSE, "            due: within 12 working days\n", 1)
    twelve = twelve.replace("            extended: up to 20 days\n", "            extended: up to 20 working days\n", 1)
    before, after = pair(walsall(), walsall(twelve), case)
    old, new = before.by_key()["stage1.response"], after.by_key()["stage1.response"]
    assert (old.due, old.met_on, old.on_time) == (D(2026, 3, 16), D(2026, 3, 17), False)
    assert (new.due, new.met_on, new.on_time) == (D(2026, 3, 18), D(2026, 3, 17), True)
    result = compare([(1, "childrens-statutory", before, after)])
    counts = result.clocks[("childrens-statutory", "stage1.response")]
    assert (counts.moved, counts.later, counts.earlier, counts.late_to_on_time, counts.on_time_to_late) == (1, 1, 0, 1, 0)
    assert (counts.earliest_shift, counts.latest_shift) == (2, 2)
    # The acknowledgement (5 working days: Monday 9 March) does not change.
    assert result.clocks[("childrens-statutory", "acknowledgement")].moved == 0
    assert [c.key for c in result.outcomes[0].changes] == ["stage1.response"]


def test_a_response_on_working_day_10_stays_on_time_and_the_reverse_draft_makes_it_late():
    case = responded_on(D(2026, 3, 16))
    before, after = pair(walsall(), changed(STAGE1_RESPONSE, "            due: within 9 working days\n"), case)
    # Nine working days from 2 March: Friday 13 March.
    assert after.by_key()["stage1.response"].due == D(2026, 3, 13)
    counts = compare([(1, "childrens-statutory", before, after)]).clocks[("childrens-statutory", "stage1.response")]
    assert (counts.moved, counts.earlier, counts.on_time_to_late, counts.late_to_on_time) == (1, 1, 1, 0)
    assert (counts.earliest_shift, counts.latest_shift) == (-3, -3)


def test_a_closure_day_moves_exactly_the_deadlines_whose_span_it_falls_in():
    draft = with_closure("2026-03-11")  # Wednesday 11 March 2026
    a = [Happening(D(2026, 3, 2), "received")]  # stage 1 runs 2 to 16 March: 11 March inside
    b = [Happening(D(2026, 3, 11), "received")]  # received on the closed day: day 0, not counted
    c = [Happening(D(2026, 3, 12), "received")]  # starts after the closure
    d = [Happening(D(2026, 2, 16), "received")]  # stage 1 due 2 March, before the closure
    pairs = [(n, "childrens-statutory", *pair(walsall(), draft, case)) for n, case in enumerate((a, b, c, d))]
    result = compare(pairs)
    response = result.clocks[("childrens-statutory", "stage1.response")]
    # Only case a: its 10th working day becomes Tuesday 17 March.
    assert (response.compared, response.moved, response.later, response.earliest_shift, response.latest_shift) == (4, 1, 1, 1, 1)
    assert pairs[0][3].by_key()["stage1.response"].due == D(2026, 3, 17)
    # Case b from Wednesday 11 March: Thursday 12 is working day 1, the 10th Wednesday 25 March, both ways.
    assert pairs[1][2].by_key()["stage1.response"].due == pairs[1][3].by_key()["stage1.response"].due == D(2026, 3, 25)
    # The acknowledgement of case a (5 working days: Monday 9 March) ends before the closure,
    # and the extended limit ("up to 20 days", calendar days: 22 March) ignores closures.
    assert result.clocks[("childrens-statutory", "acknowledgement")].moved == 0
    assert pairs[0][3].by_key()["stage1.response"].extension_limit == D(2026, 3, 22)
    assert [outcome.case_id for outcome in result.outcomes] == [0]


def escalation(requested_on):
    # Stage 1 response Monday 16 March 2026, sent by email (received the same day).
    return [
        Happening(D(2026, 3, 2), "received"),
        Happening(D(2026, 3, 16), "stage1.responded", sent_by="email"),
        Happening(requested_on, "stage2.requested"),
    ]


def test_a_request_that_a_shorter_window_would_have_refused_is_counted():
    # As it ran, the stage 2 window was 25 working days: 17 Mar (1) ... 2 Apr (13), [3 and
    # 6 April bank holidays], 7 Apr (14) ... 15 Apr (20), 16 (21), 17 (22), 20 (23), 21 (24),
    # Wednesday 22 April (25).  The draft brings it back to 20: Wednesday 15 April.
    ran = changed(STAGE2_REQUEST, STAGE2_REQUEST.replace("20 working days\n", "25 working days\n"))
    draft = walsall()
    late = escalation(D(2026, 4, 20))  # working day 23: accepted as it ran
    early = escalation(D(2026, 4, 1))  # working day 12: on time under both
    before, after = pair(ran, draft, late)
    window = before.by_key()["stage2.request"]
    assert (window.due, window.on_time) == (D(2026, 4, 22), True)
    assert (after.by_key()["stage2.request"].due, after.by_key()["stage2.request"].on_time) == (D(2026, 4, 15), False)
    result = compare([(1, "childrens-statutory", before, after), (2, "childrens-statutory", *pair(ran, draft, early))])
    assert result.escalations_refused == 1
    assert result.clocks[("childrens-statutory", "stage2.request")].on_time_to_late == 1
    assert [o.case_id for o in result.outcomes if o.escalation_refused] == [1]


def lapsed():
    # Answered by email on Monday 16 March; no request by Wednesday 15 April (working day 20);
    # the case lapsed on Thursday 16 April.
    return [
        Happening(D(2026, 3, 2), "received"),
        Happening(D(2026, 3, 16), "stage1.responded", sent_by="email"),
        Happening(D(2026, 4, 16), "", LAPSE, "stage2.request"),
    ]


def test_a_lapse_that_a_longer_window_would_have_kept_open_is_counted():
    before = run(walsall(), lapsed())
    assert (before.by_key()["stage2.request"].status, before.by_key()["stage2.request"].lapsed_on) == (MISSED, D(2026, 4, 16))
    # 25 working days from 16 March: 16 Apr (21), 17 (22), 20 (23), 21 (24), 22 April (25).
    longer = changed(STAGE2_REQUEST, STAGE2_REQUEST.replace("20 working days\n", "25 working days\n"))
    # 21 working days: Thursday 16 April, the day the case lapsed: still open that day.
    one_more = changed(STAGE2_REQUEST, STAGE2_REQUEST.replace("20 working days\n", "21 working days\n"))
    same = walsall()
    results = [compare([(1, "childrens-statutory", *pair(walsall(), draft, lapsed()))]) for draft in (longer, one_more, same)]
    assert [r.lapses_avoided for r in results] == [1, 1, 0]


def test_an_extension_to_the_limit_follows_the_limit_and_a_chosen_date_stays():
    # Walsall: "up to 20 days" from Monday 2 March is Sunday 22 March.  A draft allowing up
    # to 25 days (27 March) moves an extension made to the limit, not one to 20 March.
    draft = changed("            extended: up to 20 days\n", "            extended: up to 25 days\n")
    to_limit = [Happening(D(2026, 3, 2), "received"), Happening(D(2026, 3, 12), "", EXTEND, "stage1.response", to=D(2026, 3, 22))]
    chosen = [Happening(D(2026, 3, 2), "received"), Happening(D(2026, 3, 12), "", EXTEND, "stage1.response", to=D(2026, 3, 20))]
    assert pair(walsall(), draft, to_limit)[1].by_key()["stage1.response"].extended_due == D(2026, 3, 27)
    assert pair(walsall(), draft, chosen)[1].by_key()["stage1.response"].extended_due == D(2026, 3, 20)
    # A draft whose limit is earlier than the chosen date brings it back to the limit
    # ("up to 15 days": Tuesday 17 March).
    # (The draft's own limit becomes 5 working days: 15 days would end before 10 working days
    # over Christmas, which validation refuses.)
    shorter = walsall(
        WALSALL.replace(STAGE1_RESPONSE, "            due: within 5 working days\n", 1).replace(
            "            extended: up to 20 days\n", "            extended: up to 15 days\n", 1
        )
    )
    assert pair(walsall(), shorter, chosen)[1].by_key()["stage1.response"].extended_due == D(2026, 3, 17)


def test_a_pause_moves_the_dates_by_the_working_days_paused_under_each_calendar():
    # Paused Wednesday 4 March, resumed Monday 9 March: Thursday 5, Friday 6 and Monday 9 are
    # not counted, so 3 working days.  Stage 1 due Monday 16 March moves to Thursday 19 March.
    case = [
        Happening(D(2026, 3, 2), "received"),
        Happening(D(2026, 3, 4), "", PAUSE, "stage1.response"),
        Happening(D(2026, 3, 9), "", RESUME, "stage1.response"),
        Happening(D(2026, 3, 19), "stage1.responded"),
    ]
    before = run(walsall(), case).by_key()["stage1.response"]
    assert (before.due, before.paused_working_days, before.status, before.on_time) == (D(2026, 3, 19), 3, MET, True)
    # With Friday 6 March closed, the pause covers 2 working days: due 16 March becomes
    # 17 March (closure) and then 19 March (2 days paused).
    closed = run(with_closure("2026-03-06"), case).by_key()["stage1.response"]
    assert (closed.due, closed.paused_working_days) == (D(2026, 3, 19), 2)


def test_events_the_procedure_does_not_know_start_and_meet_nothing():
    case = responded_on(D(2026, 3, 17)) + [Happening(D(2026, 3, 18), "stage1.discussion_held")]
    assert [c.key for c in run(walsall(), case).clocks] == ["acknowledgement", "stage1.response", "stage2.request"]


def test_a_draft_equal_to_the_config_changes_nothing():
    cases = [responded_on(D(2026, 3, 17)), escalation(D(2026, 4, 14)), lapsed()]
    result = compare([(n, "childrens-statutory", *pair(walsall(), walsall(), case)) for n, case in enumerate(cases)])
    assert result.cases == 3 and result.outcomes == [] and result.escalations_refused == result.lapses_avoided == 0
    assert all(counts.moved == 0 for counts in result.clocks.values())
