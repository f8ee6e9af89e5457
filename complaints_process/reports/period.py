"""Reporting periods: the financial year (1 April to 31 March), pure Python.

* ``financial_year_of(day)``: the financial year holding ``day`` (31 March 2026 is in 2025-26,
  1 April 2026 in 2026-27).
* ``default_report_year(latest_received, today)``: the year a report opens on, that of the
  newest case received (never an empty year while there are cases), else:
* ``last_financial_year(today)``: the last *complete*
  financial year before ``today`` (on 1 June 2026: 2025-26; on 31 March 2026: 2024-25).
* ``parse_period("2025-26")``: a label back to its period; "2025/26" and "2025-2026" are
  accepted too.  Anything else raises ``ValueError`` with a message safe to show.

A period is inclusive at both ends: ``start <= day <= end``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_LABEL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    def __contains__(self, day) -> bool:
        return day is not None and self.start <= day <= self.end

    @property
    def is_financial_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (4, 1, 3, 31) and (self.end.year == self.start.year + 1)

    @property
    def label(self) -> str:
        """ "2025-26" for a financial year, otherwise "1 April 2025 to 30 June 2025"."""
        if self.is_financial_year:
            return f"{self.start.year}-{self.end.year % 100:02d}"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def slug(self) -> str:
        """The label if a financial year, else ``2025-04-01_2025-06-30`` (safe in a URL or file name)."""
        return self.label if self.is_financial_year else f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def description(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def financial_year(start_year: int) -> Period:
    return Period(date(start_year, 4, 1), date(start_year + 1, 3, 31))


def financial_year_of(day: date) -> Period:
    return financial_year(day.year if day.month >= 4 else day.year - 1)


def last_financial_year(today: date) -> Period:
    """The last complete financial year before ``today``."""
    current = financial_year_of(today)
    return financial_year(current.start.year - 1)


def default_report_year(latest_received: date | None, today: date) -> Period:
    """The year a report opens on: the financial year of the newest case received (the
    current year included), so it never opens empty while there are cases; with none, the
    last complete financial year."""
    if latest_received is None:
        return last_financial_year(today)
    return financial_year_of(min(latest_received, today))


def parse_period(text: str) -> Period:
    """ "2025-26" (or "2025/26", "2025-2026") -> 1 April 2025 to 31 March 2026."""
    match = _LABEL.match(text or "")
    if not match:
        raise ValueError('Give the financial year as "2025-26".')
    first, second = int(match.group(1)), match.group(2)
    expected = first + 1
    if (len(second) == 2 and int(second) != expected % 100) or (len(second) == 4 and int(second) != expected):
        raise ValueError(f'A financial year runs over two consecutive years, e.g. "{first}-{expected % 100:02d}".')
    return financial_year(first)


def recent_financial_years(today: date, count: int = 5) -> list[Period]:
    """The current financial year and the ``count - 1`` before it, newest first."""
    current = financial_year_of(today).start.year
    return [financial_year(year) for year in range(current, current - count, -1)]
