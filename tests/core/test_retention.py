"""Retention periods: "6 years" after closure, counted in calendar months from day 0."""

from datetime import date

import pytest

from complaints_process.core.retention import RetentionError, RetentionPeriod, parse_retention


@pytest.mark.parametrize(
    ("text", "months"),
    [("6 years", 72), ("six years", 72), ("1 year", 12), ("72 months", 72), ("eighteen months", 18), ("Seven Years", 84)],
)
def test_a_retention_period_is_read_in_years_or_months(text, months):
    period = parse_retention(text)
    assert (period.months, period.text) == (months, text)


@pytest.mark.parametrize("text", ["6 yrs", "6 working days", "years", "-6 years", "6", "within 6 years", ""])
def test_anything_else_is_refused_with_the_expected_form(text):
    with pytest.raises(RetentionError, match="expected a number of years or months, e.g. '6 years' or '72 months'"):
        parse_retention(text)


def test_a_period_shorter_than_the_ombudsman_time_limit_is_refused():
    with pytest.raises(RetentionError, match="keep closed cases at least 12 months"):
        parse_retention("11 months")


def test_a_period_longer_than_a_century_is_refused():
    with pytest.raises(RetentionError, match="longer than 100 years"):
        parse_retention("101 years")


def test_a_case_closed_on_10_march_2020_is_kept_to_9_march_2026_under_six_years():
    assert parse_retention("6 years").ends(date(2020, 3, 10)) == date(2026, 3, 10)


def test_the_cutoff_is_the_last_closing_day_past_retention_on_a_day():
    period = RetentionPeriod(72)
    assert period.cutoff(date(2026, 3, 10)) == date(2020, 3, 10)
    # A leap day closes into 28 February six years later (month-end clamping).
    assert period.cutoff(date(2026, 2, 28)) == date(2020, 2, 29)
    # Six months back from 28 February 2026: every closing day up to 31 August 2025 has ended.
    assert RetentionPeriod(18).cutoff(date(2026, 2, 28)) == date(2024, 8, 31)


@pytest.mark.parametrize("closed", [date(2019, 12, 31), date(2020, 2, 29), date(2020, 8, 31), date(2021, 1, 1)])
def test_the_cutoff_agrees_with_each_cases_end(closed):
    period = RetentionPeriod(72)
    end = period.ends(closed)
    assert closed <= period.cutoff(end)
    assert closed > period.cutoff(date.fromordinal(end.toordinal() - 1))


def test_the_period_reads_back_in_words():
    assert (RetentionPeriod(72).text, RetentionPeriod(12).text, RetentionPeriod(18).text) == ("6 years", "1 year", "18 months")


def test_compliments_and_comments_may_be_kept_for_as_little_as_a_month():
    assert parse_retention("3 months", minimum_months=1).months == 3
    with pytest.raises(RetentionError, match="at least one month"):
        parse_retention("0 months", minimum_months=1)
