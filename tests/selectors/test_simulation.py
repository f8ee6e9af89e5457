"""Replaying an authority's recorded cases under a draft config (``selectors.simulation``).

Cases are walked through the real services on Walsall's procedure (process_configs/walsall.yaml:
acknowledgement "within 5 working days", stage 1 "within 10 working days, but it might take up
to 20 days", stage 2 asked for "within 20 working days of receiving the response letter").
Dates are counted by hand on the English calendar, day 0 being the day of the event; spring
2026 bank holidays: Good Friday 3 April, Easter Monday 6 April.
"""

from datetime import date

from complaints_process.core import clock_engine
from complaints_process.core.config import load_authority_text
from complaints_process.models import CaseEvent, Deadline
from complaints_process.selectors import simulation
from tests.factories import CONFIGS

D = date
WALSALL = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8")
STAGE1_RESPONSE = "            due: within 10 working days\n"
# A draft of 12 working days also counts its extension in working days: Walsall's "up to 20
# days" would end before 12 working days for some days of receipt, which validation refuses.
EXTENDED_IN_WORKING_DAYS = ("            extended: up to 20 days\n", "            extended: up to 20 working days\n")
STAGE2_REQUEST = (
    '            # "You\'ll need to do this within 20 working days of receiving the response letter."\n'
    "            due: within 20 working days\n"
)
MARCH = {"start": D(2026, 3, 1), "end": D(2026, 3, 31)}


def draft(*changes, closure: str | None = None):
    text = WALSALL
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    if closure:
        text = text.replace("closures: []", f"closures: [{{date: {closure}, reason: Office move}}]", 1)
    return load_authority_text(text, name="walsall.yaml", configs_root=CONFIGS)


def responded(svc, user, case, on):
    # Acknowledged and accepted Wednesday 4 March 2026.
    case = svc.acknowledge(case, user=user, on=D(2026, 3, 4))
    case = svc.accept(case, user=user, on=D(2026, 3, 4))
    return svc.respond(case, user=user, outcomes={1: "upheld", 2: "not_upheld"}, on=on)


def clock_counts(result, key):
    return result.comparison.clocks[("childrens-statutory", key)]


def report_row(rows, clock):
    return next(row for row in rows if row["clock"] == clock)


def test_a_response_on_working_day_11_is_late_under_10_working_days_and_on_time_under_12(seed, make_case, svc, superuser):
    walsall = seed("walsall")
    # Received Monday 2 March 2026; working day 10 is Monday 16 March, 11 Tuesday 17 March.
    late = responded(svc, superuser, make_case(authority=walsall, received_on=D(2026, 3, 2)), D(2026, 3, 17))
    assert late.deadlines.get(clock_key="stage1.response").on_time is False
    # A second case answered on working day 9 (Friday 13 March): on time either way.
    responded(svc, superuser, make_case(authority=walsall, received_on=D(2026, 3, 2)), D(2026, 3, 13))

    twelve = draft((STAGE1_RESPONSE, "            due: within 12 working days\n"), EXTENDED_IN_WORKING_DAYS)
    result = simulation.simulate(walsall, twelve, **MARCH, references=True)

    assert result.cases == 2
    response = clock_counts(result, "stage1.response")
    # Both due dates move from Monday 16 to Wednesday 18 March: two days later.
    assert (response.compared, response.moved, response.later, response.earliest_shift, response.latest_shift) == (2, 2, 2, 2, 2)
    assert (response.late_to_on_time, response.on_time_to_late) == (1, 0)
    assert clock_counts(result, "acknowledgement").moved == 0
    # The annual report's stage 1 figures (responses sent in March): 1 of 2 on time, then 2 of 2.
    before, after = report_row(result.report_before, "stage1.response"), report_row(result.report_after, "stage1.response")
    assert (before["on_time"], before["late"], before["on_time_rate"]) == (1, 1, 0.5)
    assert (after["on_time"], after["late"], after["on_time_rate"]) == (2, 0, 1.0)
    assert sorted(result.references.values()) == ["WAL-2026-000001", "WAL-2026-000002"]
    json = result.as_json()
    assert json["cases"] == 2 and json["escalations_refused"] == 0 and json["lapses_avoided"] == 0
    assert {"key": "stage1.response", "moved": 2, "later": 2, "earlier": 0, "on_time_to_late": 0, "late_to_on_time": 1}.items() <= next(
        c for c in json["clocks"] if c["key"] == "stage1.response"
    ).items()


def test_a_closure_day_moves_exactly_the_deadlines_whose_span_it_falls_in(seed, make_case, superuser):
    walsall = seed("walsall")
    make_case(authority=walsall, received_on=D(2026, 3, 2))  # stage 1 runs 2 to 16 March
    make_case(authority=walsall, received_on=D(2026, 3, 12))  # starts after the closure
    make_case(authority=walsall, received_on=D(2026, 2, 16))  # received before the period
    result = simulation.simulate(walsall, draft(closure="2026-03-11"), **MARCH)
    assert result.cases == 2
    # Closed Wednesday 11 March: the first case's 10th working day becomes Tuesday 17 March;
    # its acknowledgement (Monday 9 March) ends before, its limit (22 March) is calendar days.
    response = clock_counts(result, "stage1.response")
    assert (response.compared, response.moved, response.later, response.earliest_shift, response.latest_shift) == (2, 1, 1, 1, 1)
    assert clock_counts(result, "acknowledgement").moved == 0
    assert result.comparison.cases_changed == 1


