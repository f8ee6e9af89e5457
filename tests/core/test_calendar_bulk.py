"""The table-driven bulk paths give exactly the answers of ``add_working_days``."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_process.core.calendar import WorkingDayCalendar

np = pytest.importorskip("numpy")

starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
counts = st.integers(min_value=-400, max_value=400)
closures = st.lists(st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31)), max_size=20)
nations = st.sampled_from(["england", "wales", "scotland", "northern-ireland"])


@settings(max_examples=150, deadline=None)
@given(nation=nations, closed=closures, pairs=st.lists(st.tuples(starts, counts), min_size=1, max_size=60))
def test_many_matches_one_by_one(nation, closed, pairs):
    calendar = WorkingDayCalendar(nation, closed)
    expected = [WorkingDayCalendar(nation, closed).add_working_days(start, n) for start, n in pairs]
    assert calendar.add_working_days_many([p[0] for p in pairs], [p[1] for p in pairs]) == expected


@settings(max_examples=150, deadline=None)
@given(nation=nations, closed=closures, pairs=st.lists(st.tuples(starts, counts), min_size=1, max_size=60))
def test_array_matches_one_by_one(nation, closed, pairs):
    calendar = WorkingDayCalendar(nation, closed)
    expected = [WorkingDayCalendar(nation, closed).add_working_days(start, n) for start, n in pairs]
    got = calendar.add_working_days_array(np.array([p[0] for p in pairs], dtype="datetime64[D]"), np.array([p[1] for p in pairs]))
    assert [d.astype(date) for d in got] == expected


def test_the_table_grows_for_later_questions():
    calendar = WorkingDayCalendar("england")
    assert calendar.add_working_days_many([date(2026, 12, 24)], [3]) == [date(2026, 12, 31)]
    # a later question outside the first table's years
    assert calendar.add_working_days_many([date(2040, 1, 1)], [1]) == [WorkingDayCalendar("england").add_working_days(date(2040, 1, 1), 1)]
    far = date(2026, 1, 1)
    assert calendar.add_working_days_many([far], [100_000]) == [WorkingDayCalendar("england").add_working_days(far, 100_000)]


def test_matches_numpy_busday_offset_rolled_backward():
    """The counting rule (start is day 0 whatever day it is) is busday_offset with roll='backward'."""
    calendar = WorkingDayCalendar("england")
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(0, 1500, 7)] + [date(2025, 12, 25), date(2026, 4, 3)]
    ns = [1 + i % 40 for i in range(len(days))]
    holidays = [d for d, _ in calendar.holidays_between(date(2023, 1, 1), date(2030, 12, 31))]
    expected = np.busday_offset(np.array(days, dtype="datetime64[D]"), ns, roll="backward", holidays=holidays)
    assert list(calendar.add_working_days_array(np.array(days, dtype="datetime64[D]"), ns)) == list(expected)
