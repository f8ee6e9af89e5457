"""Clock stops, in pure Python: how far a pause moves a due date.

A pause runs from ``paused_on`` to ``resumed_on``.  The day it starts still counts; the
working days after it, up to and including the day it ends, do not:
``working_days_between(paused_on, resumed_on)`` of them (the calendar's own rule: days d with
paused_on < d <= resumed_on).  Every date of the clock (due, extension limit, extended due)
then moves on by that many working days.  A pause ended the day it began moves nothing.
"""

from __future__ import annotations

from datetime import date

from .calendar import WorkingDayCalendar


def working_days_paused(paused_on: date, resumed_on: date, calendar: WorkingDayCalendar) -> int:
    return calendar.working_days_between(paused_on, resumed_on)


def move_by_working_days(day: date | None, n: int, calendar: WorkingDayCalendar) -> date | None:
    """``day`` moved on by ``n`` working days (``None`` stays ``None``; ``n == 0`` moves nothing)."""
    if day is None or n == 0:
        return day
    return calendar.add_working_days(day, n)
