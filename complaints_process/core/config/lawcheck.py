"""Where an authority's config departs from the law its template follows.

Each template clock carries ``law:``: the bound the law sets and in whose favour it runs.

* ``floor``: the complainant's time (a window to ask for the next stage).  The law gives at
  least this; an authority may give more, never less.
* ``ceiling``: the authority's time (a response).  The law allows at most this, and at most
  ``extended`` with an extension; an authority may promise less, never more.
* ``none``: the law sets no time (the authority states its own).

A deviation is listed for: a window that ends earlier than the law's for some day of
receipt (``shorter_window``); a response due later than the law allows (``longer_time``); a
response the law times but the config leaves "not stated" (``time_removed``); an extension
with no limit where the law caps it (``cap_removed``) or beyond the law's cap
(``longer_extension``); calendar days, weeks or months where the law counts working days
(``calendar_days``).  A window the law counts from the complainant's receipt also depends on
when receipt is: a procedure whose ``receipt`` rules take what is sent some way as received
earlier than the template's, or have no rule for a way the template has
(``earlier_receipt``, key ``receipt.<way>``); a window that counts from sending where the law
counts from receipt (``from_sending``).

Durations are compared as dates, never as units: for every start day of a whole year on the
authority's calendar, the config's date is compared with the law's, and the first start day
that differs is named.  Deviations are warnings, not errors: the page keeps saying what the
authority says, and ``core.clocks.due_dates`` never lets a case's window close before the
law's floor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from complaints_process.core.calendar import WorkingDayCalendar
from complaints_process.core.durations import Duration

from .model import AuthorityConfig, ClockConfig, ProcedureConfig

CALENDAR_UNITS = ("days", "weeks", "months")

#: What each kind of deviation means, for people.
KINDS = {
    "shorter_window": "the complainant's window is shorter than the law gives",
    "longer_time": "the authority's time is longer than the law allows",
    "time_removed": "no time is stated where the law sets one",
    "cap_removed": "an extension has no limit where the law caps it",
    "longer_extension": "an extension goes beyond the law's cap",
    "calendar_days": "calendar time where the law counts working days",
    "earlier_receipt": "a response sent this way is taken as received earlier than the law's window allows",
    "from_sending": "the complainant's window counts from sending where the law counts from receipt",
}

NO_RULE = "no rule"


@dataclass(frozen=True)
class Deviation:
    procedure: str
    key: str  # the clock's full key; "<key>_extended" for its extension
    kind: str  # a key of KINDS
    config: str  # as the config writes it
    law: str  # as the template's law writes it
    source: str  # the regulation or guidance
    line: str | None  # "path:line" of the config value, when known
    first_start: date | None = None  # the first start day for which the dates differ

    @property
    def takes_a_right(self) -> bool:
        """Does it leave the complainant worse off than the law (a reason is needed to publish it)?"""
        return self.kind != "calendar_days"

    def message(self) -> str:
        when = f" (first for a start on {self.first_start.isoformat()})" if self.first_start else ""
        return f"{self.procedure} {self.key}: {KINDS[self.kind]}: '{self.config}' against the law's '{self.law}'{when} ({self.source})"

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "config": self.config,
            "law": self.law,
            "source": self.source,
            "line": self.line,
            "procedure": self.procedure,
            "first_start": self.first_start.isoformat() if self.first_start else None,
        }


def start_days(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def first_start(config: Duration, law: Duration, calendar: WorkingDayCalendar, year: int, worse: Callable[[date, date], bool]):
    """The first start day of ``year`` for which ``worse(config_date, law_date)``, or None."""
    for day in start_days(year):
        if worse(config.apply(day, calendar), law.apply(day, calendar)):
            return day
    return None


Marks = Callable[[str, ClockConfig, str], "str | None"]


def _marks(procedure: str, clock: ClockConfig, field: str) -> str | None:
    """Where the loaded config wrote the field (``ClockConfig.marks``)."""
    return clock.mark(field)


def clock_deviations(
    procedure: ProcedureConfig, clock: ClockConfig, calendar: WorkingDayCalendar, year: int, marks: Marks = _marks
) -> list[Deviation]:
    law = clock.law
    if law is None or law.bound == "none":
        return []
    found: list[Deviation] = []

    def add(kind, key, field, config_text, law_text, start=None):
        found.append(Deviation(procedure.slug, key, kind, config_text, law_text, law.source, marks(procedure.slug, clock, field), start))

    if law.bound == "floor" and law.from_receipt and not clock.from_receipt:
        add("from_sending", clock.key, "from_receipt", "from_receipt: false", "from_receipt: true")
    if law.due is not None:
        if clock.due is None:
            if law.bound == "ceiling":
                add("time_removed", clock.key, "due", clock.due_text, law.due_text)
        else:
            if law.bound == "floor":
                start = first_start(clock.due, law.due, calendar, year, lambda mine, theirs: mine < theirs)
                if start is not None:
                    add("shorter_window", clock.key, "due", clock.due_text, law.due_text, start)
            else:
                start = first_start(clock.due, law.due, calendar, year, lambda mine, theirs: mine > theirs)
                if start is not None:
                    add("longer_time", clock.key, "due", clock.due_text, law.due_text, start)
            if law.due.unit == "working_days" and clock.due.unit in CALENDAR_UNITS:
                add("calendar_days", clock.key, "due", clock.due_text, law.due_text)
    if law.bound == "ceiling" and law.extended is not None and clock.has_extension:
        if clock.extension_unbounded:
            add("cap_removed", clock.extended_key, "extended", clock.extended_text or "", law.extended_text or "")
        elif clock.extended is not None:
            start = first_start(clock.extended, law.extended, calendar, year, lambda mine, theirs: mine > theirs)
            if start is not None:
                add("longer_extension", clock.extended_key, "extended", clock.extended_text or "", law.extended_text or "", start)
            if law.extended.unit == "working_days" and clock.extended.unit in CALENDAR_UNITS:
                add("calendar_days", clock.extended_key, "extended", clock.extended_text or "", law.extended_text or "")
    return found


def receipt_deviations(procedure: ProcedureConfig, calendar: WorkingDayCalendar, year: int) -> list[Deviation]:
    """The procedure's receipt rules against the template's, where a floor counts from receipt:
    for each way the template has, the first day of ``year`` sent on which the procedure's rule
    gives an earlier day of receipt, or the rule missing."""
    floors = [clock.law for clock in procedure.clocks if clock.law is not None and clock.law.bound == "floor" and clock.law.from_receipt]
    if not floors:
        return []
    source = "; ".join(dict.fromkeys(law.source for law in floors))
    mine = {rule.method: rule for rule in procedure.receipt}
    found = []
    for theirs in floors[0].receipt:
        rule = mine.get(theirs.method)
        key, line = f"receipt.{theirs.method}", procedure.receipt_mark(theirs.method)
        if rule is None:
            found.append(Deviation(procedure.slug, key, "earlier_receipt", NO_RULE, theirs.text, source, line))
            continue
        start = next((day for day in start_days(year) if rule.received(day, calendar) < theirs.received(day, calendar)), None)
        if start is not None:
            found.append(Deviation(procedure.slug, key, "earlier_receipt", rule.text, theirs.text, source, line, start))
    return found


def lawcheck(config: AuthorityConfig, year: int, marks: Marks = _marks) -> list[Deviation]:
    """Every deviation of every procedure of ``config``, in procedure order: its receipt rules,
    then its clocks in order."""
    calendar = config.working_calendar()
    return [
        deviation
        for procedure in config.procedures
        for deviation in [
            *receipt_deviations(procedure, calendar, year),
            *(found for clock in procedure.clocks for found in clock_deviations(procedure, clock, calendar, year, marks)),
        ]
    ]
