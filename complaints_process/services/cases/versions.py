"""Freeing stranded cases when an authority publishes a corrected config.

A case is pinned to the config version it was filed under, so publishing a new version never
changes the rules of a case in progress.  The exception is a case its pinned version has
*stranded*: open, past receipt, not between stages, and with no step left to record in its
stage (the test the walk applies, ``services/walk.py``: no action can move it).  Validation
refuses such a procedure now, but a version stored before it did, or a version that can no
longer be read, can hold cases that cannot go on.

When a new version is published (``services.configs.publish_config``), each stranded open case
of the authority whose procedure the new version still has, and under which it is no longer
stranded, is moved to the new version (``free_stranded_cases``):

* every event stays as it was; the case's state and last step stay (states name the stage by
  position, and the new version must have that stage);
* its open clocks are recomputed from the new version: a clock the new version runs from an
  event the case has had, and not met by one it has had, is due as the new version counts it
  from that day (with the working days it was stopped); a pending clock the new version does
  not run is cancelled;
* a recorded ``move_to_version`` event (and audit log entry), written by ``record_event``,
  lists the versions and every clock that moved, started or was cancelled.

No right is lost by the move: where a clock runs under both versions and the new count would
leave the complainant worse off (an authority's response or processing time due later, the
complainant's window to ask for the next stage closing sooner, or a limit where there was
none), the case keeps the old date.  That is the rule a published date follows elsewhere (an
extension the complainant was told of keeps its date when a calendar changes): the
complainant may have been told it.  A case that is not stranded stays on its version.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from complaints_process import clocks
from complaints_process.core.clocks import clock_start
from complaints_process.core.config import ConfigInvalid
from complaints_process.models import Complaint
from complaints_process.models.states import RESPONDED_STATES, STEP_STATES

from ._action import record_event, today

ACTION = "move_to_version"
#: Clocks whose due date is the authority's duty: later is worse for the complainant.
AUTHORITY_KINDS = ("response", "processing")
#: Clocks whose due date is the complainant's time: sooner is worse for the complainant.
COMPLAINANT_KINDS = ("window",)


def is_stranded(case: Complaint) -> bool:
    """No action can move the open case on under its pinned version: past receipt, not between
    stages, and no step left to record in its stage (or its version can no longer be read)."""
    if not case.is_open or case.state == "received" or case.state in RESPONDED_STATES:
        return False
    try:
        return case.next_step() is None
    except (ConfigInvalid, KeyError):
        return True


def free_stranded_cases(authority, version, *, user=None) -> list[Complaint]:
    """Move every stranded open case of ``authority`` that ``version`` frees to ``version``
    (see the module docstring); the cases moved.

    Whether a case is stranded, and whether ``version`` frees it, depends only on its version,
    procedure, state and last step, so each such combination is decided once, on one of its
    cases, however many cases share it."""
    candidates = Complaint.objects.filter(authority=authority, state__in=STEP_STATES).exclude(config_version=version)
    combinations = candidates.values_list("config_version_id", "procedure_slug", "state", "last_step").distinct()
    moved = []
    for version_id, slug, state, last_step in combinations:
        same = candidates.filter(config_version_id=version_id, procedure_slug=slug, state=state, last_step=last_step)
        sample = same.select_related("config_version").order_by("pk").first()
        if sample is not None and is_stranded(sample) and _frees(sample, version):
            moved += [_move(case, version, user=user) for case in same.order_by("pk")]
    return sorted(moved, key=lambda case: case.pk)


def _frees(case: Complaint, version) -> bool:
    """The case can go on under ``version``: it has the case's procedure and stage, and a step to record."""
    try:
        procedure = version.config().procedure(case.procedure_slug)
    except KeyError:
        return False
    trial = Complaint.objects.get(pk=case.pk)
    trial.config_version = version
    trial._shapes = None
    return case.stage_number is not None and case.stage_number <= len(procedure.stages) and trial.next_step() is not None


@transaction.atomic
def _move(case: Complaint, version, *, user=None) -> Complaint:
    case = Complaint.objects.select_for_update().select_related("authority", "config_version").get(pk=case.pk)
    previous = case.config_version
    case.config_version = version
    case._shapes = None
    case.save(update_fields=["config_version"])
    changes = _recompute_clocks(case, clocks.calendar_for(case.authority))
    data = {"from_version": previous.number, "to_version": version.number, "deadlines": changes}
    on = today()
    record_event(
        case,
        ACTION,
        user if getattr(user, "is_authenticated", False) else None,
        on,
        from_state=case.state,
        reason=f"Version {previous.number} of the process configuration left the case with no step to record; "
        f"version {version.number} lets it go on.",
        data=data,
    )
    return case


def _recorded_days(case: Complaint) -> dict[str, date]:
    """The day each procedure event was last recorded on the case (receipt: its day 0)."""
    days = {"received": case.received_on}
    for event_key, on in case.events.exclude(event_key="").order_by("occurred_on", "id").values_list("event_key", "occurred_on"):
        days[event_key] = on
    return days


def _kinder(kind: str, old: date | None, new: date | None) -> date | None:
    """The due date the complainant is no worse off by (see the module docstring)."""
    if kind in AUTHORITY_KINDS:
        return new if old is None else old if new is None else min(old, new)
    if kind in COMPLAINANT_KINDS:
        return None if old is None or new is None else max(old, new)
    return new


def _recompute_clocks(case: Complaint, calendar) -> list[dict]:
    """The case's open clocks under its (new) version; what changed, clock by clock."""
    procedure = case.procedure()
    days = _recorded_days(case)
    pending = {deadline.clock_key: deadline for deadline in case.deadlines.open()}
    changes = []
    for clock in procedure.clocks:
        if clock.kind == clocks.NOTICE or clock.from_event not in days or clock.met_by in days:
            continue  # not started, already met, or counted back from a planned day
        starts = clock_start(clock, days[clock.from_event], procedure.receipt, calendar, None)
        deadline = pending.pop(clock.key, None)
        if deadline is None:
            deadline = clocks.start_clock(case, clock, starts, calendar)
            changes.append({"clock": clock.key, "started": str(starts), "due_after": str(deadline.due)})
            continue
        due, limit = clocks.clock_dates(clock, starts, calendar, deadline.paused_working_days)
        due = _kinder(clock.kind, deadline.due, due)
        if (starts, due, limit) != (deadline.starts, deadline.due, deadline.extension_limit):
            changes.append({"clock": clock.key, "due_before": str(deadline.due), "due_after": str(due)})
            clocks.redate(deadline, starts=starts, due=due, extension_limit=limit)
    for key, deadline in pending.items():
        clocks.cancel(deadline)
        changes.append({"clock": key, "cancelled": True})
    return changes
