"""Clock stops: pausing a case's clock with a reason, and resuming it.

A clock may stop only for a reason its config lists in ``stops``, and only where that reason
fits the case:

* ``child_consent`` (waiting for the child's consent to someone complaining for them): where
  the procedure asks for the child's consent (``eligibility.child_consent: ask | required``) or
  says parental consent may be needed, on a case made by someone other than the child;
* ``statement_of_complaint`` (waiting for the complainant to agree the statement of
  complaint): where the procedure has a ``stage2.statement_agreed`` event, on a stage 2 clock
  (an amended statement during the investigation).

Only the authority's own clocks stop (response and processing clocks with a due date), never
the complainant's escalation window.  A stop runs from the day it starts (still counted) to
the day it ends (not counted); on resuming, the clock's dates move on by the working days
paused (``complaints_process.core.pauses``).  Both ends are ``CaseEvent`` rows, so the stop
shows on the case's timeline.  A stop that moves a response past the latest date the law
allows (the template's ``law`` ceiling: 20 working days at stage 1, 65 at stage 2) is recorded
on the restart (``statutory_maximum``), shown on the case page and told to the complainant
with the new date.
"""

from __future__ import annotations

from complaints_process import clocks
from complaints_process.core.pauses import move_by_working_days, working_days_paused
from complaints_process.exceptions import InvalidAction
from complaints_process.models import ClockPause, ComplainantRelationship, Complaint, PauseReason

from ._action import case_action

PAUSABLE_KINDS = ("response", "processing")


def pause_allowed(case: Complaint, deadline, reason: str) -> bool:
    if deadline.due is None or not procedure_may_stop(case.procedure(), deadline.clock_key, deadline.stage, reason):
        return False
    if reason == PauseReason.CHILD_CONSENT:  # someone complaining for the child
        return case.complainant_relationship != ComplainantRelationship.CHILD
    return True


def procedure_may_stop(procedure, clock_key: str, stage: str, reason: str) -> bool:
    """Whether the procedure lets this clock stop for this reason on some case: the clock lists
    the reason, and the procedure has what the reason waits for (the child's consent, asked; a
    statement of complaint, agreed at stage 2)."""
    try:
        clock = procedure.clock(clock_key)
    except KeyError:
        return False
    if clock.kind not in PAUSABLE_KINDS or reason not in clock.stops:
        return False
    if reason == PauseReason.CHILD_CONSENT:
        eligibility = procedure.eligibility
        return eligibility.child_consent in ("ask", "required") or eligibility.parental_consent_may_be_needed
    if reason == PauseReason.STATEMENT_OF_COMPLAINT:
        return any(event.key == "stage2.statement_agreed" for event in procedure.events) and stage == "stage2"
    return False


def _open_deadline(case: Complaint, clock_key: str):
    deadline = case.deadlines.open().filter(clock_key=clock_key).first()
    if deadline is None:
        raise InvalidAction("The case has no running clock of that name.")
    return deadline


def pause_clock(case: Complaint, *, user, clock_key: str, reason: str, note: str = "", on=None) -> Complaint:
    with case_action(case, user, "pause_clock", on=on, fsm=False) as act:
        deadline = _open_deadline(act.case, clock_key)
        if reason not in PauseReason.values or not pause_allowed(act.case, deadline, reason):
            raise InvalidAction("This case's procedure does not allow that clock to be stopped for that reason.")
        if deadline.open_pause is not None:
            raise InvalidAction("That clock is already stopped.")
        ClockPause.objects.create(deadline=deadline, reason=reason, note=note, started_on=act.on, started_by=user)
        act.record(reason=PauseReason(reason).label, data={"clock": clock_key, "pause_reason": reason})
    return act.case


def resume_clock(case: Complaint, *, user, clock_key: str, on=None) -> Complaint:
    with case_action(case, user, "resume_clock", on=on, fsm=False) as act:
        deadline = _open_deadline(act.case, clock_key)
        pause = deadline.open_pause
        if pause is None:
            raise InvalidAction("That clock is not stopped.")
        calendar = clocks.calendar_for(act.case.authority)
        days = working_days_paused(pause.started_on, act.on, calendar)
        before = deadline.effective_due
        deadline.due = move_by_working_days(deadline.due, days, calendar)
        deadline.extension_limit = move_by_working_days(deadline.extension_limit, days, calendar)
        deadline.extended_due = move_by_working_days(deadline.extended_due, days, calendar)
        deadline.paused_working_days += days
        deadline.save(update_fields=["due", "extension_limit", "extended_due", "paused_working_days"])
        pause.ended_on = act.on
        pause.working_days = days
        pause.save(update_fields=["ended_on", "working_days"])
        data = {"clock": clock_key, "working_days": days, "due_before": str(before), "due_after": str(deadline.effective_due)}
        maximum = clocks.past_statutory_maximum(act.case, deadline, calendar)
        if maximum is not None:
            # The stop moved the response past the latest date the law allows: the case page
            # shows it and the complainant is told the new date (services.notifications).
            data["statutory_maximum"] = str(maximum)
        act.record(reason=pause.get_reason_display(), data=data)
    return act.case