def test_a_request_that_a_shorter_window_would_have_refused_is_counted(db, make_case, svc, superuser):
    from tests.factories import publish_seed

    # Published with a 25-working-day stage 2 window; the draft is Walsall's own 20.
    walsall = publish_seed(
        "walsall", text_change=lambda text: text.replace(STAGE2_REQUEST, STAGE2_REQUEST.replace("20 working", "25 working"), 1)
    )
    # Stage 1 answered Monday 16 March; 25 working days end on Wednesday 22 April (17 March
    # is 1, 3 and 6 April are bank holidays), 20 on Wednesday 15 April; a response by post is
    # received two working days later, which moves both ends by two working days.
    refused = responded(svc, superuser, make_case(authority=walsall, received_on=D(2026, 3, 2)), D(2026, 3, 16))
    svc.escalate(refused, user=superuser, on=D(2026, 4, 20))  # after 15 (or 17) April
    kept = responded(svc, superuser, make_case(authority=walsall, received_on=D(2026, 3, 2)), D(2026, 3, 16))
    svc.escalate(kept, user=superuser, on=D(2026, 4, 1))  # working day 12
    result = simulation.simulate(walsall, draft(), **MARCH, references=True)
    assert result.comparison.escalations_refused == 1
    assert clock_counts(result, "stage2.request").on_time_to_late == 1
    refused_cases = [o.case_id for o in result.comparison.outcomes if o.escalation_refused]
    assert [result.references[pk] for pk in refused_cases] == [refused.reference]


def test_a_lapse_a_longer_window_would_have_avoided_is_counted(seed, make_case, svc, superuser, frozen_today):
    walsall = seed("walsall")
    case = responded(svc, superuser, make_case(authority=walsall, received_on=D(2026, 3, 2)), D(2026, 3, 16))
    # Lapsed on Monday 20 April: the window ended on 15 April (17 April for a posted response);
    # 25 working days would have run to 22 (24) April.
    svc.lapse(case, on=D(2026, 4, 20))
    longer = draft((STAGE2_REQUEST, STAGE2_REQUEST.replace("20 working days\n", "25 working days\n")))
    assert simulation.simulate(walsall, longer, **MARCH).comparison.lapses_avoided == 1
    assert simulation.simulate(walsall, draft(), **MARCH).comparison.lapses_avoided == 0


def test_the_replay_under_the_cases_own_config_gives_the_dates_the_services_recorded(seed, make_case, svc, superuser):
    """The clock engine's replay and the live services agree, date for date, on a case that
    was acknowledged, paused, extended, answered, escalated and taken to stage 2."""
    walsall = seed("walsall")
    case = make_case(authority=walsall, received_on=D(2026, 3, 2), complainant_relationship="parent_or_carer")
    case = svc.acknowledge(case, user=superuser, on=D(2026, 3, 4))
    case = svc.accept(case, user=superuser, on=D(2026, 3, 4))
    case = svc.pause_clock(case, user=superuser, clock_key="stage1.response", reason="child_consent", on=D(2026, 3, 4))
    case = svc.resume_clock(case, user=superuser, clock_key="stage1.response", on=D(2026, 3, 9))
    case = svc.extend(case, user=superuser, reason="More time needed.", on=D(2026, 3, 12))
    # Emailed: received the same day (the replay does not yet read a response's way of sending).
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "not_upheld"}, on=D(2026, 3, 20), sent_by="email")
    case = svc.escalate(case, user=superuser, on=D(2026, 3, 27))
    case = svc.agree_statement(case, user=superuser, on=D(2026, 3, 30))
    other = make_case(authority=walsall, received_on=D(2026, 3, 3))
    svc.withdraw(other, user=superuser, on=D(2026, 3, 5))

    config = walsall.current_version().config()
    for pk in (case.pk, other.pk):
        happenings = [simulation.happening(*row[1:]) for row in simulation._events([pk])]
        replayed = clock_engine.replay(config.procedure("childrens-statutory"), config.working_calendar(), happenings)
        recorded = Deadline.objects.filter(case_id=pk).order_by("id")
        fields = ("clock_key", "starts", "due", "extension_limit", "extended_due", "paused_working_days", "met_on", "on_time", "status")
        assert [tuple(getattr(d, f) for f in fields) for d in recorded] == [
            (c.key, c.starts, c.due, c.extension_limit, c.extended_due, c.paused_working_days, c.met_on, c.on_time, c.status)
            for c in replayed.clocks
        ]
    assert CaseEvent.objects.filter(case=case, action="resume_clock").exists()
    # So a draft equal to the config changes nothing.
    result = simulation.simulate(walsall, config, **MARCH)
    assert result.cases == 2 and result.comparison.outcomes == []
    assert result.report_before == result.report_after
