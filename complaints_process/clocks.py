"""Deadlines of a case, made from its pinned config version and its authority's calendar.

The only place a case deadline is written; the rules (which clocks an event starts and meets,
their dates, on time or not) are the clock engine's, ``core.clock_engine``, which also replays a
case's recorded events under a draft config (``core.simulation``).  The rules:

* When an event happens (``received``, ``stage1.responded``, ...), every clock of the case's
  procedure that counts from it gets a ``Deadline`` row: ``starts`` is the event's day (day 0),
  ``due`` the clock's duration applied to it (empty when the procedure states no time), and
  ``extension_limit`` the extended duration applied to it.
  A clock marked ``from_receipt`` (the complainant's window to ask for the next stage)
  starts instead on the day the complainant is taken to have received the response, by the
  way it was sent (``core.clocks.deemed_receipt``, the procedure's ``receipt:`` rules).
* When an event happens, every pending deadline whose clock is met by it is met: ``met_on``
  is the event's day and ``on_time`` says whether it fell on or before the (extended) due date.
* Notice clocks ("at least 10 days before the meeting") count backwards from an event that is
  planned, not yet happened: they are made when the meeting is arranged (``notice_deadline``).
* The calendar is the authority's *current* one (nation and closure days): what a calendar
  change does to open cases is an exception to pinning (see services/cases/closures.py; the
  other: a case its version strands, services/cases/versions.py).
"""

from __future__ import annotations

from datetime import date

from complaints_process.core import clock_engine
from complaints_process.core.calendar import WorkingDayCalendar
from complaints_process.core.clock_engine import NOTICE, clock_dates
from complaints_process.core.clocks import clock_start, statutory_maximum
from complaints_process.core.config import ClockConfig
from complaints_process.models import Deadline, DeadlineStatus

__all__ = [
    "NOTICE",
    "calendar_for",
    "cancel",
    "clock_dates",
    "close_open_deadlines",
    "meet_clocks",
    "notice_clocks",
    "notice_deadline",
    "redate",
    "start_clock",
    "start_clocks",
]


def calendar_for(authority) -> WorkingDayCalendar:
    """The authority's working days now: the calendar of its current config version."""
    return authority.current_version().config().working_calendar()


def past_statutory_maximum(case, deadline, calendar: WorkingDayCalendar | None = None) -> date | None:
    """The law's latest date for the deadline's clock, when its effective due date (moved by
    clock stops) now falls after it; None otherwise (``core.clocks.statutory_maximum``)."""
    try:
        clock = case.procedure().clock(deadline.clock_key)
    except KeyError:
        return None
    due = deadline.effective_due
    if due is None or clock.law is None or clock.law.bound != "ceiling":
        return None
    maximum = statutory_maximum(clock, deadline.starts, calendar or calendar_for(case.authority))
    return maximum if maximum is not None and due > maximum else None


def _new_deadline(case, clock: ClockConfig, starts: date, calendar: WorkingDayCalendar) -> Deadline:
    due, limit = clock_dates(clock, starts, calendar)
    return Deadline.objects.create(
        case=case,
        clock_key=clock.key,
        procedure_slug=case.procedure_slug,
        stage=clock.stage or "",
        kind=clock.kind,
        starts=starts,
        due=due,
        extension_limit=limit,
        extension_unbounded=clock.extension_unbounded,
    )


def start_clocks(
    case, event_key: str, on: date, calendar: WorkingDayCalendar | None = None, *, sent_by: str | None = None
) -> list[Deadline]:
    """Make the deadlines of every (forward) clock that counts from ``event_key``.

    A ``from_receipt`` clock starts on the day the complainant is taken to have received what
    was sent on ``on`` by ``sent_by`` (``core.clocks.deemed_receipt``; not recorded: the latest
    day the procedure's rules give).
    """
    calendar = calendar or calendar_for(case.authority)
    procedure = case.procedure()
    return [
        _new_deadline(case, clock, clock_start(clock, on, procedure.receipt, calendar, sent_by), calendar)
        for clock in clock_engine.clocks_started_by(procedure, event_key)
    ]


def start_clock(case, clock: ClockConfig, starts: date, calendar: WorkingDayCalendar) -> Deadline:
    """Make one clock's deadline from ``starts`` (a case moved to a corrected version)."""
    return _new_deadline(case, clock, starts, calendar)


def redate(deadline: Deadline, *, starts: date, due: date | None, extension_limit: date | None) -> None:
    """Move a pending deadline to the dates its (corrected) clock gives."""
    deadline.starts, deadline.due, deadline.extension_limit = starts, due, extension_limit
    deadline.save(update_fields=["starts", "due", "extension_limit"])


def cancel(deadline: Deadline) -> None:
    """Cancel a pending deadline whose clock no longer runs."""
    deadline.status = DeadlineStatus.CANCELLED
    deadline.save(update_fields=["status"])


def meet_clocks(case, event_key: str, on: date) -> list[Deadline]:
    """Meet every pending deadline whose clock is met by ``event_key``."""
    met_keys = {clock.key for clock in clock_engine.clocks_met_by(case.procedure(), event_key)}
    met = []
    for deadline in case.deadlines.open().filter(clock_key__in=met_keys):
        deadline.met_on = on
        deadline.on_time = clock_engine.met_on_time(on, deadline.effective_due)
        deadline.status = DeadlineStatus.MET
        deadline.save(update_fields=["met_on", "on_time", "status"])
        deadline.pauses.filter(ended_on__isnull=True).update(ended_on=on, working_days=0)
        met.append(deadline)
    return met


def close_open_deadlines(case, on: date, *, missed_keys=()) -> None:
    """Cancel the case's pending deadlines (those in ``missed_keys`` are marked missed)."""
    for deadline in case.deadlines.open():
        deadline.status = DeadlineStatus.MISSED if deadline.clock_key in missed_keys else DeadlineStatus.CANCELLED
        deadline.save(update_fields=["status"])
        deadline.pauses.filter(ended_on__isnull=True).update(ended_on=on, working_days=0)


def notice_clocks(case, event_key: str) -> list[ClockConfig]:
    return clock_engine.notice_clocks(case.procedure(), event_key)


def notice_deadline(case, clock: ClockConfig, event_on: date, calendar: WorkingDayCalendar | None = None) -> Deadline:
    """A notice clock's deadline, counted (backwards) from the planned day of its event."""
    return _new_deadline(case, clock, event_on, calendar or calendar_for(case.authority))
