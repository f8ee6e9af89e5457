"""A year of cases across two authorities (see conftest): every figure, both kinds of report,
the 31 March / 1 April boundary, suppression in publication, and the query budget."""

from collections import Counter
from datetime import date

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
    # Stage 2: W2 (W7 asked on 1 April 2026, W9 on 3 March 2025); stage 3: W9, 22 April 2025.
    assert f.received == {"stage1": 7, "stage2": 1, "stage3": 1}
    assert f.received_by_service == [("Fostering", 4), ("Children in need", 2), ("Residential care", 1)]
    # Stage 1: W1, W8 upheld; W2, W7 partly; W3 (answered 1 April 2025) not upheld; W5 withdrawn;
    # W6 not accepted, out of time.
    assert outcome_counts(f, "stage1") == {"upheld": 2, "partly_upheld": 2, "not_upheld": 1, "withdrawn": 1, "not_accepted": 1}
    assert dict(f.outcomes["stage1"].not_accepted_reasons) == {"out_of_time": 1}
    assert outcome_counts(f, "stage2") == {"upheld": 1, "partly_upheld": 1}  # W2; W9 on 1 April 2025
    # W9: the panel found point 1 partly upheld and point 2 not upheld (report of 20 May 2025);
    # counted with the Director's response to the panel, 2 June 2025.
    assert outcome_counts(f, "stage3") == {"partly_upheld": 1}
    # Acknowledgement: W8 0, W1 2, W2 5, W5 1, W7 0 working days; W4's (1 April 2026) is next year's.
    assert clock(f, "acknowledgement") == dict(on_time=5, within_extension=0, late=0, no_limit=0, overdue_at_end=0, median=1, p90=5)
    # Stage 1: W8 10 (on time), W1 9 (on time), W2 14 (within extension), W3 21 (late), W7 49 (late);
    # W0 was due 14 April 2025 and never answered.
    assert clock(f, "stage1.response") == dict(on_time=2, within_extension=1, late=2, no_limit=0, overdue_at_end=1, median=14, p90=49)
    # Stage 2: W9 16 (on time, 1 April 2025), W2 30 (late): median 23, nearest rank ceil(1.8) = 2nd = 30.
    assert clock(f, "stage2.response") == dict(on_time=1, within_extension=0, late=1, no_limit=0, overdue_at_end=0, median=23, p90=30)
    # Stage 3 (W9): the panel met 15 working days after the request (due in 30 calendar days:
    # on time); notice sent 2 May for 14 May (due 4 May: on time; a notice has no days taken);
    # the panel's report 4 working days after the meeting (due in 5 calendar days, 19 May: late);
    # the Director's response 8 working days after the report (26 May a bank holiday; on time).
    assert clock(f, "stage3.panel_meeting") == dict(on_time=1, within_extension=0, late=0, no_limit=0, overdue_at_end=0, median=15, p90=15)
    assert clock(f, "stage3.panel_notice") == dict(
        on_time=1, within_extension=0, late=0, no_limit=0, overdue_at_end=0, median=None, p90=None
    )
    assert clock(f, "stage3.panel_report") == dict(on_time=0, within_extension=0, late=1, no_limit=0, overdue_at_end=0, median=4, p90=4)
    assert clock(f, "stage3.authority_response") == dict(
        on_time=1, within_extension=0, late=0, no_limit=0, overdue_at_end=0, median=8, p90=8
    )
    assert [c.clock_key for c in f.timeliness] == [
        "acknowledgement",
        "stage1.response",
        "stage2.response",
        "stage3.panel_meeting",
        "stage3.panel_notice",
        "stage3.panel_report",
        "stage3.authority_response",
    ]  # windows (the complainant's time) are not the authority's timeliness
    assert [c.met for c in f.timeliness[3:]] == [1, 1, 1, 1]  # W9's review panel
    # Escalation: stage 1 answered W1, W2, W3, W7, W8; W2 and W7 (1 April 2026) asked for stage 2.
    # Stage 2 answered W2 and W9 (1 April 2025); W9 asked for the review panel.
    assert [(e.from_stage, e.to_stage, e.responded, e.escalated, e.rate) for e in f.escalation] == [
        ("stage1", "stage2", 5, 2, 0.4),
        ("stage2", "stage3", 2, 1, 0.5),
    ]
    assert f.ombudsman_signposted == 3  # W1 closed, W6 not accepted, W9 closed after the panel
    # Referrals W1 and W9 (1 September 2025); W9's decision 27 March 2026 (upheld, a remedy);
    # W1's on 2 April 2026 is next year's.
    assert f.ombudsman_referrals == 2 and f.ombudsman_decisions == Counter({"upheld": 1}) and f.ombudsman_remedies == 1
    # W9's remedy, due 24 April 2026, was not carried out by 31 March 2026: outstanding, not
    # yet past its date.
    assert (f.remedies_complied, f.remedies_complied_on_time, f.remedies_outstanding, f.remedies_overdue) == (0, 0, 1, 0)
    assert f.complainants == Counter({"parent_or_carer": 3, "child": 2, "representative": 1, "someone_with_interest": 1})
    assert f.advocate == 2
    # W3's and W9's Delay: received the year before.  Themes count on the cases received.
    assert f.themes == [("Communication", 3), ("Delay", 1)]
    assert [(a.theme, a.action, a.owner, a.agreed_on, a.due_on, a.completed_on) for a in f.learning_actions] == [
        (
            "Delay",
            "The panel clerk tracks every panel report to be sent within 5 days.",
            "Complaints and assurance team",
            date(2025, 6, 10),
            date(2025, 7, 31),
            date(2025, 7, 15),
        ),
        (
            "Communication",
            "Team managers now check call-backs every week.",
            "Fostering service",
            date(2025, 8, 20),
            date(2025, 10, 31),
            date(2025, 10, 15),
        ),
    ]


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
    # Council A's themes come from its config: C1 Transport and Delay, C2 Delay.
    assert corporate.themes == [("Delay", 2), ("Transport", 1)]
    assert [(a.theme, a.owner, a.due_on, a.completed_on) for a in corporate.learning_actions] == [
        ("Transport", "Home to school transport", date(2025, 9, 30), None)
    ]
    assert corporate.ombudsman_referrals == 1 and corporate.ombudsman_decisions == Counter({"premature": 1})
    assert corporate.ombudsman_remedies == 0
    assert statutory.themes == [("Communication", 1)]  # typed "communication", stored as configured


