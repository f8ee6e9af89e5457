"""The one path every case action takes, in one database transaction.

``case_action(case, user, action)`` is a context manager used by every service function::

    with case_action(case, user, "respond", on=on) as act:
        ...validate the request (raise InvalidAction)...
        act.transition()                 # the django-fsm-2 transition
        ...record what the action did (deadlines, outcomes)...
        act.record(event_key="stage1.responded", reason=..., data=...)

On entry it opens a transaction, locks the case row (``select_for_update``), refuses with
``ConflictError`` if the case changed since the caller read it, checks the user may take the
action at the case's authority (``NotPermitted``), and checks the transition is legal in the
case's state under its procedure (``IllegalTransition``, naming the unmet condition).  On a
clean exit it saves the case (``ConcurrentTransitionMixin`` refuses a stale save), writes a
``CaseEvent``, logs the action to Wagtail's audit log and sends ``case_transitioned``.  Any
exception rolls everything back: a refused action changes nothing.

``record_only=True`` is for what staff record *about* a case for the annual report (themes,
learning actions, the Ombudsman: the ``RECORD`` kind in ``complaints_process.actions``): the same lock, permission
check, transaction, ``CaseEvent`` and audit log, but no transition, allowed on a closed case
(the Ombudsman comes after closure), dated any day from receipt to today, and the case row
itself is not saved.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, has_transition_perm
from wagtail.log_actions import log

from complaints_process import dates
from complaints_process.actions import ACTIONS, NOT_PROCEDURAL
from complaints_process.exceptions import ConflictError, IllegalTransition, InvalidAction, NotPermitted
from complaints_process.models import CaseEvent, CaseState, Complaint
from complaints_process.permission_policies import cases as case_policy
from complaints_process.signals import case_transitioned

LOG_ACTION_PREFIX = "complaints_process.case."


def log_action_name(action: str) -> str:
    return f"{LOG_ACTION_PREFIX}{action}"


def today() -> date:
    return dates.today()


def state_label(state: str) -> str:
    return CaseState(state).label if state in CaseState.values else state


def not_permitted(action: str) -> NotPermitted:
    return NotPermitted(f"You do not have permission to {action.replace('_', ' ')} cases of this authority.")


def check_permitted(user, authority, action: str) -> None:
    if not case_policy.user_may_act(user, authority, action):
        raise not_permitted(action)


def check_legal(case: Complaint, action: str, user) -> None:
    """Raise IllegalTransition unless the fsm transition ``action`` may run now."""
    method = getattr(case, action)
    meta = method._django_fsm
    if not meta.has_transition(case.state):
        raise IllegalTransition(action, state_label(case.state))
    transition = meta.get_transition(case.state)
    for condition in transition.conditions:
        if not condition(case):
            explain = getattr(condition, "explain", None)
            explanation = explain(case) if explain is not None else getattr(condition, "explanation", "")
            raise IllegalTransition(action, state_label(case.state), explanation)
    if not has_transition_perm(method, user):
        raise not_permitted(action)


def lock_case(case: Complaint) -> Complaint:
    """The case's row, locked for this transaction; ConflictError if it changed meanwhile."""
    locked = Complaint.objects.select_for_update().select_related("authority", "config_version").filter(pk=case.pk).first()
    if locked is None:
        raise ConflictError("This case no longer exists.")
    if locked.state != case.state:
        raise ConflictError()
    return locked


class CaseAction:
    def __init__(self, case: Complaint, user, action: str, on: date, fsm: bool, save: bool = True, step_event: str | None = None):
        self.case = case
        #: The procedure event this action records as the case's next step (``None``: not a step).
        self.step_event = step_event
        self.user = user
        self.action = action
        self.on = on
        self.fsm = fsm
        self.save = save
        self.from_state = case.state
        self.transitioned = False
        self.event: CaseEvent | None = None
        self._record = None

    def transition(self) -> None:
        if self.fsm and not self.transitioned:
            getattr(self.case, self.action)()
            self.transitioned = True

    def record(self, *, event_key: str = "", reason: str = "", data: dict | None = None) -> None:
        self._record = {"event_key": event_key, "reason": reason, "data": data or {}}

    def finish(self) -> CaseEvent:
        self.transition()
        if self.step_event:
            self.case.last_step = self.step_event
        if self.save:
            try:
                self.case.save()
            except ConcurrentTransition:
                raise ConflictError()
        record = self._record or {}
        self.event = record_event(self.case, self.action, self.user, self.on, from_state=self.from_state, **record)
        return self.event


#: The key in a CaseEvent's data holding the due dates of the clocks its procedure event
#: started, as they were when it was written (``{clock key: "YYYY-MM-DD" or None}``).
DUE_DATES_KEY = "due_dates"


def due_dates_started(case: Complaint, event_key: str, on: date) -> dict:
    """The due dates of the clocks ``event_key`` started on ``on``, as they are now."""
    keys = [clock.key for clock in case.procedure().clocks if clock.from_event == event_key]
    if not keys:
        return {}
    started = case.deadlines.filter(clock_key__in=keys, starts=on, procedure_slug=case.procedure_slug)
    return {deadline.clock_key: (deadline.effective_due.isoformat() if deadline.effective_due else None) for deadline in started}


