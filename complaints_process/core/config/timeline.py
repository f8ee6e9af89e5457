"""The clock engine's "what to expect" timeline: every deadline of a procedure, dated.

Given the day a complaint is received, each later event is assumed to happen on the last
day its own clock allows (the clock's *unextended* due date), so the timeline shows the
latest date each step can be reached without any extension.  An event declared with
``assumed: <other event>`` happens the same day as that event (e.g. the stage 2 statement
of complaint is assumed agreed the day stage 2 is requested).  A clock whose starting
event cannot be dated (because the clock that leads to it is "not stated") is undated.

Rows come in procedure order: procedure-level clocks first, then each stage's clocks; a
clock that can be extended is followed by a ``<key>_extended`` row for its extended limit
(undated when the source gives no limit).  A notice clock ("at least 10 days before") is
counted backwards from its event.  Counting follows ``calendar``: the starting event is
day 0.  A ``from_receipt`` clock (a complainant's window) starts on the earliest day the
procedure's receipt rules take its event's letter to be received (``core.clocks``): the
published date never promises more time than a response sent the quickest way leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from complaints_process.core.calendar import WorkingDayCalendar
from complaints_process.core.clocks import earliest_receipt

from .model import ClockConfig, ProcedureConfig

START_EVENT = "received"


@dataclass(frozen=True)
class TimelineEntry:
    key: str  # "stage1.response", or "stage1.response_extended" for the extended limit
    label: str
    due: date | None
    rule: str  # the duration as written, "not stated" or "no limit stated"
    starts: date | None  # date of the event the clock counts from
    from_event: str
    stage: str | None = None
    kind: str = "response"
    extended: bool = False  # True for the "<key>_extended" row

    def as_dict(self) -> dict[str, str | None]:
        return {
            "key": self.key,
            "label": self.label,
            "due": self.due.isoformat() if self.due else None,
            "rule": self.rule,
            "from": self.from_event,
            "starts": self.starts.isoformat() if self.starts else None,
        }


class _Dates:
    """Event dates under the timeline assumption, computed on demand."""

    def __init__(self, procedure: ProcedureConfig, received: date, calendar: WorkingDayCalendar):
        self.calendar = calendar
        self.receipt = procedure.receipt
        self.assumed = {event.key: event.assumed for event in procedure.events if event.assumed}
        self.producer = {clock.met_by: clock for clock in procedure.clocks}
        self.dates: dict[str, date | None] = {START_EVENT: received}
        self._busy: set[str] = set()

    def of(self, event: str) -> date | None:
        if event in self.dates:
            return self.dates[event]
        if event in self._busy:  # a circle; the loader rejects these, stay safe anyway
            return None
        self._busy.add(event)
        try:
            if event in self.assumed:
                result = self.of(self.assumed[event])
            elif event in self.producer:
                result = self.due(self.producer[event])
            else:
                result = None
        finally:
            self._busy.discard(event)
        self.dates[event] = result
        return result

    def start(self, clock: ClockConfig) -> date | None:
        """Day 0 of the clock: its event's date, or (``from_receipt``) the earliest deemed receipt."""
        event_on = self.of(clock.from_event)
        if event_on is None or not clock.from_receipt:
            return event_on
        return earliest_receipt(event_on, self.receipt, self.calendar)

    def due(self, clock: ClockConfig) -> date | None:
        start = self.start(clock)
        if start is None or clock.due is None:
            return None
        return clock.due.apply(start, self.calendar)

    def extended_due(self, clock: ClockConfig) -> date | None:
        start = self.start(clock)
        if start is None or clock.extended is None:
            return None
        return clock.extended.apply(start, self.calendar)


def event_dates(procedure: ProcedureConfig, received: date, calendar: WorkingDayCalendar) -> dict[str, date | None]:
    """The assumed date of every event of the procedure (None where it cannot be dated)."""
    dates = _Dates(procedure, received, calendar)
    return {event.key: dates.of(event.key) for event in procedure.events}


def build_timeline(procedure: ProcedureConfig, received: date, calendar: WorkingDayCalendar) -> list[TimelineEntry]:
    """Every clock of the procedure dated from a complaint received on `received`."""
    dates = _Dates(procedure, received, calendar)
    rows: list[TimelineEntry] = []
    for clock in procedure.clocks:
        starts = dates.start(clock)
        rows.append(
            TimelineEntry(
                key=clock.key,
                label=clock.label,
                due=dates.due(clock),
                rule=clock.due_text,
                starts=starts,
                from_event=clock.from_event,
                stage=clock.stage,
                kind=clock.kind,
            )
        )
        if clock.has_extension:
            rows.append(
                TimelineEntry(
                    key=clock.extended_key,
                    label=clock.extended_label,
                    due=dates.extended_due(clock),
                    rule=clock.extended_text or "",
                    starts=starts,
                    from_event=clock.from_event,
                    stage=clock.stage,
                    kind=clock.kind,
                    extended=True,
                )
            )
    return rows
