"""Tests for complaints_process.core.calendar (pure Python: run with -p no:django).

The expected bank holidays below are written out by hand (the days people actually get
off, i.e. substitute days when the holiday falls at a weekend); they are compared with
the holidays package, never read back from it.
"""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints_process.core import calendar as calendar_module
from complaints_process.core.calendar import NATIONS, CalendarError, Closure, WorkingDayCalendar

D = date
ENGLAND_AND_WALES = {
    2025: [D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26), D(2025, 8, 25), D(2025, 12, 25), D(2025, 12, 26)],
    2026: [
        D(2026, 1, 1),
        D(2026, 4, 3),
        D(2026, 4, 6),
        D(2026, 5, 4),
        D(2026, 5, 25),
        D(2026, 8, 31),
        D(2026, 12, 25),
        D(2026, 12, 28),
    ],  # Boxing Day (Sat) -> Mon 28
    2027: [
        D(2027, 1, 1),
        D(2027, 3, 26),
        D(2027, 3, 29),
        D(2027, 5, 3),
        D(2027, 5, 31),
        D(2027, 8, 30),
        D(2027, 12, 27),
        D(2027, 12, 28),
    ],  # Christmas Sat, Boxing Sun
    2028: [
        D(2028, 1, 3),
        D(2028, 4, 14),
        D(2028, 4, 17),
        D(2028, 5, 1),
        D(2028, 5, 29),
        D(2028, 8, 28),
        D(2028, 12, 25),
        D(2028, 12, 26),
    ],  # 1 Jan is a Saturday
}
SCOTLAND = {  # 2 January and St Andrew's Day; first Monday of August; no Easter Monday
    2025: [
        D(2025, 1, 1),
        D(2025, 1, 2),
        D(2025, 4, 18),
        D(2025, 5, 5),
        D(2025, 5, 26),
        D(2025, 8, 4),
        D(2025, 12, 1),
        D(2025, 12, 25),
        D(2025, 12, 26),
    ],  # 30 Nov is Sun
    # 15 June 2026: one-off "World Cup bank holiday", Royal Proclamation of 3 Feb 2026
    # (Banking and Financial Dealings Act 1971 s.1(3)), Scotland only.
    2026: [
        D(2026, 1, 1),
        D(2026, 1, 2),
        D(2026, 4, 3),
        D(2026, 5, 4),
        D(2026, 5, 25),
        D(2026, 6, 15),
        D(2026, 8, 3),
        D(2026, 11, 30),
        D(2026, 12, 25),
        D(2026, 12, 28),
    ],
    2027: [
        D(2027, 1, 1),
        D(2027, 1, 4),
        D(2027, 3, 26),
        D(2027, 5, 3),
        D(2027, 5, 31),
        D(2027, 8, 2),
        D(2027, 11, 30),
        D(2027, 12, 27),
        D(2027, 12, 28),
    ],  # 2 Jan is Sat
    2028: [
        D(2028, 1, 3),
        D(2028, 1, 4),
        D(2028, 4, 14),
        D(2028, 5, 1),
        D(2028, 5, 29),
        D(2028, 8, 7),
        D(2028, 11, 30),
        D(2028, 12, 25),
        D(2028, 12, 26),
    ],
}
NORTHERN_IRELAND = {  # England's plus St Patrick's Day and the Battle of the Boyne
    2025: ENGLAND_AND_WALES[2025] + [D(2025, 3, 17), D(2025, 7, 14)],  # 12 July is a Saturday
    2026: ENGLAND_AND_WALES[2026] + [D(2026, 3, 17), D(2026, 7, 13)],  # 12 July is a Sunday
    2027: ENGLAND_AND_WALES[2027] + [D(2027, 3, 17), D(2027, 7, 12)],
    2028: ENGLAND_AND_WALES[2028] + [D(2028, 3, 17), D(2028, 7, 12)],
}
EXPECTED = {"ENG": ENGLAND_AND_WALES, "WLS": ENGLAND_AND_WALES, "SCT": SCOTLAND, "NIR": NORTHERN_IRELAND}
ALL_HOLIDAYS = [(code, day) for code, years in EXPECTED.items() for days in years.values() for day in days]
HOLIDAY_SETS = {code: {day for days in years.values() for day in days} for code, years in EXPECTED.items()}


