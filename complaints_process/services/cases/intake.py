"""Deciding what to do with a received complaint, and acknowledging it.

* ``accept``: the complaint is taken into the procedure; stage 1 begins (its clock has run
  since receipt).
* ``refuse``: not accepted, on a ground (out of time, no standing, a court matter, other) with
  a written reason; the Ombudsman named by the procedure is recorded as signposted.
* ``handle_outside``: dealt with outside the procedure (e.g. a safeguarding referral), with a
  written reason.
* ``acknowledge``: meets the acknowledgement clock, and starts any clock that counts from the
  acknowledgement (the corporate stage 1 response).
Refusing or handling outside cancels the case's pending deadlines.
"""

from __future__ import annotations

from complaints_process import clocks
from complaints_process.exceptions import InvalidAction
from complaints_process.models import ClosureReason, Complaint, RefusalGround

from ._action import case_action, require_text


def happen(case: Complaint, event_key: str, on, *, sent_by: str | None = None) -> None:
    """A procedure event happened on ``on``: meet the clocks it meets, start those it starts.

    ``sent_by``: how what was sent that day went to the complainant (``email``, ``post``, ...),
    for the clocks that run from its receipt.
    """
    clocks.meet_clocks(case, event_key, on)
    clocks.start_clocks(case, event_key, on, sent_by=sent_by)


def signpost_ombudsman(case: Complaint, on) -> None:
    ombudsman = case.procedure().ombudsman
    if ombudsman is not None:
        case.ombudsman_name = ombudsman.name
        case.ombudsman_url = ombudsman.url or ""
        case.ombudsman_signposted_on = on


def finish_case(case: Complaint, on, reason: str, *, missed_keys=()) -> None:
    case.closed_on = on
    case.closure_reason = reason
    clocks.close_open_deadlines(case, on, missed_keys=missed_keys)


def accept(case: Complaint, *, user, on=None) -> Complaint:
    with case_action(case, user, "accept", on=on) as act:
        act.transition()
        act.record(data={"procedure": act.case.procedure_slug})
    return act.case


def refuse(case: Complaint, *, user, ground: str, reason: str, on=None) -> Complaint:
    with case_action(case, user, "refuse", on=on) as act:
        reason = require_text(reason, "reason for not accepting the complaint")
        if ground not in RefusalGround.values:
            raise InvalidAction("Choose why the complaint is not accepted.")
        act.transition()
        case = act.case
        case.refusal_ground = ground
        case.decision_reason = reason
        signpost_ombudsman(case, act.on)
        finish_case(case, act.on, ClosureReason.NOT_ACCEPTED)
        act.record(reason=reason, data={"ground": ground, "ombudsman": case.ombudsman_name})
    return act.case


def handle_outside(case: Complaint, *, user, reason: str, on=None) -> Complaint:
    with case_action(case, user, "handle_outside", on=on) as act:
        reason = require_text(reason, "reason for handling the complaint outside the procedure")
        act.transition()
        act.case.decision_reason = reason
        finish_case(act.case, act.on, ClosureReason.HANDLED_OUTSIDE)
        act.record(reason=reason)
    return act.case


def acknowledge(case: Complaint, *, user, on=None) -> Complaint:
    with case_action(case, user, "acknowledge", on=on) as act:
        act.transition()
        act.case.acknowledged_on = act.on
        happen(act.case, act.step_event, act.on)
        act.record(event_key=act.step_event)
    return act.case
