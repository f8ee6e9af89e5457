"""Cross-checks: the rules that need more than one value (a clock's events must be declared, an
extension must be longer than its limit, each closure and theme once...), run on whatever the
schema accepted, so one run reports every problem with its ``file:line:column``.

:func:`check_procedure` also runs the walk (``walkable.py``) when the procedure's shape is sound.
"""

from __future__ import annotations

from datetime import date, timedelta

from complaints_process.core.calendar import WorkingDayCalendar
from complaints_process.core.durations import Duration

from . import schema
from .build import parse_due, parse_extended
from .errors import ConfigError, did_you_mean
from .salvage import Salvaged
from .translate import at
from .walkable import walk_errors
from .yamlio import Mark, Node

START_EVENT = "received"
EXTENDED_SUFFIX = "_extended"

#: What a procedure the schema accepted whole has removed: nothing.
NOTHING_REMOVED = Salvaged(model=None, removed=())  # type: ignore[arg-type]


def check_authority(authority: schema.AuthorityModel, node: Node, *, errors: list[ConfigError]) -> None:
    """Each closure once."""
    closures = at(node, "calendar", "closures")
    seen: dict[date, Mark] = {}
    for index, closure in enumerate(authority.calendar.closures):
        mark = at(closures, index, "date").mark
        if closure.date in seen:
            errors.append(mark.error(f"closure date {closure.date.isoformat()} is listed twice (first on line {seen[closure.date].line})"))
        else:
            seen[closure.date] = mark


def check_unique_slugs(procedures: list[tuple[schema.ProcedureModel, Node]], *, errors: list[ConfigError]) -> None:
    """Each procedure's slug once in an authority."""
    seen: dict[str, Mark] = {}
    for procedure, node in procedures:
        mark = at(node, "slug").mark
        if procedure.slug in seen:
            first = seen[procedure.slug]
            errors.append(mark.error(f"procedure slug '{procedure.slug}' is used twice (first on line {first.line} of {first.path})"))
        else:
            seen[procedure.slug] = mark


def check_procedure(
    procedure: schema.ProcedureModel,
    node: Node,
    *,
    calendar: WorkingDayCalendar,
    errors: list[ConfigError],
    salvaged: Salvaged = NOTHING_REMOVED,
    walk: bool = True,
) -> None:
    """Every rule that needs the whole (merged) procedure; ``salvaged`` says what the schema
    refused, so that the checks it could mislead are skipped; ``walk``: run the walk check too."""
    _ProcedureChecks(procedure, node, calendar=calendar, errors=errors, salvaged=salvaged, walk=walk).run()