def hand_step(code: str, day: date, step: int) -> date:
    """Next (step=1) or previous (step=-1) working day by the hand-written lists alone."""
    day += timedelta(days=step)
    while day.weekday() >= 5 or day in HOLIDAY_SETS[code]:
        day += timedelta(days=step)
    return day


# -- nations and holiday data --------------------------------------------------------


@pytest.mark.parametrize(
    "name, code",
    [
        ("england", "ENG"),
        ("England", "ENG"),
        ("wales", "WLS"),
        ("scotland", "SCT"),
        ("northern-ireland", "NIR"),
        ("Northern Ireland", "NIR"),
        ("ENG", "ENG"),
        ("nir", "NIR"),
        (" sct ", "SCT"),
        ("Wls", "WLS"),
    ],
)
def test_nation_names_and_codes(name, code):
    assert WorkingDayCalendar(name).nation_code == code


def test_default_nation_is_england_and_nations_table():
    assert WorkingDayCalendar().nation_code == "ENG"
    assert NATIONS == {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}


@pytest.mark.parametrize("bad", ["france", "GB", "", "uk", None])
def test_unknown_nation_is_an_error(bad):
    with pytest.raises(CalendarError):
        WorkingDayCalendar(bad)
    assert issubclass(CalendarError, ValueError)


@pytest.mark.parametrize("code", EXPECTED)
@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_weekday_holidays_match_hand_written_list(code, year):
    listed = WorkingDayCalendar(code).holidays_between(date(year, 1, 1), date(year, 12, 31))
    assert [day for day, _ in listed] == sorted(EXPECTED[code][year])


@pytest.mark.parametrize("code", EXPECTED)
def test_holidays_package_agrees_with_hand_written_list(code):
    # The package also lists weekend-dated originals (Boxing Day on a Saturday): ignore those.
    package = holidays.country_holidays("GB", subdiv=code, years=range(2025, 2029))
    assert sorted(day for day in package if day.weekday() < 5) == sorted(HOLIDAY_SETS[code])


# -- around every bank holiday, 2025-2028, all four nations ---------------------------


@pytest.mark.parametrize("code, holiday", ALL_HOLIDAYS, ids=[f"{c}-{d}" for c, d in ALL_HOLIDAYS])
def test_around_each_holiday(code, holiday):
    cal = WorkingDayCalendar(code)
    before, after = hand_step(code, holiday, -1), hand_step(code, holiday, 1)
    assert not cal.is_working_day(holiday)
    assert cal.non_working_reason(holiday) not in (None, "Saturday", "Sunday")
    assert cal.is_working_day(before) and cal.is_working_day(after)
    assert cal.add_working_days(before, 1) == after  # the holiday is skipped
    assert cal.add_working_days(holiday, 1) == after  # a holiday can be day 0
    assert cal.add_working_days(holiday, 0) == holiday
    assert cal.subtract_working_days(after, 1) == before
    assert cal.subtract_working_days(holiday, 1) == before
    assert cal.working_days_between(before, after) == 1
    assert cal.add_working_days(before, 2) == hand_step(code, after, 1)


# -- hand-worked examples ----------------------------------------------------------------


