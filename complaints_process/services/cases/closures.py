"""When the authority's calendar changes, move the open deadlines it moves.

Cases are pinned to their config version, with one exception: the calendar.  A closure day
the authority adds (or removes), or a change of nation, applies to open cases at once,
because a deadline that lands on a day the office is shut helps nobody.  After a new version
is published (``services.configs.publish_config``), every pending deadline of the
authority's open cases is recomputed from its own pinned clock, its starting day and its
paused working days, with the new calendar; where a date changes, the row is updated and
the case gets a ``recompute_deadlines`` event (and audit log entry) listing what moved.

An extension to the extended limit follows the limit; an extension to a date the officer
chose (and told the complainant) keeps that date.  Met, missed and cancelled deadlines, and
closed cases, are never touched.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from complaints_process import clocks
from complaints_process.models import OPEN_STATES, Complaint

from ._action import record_event

ACTION = "recompute_deadlines"


def _calendar_changed(previous, current) -> bool:
    old, new = previous.config().calendar, current.config().calendar
    return old.nation != new.nation or set(old.closure_days) != set(new.closure_days)


def _closure_changes(previous, current) -> dict[str, list[str]]:
    old, new = set(previous.config().calendar.closure_days), set(current.config().calendar.closure_days)
    return {"added": sorted(d.isoformat() for d in new - old), "removed": sorted(d.isoformat() for d in old - new)}


@transaction.atomic
def recompute_for_calendar_change(authority, previous, current, *, user=None) -> list[Complaint]:
    """Recompute open cases' pending deadlines after ``current`` replaced ``previous``.

    Returns the cases whose deadlines moved.
    """
    if previous is None or not _calendar_changed(previous, current):
        return []
    calendar = current.config().working_calendar()
    changes = _closure_changes(previous, current)
    moved_cases = []
    cases = Complaint.objects.select_for_update().filter(authority=authority, state__in=OPEN_STATES).select_related("config_version")
    for case in cases:
        procedure = case.procedure()
        moved = []
        for deadline in case.deadlines.open():
            clock = procedure.clock(deadline.clock_key)
            due, limit = clocks.clock_dates(clock, deadline.starts, calendar, deadline.paused_working_days)
            extended_due = deadline.extended_due
            if deadline.is_extended and deadline.extended_due == deadline.extension_limit:
                extended_due = limit
            before = (deadline.due, deadline.extension_limit, deadline.extended_due)
            if before == (due, limit, extended_due):
                continue
            deadline.due, deadline.extension_limit, deadline.extended_due = due, limit, extended_due
            deadline.save(update_fields=["due", "extension_limit", "extended_due"])
            moved.append(
                {
                    "clock": deadline.clock_key,
                    "due_before": str(before[0]),
                    "due_after": str(due),
                    "extended_due_before": str(before[2]),
                    "extended_due_after": str(extended_due),
                }
            )
        if moved:
            record_event(
                case,
                ACTION,
                user if getattr(user, "is_authenticated", False) else None,
                timezone.localdate(),
                from_state=case.state,
                reason="The authority's working-day calendar changed.",
                data={"config_version": current.number, "closures": changes, "deadlines": moved},
            )
            moved_cases.append(case)
    return moved_cases
