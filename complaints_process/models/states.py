"""The complaint's state machine: its shape is code, its stages and clocks come from config.

States (``CaseState``)::

    received --accept--> stage1 --respond--> stage1_responded --escalate--> stage2_requested
       |                                      |  lapse / close -> closed
       |--refuse--> not_accepted (final)      |
       '--handle_outside--> handled_outside (final)
    stage2_requested --agree_statement | acknowledge_escalation--> stage2 --respond--> stage2_responded
    stage2_responded --escalate--> stage3_requested --convene_panel--> stage3_convened
       --record_panel_met--> stage3_panel_met --record_panel_report--> stage3_reported
       --record_authority_response--> stage3_responded --close--> closed
    any open state --withdraw--> withdrawn (final)

Same-state transitions (``target=None``): ``acknowledge`` (received, stage1), ``extend``
(stage1, stage2), ``reroute`` (received, stage1).

Conditions read the case's pinned config version, so one machine runs every procedure:
``escalate`` needs a next stage in the procedure (a two-stage corporate procedure closes
after stage 2), ``agree_statement`` needs a procedure whose stage 2 clock starts when the
statement of complaint is agreed, ``acknowledge_escalation`` one whose stage 2 starts when
the request is acknowledged, ``extend`` a stage clock that may be extended and has not been.

Transitions declare ``permission=`` (see ``complaints_process.permissions``), but django-fsm-2
does not enforce permissions when a method is called: the services in
``complaints_process.services.cases`` are the only callers and check them, with the
authority and the conditions, in one transaction.  The state field is protected
(``FSMField(protected=True)``): assigning to it raises, and ``ConcurrentTransitionMixin``
refuses to save a case whose state changed in the database since it was read.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from complaints_process.permissions import transition_permission


class CaseState(models.TextChoices):
    RECEIVED = "received", "Received"
    STAGE1 = "stage1", "Stage 1 in progress"
    STAGE1_RESPONDED = "stage1_responded", "Stage 1 response sent"
    STAGE2_REQUESTED = "stage2_requested", "Stage 2 requested"
    STAGE2 = "stage2", "Stage 2 investigation in progress"
    STAGE2_RESPONDED = "stage2_responded", "Stage 2 response sent"
    STAGE3_REQUESTED = "stage3_requested", "Review panel requested"
    STAGE3_CONVENED = "stage3_convened", "Review panel convened"
    STAGE3_PANEL_MET = "stage3_panel_met", "Review panel met"
    STAGE3_REPORTED = "stage3_reported", "Panel's recommendations sent"
    STAGE3_RESPONDED = "stage3_responded", "Authority's response to the panel sent"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    HANDLED_OUTSIDE = "handled_outside", "Handled outside the procedure"


S = CaseState
FINAL_STATES = frozenset({S.CLOSED, S.WITHDRAWN, S.NOT_ACCEPTED, S.HANDLED_OUTSIDE})
OPEN_STATES = tuple(state for state in CaseState if state not in FINAL_STATES)
RESPONDED_STATES = (S.STAGE1_RESPONDED, S.STAGE2_RESPONDED)
IN_PROGRESS_STAGE = {S.STAGE1: "stage1", S.STAGE2: "stage2"}
RESPONDED_STAGE = {S.STAGE1_RESPONDED: "stage1", S.STAGE2_RESPONDED: "stage2"}
STAGE_OF_STATE = {
    S.STAGE1: "stage1",
    S.STAGE1_RESPONDED: "stage1",
    S.STAGE2_REQUESTED: "stage2",
    S.STAGE2: "stage2",
    S.STAGE2_RESPONDED: "stage2",
    S.STAGE3_REQUESTED: "stage3",
    S.STAGE3_CONVENED: "stage3",
    S.STAGE3_PANEL_MET: "stage3",
    S.STAGE3_REPORTED: "stage3",
    S.STAGE3_RESPONDED: "stage3",
}


def condition(explanation: str):
    """Mark a condition function with the sentence shown when it is not met."""

    def mark(func):
        func.explanation = explanation
        return func

    return mark


@condition("the procedure has no further stage to escalate to")
def has_next_stage(case) -> bool:
    return case.next_stage_key() is not None


@condition("the case has already been acknowledged")
def not_yet_acknowledged(case) -> bool:
    return case.acknowledged_on is None


@condition("the case must be acknowledged first")
def acknowledged_if_procedure_requires(case) -> bool:
    procedure = case.procedure()
    needs = any(event.key == "acknowledged" for event in procedure.events)
    return case.acknowledged_on is not None or not needs


@condition("this procedure's stage 2 does not start with an agreed statement of complaint")
def stage2_starts_with_statement(case) -> bool:
    return _stage2_response_starts_at(case, "stage2.statement_agreed")


@condition("this procedure's stage 2 does not start with an acknowledgement of the request")
def stage2_starts_with_acknowledgement(case) -> bool:
    return _stage2_response_starts_at(case, "stage2.acknowledged")


def _stage2_response_starts_at(case, event_key: str) -> bool:
    try:
        return case.procedure().stage("stage2").clock("response").from_event == event_key
    except KeyError:
        return False


@condition("this stage's clock cannot be extended, or has been extended already")
def stage_clock_extendable(case) -> bool:
    deadline = case.stage_response_deadline()
    return deadline is not None and deadline.may_be_extended()


@condition("the escalation window has not yet passed (or the procedure sets none)")
def escalation_window_passed(case) -> bool:
    deadline = case.escalation_window()
    due = deadline.effective_due if deadline is not None else None
    return due is not None and timezone.localdate() > due


@condition("the authority has no other procedure to move the case to")
def has_other_procedure(case) -> bool:
    return len(case.config().procedures) > 1


class ComplaintStateMachine(ConcurrentTransitionMixin, models.Model):
    """Abstract base of ``Complaint``: the state field and its transitions.

    Transition bodies are empty: what an action records (outcomes, dates, deadlines) is done
    by its service around the transition, in the same transaction.
    """

    state = FSMField(default=S.RECEIVED, choices=CaseState.choices, protected=True, db_index=True)

    class Meta:
        abstract = True

    @transition(state, source=S.RECEIVED, target=S.STAGE1, permission=transition_permission("accept"))
    def accept(self):
        """Accepted for the procedure: stage 1 begins."""

    @transition(state, source=S.RECEIVED, target=S.NOT_ACCEPTED, permission=transition_permission("refuse"))
    def refuse(self):
        """Not accepted (out of time, no standing, a court matter): reason and Ombudsman recorded."""

    @transition(state, source=S.RECEIVED, target=S.HANDLED_OUTSIDE, permission=transition_permission("handle_outside"))
    def handle_outside(self):
        """Handled outside the procedure, with a written reason."""

    @transition(
        state,
        source=[S.RECEIVED, S.STAGE1],
        target=None,
        conditions=[not_yet_acknowledged],
        permission=transition_permission("acknowledge"),
    )
    def acknowledge(self):
        """The complaint is acknowledged (meets the acknowledgement clock)."""

    @transition(
        state,
        source=[S.STAGE1, S.STAGE2],
        target=None,
        conditions=[stage_clock_extendable],
        permission=transition_permission("extend"),
    )
    def extend(self):
        """The stage's response time is extended, once, never past the extended limit."""

    @transition(
        state,
        source=S.STAGE1,
        target=S.STAGE1_RESPONDED,
        conditions=[acknowledged_if_procedure_requires],
        permission=transition_permission("respond"),
    )
    @transition(state, source=S.STAGE2, target=S.STAGE2_RESPONDED, permission=transition_permission("respond"))
    def respond(self):
        """The stage's response is sent, with an outcome per point of complaint."""

    @transition(
        state,
        source=S.STAGE1_RESPONDED,
        target=S.STAGE2_REQUESTED,
        conditions=[has_next_stage],
        permission=transition_permission("escalate"),
    )
    @transition(
        state,
        source=S.STAGE2_RESPONDED,
        target=S.STAGE3_REQUESTED,
        conditions=[has_next_stage],
        permission=transition_permission("escalate"),
    )
    def escalate(self):
        """The complainant asks for the next stage, within the window."""

    @transition(
        state,
        source=list(RESPONDED_STATES),
        target=S.CLOSED,
        conditions=[escalation_window_passed],
        permission=transition_permission("lapse"),
    )
    def lapse(self):
        """The escalation window passed without a request: the case closes."""

    @transition(
        state,
        source=S.STAGE2_REQUESTED,
        target=S.STAGE2,
        conditions=[stage2_starts_with_statement],
        permission=transition_permission("agree_statement"),
    )
    def agree_statement(self):
        """The stage 2 statement of complaint is agreed: the stage 2 clock starts."""

    @transition(
        state,
        source=S.STAGE2_REQUESTED,
        target=S.STAGE2,
        conditions=[stage2_starts_with_acknowledgement],
        permission=transition_permission("acknowledge_escalation"),
    )
    def acknowledge_escalation(self):
        """The stage 2 request is acknowledged: the stage 2 clock starts."""

    @transition(state, source=S.STAGE3_REQUESTED, target=S.STAGE3_CONVENED, permission=transition_permission("convene_panel"))
    def convene_panel(self):
        """The review panel meeting is arranged and notice sent."""

    @transition(state, source=S.STAGE3_CONVENED, target=S.STAGE3_PANEL_MET, permission=transition_permission("record_panel_met"))
    def record_panel_met(self):
        """The review panel met."""

    @transition(state, source=S.STAGE3_PANEL_MET, target=S.STAGE3_REPORTED, permission=transition_permission("record_panel_report"))
    def record_panel_report(self):
        """The panel's report was sent: its finding on each point and its recommendations."""

    @transition(
        state,
        source=S.STAGE3_REPORTED,
        target=S.STAGE3_RESPONDED,
        permission=transition_permission("record_authority_response"),
    )
    def record_authority_response(self):
        """The authority responded to the panel's recommendations."""

    @transition(state, source=list(OPEN_STATES), target=S.WITHDRAWN, permission=transition_permission("withdraw"))
    def withdraw(self):
        """The complainant withdrew the complaint."""

    @transition(
        state,
        source=[S.STAGE1_RESPONDED, S.STAGE2_RESPONDED, S.STAGE3_RESPONDED],
        target=S.CLOSED,
        permission=transition_permission("close"),
    )
    def close(self):
        """Closed after a response, with Ombudsman signposting."""

    @transition(
        state,
        source=[S.RECEIVED, S.STAGE1],
        target=None,
        conditions=[has_other_procedure],
        permission=transition_permission("reroute"),
    )
    def reroute(self):
        """Moved to the authority's other procedure, with a recorded reason."""