class _ProcedureChecks:
    """Rules that need the whole (merged) procedure."""

    def __init__(
        self, procedure: schema.ProcedureModel, node: Node, *, calendar: WorkingDayCalendar, errors: list[ConfigError], salvaged, walk
    ):
        self.walk = walk
        self.errors = errors
        self.salvaged = salvaged
        self.calendar = calendar
        self.p = procedure
        self.node = node
        self.stage_keys = list(procedure.stages)
        self.event_keys = list(procedure.events)

    def error(self, node: Node, message: str) -> None:
        self.errors.append(node.mark.error(message))

    def error_at_key(self, node: Node, message: str) -> None:
        self.errors.append(node.where().error(message))

    def run(self) -> None:
        if not self.p.stages and not self.salvaged.touched("stages"):
            self.error(at(self.node, "stages"), "a procedure needs at least one stage, e.g. 'stage1: {name: Local resolution}'")
        errors_before = len(self.errors)
        if self.salvaged.shape_sound:
            self.check_events()
            self.check_clocks()
        # The walk reads the stages, events and clocks: with those sound it runs whatever else is
        # wrong, so one run reports every problem; with them wrong its findings would only repeat
        # those errors in other words (a clock met by an undeclared event "can never be met").
        walk_inputs_sound = self.salvaged.shape_sound and len(self.errors) == errors_before
        self.check_limits()
        if not self.salvaged.touched("themes"):  # a refused theme moves the others' positions
            self.check_themes()
        self.check_ombudsman()
        if self.walk and walk_inputs_sound and self.p.stages:
            self.errors.extend(walk_errors(self.p, self.node, self.calendar))

    def check_ombudsman(self) -> None:
        ombudsman = self.p.ombudsman
        if ombudsman is not None and ombudsman.after_stage is not None and ombudsman.after_stage not in self.p.stages:
            if self.salvaged.shape_sound:  # else the stage named may be one the schema refused
                self.error(
                    at(self.node, "ombudsman", "after_stage"),
                    f"'after_stage' names stage '{ombudsman.after_stage}', which this procedure does not have "
                    f"(stages: {', '.join(self.stage_keys)})",
                )

    def check_themes(self) -> None:
        """Each theme once: the report counts by theme, so 'Delay' and 'delay ' would split a count."""
        seen: dict[str, Mark] = {}
        themes = at(self.node, "themes")
        for index, theme in enumerate(self.p.themes):
            key = " ".join(theme.split()).casefold()
            mark = at(themes, index).mark
            if key in seen:
                self.errors.append(mark.error(f"theme '{theme.strip()}' is listed twice (first on line {seen[key].line})"))
            else:
                seen[key] = mark

    def stage_problem(self, ref: str) -> str | None:
        if "." in ref:
            stage = ref.split(".", 1)[0]
            if stage not in self.p.stages:
                return (
                    f"'{ref}' belongs to stage '{stage}', which this procedure does not have "
                    f"(stages: {', '.join(self.stage_keys) or 'none'})"
                )
        return None

    def unknown_event(self, ref: str) -> str:
        return self.stage_problem(ref) or (
            f"unknown event '{ref}': events are declared under 'events:'{did_you_mean(ref, self.event_keys)}"
        )

    def check_events(self) -> None:
        events_node = at(self.node, "events")
        if START_EVENT not in self.p.events:
            self.error(
                events_node, f"every procedure needs a '{START_EVENT}' event: the day the complaint arrives is day 0 of every timeline"
            )
        for key, event in self.p.events.items():
            entry = at(events_node, key)
            problem = self.stage_problem(key)
            if problem:
                self.error_at_key(entry, f"event {problem}")
            if event.assumed is None:
                continue
            assumed_node = at(entry, "assumed")
            if key == START_EVENT:
                self.error(assumed_node, f"'{START_EVENT}' starts the procedure, so it cannot be assumed from another event")
            elif event.assumed == key:
                self.error(assumed_node, f"event '{key}' cannot be assumed from itself")
            elif event.assumed not in self.p.events:
                self.error(assumed_node, self.unknown_event(event.assumed))

    def check_clocks(self) -> None:
        """The events each clock runs between: declared, distinct, each meeting one clock, in no circle."""
        met: dict[str, str] = {}
        producers: dict[str, tuple[str, str | None]] = {}  # event -> (clock key, event it waits for)
        for stage_key, name, clock, loc in self.all_clocks():
            node = at(self.node, *loc)
            full_key = f"{stage_key}.{name}" if stage_key else name
            if name.endswith(EXTENDED_SUFFIX):
                self.error_at_key(
                    node, f"clock key '{name}' cannot end in '{EXTENDED_SUFFIX}': that suffix names the extended row of a clock"
                )
            for field, ref in (("from", clock.from_), ("met_by", clock.met_by)):
                if ref not in self.p.events:
                    self.error(at(node, field), self.unknown_event(ref))
            if clock.met_by == clock.from_:
                self.error(at(node, "met_by"), f"clock '{full_key}' cannot be met by the event it runs from ('{clock.from_}')")
            elif clock.met_by == START_EVENT:
                self.error(at(node, "met_by"), f"'{START_EVENT}' starts the procedure, so no clock can end at it")
            elif clock.met_by in met:
                self.error(
                    at(node, "met_by"),
                    f"event '{clock.met_by}' already meets clock '{met[clock.met_by]}': each event can meet only one clock",
                )
            else:
                met[clock.met_by] = full_key
                producers[clock.met_by] = (full_key, clock.from_)
        self.check_cycles(producers)

    def check_limits(self) -> None:
        """Each clock's own times: a limit counted the right way, an extension longer than it,
        a receipt rule where the clock counts from receipt."""
        for stage_key, name, clock, loc in self.all_clocks():
            if self.salvaged.touched(*loc):
                continue  # the schema refused part of this clock: its limits are not all there
            node = at(self.node, *loc)
            full_key = f"{stage_key}.{name}" if stage_key else name
            self.check_durations(full_key, clock, node)
            if clock.from_receipt and not self.p.receipt and not self.salvaged.touched("receipt"):
                self.error(
                    at(node, "from_receipt"),
                    f"clock '{full_key}' runs from the complainant's receipt, but the procedure has no 'receipt' rules: "
                    "add e.g. 'receipt: {email: same day, post: 2 working days after}'",
                )

    def all_clocks(self):
        """(stage key or None, clock name, clock, its location in the procedure) of every clock."""
        for name, clock in self.p.clocks.items():
            yield None, name, clock, ("clocks", name)
        for stage_key, stage in self.p.stages.items():
            for name, clock in stage.clocks.items():
                yield stage_key, name, clock, ("stages", stage_key, "clocks", name)

    def check_durations(self, key: str, clock: schema.ClockModel, node: Node) -> None:
        due = parse_due(clock.due)
        if due is not None:
            if due.direction == "before" and clock.kind != "notice":
                self.error(
                    at(node, "due"),
                    f"'{clock.due}' counts backwards ('before'), which only a notice clock does: add 'kind: notice' or remove 'before'",
                )
            if due.direction == "after" and clock.kind == "notice":
                self.error(
                    at(node, "due"),
                    f"a notice clock is due some time before its event, so write e.g. 'at least 10 days before' (got '{clock.due}')",
                )
        if clock.extended is not None:
            extended = parse_extended(clock.extended)
            if clock.kind == "notice":
                self.error(at(node, "extended"), "a notice clock cannot be extended")
            elif due is None:
                self.error(at(node, "extended"), f"clock '{key}' has no stated limit ('due: {clock.due}'), so it has nothing to extend")
            elif extended is not None and extended.unit == due.unit and extended.amount <= due.amount:
                self.error(
                    at(node, "extended"),
                    f"clock '{key}': the extended limit '{clock.extended}' must be longer than the clock's own limit '{clock.due}': "
                    f"'extended' is the total time allowed from '{clock.from_}', not the extra time",
                )
            elif extended is not None and extended.unit != due.unit:
                first = first_earlier(extended, due, self.calendar, date.today().year)
                if first is not None:
                    start, extended_on, due_on = first
                    self.error(
                        at(node, "extended"),
                        f"clock '{key}': the extended limit '{clock.extended}' must not end before the clock's own limit "
                        f"'{clock.due}' on any day it can start, but from {start.isoformat()} it ends on "
                        f"{extended_on.isoformat()} and the limit on {due_on.isoformat()}: 'extended' is the total time "
                        f"allowed from '{clock.from_}', not the extra time",
                    )
        elif clock.extension is not None:
            self.error_at_key(
                at(node, "extension"),
                f"clock '{key}' describes an 'extension' but has no 'extended' limit: "
                "add e.g. 'extended: up to 20 working days' or 'extended: no limit stated'",
            )

    def check_cycles(self, producers: dict[str, tuple[str, str | None]]) -> None:
        """Each event's timeline date must not depend on itself."""
        waits_for: dict[str, str] = {}
        for event, (_, source) in producers.items():
            if source is not None:
                waits_for[event] = source
        for key, event in self.p.events.items():
            if event.assumed is not None and key not in waits_for:
                waits_for[key] = event.assumed
        reported: set[str] = set()
        for start in waits_for:
            path = [start]
            current = start
            while current in waits_for:
                current = waits_for[current]
                if current in path:
                    loop = path[path.index(current) :] + [current]
                    if not reported.intersection(loop):
                        reported.update(loop)
                        clock_key = producers.get(loop[0], (None,))[0]
                        node = self.clock_node(clock_key) if clock_key else at(self.node, "events", loop[0])
                        self.error(
                            at(node, "met_by") if clock_key else node,
                            "events wait for each other in a circle, so none of them can ever be dated: " + " waits for ".join(loop),
                        )
                    break
                path.append(current)

    def clock_node(self, full_key: str) -> Node:
        if "." in full_key:
            stage, name = full_key.split(".", 1)
            return at(self.node, "stages", stage, "clocks", name)
        return at(self.node, "clocks", full_key)


def first_earlier(extended: Duration, due: Duration, calendar: WorkingDayCalendar, year: int):
    """Different units are compared as dates, never in the abstract: for every start day of
    ``year`` and the next (on the authority's calendar, with its closures), the extended limit
    must not fall before the clock's own limit.  The first ``(start, extended date, due date)``
    for which it does, or None."""
    start = date(year, 1, 1)
    for offset in range(731):
        day = start + timedelta(days=offset)
        extended_on, due_on = extended.apply(day, calendar), due.apply(day, calendar)
        if extended_on < due_on:
            return day, extended_on, due_on
    return None
