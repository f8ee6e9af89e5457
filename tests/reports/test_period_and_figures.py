"""Pure tests: periods, statistics, suppression, rates, and compute() on hand-made rows."""

from datetime import date, timedelta

import pytest

from complaints_process.reports import figures as F
from complaints_process.reports.period import (
    Period,
    financial_year_of,
    last_financial_year,
    parse_period,
    recent_financial_years,
)


def test_financial_year_of_a_date_at_the_boundary():
    assert financial_year_of(date(2026, 3, 31)) == Period(date(2025, 4, 1), date(2026, 3, 31))
    assert financial_year_of(date(2026, 4, 1)) == Period(date(2026, 4, 1), date(2027, 3, 31))
    assert financial_year_of(date(2026, 1, 1)).label == "2025-26"


def test_default_period_is_the_last_complete_financial_year():
    assert last_financial_year(date(2026, 6, 1)).label == "2025-26"
    assert last_financial_year(date(2026, 3, 31)).label == "2024-25"
    assert last_financial_year(date(2026, 4, 1)).label == "2025-26"
    assert [p.label for p in recent_financial_years(date(2026, 6, 1), 3)] == ["2026-27", "2025-26", "2024-25"]


@pytest.mark.parametrize("text", ["2025-26", "2025/26", "2025-2026", " 2025 - 26 "])
def test_parse_period(text):
    assert parse_period(text) == Period(date(2025, 4, 1), date(2026, 3, 31))


