"""The case actions: one registry, read by everything that names an action.

Every entry says, once: the action's key (the name of its service function, its ``CaseEvent``
and its audit-log action ``complaints_process.case.<key>``), the label of its button, what the
timeline and the audit log say happened, who may take it, and what kind of action it is:

* ``TRANSITION``: a move of the state machine (``models/states.py``), including same-state
  moves such as acknowledging or extending.  A *step* of the procedure when it records one of
  the procedure's events (``event``): the event recorded is named by a pattern, ``"acknowledged"``
  or ``"*.responded"`` (``*`` is the case's current stage).  ``record_step`` records every
  declared event no other action records (``action_for_event``), so each event a procedure
  declares is recordable by exactly one action.
* ``CASEWORK``: work on an open case that is not a move (appointing, stopping a clock).
* ``RECORD``: what staff record about a case for the annual report (themes, learning actions,
  the Ombudsman): allowed on a closed case, never a step of the procedure.
* ``SYSTEM``: what the system writes on a case's timeline (emails sent, anonymising, a
  subject access export, deadlines moved by a calendar change); nobody takes it as an action.

Who may take an action: the team roles listed (``roles``); superusers take every action but
the system's own; the system (``user=None``: the worker, the public form and API) only those
marked ``system=True``.  ``complaints_process.permission_policies`` reads this table; the services,
the admin's buttons, the timeline, the audit log, the notifications and the reports read the
keys from here rather than repeating them as strings.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The team roles (``models.TeamRole`` gives them their labels).  Officers and managers work
#: cases; process administrators tune their authority's process; editors write its pages.
MANAGER = "complaints_manager"
OFFICER = "complaints_officer"
ADMINISTRATOR = "process_administrator"
EDITOR = "editor"
STAFF = frozenset({MANAGER, OFFICER})
MANAGERS = frozenset({MANAGER})
NOBODY: frozenset[str] = frozenset()

TRANSITION = "transition"
CASEWORK = "casework"
RECORD = "record"
SYSTEM = "system"
INTAKE = "intake"
KINDS = (INTAKE, TRANSITION, CASEWORK, RECORD, SYSTEM)

#: The event of the current stage: ``"*.responded"`` is ``stage2.responded`` at stage 2.
STAGE = "*"


@dataclass(frozen=True)
class CaseActionType:
    key: str
    label: str  # the button, and the audit log's name for the action
    timeline: str  # what happened, on the case's timeline and in the audit log
    kind: str
    roles: frozenset[str] = STAFF
    system: bool = False  # the system (user=None) may take it
    event: str | None = None  # the procedure event it records, as a pattern (see above)
    danger: bool = False  # shown as a warning button

    @property
    def is_transition(self) -> bool:
        return self.kind == TRANSITION

    @property
    def is_record(self) -> bool:
        return self.kind == RECORD

    @property
    def is_step(self) -> bool:
        return self.event is not None and self.kind == TRANSITION

    def event_for_stage(self, stage_key: str | None) -> str | None:
        """The event key this action records at ``stage_key`` (``None``: not a step)."""
        if self.event is None or self.event == ANY_EVENT:
            return None
        if self.event.startswith(f"{STAGE}."):
            return None if stage_key is None else f"{stage_key}.{self.event[2:]}"
        return self.event


#: ``record_step`` records any declared event that no other action records.
ANY_EVENT = "<any>"

_ACTIONS = (
    CaseActionType("file", "Record a complaint", "Complaint received", INTAKE, system=True, event="received"),
    CaseActionType("accept", "Accept", "Accepted into the procedure", TRANSITION),
    CaseActionType("acknowledge", "Acknowledge", "Acknowledged", TRANSITION, event="acknowledged"),
    CaseActionType("refuse", "Do not accept", "Not accepted", TRANSITION, roles=MANAGERS, danger=True),
    CaseActionType("handle_outside", "Handle outside the procedure", "Handled outside the procedure", TRANSITION, roles=MANAGERS),
    CaseActionType("extend", "Extend the response time", "Response time extended", TRANSITION, roles=MANAGERS),
    CaseActionType("respond", "Record the response", "Response sent", TRANSITION, event="*.responded"),
    CaseActionType("escalate", "Record a request for the next stage", "Next stage requested", TRANSITION, system=True, event="*.requested"),
    CaseActionType("lapse", "Close: escalation window lapsed", "Escalation window lapsed; closed", TRANSITION, roles=MANAGERS, system=True),
    CaseActionType("agree_statement", "Statement of complaint agreed", "Statement of complaint agreed", TRANSITION, event="*.statement_agreed"),
    CaseActionType(
        "acknowledge_escalation", "Acknowledge the request for this stage", "Request for the stage acknowledged", TRANSITION, event="*.acknowledged"
    ),
    CaseActionType("convene_panel", "Convene the review panel", "Review panel convened", TRANSITION, event="*.notice_sent"),
    CaseActionType("record_panel_met", "Record that the panel met", "Review panel met", TRANSITION, event="*.panel_met"),
    CaseActionType(
        "record_panel_report", "Record the panel's report and its findings", "Panel's recommendations sent", TRANSITION, event="*.panel_reported"
    ),
    CaseActionType(
        "record_authority_response",
        "Record the authority's response to the panel",
        "Authority's response to the panel sent",
        TRANSITION,
        roles=MANAGERS,
        event="*.authority_responded",
    ),
    CaseActionType("record_step", "Record a step", "Step recorded", TRANSITION, event=ANY_EVENT),
    CaseActionType("reroute", "Move to the other procedure", "Moved to another procedure", TRANSITION, roles=MANAGERS),
    CaseActionType("close", "Close the case", "Closed", TRANSITION, roles=MANAGERS),
    CaseActionType("withdraw", "Withdrawn by the complainant", "Withdrawn", TRANSITION, danger=True),
    CaseActionType("appoint", "Appoint someone", "Person appointed", CASEWORK),
    CaseActionType("assign_owner", "Assign the owner", "Case owner assigned", CASEWORK),
    CaseActionType("pause_clock", "Stop a clock", "Clock stopped", CASEWORK),
    CaseActionType("resume_clock", "Restart a clock", "Clock restarted", CASEWORK),
    CaseActionType("add_theme", "Add theme", "Theme added", RECORD),
    CaseActionType("remove_theme", "Remove theme", "Theme removed", RECORD),
    CaseActionType("record_learning_action", "Record learning action", "Learning action agreed", RECORD),
    CaseActionType("update_learning_action", "Update learning action", "Learning action updated", RECORD),
    CaseActionType("record_ombudsman_referral", "Record Ombudsman referral", "Referred to the Ombudsman", RECORD),
    CaseActionType("record_ombudsman_decision", "Record Ombudsman decision", "Ombudsman's decision received", RECORD),
    CaseActionType("record_remedy_compliance", "Record remedy carried out", "Ombudsman's remedy carried out", RECORD),
    CaseActionType("recompute_deadlines", "Recompute deadlines", "Deadlines moved by a calendar change", SYSTEM, roles=NOBODY),
    CaseActionType("move_to_version", "Move to a corrected version", "Moved to a corrected config version", SYSTEM, roles=NOBODY),
    CaseActionType("notification_sent", "Message sent", "Message sent", SYSTEM, roles=NOBODY),
    CaseActionType("notification_not_sent", "Message not sent", "Message not sent", SYSTEM, roles=NOBODY),
    CaseActionType("anonymise", "Anonymise", "Personal data removed under the retention rule", SYSTEM, roles=NOBODY),
    CaseActionType("subject_access_export", "Subject access export", "Exported for a subject access request", SYSTEM, roles=NOBODY),
)

#: Every case action by key, in the order buttons are shown.
ACTIONS: dict[str, CaseActionType] = {action.key: action for action in _ACTIONS}


def action(key: str) -> CaseActionType:
    try:
        return ACTIONS[key]
    except KeyError:
        raise KeyError(f"unknown case action '{key}'") from None


def keys(kind: str) -> frozenset[str]:
    return frozenset(key for key, item in ACTIONS.items() if item.kind == kind)


#: What the state machine moves (``models/states.py`` has one transition method per key).
TRANSITION_ACTIONS = keys(TRANSITION)
#: What staff record about a case for the annual report.
RECORD_ACTIONS = keys(RECORD)
#: Work on an open case that is not a move.
CASEWORK_ACTIONS = keys(CASEWORK)
#: What only the system writes.
SYSTEM_RECORDS = keys(SYSTEM)
#: Timeline entries that are not a step of the procedure: they never stop an officer recording
#: a step on an earlier day, and the case list's "last action" ignores them.
NOT_PROCEDURAL = RECORD_ACTIONS | SYSTEM_RECORDS
#: Actions the system (user=None) may take: file (the public form and API), escalate at the
#: complainant's request once their status link has been checked, lapse (the worker).
SYSTEM_ACTIONS = frozenset(key for key, item in ACTIONS.items() if item.system)
#: Steps whose event pattern is fixed (``record_step`` takes the rest).
STEP_ACTIONS = tuple(item for item in _ACTIONS if item.event is not None and item.event != ANY_EVENT)


def action_for_event(event_key: str, *, first_stage: str | None = None) -> str:
    """The one action that records ``event_key`` (``record_step`` when no other does).

    ``acknowledged`` (and the first stage's own ``<stage>.acknowledged``) is ``acknowledge``;
    a later stage's ``<stage>.acknowledged`` acknowledges the request for that stage.
    """
    stage, _, name = event_key.rpartition(".")
    if stage and stage == first_stage and name == "acknowledged":
        return "acknowledge"
    for item in STEP_ACTIONS:
        if item.event_for_stage(stage or None) == event_key:
            return item.key
    return "record_step"


def timeline_label(key: str, *, data: dict | None = None, event_key: str = "", procedure=None) -> str:
    """What a recorded event says happened, on the timeline and in a subject access export: the
    label its procedure gives the event recorded (``event_key``) if it has one, else the
    action's ``timeline`` (an unknown action's key, made readable)."""
    if event_key and procedure is not None:
        try:
            return procedure.event(event_key).label
        except KeyError:
            pass
    if key == "update_learning_action" and (data or {}).get("done"):
        return "Learning action done"
    if key in ACTIONS:
        return ACTIONS[key].timeline
    return key.replace("_", " ").capitalize()
