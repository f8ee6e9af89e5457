"""The shape of a procedure: its stages, and the steps officers record in each, in order.

Read from the procedure's events and clocks; nothing here is written twice in a config:

* A procedure has one to ``MAX_STAGES`` stages, in the order written.  A later stage starts
  with the complainant's request for it (``<stage>.requested``).
* A stage's *steps* are the events officers record in it: the events named ``<stage>.<name>``
  other than its request, and for the first stage also the procedure's own events other than
  ``received`` (``acknowledged``).  Their order comes from the clocks: a clock runs from one
  event to the event that meets it, so that one comes later; a notice clock ("at least 10 days
  before the meeting") is met *before* the event it counts back from.  Events no clock orders
  keep the order they are written in.
* The stage ends with ``<stage>.responded`` when it declares one, otherwise with its last step
  (the statutory review panel ends with the authority's response to the panel).
* A later stage is *in progress* from its first step (the statement of complaint agreed, the
  request acknowledged, the panel convened), or from the request itself when its response
  clock counts from the request (the SPSO's stage 2: 20 working days "of receipt at stage 2")
  or when it has no step before its end.

The state machine (``models/states.py``) moves a case along this shape; ``walk.py`` walks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import ProcedureConfig

START_EVENT = "received"
REQUESTED = "requested"
RESPONDED = "responded"
MAX_STAGES = 4


@dataclass(frozen=True)
class StageShape:
    key: str
    number: int  # 1-based position
    request: str | None  # "stage2.requested"; None for the first stage
    steps: tuple[str, ...]  # events officers record, in order; the last ends the stage
    starts_at_request: bool  # a later stage is in progress from its request

    @property
    def end(self) -> str | None:
        return self.steps[-1] if self.steps else None

    def step_after(self, event_key: str | None) -> str | None:
        """The step that follows ``event_key`` (the first step if it is not one of this
        stage's steps, e.g. the request); ``None`` once the stage has ended."""
        if event_key in self.steps:
            index = self.steps.index(event_key)
            return self.steps[index + 1] if index + 1 < len(self.steps) else None
        return self.steps[0] if self.steps else None

    def step_before(self, event_key: str) -> str | None:
        """The step (or the request, or receipt) that ``event_key`` follows."""
        index = self.steps.index(event_key)
        if index > 0:
            return self.steps[index - 1]
        return self.request or START_EVENT


def _stage_steps(procedure: ProcedureConfig, stage_key: str, first: bool) -> list[str]:
    found = []
    for event in procedure.events:
        stage, _, name = event.key.rpartition(".")
        if stage == stage_key and name != REQUESTED:
            found.append(event.key)
        elif first and not stage and event.key != START_EVENT:
            found.append(event.key)
    return found


def _ordered(procedure: ProcedureConfig, steps: list[str], end: str) -> tuple[str, ...]:
    """``steps`` in the order the clocks give them (declaration order where they say
    nothing), ``end`` last."""
    declared = {key: index for index, key in enumerate(steps)}
    before: dict[str, set[str]] = {key: set() for key in steps}
    for clock in procedure.clocks:
        first, then = (clock.met_by, clock.from_event) if clock.kind == "notice" else (clock.from_event, clock.met_by)
        if first in before and then in before and first != then:
            before[then].add(first)
    order: list[str] = []
    remaining = sorted(steps, key=declared.__getitem__)
    while remaining:
        ready = [key for key in remaining if not (before[key] - set(order))]
        chosen = ready[0] if ready else remaining[0]  # a circle: the loader reports it
        order.append(chosen)
        remaining.remove(chosen)
    if end in order:
        order.remove(end)
        order.append(end)
    return tuple(order)


def stage_shapes(procedure: ProcedureConfig) -> tuple[StageShape, ...]:
    shapes = []
    for index, stage in enumerate(procedure.stages):
        first = index == 0
        steps = _stage_steps(procedure, stage.key, first)
        responded = f"{stage.key}.{RESPONDED}"
        end = responded if responded in steps else (steps[-1] if steps else "")
        ordered = _ordered(procedure, steps, end)
        request = None if first else f"{stage.key}.{REQUESTED}"
        starts_at_request = False
        if not first:
            try:
                response_from = stage.clock("response").from_event
            except KeyError:
                response_from = None
            starts_at_request = len(ordered) <= 1 or (response_from is not None and response_from not in ordered)
        shapes.append(StageShape(stage.key, index + 1, request, ordered, starts_at_request))
    return tuple(shapes)


def stage_of_step(procedure: ProcedureConfig, event_key: str) -> StageShape | None:
    for shape in stage_shapes(procedure):
        if event_key in shape.steps or event_key == shape.request:
            return shape
    return None


@dataclass(frozen=True)
class WalkProblem:
    """Why some case of a procedure could never finish: where in the procedure (a path of
    keys, as in the file) and what gets stuck."""

    where: tuple[str, ...]
    message: str


def main_path(procedure: ProcedureConfig) -> list[str]:
    """The events recorded on the path through every stage, in order: receipt, each stage's
    steps, the request for each later stage."""
    path = [START_EVENT]
    for shape in stage_shapes(procedure):
        if shape.request:
            path.append(shape.request)
        path.extend(shape.steps)
    return path


def _describe(path: list[str]) -> str:
    return " -> ".join(path)


def walk_problems(procedure: ProcedureConfig) -> list[WalkProblem]:
    """Every way ``procedure`` would strand a case or leave a clock that cannot start or be
    met.  The case machine can run any procedure with none (see ``walk.py`` for the walk
    through the real services)."""
    return _stage_problems(procedure) + _clock_problems(procedure)


def _stage_problems(procedure: ProcedureConfig) -> list[WalkProblem]:
    """Too many stages, a stage with nothing to record, a request for the first stage."""
    problems: list[WalkProblem] = []
    shapes = stage_shapes(procedure)
    if len(shapes) > MAX_STAGES:
        problems.append(
            WalkProblem(("stages",), f"a procedure has at most {MAX_STAGES} stages; this one has {len(shapes)}: merge some of them")
        )
    reached = [START_EVENT]
    for shape in shapes:
        if shape.request:
            reached.append(shape.request)
        if not shape.steps:
            problems.append(
                WalkProblem(
                    ("stages", shape.key),
                    f"stage '{shape.key}' has no event of its own for officers to record (declare e.g. '{shape.key}.{RESPONDED}' "
                    f"under 'events'), so a case would be stuck: {_describe(reached)} -> nothing to record in '{shape.key}'",
                )
            )
        reached.extend(shape.steps)
    if shapes:
        first_request = f"{shapes[0].key}.{REQUESTED}"
        if any(event.key == first_request for event in procedure.events):
            problems.append(
                WalkProblem(
                    ("events", first_request),
                    f"the first stage starts when the complaint is received, so nothing records '{first_request}': "
                    "remove it, or count from 'received'",
                )
            )
    return problems


def _clock_problems(procedure: ProcedureConfig) -> list[WalkProblem]:
    """A clock that can never start, or never be met on the path through every stage."""
    problems: list[WalkProblem] = []
    path = main_path(procedure)
    order = {event: index for index, event in enumerate(path)}
    for clock in procedure.clocks:
        where = ("clocks", clock.name) if clock.stage is None else ("stages", clock.stage, "clocks", clock.name)
        start, meet = order.get(clock.from_event), order.get(clock.met_by)
        if start is None:
            problems.append(
                WalkProblem((*where, "from"), f"clock '{clock.key}' can never start: no case ever records '{clock.from_event}'")
            )
        elif meet is None:
            problems.append(WalkProblem((*where, "met_by"), f"clock '{clock.key}' can never be met: no case ever records '{clock.met_by}'"))
        elif (meet < start) != (clock.kind == "notice"):
            problems.append(WalkProblem((*where, "met_by"), _out_of_order(clock, path, start, meet)))
    return problems


def _out_of_order(clock, path: list[str], start: int, meet: int) -> str:
    if clock.kind == "notice":
        return (
            f"notice clock '{clock.key}' can never be met: '{clock.met_by}' is recorded after '{clock.from_event}' "
            f"({_describe(path[: meet + 1])})"
        )
    return (
        f"clock '{clock.key}' can never be met: '{clock.met_by}' is recorded before '{clock.from_event}' starts it, "
        f"so the clock would run for ever ({_describe(path[: start + 1])})"
    )
