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
from complaints_process.models import OPEN_STATES, Complaint, Deadline, DeadlineStatus

from ._action import record_events

ACTION = "recompute_deadlines"
BATCH = 500  # rows per UPDATE of the moved deadlines


def _calendar_changed(previous, current) -> bool:
    old, new = previous.config().calendar, current.config().calendar
    return old.nation != new.nation or set(old.closure_days) != set(new.closure_days)


def _closure_changes(previous, current) -> dict[str, list[str]]:
    old, new = set(previous.config().calendar.closure_days), set(current.config().calendar.closure_days)
    return {"added": sorted(d.isoformat() for d in new - old), "removed": sorted(d.isoformat() for d in old - new)}


@transaction.atomic
def recompute_for_calendar_change(authority, previous, current, *, user=None) -> list[Complaint]:
    """Recompute open cases' pending deadlines after ``current`` replaced ``previous``.

    Returns the cases whose deadlines moved.  Work and queries do not grow with the number of
    the authority's closed cases: one query locks the open cases, one reads their pending
    deadlines, the moved rows are written in batches and the events in one insert.
    """
    if previous is None or not _calendar_changed(previous, current):
        return []
    calendar = current.config().working_calendar()
    changes = _closure_changes(previous, current)
    cases = {
        case.pk: case
        for case in Complaint.objects.select_for_update(of=("self",))
        .filter(authority=authority, state__in=OPEN_STATES)
        .select_related("config_version")
        .order_by("pk")
    }
    pending = (
        Deadline.objects.filter(case__authority=authority, case__state__in=OPEN_STATES, status=DeadlineStatus.PENDING)
        .order_by("case_id", "starts", "id")
        .iterator(chunk_size=5000)
    )
    clocks_by_key = {}
    moved_by_case: dict[int, list[dict]] = {}
    changed = []
    for deadline in pending:
        case = cases.get(deadline.case_id)
        if case is None:  # left the open states after the lock was taken: not ours to move
            continue
        key = (case.config_version_id, case.procedure_slug, deadline.clock_key)
        clock = clocks_by_key.get(key)
        if clock is None:
            clock = clocks_by_key[key] = case.procedure().clock(deadline.clock_key)
        due, limit = clocks.clock_dates(clock, deadline.starts, calendar, deadline.paused_working_days)
        extended_due = deadline.extended_due
        if deadline.is_extended and deadline.extended_due == deadline.extension_limit:
            extended_due = limit
        before = (deadline.due, deadline.extension_limit, deadline.extended_due)
        if before == (due, limit, extended_due):
            continue
        deadline.due, deadline.extension_limit, deadline.extended_due = due, limit, extended_due
        changed.append(deadline)
        moved_by_case.setdefault(case.pk, []).append(
            {
                "clock": deadline.clock_key,
                "due_before": str(before[0]),
                "due_after": str(due),
                "extended_due_before": str(before[2]),
                "extended_due_after": str(extended_due),
            }
        )
    Deadline.objects.bulk_update(changed, ["due", "extension_limit", "extended_due"], batch_size=BATCH)
    moved_cases = [cases[pk] for pk in sorted(moved_by_case)]
    record_events(
        ((case, {"config_version": current.number, "closures": changes, "deadlines": moved_by_case[case.pk]}) for case in moved_cases),
        ACTION,
        user if getattr(user, "is_authenticated", False) else None,
        timezone.localdate(),
        reason="The authority's working-day calendar changed.",
    )
    return moved_cases
