"""Moving through the stages: respond, extend, escalate, lapse, start stage 2, withdraw, close.

* ``respond`` sends the stage's response with one outcome (upheld, partly upheld, not upheld)
  for every point of complaint, and how it was sent (email, post, by hand); it meets the
  stage's response clock and starts the window in which the complainant may ask for the next
  stage, counted from the day they are taken to have received the response.
* ``extend`` extends the stage's response clock once, with the reason as the complainant is
  told it (emailed word for word) and an optional note for staff, to ``new_due`` (default:
  the extended limit), never past the extended limit; where the procedure sets no limit, or
  its extension ``requires: [new_date]``, the new date must be given, and what else it
  requires (``complainant_told``, ``in_writing`` ...) the officer must confirm.
* ``escalate`` records the complainant's request for the next stage, which must fall within
  the window (if the procedure sets one: the clock engine's on-time rule, the one a simulation
  of a draft uses to count the requests it would refuse); the window is met and the next
  stage's clocks start.
* ``lapse`` (the worker, or a manager) closes a case whose window passed with no request.
* ``agree_statement`` / ``acknowledge_escalation`` / ``record_step`` record a step of the
  stage (the agreed statement of complaint, the acknowledgement of the request, any other
  event the procedure declares): the machine allows only the stage's next step, and a
  requested stage starts with its first step.
* ``withdraw`` closes an open case at the complainant's wish; ``close`` closes a case after a
  response, signposting the Ombudsman.  Both cancel pending deadlines.
"""

from __future__ import annotations

from datetime import date

from complaints_process.core.clock_engine import met_on_time
from complaints_process.core.clocks import DELIVERY_METHODS
from complaints_process.exceptions import InvalidAction
from complaints_process.models import ClosureReason, Complaint, Outcome, PointOutcome

from ._action import case_action, require_text
from .intake import finish_case, happen, signpost_ombudsman


def record_outcomes(case: Complaint, stage: str, outcomes: dict[int, str]) -> dict[str, str]:
    """One outcome for every point of complaint at ``stage`` (stage 3: the panel's findings)."""
    points = {point.number: point for point in case.points.all()}
    if set(outcomes) != set(points):
        raise InvalidAction("Give one outcome for every point of complaint.")
    bad = [value for value in outcomes.values() if value not in Outcome.values]
    if bad:
        raise InvalidAction("Each outcome must be upheld, partly upheld or not upheld.")
    PointOutcome.objects.bulk_create(
        PointOutcome(point=points[number], stage=stage, outcome=outcome) for number, outcome in outcomes.items()
    )
    return {str(number): outcome for number, outcome in sorted(outcomes.items())}


def respond(case: Complaint, *, user, outcomes: dict[int, str], on=None, sent_by: str | None = None) -> Complaint:
    """Record the stage's response, sent on ``on`` by ``sent_by`` (one of the procedure's
    ``receipt`` methods: the complainant's window counts from its deemed receipt)."""
    with case_action(case, user, "respond", on=on) as act:
        stage = act.case.stage_key
        procedure = act.case.procedure()
        methods = [rule.method for rule in procedure.receipt]
        if sent_by is not None and sent_by not in methods:
            choices = ", ".join(DELIVERY_METHODS.get(m, m).lower() for m in methods) or "none recorded for this procedure"
            raise InvalidAction(f"Choose how the response was sent ({choices}).")
        recorded = record_outcomes(act.case, stage, outcomes)
        act.transition()
        happen(act.case, act.step_event, act.on, sent_by=sent_by)
        data = {"stage": stage, "outcomes": recorded}
        if methods:
            data["sent_by"] = sent_by or "not_recorded"
            window = act.case.escalation_window()
            if window is not None:
                data["received_on"] = str(window.starts)
        act.record(event_key=act.step_event, data=data)
    return act.case


#: What a procedure's extension may require the officer to confirm (``extension: requires:``
#: in the config), in the words the admin form asks them.  ``reason`` and ``new_date`` are
#: fields of the action itself.
EXTENSION_CONFIRMATIONS: dict[str, str] = {
    "in_writing": "The complainant has been told in writing",
    "complainant_told": "The complainant has been told about the extension",
    "complainant_consulted": "The complainant has been consulted about the extension",
    "complainant_agreement": "The complainant has agreed to the extension",
}


def extension_clock(case: Complaint):
    """``(deadline, clock)`` of the response clock ``extend`` would extend now, or ``(None, None)``."""
    deadline = case.stage_response_deadline()
    if deadline is None:
        return None, None
    try:
        return deadline, case.procedure().clock(deadline.clock_key)
    except KeyError:
        return deadline, None


def extension_requires(clock) -> tuple[str, ...]:
    """What the clock's extension requires (the config's ``requires``)."""
    return tuple(clock.extension.requires) if clock is not None and clock.extension else ()


