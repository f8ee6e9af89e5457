"""Tests for complaints_process.core.durations (pure Python: run with -p no:django)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints_process.core.calendar import WorkingDayCalendar
from complaints_process.core.durations import Duration, DurationError, add_months, parse_duration

D = date
ENGLAND = WorkingDayCalendar("england")


@pytest.mark.parametrize(
    "text, amount, unit, direction, words",
    [
        ("10 working days", 10, "working_days", "after", "10 working days"),
        ("within 10 working days", 10, "working_days", "after", "10 working days"),
        ("  Within 20 Working Days  ", 20, "working_days", "after", "20 working days"),
        ("up to 65 working days", 65, "working_days", "after", "65 working days"),
        ("no more than twenty-five days", 25, "days", "after", "25 days"),
        ("at most twenty five calendar days", 25, "days", "after", "25 days"),
        ("at least 5 working days before", 5, "working_days", "before", "5 working days"),
        ("5 working days after", 5, "working_days", "after", "5 working days"),
        ("one working day", 1, "working_days", "after", "1 working day"),
        ("1 day", 1, "days", "after", "1 day"),
        ("1 days", 1, "days", "after", "1 day"),
        ("20 working day", 20, "working_days", "after", "20 working days"),
        ("one calendar day", 1, "days", "after", "1 day"),
        ("2 weeks", 2, "weeks", "after", "2 weeks"),
        ("one week before", 1, "weeks", "before", "1 week"),
        ("12 months", 12, "months", "after", "12 months"),
        ("one month", 1, "months", "after", "1 month"),
        ("twelve months after", 12, "months", "after", "12 months"),
        ("ninety nine days", 99, "days", "after", "99 days"),
        ("Ninety-Nine days", 99, "days", "after", "99 days"),
        ("twenty days", 20, "days", "after", "20 days"),
        ("sixty five working days", 65, "working_days", "after", "65 working days"),
        ("9999 days", 9999, "days", "after", "9999 days"),
        ("within 10 working-days", 10, "working_days", "after", "10 working days"),
    ],
)
def test_parse(text, amount, unit, direction, words):
    duration = parse_duration(text)
    assert (duration.amount, duration.unit, duration.direction) == (amount, unit, direction)
    assert duration.text == text  # kept exactly as written, for display
    assert duration.in_words() == words


def test_error_message_is_user_facing():
    with pytest.raises(DurationError) as error:
        parse_duration("10 wrking days")
    assert str(error.value) == (
        "cannot read '10 wrking days' as a duration: expected a number then 'working days', 'days', 'weeks' or 'months'"
    )
    assert issubclass(DurationError, ValueError)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "days",
        "10",
        "within",
        "10 wrking days",
        "0 days",
        "zero days",
        "10000 days",
        "-5 days",
        "10.5 days",
        "1,000 days",
        "one hundred days",
        "a week",
        "10 working weeks",
        "10 calendar months",
        "10 days later",
        "10 years",
        "within within 10 days",
        "twenty ten days",
        "10 days before after",
        "ten-five days",
    ],
)
def test_parse_errors(text):
    with pytest.raises(DurationError, match="^cannot read .* as a duration: "):
        parse_duration(text)


@pytest.mark.parametrize("value", [None, 10, ["10 days"]])
def test_parse_non_text(value):
    with pytest.raises(DurationError):
        parse_duration(value)


@pytest.mark.parametrize(
    "text, start, expected",
    [
        # working days use the calendar; the event is day 0
        ("within 10 working days", D(2025, 12, 19), D(2026, 1, 7)),
        ("10 working days before", D(2026, 1, 7), D(2025, 12, 19)),
        ("1 working day", D(2025, 3, 1), D(2025, 3, 3)),  # Saturday as day 0
        # calendar days and weeks do not skip weekends or holidays
        ("5 days", D(2025, 12, 25), D(2025, 12, 30)),
        ("30 days", D(2025, 12, 20), D(2026, 1, 19)),
        ("20 days before", D(2026, 1, 9), D(2025, 12, 20)),
        ("2 weeks", D(2025, 12, 24), D(2026, 1, 7)),
        ("1 week before", D(2026, 1, 1), D(2025, 12, 25)),
        # months: same day, clamped to the end of a shorter month
        ("1 month", D(2025, 1, 31), D(2025, 2, 28)),
        ("1 month", D(2024, 1, 31), D(2024, 2, 29)),
        ("6 months", D(2025, 8, 31), D(2026, 2, 28)),
        ("12 months", D(2024, 2, 29), D(2025, 2, 28)),
        ("1 month", D(2025, 12, 31), D(2026, 1, 31)),
        ("3 months", D(2025, 11, 15), D(2026, 2, 15)),
        ("1 month before", D(2025, 3, 31), D(2025, 2, 28)),
        ("twelve months before", D(2026, 1, 15), D(2025, 1, 15)),
    ],
)
def test_apply(text, start, expected):
    assert parse_duration(text).apply(start, ENGLAND) == expected


def test_apply_uses_the_calendar_given():
    ten = parse_duration("10 working days")
    assert ten.apply(D(2025, 12, 19), WorkingDayCalendar("scotland")) == D(2026, 1, 8)
    closed = ENGLAND.with_closures([D(2025, 12, 29), D(2025, 12, 30), D(2025, 12, 31)])
    assert ten.apply(D(2025, 12, 19), closed) == D(2026, 1, 12)


@pytest.mark.parametrize(
    "text, days",
    [
        ("1 working day", 2),
        ("3 working days", 5),
        ("5 working days", 7),
        ("10 working days", 14),
        ("20 working days", 28),
        ("65 working days", 91),
        ("30 days", 30),
        ("2 weeks", 14),
        ("12 months", 372),
        ("1 month", 31),
    ],
)
def test_comparable_days(text, days):
    assert parse_duration(text).comparable_days() == days


def test_duration_built_directly():
    assert Duration(10, "working_days", "after", "within 10 working days").in_words() == "10 working days"
    assert Duration(3, "months").text == "3 months"  # text defaults to the normalised words
    assert Duration(3, "months").direction == "after"
    assert parse_duration("3 months") == Duration(3, "months", "after", "3 months")
    for bad in [(0, "days"), (10_000, "days"), (1, "years"), (1, "days", "sideways"), (1.5, "days"), (True, "days"), ("1", "days")]:
        with pytest.raises(DurationError):
            Duration(*bad)


def test_add_months_out_of_range():
    with pytest.raises(DurationError):
        add_months(D(9999, 12, 1), 1)
    with pytest.raises(DurationError):
        parse_duration("1 month before").apply(D(1, 1, 15), ENGLAND)


# -- properties ------------------------------------------------------------------------------

UNITS = {
    "working_days": ["working day", "working days"],
    "days": ["day", "days", "calendar days"],
    "weeks": ["week", "weeks"],
    "months": ["month", "months"],
}
ONES = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def english(n: int) -> str:
    """1..99 in words, written independently of the module under test."""
    if n < 10:
        return ONES[n - 1]
    if n < 20:
        return TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return TENS[tens - 2] + ("" if ones == 0 else " " + ONES[ones - 1])


@given(
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(list(UNITS)),
    st.data(),
    st.sampled_from(["", "within ", "up to ", "no more than ", "at most ", "at least "]),
    st.sampled_from(["", " before", " after"]),
)
def test_parse_round_trip(amount, unit, data, qualifier, direction):
    unit_words = data.draw(st.sampled_from(UNITS[unit]))
    duration = parse_duration(f"{qualifier}{amount} {unit_words}{direction}")
    assert (duration.amount, duration.unit) == (amount, unit)
    assert duration.direction == (direction.strip() or "after")
    assert parse_duration(duration.in_words()) == Duration(amount, unit, "after", duration.in_words())


@given(st.integers(min_value=1, max_value=99), st.booleans())
def test_number_words(amount, hyphen):
    words = english(amount)
    if hyphen:
        words = words.replace(" ", "-")
    assert parse_duration(f"{words} days").amount == amount


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@given(st.integers(min_value=1, max_value=400), dates)
def test_working_days_apply_matches_calendar(amount, start):
    assert Duration(amount, "working_days").apply(start, ENGLAND) == ENGLAND.add_working_days(start, amount)
    assert Duration(amount, "working_days", "before").apply(start, ENGLAND) == ENGLAND.subtract_working_days(start, amount)


@given(st.integers(min_value=1, max_value=400), dates, st.sampled_from(["days", "weeks"]))
def test_calendar_time_apply_ignores_holidays(amount, start, unit):
    days = amount * (7 if unit == "weeks" else 1)
    assert Duration(amount, unit).apply(start, ENGLAND) == start + timedelta(days=days)
    assert Duration(amount, unit, "before").apply(start, ENGLAND) == start - timedelta(days=days)


@given(st.integers(min_value=1, max_value=240), dates, st.sampled_from(["after", "before"]))
def test_months_apply(amount, start, direction):
    result = Duration(amount, "months", direction).apply(start, ENGLAND)
    sign = 1 if direction == "after" else -1
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == sign * amount
    assert result.day == start.day or (result.day < start.day and (result + timedelta(days=1)).day == 1)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(list(UNITS)))
def test_comparable_days_is_at_least_the_calendar_span(amount, unit):
    # the rough size never undersells: it is at least the shortest span the duration can cover
    shortest = {"working_days": amount, "days": amount, "weeks": 7 * amount, "months": 28 * amount}[unit]
    assert Duration(amount, unit).comparable_days() >= shortest