def record_event(
    case: Complaint, action: str, user, on: date, *, from_state: str, event_key: str = "", reason: str = "", data: dict | None = None
) -> CaseEvent:
    """Write the action's CaseEvent, log it to Wagtail's audit log and send case_transitioned.
    The event keeps the due dates of the clocks it started (``DUE_DATES_KEY``), so its place
    in the timeline reads as it did when it was written."""
    data = dict(data or {})
    if event_key:
        due_dates = due_dates_started(case, event_key, on)
        if due_dates:
            data[DUE_DATES_KEY] = due_dates
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        event_key=event_key,
        occurred_on=on,
        user=user,
        from_state=from_state,
        to_state=case.state,
        reason=reason,
        data=data,
    )
    log(
        case,
        log_action_name(action),
        user=user,
        data={"from": from_state, "to": case.state, "event": event_key, "on": on.isoformat(), "reason": reason},
    )
    case_transitioned.send(sender=Complaint, case=case, action=action, from_state=from_state, to_state=case.state, user=user, event=event)
    return event


def record_events(records, action: str, user, on: date, *, reason: str = "") -> list[CaseEvent]:
    """``record_event`` for many cases at once (``records``: ``(case, data)`` pairs), with one
    INSERT for the events and one for the audit log entries; ``case_transitioned`` is sent for
    each case as ``record_event`` does.  For system actions over many cases (a calendar change)."""
    from wagtail.log_actions import get_active_log_context, registry

    records = list(records)
    if not records:
        return []
    events = CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            action=action,
            occurred_on=on,
            user=user,
            from_state=case.state,
            to_state=case.state,
            reason=reason,
            data=data or {},
        )
        for case, data in records
    )
    log_model = registry.get_log_model_for_instance(records[0][0])
    if log_model is not None:
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(Complaint, for_concrete_model=False)
        context = get_active_log_context()
        now = timezone.now()
        log_model.objects.bulk_create(
            log_model(
                content_type=content_type,
                label=str(case),
                action=log_action_name(action),
                timestamp=now,
                user=user or context.user,
                uuid=context.uuid,
                object_id=str(case.pk),
                data={"from": case.state, "to": case.state, "event": "", "on": on.isoformat(), "reason": reason},
            )
            for case, _ in records
        )
    for (case, _), event in zip(records, events, strict=True):
        state = case.state
        case_transitioned.send(sender=Complaint, case=case, action=action, from_state=state, to_state=state, user=user, event=event)
    return events


#: Timeline entries that are not a step of the procedure (``actions.NOT_PROCEDURAL``): what
#: the system did (emails, anonymising), what was done with the record (a subject access
#: export), and what staff record for the annual report (themes, learning, the Ombudsman):
#: they never stop an officer recording a step on an earlier day.
RECORD_ONLY_ACTIONS = tuple(sorted(NOT_PROCEDURAL))


def step_event_of(case: Complaint, action: str) -> str | None:
    """The procedure event ``action`` records on ``case`` now, if it is a step (the machine
    has checked it is the next one)."""
    item = ACTIONS.get(action)
    if item is None or not item.is_step:
        return None
    if action == "escalate":
        next_stage = case.next_stage_key()
        return f"{next_stage}.requested" if next_stage else None
    return case.next_step()


def check_step_day(case: Complaint, on: date) -> None:
    """A recorded step's date cannot come before the step it follows (the case's last step,
    or its receipt)."""
    follows = case.last_step or "received"
    event = case.events.filter(event_key=follows).order_by("-occurred_on", "-id").first()
    followed_on = event.occurred_on if event is not None else (case.received_on if follows == "received" else None)
    if followed_on is not None and on < followed_on:
        raise InvalidAction(f"The date cannot be before the step it follows, '{case.event_label(follows)}' on {followed_on:%-d %B %Y}.")


def check_day(case: Complaint, on: date) -> None:
    """An action's day may not be in the future, nor before the case's latest procedural event."""
    if on > today():
        raise InvalidAction("The date of an action cannot be in the future.")
    events = case.events.exclude(action__in=RECORD_ONLY_ACTIONS)
    latest = events.order_by("-occurred_on").values_list("occurred_on", flat=True).first()
    if latest is not None and on < latest:
        raise InvalidAction(f"The date cannot be before the case's latest recorded event ({latest:%d %B %Y}).")


def check_not_before(on: date, earlier: date | None, step: str) -> None:
    """A recorded step's date cannot come before the step it follows: ``earlier`` is that
    step's date (None: not recorded, nothing to check), ``step`` names it in words."""
    if earlier is not None and on < earlier:
        raise InvalidAction(f"The date cannot be before {step} ({earlier:%-d %B %Y}).")


def check_record_day(case: Complaint, on: date) -> None:
    """A record's day may not be in the future, nor before the complaint was received."""
    if on > today():
        raise InvalidAction("The date cannot be in the future.")
    if on < case.received_on:
        raise InvalidAction(f"The date cannot be before the complaint was received ({case.received_on:%-d %B %Y}).")


@contextmanager
def case_action(case: Complaint, user, action: str, *, on: date | None = None, fsm: bool = True, record_only: bool = False):
    """Run one action on a case (see the module docstring).  ``fsm=False``: not a transition,
    allowed in any open state (pauses, appointments).  ``record_only=True``: a record for the
    annual report, allowed in any state."""
    fsm = fsm and not record_only
    with transaction.atomic():
        locked = lock_case(case)
        check_permitted(user, locked.authority, action)
        if fsm:
            check_legal(locked, action, user)
        elif not locked.is_open and not record_only:
            raise IllegalTransition(action, state_label(locked.state), "the case is closed.")
        on = on or today()
        step_event = step_event_of(locked, action) if fsm else None
        if record_only:
            check_record_day(locked, on)
        else:
            if step_event:
                check_step_day(locked, on)
            check_day(locked, on)
        act = CaseAction(locked, user, action, on, fsm, save=not record_only, step_event=step_event)
        yield act
        act.finish()


def require_text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidAction(f"A {what} is required.")
    return value
