"""The complaint's state machine: a case moves along its procedure's shape.

The procedure (the case's pinned config version) says what the stages are and which steps
officers record in each, in which order (``core/config/shape.py``).  The states say where a
case is, by the *position* of its stage (so any stage keys, one to four stages)::

    received --accept--> stage1 --(steps)--> stage1_responded --escalate--> stage2_requested
       |--refuse--> not_accepted (final)        |  --escalate--> stage2 (stage counted from the request)
       '--handle_outside--> handled_outside     |  lapse / close -> closed
    stageN_requested --first step--> stageN --(steps)--> stageN --last step--> stageN_responded
    any open state --withdraw--> withdrawn (final)

A *step* records one event of the procedure (``acknowledge``: ``acknowledged``, ``respond``:
``<stage>.responded``, ``convene_panel``: ``<stage>.notice_sent``, ... and ``record_step`` for
every other declared event, such as a Welsh ``stage1.discussion_held``: see
``complaints_process.actions``).  A step is legal only when its event is the next one of the
case's stage (``Complaint.next_step``); its target is read from the procedure
(``GET_STATE``): the first step of a requested stage starts it, the stage's last step ends it
(``stageN_responded``), any other step leaves the state as it is.  ``escalate`` goes to the
next stage's requested state, or straight to the stage itself when that stage runs from the
request.  The case's ``last_step`` records the last step's event.

Conditions read the case's pinned config version, so one machine runs every procedure:
``escalate`` needs a next stage, ``extend`` a stage clock that may be extended and has not
been, ``lapse`` a window that has passed.

Transitions declare ``permission=`` (see ``complaints_process.permission_policies``), but django-fsm-2
does not enforce permissions when a method is called: the services in
``complaints_process.services.cases`` are the only callers and check them, with the
authority and the conditions, in one transaction.  The state field is protected
(``FSMField(protected=True)``): assigning to it raises, and ``ConcurrentTransitionMixin``
refuses to save a case whose state changed in the database since it was read.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_noop
from django_fsm import GET_STATE, ConcurrentTransitionMixin, FSMField, transition

from complaints_process import dates
from complaints_process.core.config.shape import MAX_STAGES
from complaints_process.permission_policies import transition_permission


class CaseState(models.TextChoices):
    # The labels are marked for translation (the complainant's status page shows them) and kept
    # as English text: staff records and events store them as written.
    RECEIVED = "received", gettext_noop("Received")
    STAGE1 = "stage1", gettext_noop("Stage 1 in progress")
    STAGE1_RESPONDED = "stage1_responded", gettext_noop("Stage 1 response sent")
    STAGE2_REQUESTED = "stage2_requested", gettext_noop("Stage 2 requested")
    STAGE2 = "stage2", gettext_noop("Stage 2 in progress")
    STAGE2_RESPONDED = "stage2_responded", gettext_noop("Stage 2 response sent")
    STAGE3_REQUESTED = "stage3_requested", gettext_noop("Stage 3 requested")
    STAGE3 = "stage3", gettext_noop("Stage 3 in progress")
    STAGE3_RESPONDED = "stage3_responded", gettext_noop("Stage 3 completed")
    STAGE4_REQUESTED = "stage4_requested", gettext_noop("Stage 4 requested")
    STAGE4 = "stage4", gettext_noop("Stage 4 in progress")
    STAGE4_RESPONDED = "stage4_responded", gettext_noop("Stage 4 completed")
    CLOSED = "closed", gettext_noop("Closed")
    WITHDRAWN = "withdrawn", gettext_noop("Withdrawn")
    NOT_ACCEPTED = "not_accepted", gettext_noop("Not accepted")
    HANDLED_OUTSIDE = "handled_outside", gettext_noop("Handled outside the procedure")


S = CaseState
STAGE_NUMBERS = tuple(range(1, MAX_STAGES + 1))


def in_progress(number: int) -> str:
    return f"stage{number}"


def requested(number: int) -> str:
    return f"stage{number}_requested"


def responded(number: int) -> str:
    return f"stage{number}_responded"


FINAL_STATES = frozenset({S.CLOSED, S.WITHDRAWN, S.NOT_ACCEPTED, S.HANDLED_OUTSIDE})
OPEN_STATES = tuple(state for state in CaseState if state not in FINAL_STATES)
IN_PROGRESS_STATES = tuple(in_progress(n) for n in STAGE_NUMBERS)
REQUESTED_STATES = tuple(requested(n) for n in STAGE_NUMBERS[1:])
RESPONDED_STATES = tuple(responded(n) for n in STAGE_NUMBERS)
#: The number of the stage a state belongs to.
STAGE_NUMBER_OF_STATE = {
    **{in_progress(n): n for n in STAGE_NUMBERS},
    **{requested(n): n for n in STAGE_NUMBERS[1:]},
    **{responded(n): n for n in STAGE_NUMBERS},
}
#: The stage a state belongs to, by position ("stage2"), for counting and filtering.
STAGE_OF_STATE = {state: f"stage{number}" for state, number in STAGE_NUMBER_OF_STATE.items()}
IN_PROGRESS_STAGE = {state: f"stage{n}" for n, state in zip(STAGE_NUMBERS, IN_PROGRESS_STATES, strict=True)}
RESPONDED_STAGE = {state: f"stage{n}" for n, state in zip(STAGE_NUMBERS, RESPONDED_STATES, strict=True)}
#: The states in which a step of the procedure can be recorded.
STEP_STATES = (*REQUESTED_STATES, *IN_PROGRESS_STATES)
#: Where a step can take a case: the same state, the stage started, the stage ended.
STEP_TARGETS = (S.RECEIVED, *STEP_STATES, *RESPONDED_STATES)


def condition(explanation: str):
    """Mark a condition function with the sentence shown when it is not met.  A condition
    may also carry ``explain(case)``, a sentence that names what the case is waiting for."""

    def mark(func):
        func.explanation = explanation
        return func

    return mark


def step_target(case) -> str:
    """Where recording the case's next step takes it (read from the procedure)."""
    number = STAGE_NUMBER_OF_STATE.get(case.state)
    shape = case.current_shape()
    if number is None or shape is None:
        return case.state
    if shape.end is not None and case.next_step() == shape.end:
        return responded(number)
    return in_progress(number)


