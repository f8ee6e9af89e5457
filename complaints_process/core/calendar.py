"""Working days for a UK nation, with an authority's own closure days.

Counting rule (the law of the product):

* The day of the starting event is **day 0**, whatever day it is: a Saturday, a
  bank holiday or a closure day all count as day 0 when the event happens on them.
* **Day 1** is the first working day after day 0; day n is the n-th working day after it.
* ``add_working_days(start, n)`` returns day n, so ``add_working_days(start, 0) == start``.
* ``subtract_working_days(d, n)`` counts backwards the same way: d is day 0 and the
  result is the n-th working day before d.
* ``working_days_between(start, end)`` counts the working days d with start < d <= end,
  so ``working_days_between(start, add_working_days(start, n)) == n``.

A working day is Monday to Friday, minus the nation's bank holidays (everything
``holidays.country_holidays("GB", subdiv=code)`` lists, one-off holidays included),
minus the closure days.  Christmas Day, Boxing Day and Good Friday are never working days.
Wales has its own code (WLS) although its bank holidays are currently England's.

Speed: bank holidays are cached per nation and year, and the arithmetic jumps whole
weeks (every 7 days hold exactly 5 weekdays) instead of stepping day by day.  For many
dates at once, ``add_working_days_many`` (lists of dates) and ``add_working_days_array``
(NumPy ``datetime64[D]`` arrays, when NumPy is installed) look the answers up in a table of
the years involved, with the same answers as ``add_working_days``.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

import holidays
from dateutil.easter import easter

NATIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ONE_DAY = timedelta(days=1)


class CalendarError(ValueError):
    """A calendar was asked for something it cannot do (unknown nation, bad closure...)."""


@dataclass(frozen=True)
class Closure:
    """A day the authority itself is closed (e.g. an extra day at Christmas)."""

    day: date
    reason: str = ""

    @property
    def description(self) -> str:
        return f"Closure: {self.reason}" if self.reason else "Closure"


def nation_code(nation: str) -> str:
    """'england', 'Northern Ireland', 'nir' ... -> 'ENG' / 'WLS' / 'SCT' / 'NIR'."""
    if not isinstance(nation, str):
        raise CalendarError(f"unknown nation {nation!r}")
    key = "-".join(nation.strip().lower().replace("_", " ").replace("-", " ").split())
    if key in NATIONS:
        return NATIONS[key]
    if key.upper() in NATIONS.values():
        return key.upper()
    choices = ", ".join(list(NATIONS) + list(NATIONS.values()))
    raise CalendarError(f"unknown nation {nation!r}: expected one of {choices}")


@functools.cache
def bank_holidays(code: str, year: int) -> tuple[tuple[date, str], ...]:
    """Sorted (day, name) bank holidays of one nation and year, cached.

    Includes weekend-dated entries the package lists (e.g. Boxing Day on a Sunday)
    and always includes Christmas Day, Boxing Day and Good Friday.
    """
    listed = dict(holidays.country_holidays("GB", subdiv=code, years=year))
    for day, name in (
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 26), "Boxing Day"),
        (easter(year) - 2 * ONE_DAY, "Good Friday"),
    ):
        listed.setdefault(day, name)
    return tuple(sorted(listed.items()))


def _weekdays_up_to(ordinal: int) -> int:
    """Number of Monday-to-Friday days with ordinal 1..ordinal (ordinal 1 is a Monday)."""
    weeks, extra = divmod(ordinal, 7)
    return 5 * weeks + min(extra, 5)


def _date_of_weekday_number(number: int) -> date:
    """Inverse of _weekdays_up_to for a weekday: weekday number -> date."""
    weeks, extra = divmod(number - 1, 5)
    return date.fromordinal(7 * weeks + extra + 1)


class _Year(NamedTuple):
    """One cached year: its weekday numbers run first..last; closed ones sorted in closed."""

    first: int
    last: int
    closed: list[int]


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()  # datetime64[D] counts days from here


class _Table(NamedTuple):
    """Working days of the years first..last: for the day with ordinal ``base + i``,
    ``upto[i]`` working days fall on or before it; ``days[k]`` is the ordinal of the
    (k+1)-th working day of the range."""

    first: int
    last: int
    base: int
    upto: list[int]
    days: list[int]


class WorkingDayCalendar:
    """Working-day arithmetic for one nation plus closure days.  See the module docstring."""

    def __init__(self, nation: str = "england", closures: Iterable[date | Closure] | None = ()):
        self.nation_code = nation_code(nation)
        self.closures = self._normalise_closures(closures)
        self._closures_by_year: dict[int, list[Closure]] = {}
        for closure in self.closures:
            self._closures_by_year.setdefault(closure.day.year, []).append(closure)
        self._reasons: dict[date, str] = {}  # holidays and closures of the loaded years
        self._years: dict[int, _Year] = {}
        self._table: _Table | None = None
        self._arrays = None  # the table as NumPy arrays, made on first use

    @staticmethod
    def _normalise_closures(closures: Iterable[date | Closure] | None) -> tuple[Closure, ...]:
        """Closures sorted by day, one per day (the first given wins); accepts ISO date strings."""
        if isinstance(closures, (date, Closure, str)):
            raise CalendarError("closures must be a list of dates or Closure objects")
        by_day: dict[date, Closure] = {}
        for item in closures or ():
            if isinstance(item, str):
                try:
                    item = date.fromisoformat(item.strip())
                except ValueError:
                    raise CalendarError(f"not a closure day: {item!r} (expected YYYY-MM-DD)") from None
            if isinstance(item, datetime):
                item = item.date()
            if isinstance(item, date):
                item = Closure(item)
            if not isinstance(item, Closure) or not isinstance(item.day, date):
                raise CalendarError(f"not a closure day: {item!r}")
            if isinstance(item.day, datetime):
                item = Closure(item.day.date(), item.reason)
            by_day.setdefault(item.day, item)
        return tuple(sorted(by_day.values(), key=lambda c: c.day))

    def __repr__(self) -> str:
        return f"WorkingDayCalendar({self.nation_code!r}, closures={len(self.closures)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingDayCalendar):
            return NotImplemented
        return (self.nation_code, self.closures) == (other.nation_code, other.closures)

    def __hash__(self) -> int:
        return hash((self.nation_code, self.closures))

    def with_closures(self, closures: Iterable[date | Closure]) -> WorkingDayCalendar:
        """A calendar for the same nation with these closures instead of the current ones."""
        return WorkingDayCalendar(self.nation_code, closures)

    # -- per-year cache of closed weekdays ------------------------------------------

    def _year(self, year: int) -> _Year:
        """One year's holidays and closures, computed once per calendar and year."""
        cached = self._years.get(year)
        if cached is None:
            reasons = dict(bank_holidays(self.nation_code, year))
            for closure in self._closures_by_year.get(year, ()):
                reasons.setdefault(closure.day, closure.description)
            self._reasons.update(reasons)
            cached = self._years[year] = _Year(
                first=_weekdays_up_to(date(year, 1, 1).toordinal() - 1) + 1,
                last=_weekdays_up_to(date(year, 12, 31).toordinal()),
                closed=sorted(_weekdays_up_to(d.toordinal()) for d in reasons if d.weekday() < 5),
            )
        return cached

    def _closed_count(self, low: int, high: int, year: int) -> int:
        """How many closed weekdays have a weekday number k with low < k <= high.

        year is a year at or near the start of the range, where the search begins.
        """
        if high <= low:
            return 0
        first, last, closed = self._years.get(year) or self._year(year)
        if first <= low + 1 and high <= last:  # the common case: all within one year
            return bisect.bisect_right(closed, high) - bisect.bisect_right(closed, low)
        while self._year(year).first > low + 1:
            year -= 1
        while self._year(year).last < low + 1:
            year += 1
        count = 0
        while True:
            _, last, closed = self._year(year)
            count += bisect.bisect_right(closed, high) - bisect.bisect_right(closed, low)
            if high <= last:
                return count
            year += 1

    # -- questions about single days ----------------------------------------------

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        if day.year not in self._years:
            self._year(day.year)
        return day not in self._reasons

    def non_working_reason(self, day: date) -> str | None:
        """'Christmas Day', 'Closure: ...', 'Saturday'...; None for a working day.

        A holiday's or closure's name wins over the weekday name.
        """
        self._year(day.year)
        reason = self._reasons.get(day)
        if reason is None and day.weekday() >= 5:
            reason = WEEKDAY_NAMES[day.weekday()]
        return reason

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Bank holidays and closures falling on weekdays, start <= day <= end, sorted."""
        low, high = _weekdays_up_to(start.toordinal() - 1), _weekdays_up_to(end.toordinal())
        found = []
        for year in range(start.year, end.year + 1):
            closed = self._year(year).closed
            for number in closed[bisect.bisect_right(closed, low) : bisect.bisect_right(closed, high)]:
                day = _date_of_weekday_number(number)
                found.append((day, self._reasons[day]))
        return found

    # -- arithmetic -------------------------------------------------------------------
    # Dates become weekday numbers (Monday 1 Jan 0001 is 1, that Friday 5, the next
    # Monday 6 ...), so whole weeks are jumped with divmod, never walked day by day.
    # Day n is the smallest weekday number k with k = base + n + (closed weekdays in
    # (base, k]); a fixed-point iteration finds it, repeating once per batch of holidays.
    # Speed sanity check (a slowish container, Python 3.11): a million add_working_days(d, 20)
    # take about 2 s (about 4 s when the range crosses New Year), is_working_day 0.7 s;
    # add_working_days(d, 1_000_000) takes about 1 s the first time (it loads ~4000 years
    # of holidays) and a few milliseconds after that.

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; 0 if end <= start."""
        if end <= start:
            return 0
        low, high = _weekdays_up_to(start.toordinal()), _weekdays_up_to(end.toordinal())
        return high - low - self._closed_count(low, high, start.year)

    def add_working_days(self, start: date, n: int) -> date:
        """Day n counted from start (day 0).  Negative n counts backwards."""
        if n <= 0:
            return start if n == 0 else self.subtract_working_days(start, -n)
        try:
            base = _weekdays_up_to(start.toordinal())
            found, number = None, base + n
            while number != found:
                found = number
                number = base + n + self._closed_count(base, found, start.year)
            return _date_of_weekday_number(found)
        except (OverflowError, ValueError):
            raise CalendarError(f"{n} working days after {start} is out of range") from None

    def subtract_working_days(self, start: date, n: int) -> date:
        """The n-th working day before start (start is day 0).  Negative n counts forwards."""
        if n <= 0:
            return start if n == 0 else self.add_working_days(start, -n)
        try:
            top = _weekdays_up_to(start.toordinal() - 1)  # the last weekday before start
            found, number = None, top - n + 1
            while number != found:
                found = number
                number = top - n + 1 - self._closed_count(found - 1, top, start.year)
            return _date_of_weekday_number(found)
        except (OverflowError, ValueError):
            raise CalendarError(f"{n} working days before {start} is out of range") from None

    # -- many dates at once ---------------------------------------------------------------
    # A table of the years involved: for each day, how many working days fell on or before
    # it, and the ordinal of every working day.  Day n after start (n > 0) is then the
    # (upto[start] + n)-th working day; the n-th before start is the (upto[start - 1] - n + 1)-th.

    def _table_for(self, first: int, last: int) -> _Table:
        table = self._table
        if table is not None and table.first <= first and last <= table.last:
            return table
        if table is not None:
            first, last = min(first, table.first), max(last, table.last)
        base = date(first, 1, 1).toordinal()
        upto, days, count = [], [], 0
        for year in range(first, last + 1):
            self._year(year)
        reasons = self._reasons
        for ordinal in range(base, date(last, 12, 31).toordinal() + 1):
            day = date.fromordinal(ordinal)
            if day.weekday() < 5 and day not in reasons:
                count += 1
                days.append(ordinal)
            upto.append(count)
        self._table = _Table(first, last, base, upto, days)
        self._arrays = None
        return self._table

    def _years_needed(self, low: date, high: date, most: int) -> tuple[int, int]:
        """Years of a table that holds every answer for starts low..high and |n| <= most."""
        spare = most // 240 + 1  # at least 240 working days in any year
        return max(1, low.year - spare), min(9999, high.year + spare)

    def add_working_days_many(self, starts, ns) -> list[date]:
        """``[add_working_days(s, n) for s, n in zip(starts, ns)]``, faster for many."""
        starts, ns = list(starts), list(ns)
        if len(starts) != len(ns):
            raise CalendarError("add_working_days_many needs as many counts as dates")
        if not starts:
            return []
        most = max(abs(n) for n in ns)
        try:
            table = self._table_for(*self._years_needed(min(starts), max(starts), most))
        except (OverflowError, ValueError):
            return [self.add_working_days(start, n) for start, n in zip(starts, ns, strict=True)]
        base, upto, days, fromordinal = table.base, table.upto, table.days, date.fromordinal
        out = []
        for start, n in zip(starts, ns, strict=True):
            if n == 0:
                out.append(start)
                continue
            i = start.toordinal() - base
            k = upto[i] + n - 1 if n > 0 else upto[i - 1] + n
            if k < 0 or k >= len(days):
                out.append(self.add_working_days(start, n))
            else:
                out.append(fromordinal(days[k]))
        return out

    def add_working_days_array(self, starts, ns):
        """Vectorised ``add_working_days`` over NumPy arrays: ``starts`` as ``datetime64[D]``,
        ``ns`` integers (broadcast).  Returns ``datetime64[D]``.  Needs NumPy."""
        import numpy as np

        starts = np.asarray(starts, dtype="datetime64[D]")
        ns = np.broadcast_to(np.asarray(ns, dtype=np.int64), starts.shape)
        if starts.size == 0:
            return starts.copy()
        low, high = starts.min().astype(date), starts.max().astype(date)
        table = self._table_for(*self._years_needed(low, high, int(np.abs(ns).max())))
        if self._arrays is None:
            self._arrays = (np.asarray(table.upto, dtype=np.int64), np.asarray(table.days, dtype=np.int64) - EPOCH_ORDINAL)
        upto, days = self._arrays
        i = starts.astype(np.int64) + (EPOCH_ORDINAL - table.base)
        forward = ns > 0
        k = np.where(forward, upto[i] + ns - 1, upto[i - 1] + ns)
        if k.min() < 0 or k.max() >= len(days):
            raise CalendarError("a result is outside the years this calendar can count")
        result = days[k].astype("datetime64[D]")
        return np.where(ns == 0, starts, result)