@pytest.mark.parametrize(
    "nation, start, n, expected",
    [
        # weekends as day 0: day 1 is the Monday
        ("england", D(2025, 2, 28), 1, D(2025, 3, 3)),
        ("england", D(2025, 3, 1), 1, D(2025, 3, 3)),
        ("england", D(2025, 3, 2), 1, D(2025, 3, 3)),
        ("england", D(2025, 3, 1), 5, D(2025, 3, 7)),
        ("england", D(2025, 3, 3), 5, D(2025, 3, 10)),
        # Christmas and New Year runs
        ("england", D(2025, 12, 19), 10, D(2026, 1, 7)),
        ("scotland", D(2025, 12, 19), 10, D(2026, 1, 8)),  # 2 January too
        ("england", D(2026, 12, 23), 5, D(2027, 1, 4)),
        ("scotland", D(2026, 12, 23), 5, D(2027, 1, 5)),  # 2 Jan Sat -> Mon 4 Jan
        ("england", D(2027, 12, 24), 1, D(2027, 12, 29)),
        ("england", D(2027, 12, 25), 1, D(2027, 12, 29)),  # Christmas Day (Sat) as day 0
        ("england", D(2027, 12, 31), 1, D(2028, 1, 4)),
        ("scotland", D(2027, 12, 31), 1, D(2028, 1, 5)),
        # 20 working days across St Andrew's Day and Christmas
        ("england", D(2025, 11, 24), 20, D(2025, 12, 22)),
        ("scotland", D(2025, 11, 24), 20, D(2025, 12, 23)),
        ("england", D(2025, 12, 1), 20, D(2025, 12, 31)),
        # Easter: no Easter Monday in Scotland
        ("england", D(2025, 4, 17), 1, D(2025, 4, 22)),
        ("scotland", D(2025, 4, 17), 1, D(2025, 4, 21)),
        ("wales", D(2027, 3, 25), 2, D(2027, 3, 31)),
        # Northern Ireland's own days
        ("england", D(2025, 3, 14), 1, D(2025, 3, 17)),
        ("northern-ireland", D(2025, 3, 14), 1, D(2025, 3, 18)),
        ("northern-ireland", D(2025, 7, 11), 1, D(2025, 7, 15)),
        ("northern-ireland", D(2027, 7, 9), 1, D(2027, 7, 13)),
        # Scotland's World Cup bank holiday
        ("scotland", D(2026, 6, 12), 1, D(2026, 6, 16)),
        ("england", D(2026, 6, 12), 1, D(2026, 6, 15)),
    ],
)
def test_examples(nation, start, n, expected):
    cal = WorkingDayCalendar(nation)
    assert cal.add_working_days(start, n) == expected
    assert cal.working_days_between(start, expected) == n
    if cal.is_working_day(start):
        assert cal.subtract_working_days(expected, n) == start


@pytest.mark.parametrize(
    "nation, start, n, expected",
    [
        ("england", D(2025, 12, 29), 1, D(2025, 12, 24)),
        ("england", D(2026, 1, 3), 1, D(2026, 1, 2)),
        ("scotland", D(2026, 1, 3), 1, D(2025, 12, 31)),
        ("england", D(2025, 3, 3), 1, D(2025, 2, 28)),
        ("england", D(2026, 1, 7), 10, D(2025, 12, 19)),
        ("england", D(2025, 4, 22), 1, D(2025, 4, 17)),
    ],
)
def test_subtract_examples(nation, start, n, expected):
    cal = WorkingDayCalendar(nation)
    assert cal.subtract_working_days(start, n) == expected
    assert cal.add_working_days(start, -n) == expected


def test_zero_and_negative():
    cal = WorkingDayCalendar()
    saturday = D(2025, 3, 1)
    assert cal.add_working_days(saturday, 0) == saturday
    assert cal.subtract_working_days(saturday, 0) == saturday
    assert cal.add_working_days(saturday, -1) == D(2025, 2, 28)
    assert cal.subtract_working_days(saturday, -1) == D(2025, 3, 3)


def test_working_days_between():
    cal = WorkingDayCalendar()
    assert cal.working_days_between(D(2025, 12, 19), D(2026, 1, 7)) == 10
    assert cal.working_days_between(D(2025, 3, 3), D(2025, 3, 3)) == 0
    assert cal.working_days_between(D(2025, 3, 10), D(2025, 3, 3)) == 0
    assert cal.working_days_between(D(2025, 3, 1), D(2025, 3, 2)) == 0  # a weekend
    # whole years: 2025 has 261 weekdays
    assert cal.working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 261 - 8
    assert WorkingDayCalendar("scotland").working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 261 - 9
    assert WorkingDayCalendar("nir").working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 261 - 10


def test_non_working_reason():
    cal = WorkingDayCalendar()
    assert cal.non_working_reason(D(2025, 3, 3)) is None
    assert cal.non_working_reason(D(2025, 3, 1)) == "Saturday"
    assert cal.non_working_reason(D(2025, 3, 2)) == "Sunday"
    assert cal.non_working_reason(D(2025, 12, 25)) == "Christmas Day"
    assert cal.non_working_reason(D(2025, 4, 18)) == "Good Friday"
    assert "Christmas Day" in cal.non_working_reason(D(2027, 12, 27))  # "(observed)"
    assert "Boxing Day" in cal.non_working_reason(D(2027, 12, 28))
    assert cal.non_working_reason(D(2027, 12, 25)) == "Christmas Day"  # a name beats "Saturday"


