"""When the authority's calendar changes, move the open deadlines it moves.

Cases are pinned to their config version; the calendar is an exception.  A closure day
the authority adds (or removes), or a change of nation, applies to open cases at once,
because a deadline that lands on a day the office is shut helps nobody.  After a new version
is published (``services.configs.publish_config``), every pending deadline of the
authority's open cases that the changed days can reach is recomputed from its own pinned
clock, its starting day and its paused working days, with the new calendar; where a date
changes, the row is updated and the case gets a ``recompute_deadlines`` event (and audit log
entry) listing what moved.

An extension to the extended limit follows the limit; an extension to a date the officer
chose (and told the complainant) keeps that date.  Met, missed and cancelled deadlines, and
closed cases, are never touched.
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from complaints_process import clocks
from complaints_process.models import OPEN_STATES, Complaint, Deadline, DeadlineStatus

from ._action import record_events

ACTION = "recompute_deadlines"
BATCH = 2000  # rows per UPDATE of the moved deadlines

# What the recompute reads of a deadline and of its case: nothing personal.
_DEADLINE_FIELDS = ("id", "case_id", "clock_key", "starts", "due", "extension_limit", "extended_due", "extended_on", "paused_working_days")
_CASE_FIELDS = ("case__id", "case__reference", "case__state", "case__config_version_id", "case__procedure_slug")


def _calendar_changed(previous, current) -> bool:
    old, new = previous.config().calendar, current.config().calendar
    return old.nation != new.nation or set(old.closure_days) != set(new.closure_days)


def _closure_changes(previous, current) -> dict[str, list[str]]:
    old, new = set(previous.config().calendar.closure_days), set(current.config().calendar.closure_days)
    return {"added": sorted(d.isoformat() for d in new - old), "removed": sorted(d.isoformat() for d in old - new)}


def spanning(first: date, last: date) -> Q:
    """Deadlines whose span (from their starting day to their latest date, either way round
    for a notice counted back from a meeting) reaches into ``first``..``last``.  Only those can
    move when a day in that range opens or closes: a working-day count that neither starts
    after nor ends before the day does not pass over it."""
    starts_by = Q(starts__lte=last) | Q(due__lte=last)
    ends_after = Q(starts__gte=first) | Q(due__gte=first) | Q(extension_limit__gte=first) | Q(extended_due__gte=first)
    return starts_by & ends_after


def _write(changed: list[Deadline]) -> None:
    """The new dates of the moved rows: on PostgreSQL one ``UPDATE ... FROM (VALUES ...)`` per
    batch; elsewhere Django's ``bulk_update``."""
    if connection.vendor != "postgresql":
        Deadline.objects.bulk_update(changed, ["due", "extension_limit", "extended_due"], batch_size=BATCH)
        return
    table = connection.ops.quote_name(Deadline._meta.db_table)
    with connection.cursor() as cursor:
        for offset in range(0, len(changed), BATCH):
            batch = changed[offset : offset + BATCH]
            values = ", ".join(["(%s::bigint, %s::date, %s::date, %s::date)"] * len(batch))
            cursor.execute(
                f"UPDATE {table} AS d SET due = v.due, extension_limit = v.lim, extended_due = v.ext "
                f"FROM (VALUES {values}) AS v(id, due, lim, ext) WHERE d.id = v.id",
                [value for row in batch for value in (row.pk, row.due, row.extension_limit, row.extended_due)],
            )


def _reachable(authority, previous, current, changes: dict[str, list[str]]) -> list[Deadline]:
    """The pending deadlines of the authority's open cases that the change can move, locked
    with their cases (in case order), so an officer's action on the case waits, and a deadline
    met meanwhile is seen as met, not moved."""
    pending = Deadline.objects.filter(case__authority=authority, case__state__in=OPEN_STATES, status=DeadlineStatus.PENDING)
    if previous.config().calendar.nation == current.config().calendar.nation:
        days = [date.fromisoformat(day) for day in changes["added"] + changes["removed"]]
        pending = pending.filter(spanning(min(days), max(days)))
    return list(
        pending.select_related("case")
        .only(*_DEADLINE_FIELDS, *_CASE_FIELDS)
        .select_for_update(of=("self", "case"))
        .order_by("case_id", "starts", "id")
    )


def _moved(deadline: Deadline, clock, calendar) -> dict | None:
    """Recompute ``deadline``'s dates from its pinned ``clock`` with ``calendar``, in place;
    what moved (for the case's event), or None when nothing did."""
    due, limit = clocks.clock_dates(clock, deadline.starts, calendar, deadline.paused_working_days)
    extended_due = deadline.extended_due
    if deadline.is_extended and deadline.extended_due == deadline.extension_limit:
        extended_due = limit
    before = (deadline.due, deadline.extension_limit, deadline.extended_due)
    if before == (due, limit, extended_due):
        return None
    deadline.due, deadline.extension_limit, deadline.extended_due = due, limit, extended_due
    return {
        "clock": deadline.clock_key,
        "due_before": str(before[0]),
        "due_after": str(due),
        "extended_due_before": str(before[2]),
        "extended_due_after": str(extended_due),
    }


@transaction.atomic
def recompute_for_calendar_change(authority, previous, current, *, user=None) -> list[Complaint]:
    """Recompute open cases' pending deadlines after ``current`` replaced ``previous``.

    Returns the cases whose deadlines moved.  The work grows with the deadlines the change can
    reach, not with the authority's caseload: a closure day added or removed reads only the
    pending deadlines of open cases whose span reaches that day (``spanning``; a change of
    nation reads them all), locking them and their cases in the same statement; the moved rows
    are written in one statement per batch, the events and audit log entries in one insert each.
    """
    if previous is None or not _calendar_changed(previous, current):
        return []
    calendar = current.config().working_calendar()
    changes = _closure_changes(previous, current)
    rows = _reachable(authority, previous, current, changes)
    versions = type(current).objects.in_bulk({row.case.config_version_id for row in rows}) if rows else {}
    clocks_by_key = {}
    cases: dict[int, Complaint] = {}
    moved_by_case: dict[int, list[dict]] = {}
    changed = []
    for deadline in rows:
        case = cases.setdefault(deadline.case_id, deadline.case)
        key = (case.config_version_id, case.procedure_slug, deadline.clock_key)
        if key not in clocks_by_key:
            clocks_by_key[key] = versions[case.config_version_id].config().procedure(case.procedure_slug).clock(deadline.clock_key)
        if (moved := _moved(deadline, clocks_by_key[key], calendar)) is not None:
            changed.append(deadline)
            moved_by_case.setdefault(case.pk, []).append(moved)
    if changed:
        _write(changed)
    moved_cases = [cases[pk] for pk in sorted(moved_by_case)]
    record_events(
        ((case, {"config_version": current.number, "closures": changes, "deadlines": moved_by_case[case.pk]}) for case in moved_cases),
        ACTION,
        user if getattr(user, "is_authenticated", False) else None,
        timezone.localdate(),
        reason="The authority's working-day calendar changed.",
    )
    return moved_cases