def test_the_next_year_takes_what_crossed_1_april(year):
    f = figures_for(year["walsall"], "statutory", parse_period("2026-27"))
    assert f.cases_received == 0
    assert f.received == {"stage1": 0, "stage2": 1, "stage3": 0}  # W7 asked on 1 April 2026
    assert clock(f, "acknowledgement")["on_time"] == 1  # W4, acknowledged 1 April 2026
    assert f.ombudsman_referrals == 0 and f.ombudsman_decisions == Counter({"not_upheld": 1}) and f.ombudsman_remedies == 0
    # W9's remedy (decided last year, due 24 April 2026) carried out on 20 May 2026: late.
    assert (f.remedies_complied, f.remedies_complied_on_time, f.remedies_outstanding, f.remedies_overdue) == (1, 0, 0, 0)
    # W4's stage 1 response, due Thursday 16 April 2026, never sent; with the report run on
    # 1 June 2026 (the year not over), it is overdue as of that day.
    assert clock(f, "stage1.response")["overdue_at_end"] == 1
    with_today = build_report(year["walsall"], parse_period("2026-27"), "statutory", publish=False)
    assert next(c for c in with_today["timeliness"] if c["key"] == "stage1.response")["overdue_at_end"].text == "1"
    assert with_today["complete"] is False

    before = figures_for(year["walsall"], "statutory", parse_period("2024-25"))
    assert before.received == {"stage1": 3, "stage2": 1, "stage3": 0}  # W0 (31 March 2025), W3, W9; W9's stage 2
    assert clock(before, "acknowledgement")["on_time"] == 3
    # W9 answered 17 February 2025; W3 on 1 April 2025 (next year), overdue at the end of this one.
    assert outcome_counts(before, "stage1") == {"not_upheld": 1}
    assert clock(before, "stage1.response") == dict(on_time=1, within_extension=0, late=0, no_limit=0, overdue_at_end=1, median=10, p90=10)
    assert outcome_counts(before, "stage2") == {}  # W9's stage 2 response was 1 April 2025
    assert [(e.responded, e.escalated) for e in before.escalation] == [(1, 1), (0, 0)]
    assert before.themes == [("Delay", 2)]  # W3 typed "delay ", stored with W2's spelling
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
        ("stage3", "fewer than 5"),
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
    # Stage 3, figure by figure: every count is small, so publication hides it.
    stage3 = next(o for o in published["outcomes"] if o["stage"] == "stage3")
    assert stage3["total"].text == "fewer than 5"
    assert {c["key"]: c["count"].text for c in stage3["columns"]} == {
        "upheld": "0",
        "partly_upheld": "fewer than 5",
        "not_upheld": "0",
        "no_outcome": "0",
        "withdrawn": "0",
        "not_accepted": "0",
    }
    panel = {c["key"]: c for c in published["timeliness"] if c["key"].startswith("stage3.")}
    assert [(k, c["on_time"].text, c["late"].text, c["median"].text, c["on_time_rate"].text) for k, c in panel.items()] == [
        ("stage3.panel_meeting", "fewer than 5", "0", "not published (small numbers)", "not published (small numbers)"),
        ("stage3.panel_notice", "fewer than 5", "0", "–", "not published (small numbers)"),
        ("stage3.panel_report", "0", "fewer than 5", "not published (small numbers)", "not published (small numbers)"),
        ("stage3.authority_response", "fewer than 5", "0", "not published (small numbers)", "not published (small numbers)"),
    ]
    internal_panel = {c["key"]: c for c in internal["timeliness"] if c["key"].startswith("stage3.")}
    assert [(c["on_time"].text, c["late"].text, c["median"].text, c["p90"].text) for c in internal_panel.values()] == [
        ("1", "0", "15", "15"),
        ("1", "0", "–", "–"),
        ("0", "1", "4", "4"),
        ("1", "0", "8", "8"),
    ]
    assert [(e["from"], e["responded"].text, e["escalated"].text, e["rate"].text) for e in internal["escalation"]] == [
        ("Stage 1", "5", "2", "40%"),
        ("Stage 2", "2", "1", "50%"),
    ]
    assert published["escalation"][1]["rate"].text == "not published (small numbers)"
    # The Ombudsman, themes and learning, as recorded through the services.
    assert (published["ombudsman"]["referrals"].text, published["ombudsman"]["remedies"].text) == ("fewer than 5", "fewer than 5")
    assert [(r["label"], r["count"].text) for r in published["ombudsman"]["decisions"]] == [("Upheld (fault found)", "fewer than 5")]
    assert [(r["label"], r["count"].text) for r in internal["ombudsman"]["decisions"]] == [("Upheld (fault found)", "1")]
    remedies = ("remedies_complied", "remedies_complied_on_time", "remedies_on_time_rate", "remedies_outstanding", "remedies_overdue")
    assert [internal["ombudsman"][key].text for key in remedies] == ["0", "0", "no cases", "1", "0"]
    assert [published["ombudsman"][key].text for key in remedies] == ["0", "0", "no cases", "fewer than 5", "0"]
    assert [(t["label"], t["count"].text) for t in published["themes"]] == [("Communication", "fewer than 5"), ("Delay", "fewer than 5")]
    assert [(t["label"], t["count"].text) for t in internal["themes"]] == [("Communication", "3"), ("Delay", "1")]
    assert [item["status"] for item in published["learning_actions"]] == ["Done July 2025", "Done October 2025"]

    with override_settings(COMPLAINTS_PROCESS_SUPPRESSION_THRESHOLD=2):
        relaxed = build_report(year["walsall"], FY, "statutory", publish=True)
    # Residential care's 1 is the one small cell of a table whose total (7) is published:
    # 7 - 4 - 2 would give it away, so the smallest other cell is withheld as well.
    assert [r["count"].text for r in relaxed["by_service"]] == ["4", "not published (protects a small number)", "fewer than 2"]
    assert relaxed["cases_received"].text == "7"
    # Complainant types 3, 2, 1, 1: the two small cells protect each other.
    assert [c["count"].text for c in relaxed["complainants"]] == ["3", "2", "fewer than 2", "fewer than 2"]
    # Stage 1 response: 2 on time, 1 within an extension, 2 late.  "Within time 3 of 5" (60%)
    # is not small, but with the 2s shown it would give away the 1: withheld.
    stage1 = next(c for c in relaxed["timeliness"] if c["key"] == "stage1.response")
    assert [stage1[k].text for k in ("on_time", "within_extension", "late")] == ["2", "fewer than 2", "2"]
    assert stage1["on_time_rate"].text == "not published (small numbers)"


def test_an_overdue_learning_action_is_marked_in_the_report(year):
    corporate = build_report(year["council_a"], FY, "corporate", publish=True)
    [item] = corporate["learning_actions"]
    assert item["status"] == "Not yet done (was due September 2025)" and item["overdue"]
    assert item["action"].owner == "Home to school transport"
    assert corporate["ombudsman"]["decisions"][0]["label"] == "Referred back for local resolution"
    assert corporate["ombudsman"]["remedies"].text == "0"


def test_collecting_rows_takes_a_fixed_number_of_queries(year, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        data = collect(year["walsall"], FY, "statutory")
    assert len(data.rows) == 10  # every Walsall case touches 2025-26 (W0 through its overdue deadline)