def test_holidays_between_lists_weekday_holidays_inclusive_and_sorted():
    cal = WorkingDayCalendar()
    listed = cal.holidays_between(D(2027, 12, 24), D(2028, 1, 3))
    assert [day for day, _ in listed] == [D(2027, 12, 27), D(2027, 12, 28), D(2028, 1, 3)]
    assert all(isinstance(name, str) and name for _, name in listed)
    assert cal.holidays_between(D(2025, 12, 25), D(2025, 12, 25)) == [(D(2025, 12, 25), "Christmas Day")]
    assert cal.holidays_between(D(2025, 12, 27), D(2025, 12, 31)) == []
    assert cal.holidays_between(D(2026, 1, 1), D(2025, 1, 1)) == []


# -- closures -------------------------------------------------------------------------------


def test_closures_are_not_working_days():
    shutdown = [Closure(D(2025, 12, 29), "Christmas shutdown"), D(2025, 12, 30), "2025-12-31"]
    cal = WorkingDayCalendar("england", shutdown)
    assert [c.day for c in cal.closures] == [D(2025, 12, 29), D(2025, 12, 30), D(2025, 12, 31)]
    assert cal.add_working_days(D(2025, 12, 19), 10) == D(2026, 1, 12)
    assert cal.subtract_working_days(D(2026, 1, 12), 10) == D(2025, 12, 19)
    assert cal.working_days_between(D(2025, 12, 19), D(2026, 1, 12)) == 10
    assert cal.non_working_reason(D(2025, 12, 29)) == "Closure: Christmas shutdown"
    assert cal.non_working_reason(D(2025, 12, 30)) == "Closure"
    assert cal.add_working_days(D(2025, 12, 29), 1) == D(2026, 1, 2)  # a closure can be day 0
    assert [day for day, _ in cal.holidays_between(D(2025, 12, 24), D(2026, 1, 2))] == [
        D(2025, 12, 25),
        D(2025, 12, 26),
        D(2025, 12, 29),
        D(2025, 12, 30),
        D(2025, 12, 31),
        D(2026, 1, 1),
    ]


def test_closures_on_holidays_and_weekends_change_nothing():
    plain = WorkingDayCalendar()
    cal = WorkingDayCalendar(closures=[Closure(D(2025, 12, 25), "x"), D(2025, 12, 27)])
    assert cal.non_working_reason(D(2025, 12, 25)) == "Christmas Day"
    for n in range(15):
        assert cal.add_working_days(D(2025, 12, 20), n) == plain.add_working_days(D(2025, 12, 20), n)


def test_with_closures_copies_and_closures_are_normalised():
    plain = WorkingDayCalendar("scotland")
    closed = plain.with_closures([D(2026, 1, 6), Closure(D(2026, 1, 5), "stocktake"), D(2026, 1, 5)])
    assert closed.nation_code == "SCT" and plain.closures == ()
    assert closed.closures == (Closure(D(2026, 1, 5), "stocktake"), Closure(D(2026, 1, 6)))
    assert plain.is_working_day(D(2026, 1, 5)) and not closed.is_working_day(D(2026, 1, 5))
    assert closed.with_closures([]) == plain
    assert closed == WorkingDayCalendar("SCT", closed.closures) and hash(closed) == hash(WorkingDayCalendar("SCT", closed.closures))


@pytest.mark.parametrize("bad", [[42], ["not a date"], D(2025, 1, 1), "2025-01-01"])
def test_bad_closures(bad):
    with pytest.raises(CalendarError):
        WorkingDayCalendar("england", bad)


