"""A year of cases across two authorities (see conftest): every figure, both kinds of report,
the 31 March / 1 April boundary, suppression in publication, and the query budget."""

from collections import Counter

from django.test.utils import override_settings

from complaints_process.reports import figures as F
from complaints_process.reports.period import parse_period
from complaints_process.reports.queries import collect
from complaints_process.reports.report import build_report

FY = parse_period("2025-26")


def figures_for(authority, kind, period=FY):
    data = collect(authority, period, kind)
    return F.compute(data.rows, period, stages=data.stages, clocks=data.clocks)


def clock(figures, key):
    item = next(c for c in figures.timeliness if c.clock_key == key)
    return {
        "on_time": item.on_time,
        "within_extension": item.within_extension,
        "late": item.late,
        "no_limit": item.no_limit,
        "overdue_at_end": item.overdue_at_end,
        "median": item.median_days,
        "p90": item.p90_days,
    }


def outcome_counts(figures, stage):
    return {key: n for key, n in figures.outcomes[stage].counts.items() if n}


def test_walsall_statutory_2025_26_every_figure(year):
    f = figures_for(year["walsall"], "statutory")
    # W1, W2, W4 (31 March 2026), W5, W6, W7, W8 (1 April 2025); not W0 (31 March 2025) or W3.
    assert f.cases_received == 7
    assert f.received == {"stage1": 7, "stage2": 1, "stage3": 0}  # W7's stage 2 request was 1 April 2026
    assert f.received_by_service == [("Fostering", 4), ("Children in need", 2), ("Residential care", 1)]
    # Stage 1: W1, W8 upheld; W2, W7 partly; W3 (answered 1 April 2025) not upheld; W5 withdrawn;
    # W6 not accepted, out of time.
    assert outcome_counts(f, "stage1") == {"upheld": 2, "partly_upheld": 2, "not_upheld": 1, "withdrawn": 1, "not_accepted": 1}
    assert dict(f.outcomes["stage1"].not_accepted_reasons) == {"out_of_time": 1}
    assert outcome_counts(f, "stage2") == {"upheld": 1}
    assert outcome_counts(f, "stage3") == {}
    # Acknowledgement: W8 0, W1 2, W2 5, W5 1, W7 0 working days; W4's (1 April 2026) is next year's.
    assert clock(f, "acknowledgement") == dict(on_time=5, within_extension=0, late=0, no_limit=0, overdue_at_end=0, median=1, p90=5)
    # Stage 1: W8 10 (on time), W1 9 (on time), W2 14 (within extension), W3 21 (late), W7 49 (late);
    # W0 was due 14 April 2025 and never answered.
    assert clock(f, "stage1.response") == dict(on_time=2, within_extension=1, late=2, no_limit=0, overdue_at_end=1, median=14, p90=49)
    assert clock(f, "stage2.response") == dict(on_time=0, within_extension=0, late=1, no_limit=0, overdue_at_end=0, median=30, p90=30)
    assert [c.clock_key for c in f.timeliness] == [
        "acknowledgement",
        "stage1.response",
        "stage2.response",
        "stage3.panel_meeting",
        "stage3.panel_notice",
        "stage3.panel_report",
        "stage3.authority_response",
    ]  # windows (the complainant's time) are not the authority's timeliness
    assert all(c.met == 0 for c in f.timeliness[3:])
    # Escalation: stage 1 answered W1, W2, W3, W7, W8; W2 and W7 (1 April 2026) asked for stage 2.
    assert [(e.from_stage, e.to_stage, e.responded, e.escalated, e.rate) for e in f.escalation] == [
        ("stage1", "stage2", 5, 2, 0.4),
        ("stage2", "stage3", 1, 0, 0.0),
    ]
    assert f.ombudsman_signposted == 2  # W1 closed, W6 not accepted
    assert f.ombudsman_referrals == 1 and f.ombudsman_decisions == Counter()  # decided 2 April 2026
    assert f.complainants == Counter({"parent_or_carer": 3, "child": 2, "representative": 1, "someone_with_interest": 1})
    assert f.advocate == 2
    assert f.themes == [("Communication", 3), ("Delay", 1)]  # W3's Delay: received the year before
    assert [a.action for a in f.learning_actions] == ["Team managers now check call-backs every week."]