def extend(
    case: Complaint,
    *,
    user,
    reason: str,
    new_due: date | None = None,
    on=None,
    note: str = "",
    confirmed=(),
) -> Complaint:
    """Extend the stage's response clock.  ``reason`` is the message to the complainant: it is
    emailed to them word for word (and kept on the deadline); ``note`` is for staff only (the
    event's reason on the timeline, never sent).  ``confirmed`` lists the requirements of
    ``EXTENSION_CONFIRMATIONS`` the officer confirms; each one the procedure's extension
    ``requires`` must be among them."""
    with case_action(case, user, "extend", on=on) as act:
        reason = require_text(reason, "reason for the extension (the message to the complainant)")
        deadline, clock = extension_clock(act.case)
        requires = extension_requires(clock)
        needs_date = deadline.extension_unbounded or "new_date" in requires
        if new_due is None:
            if needs_date or deadline.extension_limit is None:
                raise InvalidAction("Give the new date by which the response will be sent.")
            new_due = deadline.extension_limit
        if deadline.due is not None and new_due <= deadline.due:
            raise InvalidAction("The new date must be later than the current due date.")
        if deadline.extension_limit is not None and new_due > deadline.extension_limit:
            raise InvalidAction(f"The new date cannot be later than the extended limit, {deadline.extension_limit:%d %B %Y}.")
        missing = [EXTENSION_CONFIRMATIONS[key] for key in requires if key in EXTENSION_CONFIRMATIONS and key not in set(confirmed)]
        if missing:
            raise InvalidAction(f"This procedure's extension needs you to confirm: {'; '.join(missing).lower()}.")
        act.transition()
        deadline.extended_due = new_due
        deadline.extended_on = act.on
        deadline.extension_reason = reason
        deadline.save(update_fields=["extended_due", "extended_on", "extension_reason"])
        data = {"clock": deadline.clock_key, "due": str(deadline.due), "extended_due": str(new_due)}
        if requires:
            data["confirmed"] = [key for key in requires if key in EXTENSION_CONFIRMATIONS]
        act.record(reason=(note or "").strip(), data=data)
    return act.case


#: ``by`` in the data of an event the complainant took themselves (online, not recorded by
#: staff): the timeline credits it to the complainant.
BY_COMPLAINANT = "complainant"

#: The longest reason a complainant may give when asking for the next stage.
ESCALATION_REASON_MAX = 2000


def escalate(case: Complaint, *, user, on=None, reason: str = "", by_complainant: bool = False) -> Complaint:
    """Record a request for the next stage: by an officer (a request made by phone or letter),
    or by the complainant themselves (``by_complainant``, no user), with their own optional
    reason (staff see it on the timeline)."""
    reason = (reason or "").strip()
    if len(reason) > ESCALATION_REASON_MAX:
        raise InvalidAction(f"The reason must be {ESCALATION_REASON_MAX} characters or fewer.")
    with case_action(case, user, "escalate", on=on) as act:
        next_stage = act.case.next_stage_key()
        window = act.case.escalation_window()
        if window is not None and met_on_time(act.on, window.effective_due) is False:
            raise InvalidAction(f"The request was made after the window closed on {window.effective_due:%d %B %Y}.")
        act.transition()
        happen(act.case, act.step_event, act.on)
        data = {"stage": next_stage, **({"by": BY_COMPLAINANT} if by_complainant else {})}
        act.record(event_key=act.step_event, reason=reason, data=data)
    return act.case


def lapse(case: Complaint, *, user=None, on=None) -> Complaint:
    with case_action(case, user, "lapse", on=on) as act:
        window = act.case.escalation_window()
        act.transition()
        signpost_ombudsman(act.case, act.on)
        finish_case(act.case, act.on, ClosureReason.LAPSED, missed_keys={window.clock_key})
        act.record(data={"window": window.clock_key, "closed_on": str(window.effective_due)})
    return act.case


def _step(case: Complaint, action: str, *, user, on=None, note: str = "") -> Complaint:
    """Record the step ``action`` records: meet and start the clocks of its event."""
    with case_action(case, user, action, on=on) as act:
        act.transition()
        happen(act.case, act.step_event, act.on)
        act.record(event_key=act.step_event, reason=(note or "").strip())
    return act.case


def agree_statement(case: Complaint, *, user, on=None) -> Complaint:
    return _step(case, "agree_statement", user=user, on=on)


def acknowledge_escalation(case: Complaint, *, user, on=None) -> Complaint:
    return _step(case, "acknowledge_escalation", user=user, on=on)


def record_step(case: Complaint, *, user, event_key: str | None = None, note: str = "", on=None) -> Complaint:
    """Record the case's next step when no other action records it (``record_step`` in
    ``complaints_process.actions``), e.g. a Welsh stage 1 ``stage1.discussion_held``.
    ``event_key``, when given, must be that step: a form posted for an earlier step is refused."""
    with case_action(case, user, "record_step", on=on) as act:
        if event_key is not None and event_key != act.step_event:
            raise InvalidAction(f"The case's next step is '{act.case.event_label(act.step_event)}', not that one.")
        act.transition()
        happen(act.case, act.step_event, act.on)
        act.record(event_key=act.step_event, reason=(note or "").strip())
    return act.case


def withdraw(case: Complaint, *, user, reason: str = "", on=None) -> Complaint:
    with case_action(case, user, "withdraw", on=on) as act:
        act.transition()
        finish_case(act.case, act.on, ClosureReason.WITHDRAWN)
        act.record(reason=(reason or "").strip())
    return act.case


def close(case: Complaint, *, user, reason: str = "", on=None) -> Complaint:
    with case_action(case, user, "close", on=on) as act:
        stage = act.case.stage_key
        act.transition()
        signpost_ombudsman(act.case, act.on)
        finish_case(act.case, act.on, ClosureReason.COMPLETED)
        act.record(reason=(reason or "").strip(), data={"after_stage": stage, "ombudsman": act.case.ombudsman_name})
    return act.case
