"""The walk check: a procedure that would strand a case, or leave a clock that cannot start or
be met, is refused with the path that gets stuck (``shape.walk_problems``), at the key it is
about; so is a notice period that leaves no day to give notice in time for the meeting's own
limit (``notice_problems``)."""

from __future__ import annotations

from datetime import date, timedelta

from complaints_process.core.calendar import WorkingDayCalendar

from . import schema
from .build import build_procedure
from .errors import ConfigError
from .model import ClockConfig, ProcedureConfig
from .shape import main_path, walk_problems
from .translate import at
from .yamlio import Node

#: The start days a notice period is tried on: every day of this year and the next.
DAYS_TRIED = 731


def walk_errors(procedure: schema.ProcedureModel, node: Node, calendar: WorkingDayCalendar) -> list[ConfigError]:
    """Every way ``procedure`` (validated; ``node`` its merged YAML) would strand a case, or
    leave a clock no case can meet."""
    built = build_procedure(procedure)
    errors = []
    for problem in walk_problems(built):
        found = at(node, *problem.where)
        errors.append((found.mark if problem.where[-1] in ("from", "met_by") else found.where()).error(problem.message))
    for clock, message in notice_problems(built, calendar):
        where = ("clocks", clock.name) if clock.stage is None else ("stages", clock.stage, "clocks", clock.name)
        errors.append(at(node, *where, "due").mark.error(message))
    return errors


def notice_problems(procedure: ProcedureConfig, calendar: WorkingDayCalendar) -> list[tuple[ClockConfig, str]]:
    """Notice clocks ("at least 10 days before the meeting") that cannot be met together with
    the clock that times the meeting: where notice is given after that clock starts, some
    start day leaves the last day to give notice before the start itself."""
    order = {event: index for index, event in enumerate(main_path(procedure))}
    found = []
    for notice in procedure.clocks:
        if notice.kind != "notice" or notice.due is None:
            continue
        for meeting in procedure.clocks:
            if meeting.kind == "notice" or meeting.met_by != notice.from_event or meeting.due is None:
                continue
            if order.get(notice.met_by, -1) <= order.get(meeting.from_event, -1):
                continue  # notice can be given before the meeting's clock starts
            start = _first_too_late(notice, meeting, calendar)
            if start is not None:
                found.append((notice, _message(notice, meeting, start)))
    return found


def _first_too_late(notice: ClockConfig, meeting: ClockConfig, calendar: WorkingDayCalendar) -> date | None:
    first = date(date.today().year, 1, 1)
    for offset in range(DAYS_TRIED):
        start = first + timedelta(days=offset)
        if notice.due.apply(meeting.due.apply(start, calendar), calendar) < start:
            return start
    return None


def _message(notice: ClockConfig, meeting: ClockConfig, start: date) -> str:
    return (
        f"notice clock '{notice.key}' can never be met with clock '{meeting.key}': notice is given after "
        f"'{meeting.from_event}', but the meeting is due {meeting.due_text} of it and notice '{notice.due_text}', "
        f"so from {start.isoformat()} there is no day to give notice in time"
    )
