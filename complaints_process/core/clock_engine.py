"""The clock engine's rules, in pure Python: which clocks an event starts and meets, their
dates, whether a clock was met on time, and a case's clocks replayed from its recorded events.

``complaints_process.clocks`` applies these rules to a live case's ``Deadline`` rows as each
action happens; ``replay`` applies the same rules to a case's whole recorded history at once,
under any procedure and calendar (``core.simulation`` compares two such replays: the config
the case ran under and a draft).  The rules:

* An event starts every forward clock whose ``from`` is that event: the event's day is day 0,
  ``due`` is the clock's duration applied to it (``None`` when the procedure states no time),
  the extension limit the extended duration applied to it.
* An event meets every pending clock whose ``met_by`` is that event: on time when its day is
  on or before the clock's effective due date (the extended due date once extended).
* A notice clock ("at least 10 days before the meeting") counts backwards from an event that
  is planned: it starts from the planned day, when the event that meets it is recorded.
* A pause (clock stop) moves every date of the clock on by the working days paused
  (``core.pauses``); a pause still open when the clock is met moves nothing.
* Closing a case ends its pending clocks (cancelled; a lapsed escalation window: missed).

``replay`` reads events generically: any event key of the procedure starts and meets clocks
by the config alone, so a procedure with new events needs no change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .calendar import WorkingDayCalendar
from .clocks import clock_start, due_dates
from .config.model import ClockConfig, ProcedureConfig
from .pauses import move_by_working_days, working_days_paused

NOTICE = "notice"
PENDING, MET, MISSED, CANCELLED = "pending", "met", "missed", "cancelled"

# What a recorded happening does besides (or instead of) a procedure event.
EXTEND, PAUSE, RESUME, CLOSE, LAPSE = "extend", "pause", "resume", "close", "lapse"


def clock_dates(clock: ClockConfig, starts: date, calendar: WorkingDayCalendar, paused_working_days: int = 0):
    """``(due, extension_limit)`` of a clock started on ``starts`` (``core.clocks.due_dates``:
    a complainant's window never closes before the law's floor), moved on by any pauses."""
    due, limit = due_dates(clock, starts, calendar)
    return (
        move_by_working_days(due, paused_working_days, calendar),
        move_by_working_days(limit, paused_working_days, calendar),
    )


def clocks_started_by(procedure: ProcedureConfig, event_key: str) -> list[ClockConfig]:
    """The forward clocks that count from ``event_key`` (notice clocks start when planned)."""
    return [clock for clock in procedure.clocks if clock.from_event == event_key and clock.kind != NOTICE]


def clocks_met_by(procedure: ProcedureConfig, event_key: str) -> list[ClockConfig]:
    return [clock for clock in procedure.clocks if clock.met_by == event_key]


def notice_clocks(procedure: ProcedureConfig, planned_event: str) -> list[ClockConfig]:
    """Notice clocks counted back from ``planned_event`` (e.g. the panel meeting)."""
    return [clock for clock in procedure.clocks if clock.kind == NOTICE and clock.from_event == planned_event]


def met_on_time(met_on: date, effective_due: date | None) -> bool | None:
    """Whether a clock met on ``met_on`` was on time (``None``: the procedure states no time)."""
    return None if effective_due is None else met_on <= effective_due


def extended_date(recorded: date, recorded_limit: date | None, limit: date | None, unbounded: bool) -> date | None:
    """Where an extension recorded as ``recorded`` (when the limit was ``recorded_limit``) goes
    under a clock whose limit is ``limit``: an extension to the limit follows the limit (the
    rule ``services.cases.closures`` applies when the calendar changes), a date the officer
    chose stays, within the limit.  ``None``: the clock could not have been extended."""
    if limit is None and not unbounded:
        return None
    if recorded_limit is not None and recorded == recorded_limit and limit is not None:
        return limit
    return recorded if limit is None else min(recorded, limit)


@dataclass(frozen=True)
class Happening:
    """One recorded event of a case as the replay reads it: nothing personal.

    ``event``: the procedure event it stands for ("received", "stage1.responded"; "" for an
    action that is not one).  ``does``: EXTEND, PAUSE or RESUME of ``clock``, CLOSE of the case,
    or LAPSE of the case with ``clock`` its missed window.  ``to``: the date an extension was
    made to.  ``planned``: the day of a planned event the happening fixes (a panel meeting).
    ``sent_by``: how what the event sent (a response) went to the complainant, if recorded."""

    day: date
    event: str = ""
    does: str = ""
    clock: str = ""
    to: date | None = None
    planned: date | None = None
    sent_by: str | None = None


@dataclass
class ReplayedClock:
    key: str
    kind: str
    stage: str | None
    starts: date
    due: date | None
    extension_limit: date | None
    extended_due: date | None = None
    paused_working_days: int = 0
    paused_on: date | None = None
    met_on: date | None = None
    on_time: bool | None = None
    status: str = PENDING
    lapsed_on: date | None = None  # the day the case lapsed, for a window missed that way

    @property
    def effective_due(self) -> date | None:
        return self.extended_due if self.extended_due is not None else self.due


@dataclass
class Replay:
    clocks: list[ReplayedClock] = field(default_factory=list)

    def by_key(self) -> dict[str, ReplayedClock]:
        """The clock of each key (the last one started, should a clock start twice)."""
        return {clock.key: clock for clock in self.clocks}


def _index(procedure: ProcedureConfig, memo: dict):
    """The clocks each event starts and meets (``clocks_started_by``, ``clocks_met_by``) and
    the clocks by key, worked out once per procedure in ``memo``."""
    key = ("index", id(procedure))
    found = memo.get(key)
    if found is None:
        events = {clock.from_event for clock in procedure.clocks} | {clock.met_by for clock in procedure.clocks}
        found = memo[key] = (
            {event: clocks_started_by(procedure, event) for event in events},
            {event: clocks_met_by(procedure, event) for event in events},
            {clock.key: clock for clock in procedure.clocks},
        )
    return found


class _Replaying:
    """One replay under way: the clocks started so far and those still pending."""

    def __init__(self, procedure: ProcedureConfig, calendar: WorkingDayCalendar, recorded, dates: dict):
        self.procedure, self.calendar, self.recorded, self.dates = procedure, calendar, recorded, dates
        self.started_by, self.met_by, self.clock_config = _index(procedure, dates)
        self.result = Replay()
        self.pending: dict[str, ReplayedClock] = {}

    def start(self, clock: ClockConfig, on: date) -> None:
        key = (id(clock), on)
        found = self.dates.get(key)
        if found is None:
            found = self.dates[key] = clock_dates(clock, on, self.calendar)
        due, limit = found
        replayed = ReplayedClock(clock.key, clock.kind, clock.stage, on, due, limit)
        self.result.clocks.append(replayed)
        self.pending[clock.key] = replayed

    def finish(self, on: date, missed: str = "") -> None:
        for key, clock in list(self.pending.items()):
            clock.status = MISSED if key == missed else CANCELLED
            if key == missed:
                clock.lapsed_on = on
            clock.paused_on = None
        self.pending.clear()

    def event(self, happening: Happening) -> None:
        """The clocks the procedure event meets (a notice clock first started, counted back
        from the meeting planned), then those it starts."""
        on = happening.day
        met = self.met_by.get(happening.event, ())
        if happening.planned is not None:
            for config in met:
                if config.kind == NOTICE:
                    self.start(config, happening.planned)
        for config in met:
            clock = self.pending.pop(config.key, None)
            if clock is not None:
                clock.met_on, clock.status, clock.paused_on = on, MET, None
                clock.on_time = met_on_time(on, clock.effective_due)
        for config in self.started_by.get(happening.event, ()):
            # Day 0: the event's day, or the complainant's deemed receipt of what it sent.
            self.start(config, clock_start(config, on, self.procedure.receipt, self.calendar, happening.sent_by))

    def extend(self, clock: ReplayedClock, to: date) -> None:
        config = self.clock_config[clock.key]
        before = self.recorded.get(clock.key) if self.recorded is not None else None
        to = extended_date(
            to, before.extension_limit if before is not None else clock.extension_limit, clock.extension_limit, config.extension_unbounded
        )
        if to is not None and (clock.due is None or to > clock.due):
            clock.extended_due = to

    def resume(self, clock: ReplayedClock, on: date) -> None:
        days = working_days_paused(clock.paused_on, on, self.calendar)
        clock.due = move_by_working_days(clock.due, days, self.calendar)
        clock.extension_limit = move_by_working_days(clock.extension_limit, days, self.calendar)
        clock.extended_due = move_by_working_days(clock.extended_due, days, self.calendar)
        clock.paused_working_days += days
        clock.paused_on = None

    def happen(self, happening: Happening) -> None:
        if happening.event:
            self.event(happening)
        clock = self.pending.get(happening.clock)
        if happening.does == EXTEND and clock is not None and happening.to is not None:
            self.extend(clock, happening.to)
        elif happening.does == PAUSE and clock is not None and clock.paused_on is None:
            clock.paused_on = happening.day
        elif happening.does == RESUME and clock is not None and clock.paused_on is not None:
            self.resume(clock, happening.day)
        elif happening.does in (CLOSE, LAPSE):
            self.finish(happening.day, missed=happening.clock if happening.does == LAPSE else "")


def replay(
    procedure: ProcedureConfig,
    calendar: WorkingDayCalendar,
    happenings: Iterable[Happening],
    *,
    recorded: Mapping[str, ReplayedClock] | None = None,
    dates: dict | None = None,
) -> Replay:
    """A case's clocks under ``procedure`` and ``calendar``, from its recorded happenings (in
    the order they happened).  ``recorded``: the clocks as the case actually ran (a replay under
    its own config), used to tell an extension to the limit from one to a chosen date; without
    it, extensions keep the date recorded.  ``dates``: a dict kept by the caller across cases
    replayed with the same ``calendar`` (and procedures that stay alive), so each clock's dates
    from a given day are worked out once."""
    replaying = _Replaying(procedure, calendar, recorded, {} if dates is None else dates)
    for happening in happenings:
        replaying.happen(happening)
    return replaying.result


def replay_pair(
    ran: ProcedureConfig,
    ran_calendar: WorkingDayCalendar,
    draft: ProcedureConfig,
    draft_calendar: WorkingDayCalendar,
    happenings: Sequence[Happening],
    *,
    dates: tuple[dict, dict] | None = None,
) -> tuple[Replay, Replay]:
    """The case's clocks as it ran, and under the draft, from the same happenings (``dates``:
    the two calendars' caches, see ``replay``)."""
    ran_dates, draft_dates = dates or ({}, {})
    before = replay(ran, ran_calendar, happenings, dates=ran_dates)
    after = replay(draft, draft_calendar, happenings, recorded=before.by_key(), dates=draft_dates)
    return before, after
