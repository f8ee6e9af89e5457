"""What a config change would have done: each case's clocks as it ran against the same case
replayed under a draft (``core.clock_engine.replay``), counted.  Pure Python.

For every clock that both replays started (matched by key):

* **moved**: its effective due date (the extended date, once extended) differs; ``later`` and
  ``earlier`` split them, ``earliest_shift`` and ``latest_shift`` are the smallest and largest
  change in calendar days (negative: earlier);
* **on_time_to_late** / **late_to_on_time**: met in both, on time in one and late in the other
  (the day it was met is the recorded day in both);
* **escalations refused**: a complainant's window (``kind: window``) met on time as the case
  ran but late under the draft: the request for the next stage would have been refused;
* **lapses avoided**: a window missed because the case lapsed, that under the draft would still
  have been open on the day the case lapsed (or would have no stated end).

Later events are replayed as recorded: the case is not re-imagined after a request the draft
would have refused.  A clock that only one of the two procedures has is not compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .clock_engine import MET, MISSED, Replay

WINDOW = "window"


@dataclass(frozen=True)
class ClockChange:
    """One clock of one case that the draft changes."""

    key: str
    due_before: date | None
    due_after: date | None
    met_on: date | None
    on_time_before: bool | None
    on_time_after: bool | None

    @property
    def shift(self) -> int | None:
        if self.due_before is None or self.due_after is None:
            return None
        return (self.due_after - self.due_before).days


@dataclass(frozen=True)
class CaseOutcome:
    case_id: int
    procedure: str
    changes: tuple[ClockChange, ...]
    escalation_refused: bool = False
    lapse_avoided: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.escalation_refused or self.lapse_avoided


@dataclass
class ClockCounts:
    procedure: str
    key: str
    label: str = ""
    compared: int = 0
    moved: int = 0
    later: int = 0
    earlier: int = 0
    earliest_shift: int | None = None
    latest_shift: int | None = None
    on_time_to_late: int = 0
    late_to_on_time: int = 0

    def as_dict(self) -> dict:
        return {
            "procedure": self.procedure,
            "key": self.key,
            "label": self.label,
            "compared": self.compared,
            "moved": self.moved,
            "later": self.later,
            "earlier": self.earlier,
            "earliest_shift_days": self.earliest_shift,
            "latest_shift_days": self.latest_shift,
            "on_time_to_late": self.on_time_to_late,
            "late_to_on_time": self.late_to_on_time,
        }


@dataclass
class Comparison:
    cases: int = 0
    clocks: dict[tuple[str, str], ClockCounts] = field(default_factory=dict)  # by (procedure, clock key)
    escalations_refused: int = 0
    lapses_avoided: int = 0
    outcomes: list[CaseOutcome] = field(default_factory=list)  # changed cases only

    @property
    def cases_changed(self) -> int:
        return len(self.outcomes)


def compare(pairs: Iterable[tuple[int, str, Replay, Replay]], *, labels: Sequence[tuple[str, str, str]] = ()) -> Comparison:
    """Count the differences over ``(case_id, procedure slug, as ran, under the draft)``.
    ``labels`` ((procedure slug, clock key, label) in procedure order) lists the clocks to show
    even when nothing moved."""
    result = Comparison(clocks={(slug, key): ClockCounts(slug, key, label) for slug, key, label in labels})
    for case_id, procedure, before, after in pairs:
        result.cases += 1
        after_by_key = after.by_key()
        changes = []
        refused = avoided = False
        for old in before.by_key().values():
            new = after_by_key.get(old.key)
            if new is None:
                continue
            counts = result.clocks.get((procedure, old.key))
            if counts is None:
                counts = result.clocks[(procedure, old.key)] = ClockCounts(procedure, old.key, old.key)
            counts.compared += 1
            old_due, new_due = old.effective_due, new.effective_due
            moved = old_due != new_due
            if moved:
                counts.moved += 1
                if old_due is not None and new_due is not None:
                    shift = (new_due - old_due).days
                    counts.later += shift > 0
                    counts.earlier += shift < 0
                    counts.earliest_shift = shift if counts.earliest_shift is None else min(counts.earliest_shift, shift)
                    counts.latest_shift = shift if counts.latest_shift is None else max(counts.latest_shift, shift)
            flipped = old.status == MET and new.status == MET and None not in (old.on_time, new.on_time) and old.on_time != new.on_time
            if flipped:
                counts.on_time_to_late += bool(old.on_time)
                counts.late_to_on_time += bool(new.on_time)
                refused = refused or (old.kind == WINDOW and bool(old.on_time))
            if old.kind == WINDOW and old.status == MISSED and old.lapsed_on is not None:
                avoided = avoided or new_due is None or new_due >= old.lapsed_on
            if moved or flipped:
                changes.append(ClockChange(old.key, old_due, new_due, old.met_on, old.on_time, new.on_time))
        result.escalations_refused += refused
        result.lapses_avoided += avoided
        if changes or refused or avoided:
            result.outcomes.append(CaseOutcome(case_id, procedure, tuple(changes), refused, avoided))
    return result