def test_christmas_boxing_day_and_good_friday_even_if_package_omits_them(monkeypatch):
    calendar_module.bank_holidays.cache_clear()
    monkeypatch.setattr(calendar_module.holidays, "country_holidays", lambda *args, **kwargs: {})
    try:
        cal = WorkingDayCalendar()
        assert cal.holidays_between(D(2025, 1, 1), D(2025, 12, 31)) == [
            (D(2025, 4, 18), "Good Friday"),
            (D(2025, 12, 25), "Christmas Day"),
            (D(2025, 12, 26), "Boxing Day"),
        ]
        assert cal.is_working_day(D(2025, 4, 21))  # Easter Monday comes only from the package
    finally:
        calendar_module.bank_holidays.cache_clear()


def test_large_n_and_range_errors():
    cal = WorkingDayCalendar()
    far = cal.add_working_days(D(2025, 1, 1), 100_000)
    assert cal.is_working_day(far) and cal.working_days_between(D(2025, 1, 1), far) == 100_000
    assert cal.subtract_working_days(far, 99_999) == D(2025, 1, 2)  # day 1 (1 Jan is a holiday)
    assert cal.subtract_working_days(far, 100_000) == D(2024, 12, 31)
    with pytest.raises(CalendarError):
        cal.add_working_days(D(9999, 12, 1), 100)
    with pytest.raises(CalendarError):
        cal.subtract_working_days(D(1, 1, 20), 100)


# -- properties against a naive day-by-day reference --------------------------------------


PACKAGE = {code: holidays.country_holidays("GB", subdiv=code) for code in EXPECTED}  # grows by year


def naive_is_working_day(code, closures, day):
    return day.weekday() < 5 and day not in PACKAGE[code] and day not in closures


def naive_add(code, closures, start, n):
    day, step = start, (1 if n >= 0 else -1)
    for _ in range(abs(n)):
        day += timedelta(days=step)
        while not naive_is_working_day(code, closures, day):
            day += timedelta(days=step)
    return day


codes = st.sampled_from(["ENG", "WLS", "SCT", "NIR"])
days = st.dates(min_value=D(2019, 1, 1), max_value=D(2032, 12, 31))
closure_lists = st.lists(st.dates(min_value=D(2024, 11, 1), max_value=D(2027, 2, 1)), max_size=15)
counts = st.integers(min_value=0, max_value=300)


@given(codes, closure_lists, days, st.integers(min_value=-300, max_value=300))
def test_agrees_with_naive_reference(code, closures, start, n):
    cal = WorkingDayCalendar(code, closures)
    assert cal.add_working_days(start, n) == naive_add(code, set(closures), start, n)


@given(codes, closure_lists, days, counts)
def test_result_is_working_day_and_between_counts_back(code, closures, start, n):
    cal = WorkingDayCalendar(code, closures)
    result = cal.add_working_days(start, n)
    assert result == start if n == 0 else cal.is_working_day(result)
    assert cal.working_days_between(start, result) == n
    assert cal.add_working_days(start, n + 1) == naive_add(code, set(closures), result, 1)  # monotonic


@given(codes, closure_lists, days, counts)
def test_subtract_inverts_add_on_working_days(code, closures, start, n):
    cal = WorkingDayCalendar(code, closures)
    if cal.is_working_day(start):
        assert cal.subtract_working_days(cal.add_working_days(start, n), n) == start
        assert cal.add_working_days(cal.subtract_working_days(start, n), n) == start
    before = cal.subtract_working_days(start, n)
    assert before == start if n == 0 else cal.is_working_day(before)


@given(codes, closure_lists, days, st.integers(min_value=-400, max_value=800))
def test_working_days_between_and_holidays_between_agree_with_naive(code, closures, start, span):
    cal = WorkingDayCalendar(code, closures)
    end = start + timedelta(days=span)
    between = [start + timedelta(days=i) for i in range(1, span + 1)]
    assert cal.working_days_between(start, end) == sum(naive_is_working_day(code, set(closures), d) for d in between)
    inclusive = [start, *between] if span >= 0 else []
    assert [day for day, _ in cal.holidays_between(start, end)] == [
        d for d in inclusive if d.weekday() < 5 and not naive_is_working_day(code, set(closures), d)
    ]


@settings(max_examples=10, deadline=None)
@given(codes, days, st.integers(min_value=1000, max_value=6000))
def test_big_n_agrees_with_naive_reference(code, start, n):
    assert WorkingDayCalendar(code).add_working_days(start, n) == naive_add(code, set(), start, n)