@pytest.mark.parametrize("text", ["", "2025", "2025-27", "2025-2027", "25-26", "2025-26; drop", "abcd-ef"])
def test_parse_period_refuses_anything_else(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_period_contains_both_ends_and_not_none():
    period = parse_period("2025-26")
    assert date(2025, 4, 1) in period and date(2026, 3, 31) in period
    assert date(2025, 3, 31) not in period and date(2026, 4, 1) not in period and None not in period
    assert Period(date(2025, 4, 1), date(2025, 6, 30)).label == "1 April 2025 to 30 June 2025"


def test_median_and_nearest_rank_p90():
    assert F.median([]) is None and F.percentile_nearest_rank([], 90) is None
    assert F.median([7]) == 7 and F.percentile_nearest_rank([7], 90) == 7
    assert F.median([3, 1, 2]) == 2
    assert F.median([1, 2, 3, 10]) == 2.5
    # ceil(0.9 * 10) = 9th of 1..10
    assert F.percentile_nearest_rank(list(range(10, 0, -1)), 90) == 9
    # ceil(0.9 * 5) = 5th: the largest
    assert F.percentile_nearest_rank([9, 10, 14, 21, 49], 90) == 49
    # ceil(0.9 * 11) = 10th
    assert F.percentile_nearest_rank(list(range(1, 12)), 90) == 10
    assert F.percentile_nearest_rank([5, 1], 50) == 1


def test_rates_with_zero_denominators():
    assert F.rate(0, 0) is None and F.rate(3, 0) is None
    assert F.rate(2, 5) == 0.4
    presenter = F.Presenter(5, publish=True)
    assert presenter.percent(0, 0).text == "no cases"
    assert presenter.percent(0, 10).text == "0%"
    assert presenter.percent(6, 12).text == "50%"


def test_suppression_below_and_at_the_threshold():
    assert [F.suppress(n, 5) for n in (0, 1, 4, 5, 6)] == ["0", "fewer than 5", "fewer than 5", "5", "6"]
    assert F.suppress(2, 3) == "fewer than 3" and F.suppress(3, 3) == "3"
    published, internal = F.Presenter(5, publish=True), F.Presenter(5, publish=False)
    cell = published.count(4, scale=10)
    assert (cell.text, cell.value, cell.suppressed, cell.bar) == ("fewer than 5", None, True, 0)  # no bar leaks it
    assert published.count(5, scale=10) == F.Cell("5", 5, bar=50)
    assert internal.count(4, scale=10) == F.Cell("4", 4, small=True, bar=40)
    # A rate or a statistic resting on a suppressed count is withheld in publication.
    assert published.percent(3, 20).suppressed and published.percent(10, 4).suppressed
    assert not published.percent(5, 20).suppressed
    assert published.statistic(12, 4).suppressed and published.statistic(12, 5).text == "12"
    assert internal.statistic(12.5, 2).text == "12.5"


def test_case_outcome_from_points():
    assert F.case_outcome(["upheld", "upheld"]) == "upheld"
    assert F.case_outcome(["not_upheld"]) == "not_upheld"
    assert F.case_outcome(["upheld", "not_upheld"]) == "partly_upheld"
    assert F.case_outcome(["partly_upheld"]) == "partly_upheld"
    assert F.case_outcome([]) is None


def test_deadline_timeliness_classes():
    base = dict(clock_key="stage1.response", kind="response", starts=date(2025, 6, 2), status="met")
    assert F.DeadlineRow(due=date(2025, 6, 16), extended_due=None, met_on=date(2025, 6, 16), on_time=True, **base).timeliness == "on_time"
    assert (
        F.DeadlineRow(due=date(2025, 6, 16), extended_due=date(2025, 6, 22), met_on=date(2025, 6, 10), on_time=True, **base).timeliness
        == "on_time"
    )
    assert (
        F.DeadlineRow(due=date(2025, 6, 16), extended_due=date(2025, 6, 22), met_on=date(2025, 6, 20), on_time=True, **base).timeliness
        == "within_extension"
    )
    assert F.DeadlineRow(due=date(2025, 6, 16), extended_due=None, met_on=date(2025, 6, 17), on_time=False, **base).timeliness == "late"
    assert F.DeadlineRow(due=None, extended_due=None, met_on=date(2025, 6, 17), on_time=None, **base).timeliness is None


def _row(case_id, received, **kwargs):
    return F.CaseRow(case_id=case_id, procedure_slug="p", procedure_kind="statutory", received_on=received, **kwargs)


def test_compute_counts_each_figure_in_the_period_of_its_own_event():
    period = parse_period("2025-26")
    rows = [
        # Received before, answered on the first day: outcome counted, receipt not.
        _row(
            1,
            date(2025, 3, 31),
            requested={"stage1": date(2025, 3, 31)},
            responded={"stage1": date(2025, 4, 1)},
            outcomes={"stage1": ("upheld",)},
        ),
        # Received on the last day, answered after: receipt counted, outcome not.
        _row(
            2,
            date(2026, 3, 31),
            requested={"stage1": date(2026, 3, 31)},
            responded={"stage1": date(2026, 4, 1)},
            outcomes={"stage1": ("upheld",)},
        ),
        # Withdrawn at stage 2 in the period; not accepted before the period.
        _row(
            3,
            date(2025, 5, 1),
            closure_reason="withdrawn",
            closed_on=date(2025, 9, 1),
            final_stage="stage2",
            requested={"stage1": date(2025, 5, 1), "stage2": date(2025, 6, 1)},
        ),
        _row(4, date(2025, 3, 1), closure_reason="not_accepted", closed_on=date(2025, 3, 3), refusal_ground="court_matter"),
    ]
    figures = F.compute(rows, period, stages=["stage1", "stage2"], clocks=[("stage1.response", "Stage 1 response")])
    assert figures.received == {"stage1": 2, "stage2": 1}
    assert figures.outcomes["stage1"].counts["upheld"] == 1
    assert figures.outcomes["stage2"].counts["withdrawn"] == 1
    assert figures.outcomes["stage1"].counts["not_accepted"] == 0
    assert [(e.responded, e.escalated, e.rate) for e in figures.escalation] == [(1, 0, 0.0)]
    assert figures.timeliness[0].met == 0 and figures.timeliness[0].median_days is None


def test_overdue_at_the_end_uses_the_day_the_report_is_run_for_an_unfinished_period():
    period = parse_period("2025-26")
    pending = F.DeadlineRow(
        "stage1.response", "response", date(2025, 6, 2), date(2025, 6, 16), None, None, None, "pending", effective_due=date(2025, 6, 16)
    )
    later = F.DeadlineRow(
        "stage1.response",
        "response",
        date(2026, 3, 20),
        date(2026, 3, 31),
        None,
        date(2026, 4, 1),
        False,
        "met",
        effective_due=date(2026, 3, 31),
    )
    rows = [_row(1, date(2025, 6, 2), deadlines=(pending,)), _row(2, date(2026, 3, 20), deadlines=(later,))]
    assert F.compute(rows, period).timeliness[0].overdue_at_end == 2
    assert F.compute(rows, period, as_of=date(2025, 6, 16)).timeliness[0].overdue_at_end == 0  # due today: not yet overdue
    assert F.compute(rows, period, as_of=date(2025, 6, 17)).timeliness[0].overdue_at_end == 1


def test_ombudsman_remedies_carried_out_on_time_late_and_outstanding_at_the_end():
    period = parse_period("2025-26")

    def referral(decided, due=None, complied=None, remedy=True):
        referred = decided - timedelta(days=60)
        return F.ReferralRow(referred, "upheld", decided, remedy, remedy_due_on=due, remedy_complied_on=complied)

    rows = [
        # Carried out on the date set: on time.
        _row(1, date(2025, 1, 6), referrals=(referral(date(2025, 5, 1), date(2025, 6, 2), date(2025, 6, 2)),)),
        # Carried out a day after the date set: late.
        _row(2, date(2025, 1, 6), referrals=(referral(date(2025, 5, 1), date(2025, 6, 2), date(2025, 6, 3)),)),
        # No date set: carried out counts as on time.
        _row(3, date(2025, 1, 6), referrals=(referral(date(2025, 5, 1), None, date(2025, 7, 1)),)),
        # Decided the year before, due 31 March 2026, carried out on 1 April 2026: outstanding
        # and past its date at the end of the period; carried out in the next.
        _row(4, date(2024, 1, 8), referrals=(referral(date(2024, 12, 2), date(2026, 3, 31), date(2026, 4, 1)),)),
        # Due after the period: outstanding, not overdue.
        _row(5, date(2025, 1, 6), referrals=(referral(date(2026, 3, 2), date(2026, 4, 30)),)),
        # No remedy: nothing to carry out.
        _row(6, date(2025, 1, 6), referrals=(referral(date(2025, 5, 1), remedy=False),)),
        # Carried out before the period: not counted at all.
        _row(7, date(2024, 1, 8), referrals=(referral(date(2024, 5, 1), date(2024, 6, 3), date(2024, 6, 3)),)),
    ]
    figures = F.compute(rows, period)
    assert (figures.remedies_complied, figures.remedies_complied_on_time) == (3, 2)
    assert (figures.remedies_outstanding, figures.remedies_overdue) == (2, 1)
    assert figures.ombudsman_remedies == 4  # decided in the period with a remedy: rows 1, 2, 3 and 5
    # A remedy still outstanding brings its case into the period's rows (the CSV), one
    # carried out the year before does not.
    assert [row.touches(period) for row in rows] == [True, True, True, True, True, True, False]


def test_secondary_suppression_withholds_a_second_cell_only_where_one_small_cell_could_be_worked_out():
    rule = F.secondary_suppression
    # Total 18 published, one small cell (3): the smallest other non-zero cell goes too.
    assert rule([9, 3, 0, 6], total_published=True, threshold=5) == {3}
    # Two small cells protect each other; no small cell needs nothing.
    assert rule([6, 3, 2], total_published=True, threshold=5) == set()
    assert rule([6, 5, 0], total_published=True, threshold=5) == set()
    # The total itself suppressed: nothing can be worked out.
    assert rule([3, 1], total_published=False, threshold=5) == set()
    # Ties go to the first; zeros are never withheld.
    assert rule([0, 7, 2, 7], total_published=True, threshold=5) == {1}
    # A part not shown but known as total less the others (complaints not escalated): 6 of 7
    # escalated gives away the 1 who did not, so the 6 is withheld.
    assert rule([6, 1], total_published=True, threshold=5, shown=[True, False]) == {0}
    assert rule([1, 6], total_published=True, threshold=5, shown=[True, False]) == set()  # the 1 is suppressed, the 6 not shown
    # A total withheld to protect another table: its parts must not add up to it.
    assert rule([6, 5], total_published=False, threshold=5) == {1}


def test_published_cells_withheld_to_protect_a_small_number_carry_no_value():
    period = parse_period("2025-26")
    received = [_row(i, date(2025, 5, 1), service="Fostering" if i < 6 else "Adoption" if i < 12 else "Leaving care") for i in range(14)]
    # 6 Fostering, 6 Adoption, 2 Leaving care: 14 received.
    escalated = [
        _row(100 + i, date(2025, 1, 6), responded={"stage1": date(2025, 5, 1)}, requested={"stage2": date(2025, 5, 20)} if i < 6 else {})
        for i in range(7)
    ]
    figures = F.compute(received + escalated, period, stages=["stage1", "stage2"])
    published = F.present(figures, publish=True)
    internal = F.present(figures, publish=False)
    assert [c["count"].text for c in published["by_service"]] == ["not published (protects a small number)", "6", "fewer than 5"]
    assert [c["count"].value for c in published["by_service"]] == [None, 6, None]
    assert internal["by_service"][0]["count"].secondary and internal["by_service"][0]["count"].text == "6"
    # 6 of 7 escalated: the one who did not would be 7 - 6.
    [row] = published["escalation"]
    assert (row["responded"].text, row["escalated"].text, row["rate"].text) == (
        "7",
        "not published (protects a small number)",
        "not published (small numbers)",
    )
    assert internal["escalation"][0]["rate"].text == "86%" and internal["escalation"][0]["rate"].secondary


def test_a_report_opens_on_the_year_of_the_newest_case_else_the_last_complete_year():
    from complaints_process.reports.period import default_report_year

    today = date(2027, 6, 1)  # the last complete year is 2026-27
    assert default_report_year(date(2025, 11, 3), today).label == "2025-26"  # no case since: not an empty 2026-27
    assert default_report_year(date(2027, 5, 20), today).label == "2027-28"  # a case this year: the current year
    assert default_report_year(date(2026, 3, 31), today).label == "2025-26"
    assert default_report_year(None, today).label == "2026-27"