def test_council_a_statutory_and_corporate_are_separate_reports(year):
    statutory = figures_for(year["council_a"], "statutory")
    assert statutory.received == {"stage1": 1, "stage2": 0, "stage3": 0}
    assert statutory.received_by_service == [("Fostering", 1)]
    assert outcome_counts(statutory, "stage1") == {"upheld": 1}
    # Council A's statutory acknowledgement states no time.
    assert clock(statutory, "acknowledgement") == dict(on_time=0, within_extension=0, late=0, no_limit=1, overdue_at_end=0, median=1, p90=1)
    assert clock(statutory, "stage1.response")["on_time"] == 1

    corporate = figures_for(year["council_a"], "corporate")
    assert corporate.stages == ["stage1", "stage2"]
    assert corporate.received == {"stage1": 3, "stage2": 1}
    assert corporate.received_by_service == [("Youth services", 2), ("Education transport", 1)]
    assert outcome_counts(corporate, "stage1") == {"partly_upheld": 1}
    assert outcome_counts(corporate, "stage2") == {"not_upheld": 1}
    assert [c.clock_key for c in corporate.timeliness] == [
        "acknowledgement",
        "stage1.response",
        "stage2.acknowledgement",
        "stage2.response",
    ]
    # C1 1, C2 5, C3 0 (31 March 2026) working days: p90 nearest rank ceil(2.7) = 3rd = 5.
    assert clock(corporate, "acknowledgement") == dict(on_time=3, within_extension=0, late=0, no_limit=0, overdue_at_end=0, median=1, p90=5)
    # C1 on time; C2 due 23 February 2026, answered 2 April 2026: overdue at the end of the year.
    assert clock(corporate, "stage1.response") == dict(
        on_time=1, within_extension=0, late=0, no_limit=0, overdue_at_end=1, median=10, p90=10
    )
    assert clock(corporate, "stage2.acknowledgement")["on_time"] == 1
    assert clock(corporate, "stage2.response") == dict(
        on_time=0, within_extension=1, late=0, no_limit=0, overdue_at_end=0, median=30, p90=30
    )
    assert [(e.responded, e.escalated, e.rate) for e in corporate.escalation] == [(1, 1, 1.0)]
    assert corporate.ombudsman_signposted == 1
    assert corporate.complainants == Counter({"parent_or_carer": 1, "child": 1, "representative": 1})
    assert corporate.advocate == 0


def test_the_next_year_takes_what_crossed_1_april(year):
    f = figures_for(year["walsall"], "statutory", parse_period("2026-27"))
    assert f.cases_received == 0
    assert f.received == {"stage1": 0, "stage2": 1, "stage3": 0}  # W7 asked on 1 April 2026
    assert clock(f, "acknowledgement")["on_time"] == 1  # W4, acknowledged 1 April 2026
    assert f.ombudsman_referrals == 0 and f.ombudsman_decisions == Counter({"not_upheld": 1})
    # W4's stage 1 response, due Thursday 16 April 2026, never sent; with the report run on
    # 1 June 2026 (the year not over), it is overdue as of that day.
    assert clock(f, "stage1.response")["overdue_at_end"] == 1
    with_today = build_report(year["walsall"], parse_period("2026-27"), "statutory", publish=False)
    assert next(c for c in with_today["timeliness"] if c["key"] == "stage1.response")["overdue_at_end"].text == "1"
    assert with_today["complete"] is False

    before = figures_for(year["walsall"], "statutory", parse_period("2024-25"))
    assert before.received["stage1"] == 2  # W0 (31 March 2025), W3
    assert clock(before, "acknowledgement")["on_time"] == 2
    assert outcome_counts(before, "stage1") == {}  # W3 was answered on 1 April 2025
    assert [a.action for a in before.learning_actions] == ["An action from the year before."]

    corporate = figures_for(year["council_a"], "corporate", parse_period("2026-27"))
    assert clock(corporate, "stage1.response")["late"] == 1  # C2, answered 2 April 2026


def test_publication_suppresses_small_numbers_and_the_admin_view_does_not(year):
    published = build_report(year["walsall"], FY, "statutory", publish=True)
    internal = build_report(year["walsall"], FY, "statutory", publish=False)
    assert published["cases_received"].text == "7"
    assert [(r["stage"], r["count"].text) for r in published["received"]] == [
        ("stage1", "7"),
        ("stage2", "fewer than 5"),
        ("stage3", "0"),
    ]
    assert [(r["label"], r["count"].text) for r in published["by_service"]] == [
        ("Fostering", "fewer than 5"),
        ("Children in need", "fewer than 5"),
        ("Residential care", "fewer than 5"),
    ]
    ack = next(c for c in published["timeliness"] if c["key"] == "acknowledgement")
    assert (ack["on_time"].text, ack["median"].text, ack["p90"].text, ack["on_time_rate"].text) == ("5", "1", "5", "100%")
    stage1 = next(c for c in published["timeliness"] if c["key"] == "stage1.response")
    assert stage1["on_time"].text == "fewer than 5" and stage1["median"].text == "14"
    # Within time 3 of 5: the 3 is below the threshold, so the rate would give it away.
    assert stage1["on_time_rate"].text == "not published (small numbers)"
    escalation = published["escalation"][0]
    assert escalation["rate"].text == "not published (small numbers)"
    assert published["ombudsman"]["signposted"].text == "fewer than 5"
    assert internal["received"][1]["count"].text == "1" and internal["received"][1]["count"].small
    assert internal["escalation"][0]["rate"].text == "40%"

    with override_settings(COMPLAINTS_PROCESS_SUPPRESSION_THRESHOLD=2):
        relaxed = build_report(year["walsall"], FY, "statutory", publish=True)
    assert [r["count"].text for r in relaxed["by_service"]] == ["4", "2", "fewer than 2"]


def test_collecting_rows_takes_a_fixed_number_of_queries(year, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        data = collect(year["walsall"], FY, "statutory")
    assert len(data.rows) == 9  # every Walsall case touches 2025-26 (W0 through its overdue deadline)