def escalation_target(case) -> str:
    """The next stage's requested state, or the stage itself when it runs from the request."""
    number = STAGE_NUMBER_OF_STATE[case.state] + 1
    shapes = case.shapes()
    if number <= len(shapes) and shapes[number - 1].starts_at_request:
        return in_progress(number)
    return requested(number)


def _ends_stage_before_acceptance(case) -> bool:
    """A received case may take stage 1's first steps (an acknowledgement), never its last."""
    if case.state != S.RECEIVED:
        return False
    shape = case.current_shape()
    return shape is not None and case.next_step() == shape.end


def next_step_is(action_key: str):
    """Condition: the case's next step is one that ``action_key`` records."""

    def check(case) -> bool:
        return case.next_step_action() == action_key and not _ends_stage_before_acceptance(case)

    def explain(case) -> str:
        event = case.next_step()
        if event is None:
            return "this stage has no step left to record"
        if _ends_stage_before_acceptance(case):
            return "the complaint must be accepted before the step that ends its first stage"
        label = case.event_label(event)
        return f"the procedure's next step here is '{label}', which must be recorded first"

    check.__name__ = f"next_step_is_{action_key}"
    check.explanation = "it is not the procedure's next step"
    check.explain = explain
    return check


def step(action_key: str, *, from_received: bool = False):
    """A transition that records a step of the procedure (see the module docstring)."""
    sources = [S.RECEIVED, *STEP_STATES] if from_received else list(STEP_STATES)
    return transition(
        "state",
        source=sources,
        target=GET_STATE(step_target, states=list(STEP_TARGETS)),
        conditions=[next_step_is(action_key)],
        permission=transition_permission(action_key),
    )


@condition("the procedure has no further stage to escalate to")
def has_next_stage(case) -> bool:
    return case.next_stage_key() is not None


@condition("this stage's clock cannot be extended, or has been extended already")
def stage_clock_extendable(case) -> bool:
    deadline = case.stage_response_deadline()
    return deadline is not None and deadline.may_be_extended()


@condition("the escalation window has not yet passed (or the procedure sets none)")
def escalation_window_passed(case) -> bool:
    deadline = case.escalation_window()
    due = deadline.effective_due if deadline is not None else None
    return due is not None and dates.today() > due


@condition("the authority has no other procedure to move the case to")
def has_other_procedure(case) -> bool:
    return len(case.config().procedures) > 1


class ComplaintStateMachine(ConcurrentTransitionMixin, models.Model):
    """Abstract base of ``Complaint``: the state field and its transitions.

    Transition bodies are empty: what an action records (outcomes, dates, deadlines) is done
    by its service around the transition, in the same transaction.
    """

    state = FSMField(default=S.RECEIVED, choices=CaseState.choices, protected=True, db_index=True)
    last_step = models.CharField(
        max_length=80,
        blank=True,
        editable=False,
        help_text="The procedure event of the last step recorded: the case's place in its stage's steps.",
    )

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

    @step("acknowledge", from_received=True)
    def acknowledge(self):
        """The complaint is acknowledged (meets the acknowledgement clock)."""

    @transition(
        state,
        source=list(IN_PROGRESS_STATES),
        target=None,
        conditions=[stage_clock_extendable],
        permission=transition_permission("extend"),
    )
    def extend(self):
        """The stage's response time is extended, once, never past the extended limit."""

    @step("respond")
    def respond(self):
        """The stage's response is sent, with an outcome per point of complaint."""

    @transition(
        state,
        source=list(RESPONDED_STATES[:-1]),
        target=GET_STATE(escalation_target, states=[*REQUESTED_STATES, *IN_PROGRESS_STATES[1:]]),
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

    @step("agree_statement")
    def agree_statement(self):
        """The statement of complaint is agreed (statutory stage 2: its clock starts)."""

    @step("acknowledge_escalation")
    def acknowledge_escalation(self):
        """The request for a later stage is acknowledged."""

    @step("convene_panel")
    def convene_panel(self):
        """The review panel meeting is arranged and notice sent."""

    @step("record_panel_met")
    def record_panel_met(self):
        """The review panel met."""

    @step("record_panel_report")
    def record_panel_report(self):
        """The panel's report was sent: its finding on each point and its recommendations."""

    @step("record_authority_response")
    def record_authority_response(self):
        """The authority responded to the panel's recommendations."""

    @step("record_step")
    def record_step(self):
        """Any other step the procedure declares (a discussion held, a report sent ...)."""

    @transition(state, source=list(OPEN_STATES), target=S.WITHDRAWN, permission=transition_permission("withdraw"))
    def withdraw(self):
        """The complainant withdrew the complaint."""

    @transition(state, source=list(RESPONDED_STATES), target=S.CLOSED, permission=transition_permission("close"))
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
