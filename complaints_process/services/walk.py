"""Walking a procedure: synthetic cases driven along every path through the real services.

``walk_procedure(authority, procedure_slug, received_on)`` files one synthetic case per path
under the authority's current config version and takes the path's actions with the case
services (the same permission checks, conditions, clocks and events as an officer's), each
on the last day the procedure allows: the due date of the clock the step meets (extended,
where the path extends), the last day of the complainant's window for a request, the day
after it for a lapse; a step no clock times is taken the day of the step before, the panel's
meeting the day it was convened for.  Everything
runs inside a transaction that is rolled back, with the services' "today" set to the step's
day (``dates.as_of``): nothing is kept and nothing is sent.

The paths: refused, handled outside, withdrawn on receipt; for each stage, closed after that
stage's response (the complainant goes no further), lapsed after it where its window has a
limit, with the stage's response time extended where the procedure allows, with its response
clock stopped for a week and restarted where the procedure lets it stop, and withdrawn by the
complainant during the stage; the full path through every stage.  A path is *stuck* when a service refuses its next action or the case
does not reach a final state; the walk reports the refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django_fsm import can_proceed

from complaints_process import clocks, dates
from complaints_process.actions import ACTIONS
from complaints_process.core.config.shape import stage_shapes
from complaints_process.exceptions import CaseError
from complaints_process.models import FINAL_STATES, Complaint, RefusalGround
from complaints_process.models.states import RESPONDED_STATES

from . import cases as svc
from .cases.clock_stops import pause_allowed, procedure_may_stop
from .cases.stages import extension_clock, extension_requires

#: The longest a walk goes on (a guard against a procedure that never ends).
MAX_ACTIONS = 60
#: An extension with no stated limit is taken to this many days after the due date.
UNBOUNDED_EXTENSION_DAYS = 20
PAUSE_DAYS = 7  # a paused path stops the stage's response clock for a week
MAX_NOTICE_DAYS = 400  # the furthest a meeting is moved for its notice

POINTS = ("A point of complaint.", "Another point of complaint.")
DETAILS = {
    "complainant_name": "Walk",
    "complainant_relationship": "child",
    "service": "Walk",
    "what_happened": "A synthetic case walking the procedure.",
}

PAUSED_DETAILS = {"complainant_relationship": "parent_or_carer", "child_name": "Walk"}


@dataclass(frozen=True)
class Plan:
    """What the complainant and the authority do on one path."""

    name: str
    first: str = "accept"  # accept | refuse | handle_outside | withdraw
    last_stage: int = 0  # the stage after whose end the case closes (0: every stage)
    ending: str = "close"  # close | lapse, after ``last_stage``
    extend_stage: int = 0  # the stage whose response time is extended (0: none)
    withdraw_stage: int = 0  # the stage during which the complainant withdraws (0: none)
    pause_stage: int = 0  # the stage whose response clock is stopped for a week, then restarted (0: none)


@dataclass
class PathResult:
    name: str
    path: list[str] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    clocks: list[dict] = field(default_factory=list)
    final_state: str = ""
    stuck: str = ""  # why the path cannot go on, if it is stuck

    def as_dict(self) -> dict:
        data = {
            "name": self.name,
            "path": self.path,
            "steps": self.steps,
            "clocks": self.clocks,
            "final_state": self.final_state,
        }
        if self.stuck:
            data["stuck"] = self.stuck
        return data


class _Rollback(Exception):
    pass


def plans(procedure) -> list[Plan]:
    """Every path the walk takes through ``procedure``."""
    shapes = stage_shapes(procedure)
    count = len(shapes)
    found = [Plan("refused", first="refuse"), Plan("handled outside", first="handle_outside"), Plan("withdrawn", first="withdraw")]
    for number, shape in enumerate(shapes, start=1):
        name = "every stage" if number == count else f"closed after {shape.key}"
        found.append(Plan(name, last_stage=number))
        if number < count:
            window = _clock(procedure, f"{shapes[number].key}.request")
            if window is not None and window.due is not None:
                found.append(Plan(f"lapsed after {shape.key}", last_stage=number, ending="lapse"))
        response = _clock(procedure, f"{shape.key}.response")
        if response is not None and response.has_extension:
            found.append(Plan(f"{shape.key} extended", last_stage=count, extend_stage=number))
        if response is not None and any(procedure_may_stop(procedure, response.key, shape.key, r) for r in response.stops):
            found.append(Plan(f"{shape.key} paused", last_stage=count, pause_stage=number))
        found.append(Plan(f"withdrawn at {shape.key}", last_stage=count, withdraw_stage=number))
    return found


def _clock(procedure, key):
    try:
        return procedure.clock(key)
    except KeyError:
        return None


def walk_procedure(authority, procedure_slug: str, received_on: date) -> list[PathResult]:
    procedure = authority.current_version().config().procedure(procedure_slug)
    return [walk_path(authority, procedure_slug, received_on, plan) for plan in plans(procedure)]


def walk_path(authority, procedure_slug: str, received_on: date, plan: Plan) -> PathResult:
    result = PathResult(plan.name)
    try:
        with transaction.atomic():
            _walk(authority, procedure_slug, received_on, plan, result)
            raise _Rollback
    except _Rollback:
        pass
    return result


def _walk(authority, procedure_slug, received_on, plan, result) -> None:
    user = get_user_model().objects.create(username="process-config-walk", is_superuser=True, is_active=True)
    # A paused path's complainant is a parent, for whom the child's consent is a reason to stop.
    details = DETAILS | (PAUSED_DETAILS if plan.pause_stage else {})
    with dates.as_of(received_on):
        case = svc.file_complaint(authority, user=None, points=POINTS, received_on=received_on, procedure_slug=procedure_slug, **details)
    walker = _Walker(case, user, plan, result)
    try:
        walker.run()
    except CaseError as error:
        result.stuck = f"{ACTIONS[walker.trying].label if walker.trying in ACTIONS else walker.trying}: {error}"
    case = Complaint.objects.get(pk=case.pk)
    result.final_state = case.state
    if not result.stuck and case.state not in FINAL_STATES:
        result.stuck = f"the case stops in '{case.get_state_display()}' with nothing left to do"
    result.clocks = [
        {
            "key": deadline.clock_key,
            "starts": deadline.starts.isoformat(),
            "due": deadline.effective_due.isoformat() if deadline.effective_due else None,
            "met_on": deadline.met_on.isoformat() if deadline.met_on else None,
            "status": deadline.status,
        }
        for deadline in case.deadlines.order_by("starts", "id")
    ]


class _Walker:
    def __init__(self, case, user, plan: Plan, result: PathResult):
        self.case = case
        self.user = user
        self.plan = plan
        self.result = result
        self.day = case.received_on
        self.trying = ""
        self.paused = False

    def run(self) -> None:
        first = self.plan.first
        if first == "refuse":
            return self.take("refuse", self.day, ground=RefusalGround.OTHER, reason="Walk.")
        if first == "handle_outside":
            return self.take("handle_outside", self.day, reason="Walk.")
        if first == "withdraw":
            return self.take("withdraw", self.day)
        for _ in range(MAX_ACTIONS):
            case = self.case
            if case.state in FINAL_STATES:
                return
            if case.state == "received" and not can_proceed(case.acknowledge):
                self.take("accept", self.day)
            elif case.state in RESPONDED_STATES:
                self.after_stage()
            elif case.next_step() is not None:
                self.step()
            else:
                raise CaseError(f"the case is '{case.get_state_display()}' and its procedure has no step left to record")
        raise CaseError("the walk took more actions than any procedure needs")

    def after_stage(self) -> None:
        case = self.case
        number = case.stage_number
        last = self.plan.last_stage or len(case.shapes())
        if number < last and case.next_stage_key() is not None:
            window = case.escalation_window()
            due = window.effective_due if window is not None else None
            return self.take("escalate", max(self.day, due) if due else self.day)
        if self.plan.ending == "lapse":
            window = case.escalation_window()
            day = (window.effective_due if window and window.effective_due else self.day) + timedelta(days=1)
            return self.take("lapse", day, as_user=None)
        return self.take("close", self.day)

    def step(self) -> None:
        case = self.case
        if self.plan.withdraw_stage and self.plan.withdraw_stage == case.stage_number:
            return self.take("withdraw", self.day, reason="Walk.")
        if self.plan.pause_stage and self.plan.pause_stage == case.stage_number and not self.paused:
            deadline = case.stage_response_deadline()
            reason = next((r for r in self.stop_reasons(deadline) if pause_allowed(case, deadline, r)), None)
            if reason is not None:
                self.paused = True
                self.take("pause_clock", self.day, clock_key=deadline.clock_key, reason=reason, note="Walk.")
                return self.take("resume_clock", self.day + timedelta(days=PAUSE_DAYS), clock_key=deadline.clock_key)
            if case.next_step() == case.current_shape().end:
                self.trying = "pause_clock"
                raise CaseError("the procedure lets this stage's response clock stop, but no reason it gives applies to the case")
        action = case.next_step_action()
        event = case.next_step()
        if (
            self.plan.extend_stage == case.stage_number
            and case.stage_response_deadline() is not None
            and case.next_step() == (case.current_shape().end)
        ):
            deadline = case.stage_response_deadline()
            if not deadline.is_extended and deadline.due is not None:
                new_due = deadline.extension_limit or deadline.due + timedelta(days=UNBOUNDED_EXTENSION_DAYS)
                # What the procedure's extension requires the officer to confirm, confirmed.
                _, clock = extension_clock(case)
                confirmed = extension_requires(clock)
                self.take("extend", max(self.day, deadline.due), reason="Walk.", new_due=new_due, confirmed=confirmed)
                return
        if action == "convene_panel":
            return self.convene(event)
        day = self.last_day_for(event)
        if action == "record_panel_met" and case.panel_meeting_on is not None:
            day = max(day, case.panel_meeting_on)  # the panel meets the day it was convened for
        kwargs = {}
        if action in ("respond", "record_panel_report"):
            kwargs["outcomes"] = {number: "upheld" for number in range(1, len(POINTS) + 1)}
        self.take(action, day, **kwargs)

    def stop_reasons(self, deadline) -> tuple[str, ...]:
        if deadline is None:
            return ()
        try:
            return tuple(self.case.procedure().clock(deadline.clock_key).stops)
        except KeyError:
            return ()

    def convene(self, event: str) -> None:
        """Notice of the meeting on the last day it may be sent, for a meeting on the last day
        the meeting clock allows (or a week after the notice where no clock times it)."""
        case = self.case
        met = f"{case.stage_key}.panel_met"
        meeting_on = self.last_day_for(met, default=None) or self.day + timedelta(days=7)
        notice_on = self.day
        calendar = clocks.calendar_for(case.authority)
        for clock in clocks.notice_clocks(case, met):
            if clock.due is not None:
                # Notice that can no longer be given in time for the last day the meeting is
                # allowed moves the meeting to the first day it can be given for (the meeting
                # clock is then missed, as an officer's would be).
                for _ in range(MAX_NOTICE_DAYS):
                    if clock.due.apply(meeting_on, calendar) >= self.day:
                        break
                    meeting_on += timedelta(days=1)
                notice_on = max(self.day, clock.due.apply(meeting_on, calendar))
        if meeting_on <= notice_on:
            meeting_on = notice_on + timedelta(days=1)
        self.take("convene_panel", notice_on, meeting_on=meeting_on, date_keyword="notice_sent_on")

    def last_day_for(self, event: str, default="same day"):
        """The due date of the pending clock ``event`` meets (never before the last step)."""
        met_keys = [clock.key for clock in self.case.procedure().clocks if clock.met_by == event and clock.kind != "notice"]
        deadline = self.case.deadlines.open().filter(clock_key__in=met_keys).first()
        due = deadline.effective_due if deadline is not None else None
        if due is None:
            return self.day if default == "same day" else default
        return max(self.day, due)

    def take(self, action: str, day: date, *, as_user="walker", date_keyword="on", **kwargs) -> None:
        self.trying = action
        user = self.user if as_user == "walker" else None
        with dates.as_of(day):
            self.case = getattr(svc, action)(self.case, user=user, **{date_keyword: day}, **kwargs)
        self.day = day
        self.result.path.append(action)
        self.result.steps.append({"action": action, "on": day.isoformat(), "state": self.case.state})
