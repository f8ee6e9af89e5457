"""Every action in every state: what the procedure allows, and that everything else is refused
and changes nothing.

The table ALLOWED is the specification (Walsall's three-stage statutory procedure, a case
walked to each state through the services).  Every pair not in it must raise
IllegalTransition and leave the case, its events, deadlines and audit log untouched.
"""

from datetime import date

import pytest
from wagtail.models import ModelLogEntry

from complaints_process.exceptions import IllegalTransition
from complaints_process.models import CaseState, Complaint
from complaints_process.permissions import ALL_ACTIONS, RECORD_ACTIONS

S = CaseState
NON_FSM_ACTIONS = {"file", "pause_clock", "resume_clock", "appoint", "assign_owner"} | RECORD_ACTIONS
FSM_ACTIONS = sorted(ALL_ACTIONS - NON_FSM_ACTIONS)

ALLOWED = {
    S.RECEIVED: {"accept", "refuse", "handle_outside", "acknowledge", "withdraw"},
    S.STAGE1: {"respond", "extend", "withdraw"},
    S.STAGE1_RESPONDED: {"escalate", "lapse", "close", "withdraw"},
    S.STAGE2_REQUESTED: {"agree_statement", "withdraw"},
    S.STAGE2: {"respond", "extend", "withdraw"},
    S.STAGE2_RESPONDED: {"escalate", "lapse", "close", "withdraw"},
    S.STAGE3_REQUESTED: {"convene_panel", "withdraw"},
    S.STAGE3_CONVENED: {"record_panel_met", "withdraw"},
    S.STAGE3_PANEL_MET: {"record_panel_report", "withdraw"},
    S.STAGE3_REPORTED: {"record_authority_response", "withdraw"},
    S.STAGE3_RESPONDED: {"close", "withdraw"},
    S.CLOSED: set(),
    S.WITHDRAWN: set(),
    S.NOT_ACCEPTED: set(),
    S.HANDLED_OUTSIDE: set(),
}

D = date(2026, 3, 2)
# The walk to each state: (service, kwargs) steps, each dated in order.
STEPS = [
    ("acknowledge", {}),
    ("accept", {}),
    ("respond", {"outcomes": {1: "upheld", 2: "upheld"}}),
    ("escalate", {}),
    ("agree_statement", {}),
    ("respond", {"outcomes": {1: "upheld", 2: "upheld"}}),
    ("escalate", {}),
    ("convene_panel", {"meeting_on": date(2026, 3, 31)}),
    ("record_panel_met", {}),
    ("record_panel_report", {"outcomes": {1: "upheld", 2: "not_upheld"}}),
    ("record_authority_response", {}),
]
WALK = {
    S.RECEIVED: 0,
    S.STAGE1: 2,
    S.STAGE1_RESPONDED: 3,
    S.STAGE2_REQUESTED: 4,
    S.STAGE2: 5,
    S.STAGE2_RESPONDED: 6,
    S.STAGE3_REQUESTED: 7,
    S.STAGE3_CONVENED: 8,
    S.STAGE3_PANEL_MET: 9,
    S.STAGE3_REPORTED: 10,
    S.STAGE3_RESPONDED: 11,
}

CALLS = {
    "accept": {},
    "refuse": {"ground": "out_of_time", "reason": "Late."},
    "handle_outside": {"reason": "Elsewhere."},
    "acknowledge": {},
    "extend": {"reason": "Complex."},
    "respond": {"outcomes": {1: "upheld", 2: "upheld"}},
    "escalate": {},
    "lapse": {},
    "agree_statement": {},
    "acknowledge_escalation": {},
    "convene_panel": {"meeting_on": date(2027, 5, 31)},
    "record_panel_met": {},
    "record_panel_report": {"outcomes": {1: "upheld", 2: "not_upheld"}},
    "record_authority_response": {},
    "withdraw": {},
    "close": {},
    "reroute": {"procedure_slug": "corporate", "reason": "Not statutory."},
    "pause_clock": {"clock_key": "stage1.response", "reason": "child_consent"},
    "resume_clock": {"clock_key": "stage1.response"},
    "appoint": {"role": "panel_member", "person_name": "P"},
    "assign_owner": {"owner": None},  # refused for the case's state before the owner is looked at
}


def walk_to(state, svc, case, user):
    if state in WALK:
        steps = STEPS[: WALK[state]]
    else:
        steps = STEPS[:3] if state == S.CLOSED else []
    for day, (action, kwargs) in enumerate(steps, start=1):
        dated = {"notice_sent_on": date(2026, 3, 2 + day)} if action == "convene_panel" else {"on": date(2026, 3, 2 + day)}
        case = getattr(svc, action)(case, user=user, **kwargs, **dated)
    if state == S.CLOSED:
        case = svc.close(case, user=user, on=date(2026, 3, 10))
    elif state == S.WITHDRAWN:
        case = svc.withdraw(case, user=user, on=D)
    elif state == S.NOT_ACCEPTED:
        case = svc.refuse(case, user=user, ground="no_standing", reason="No standing.", on=D)
    elif state == S.HANDLED_OUTSIDE:
        case = svc.handle_outside(case, user=user, reason="Elsewhere.", on=D)
    assert case.state == state
    return case


def snapshot(case):
    fresh = Complaint.objects.get(pk=case.pk)
    return (
        fresh.state,
        fresh.procedure_slug,
        fresh.updated_at,
        fresh.events.count(),
        sorted(fresh.deadlines.values_list("clock_key", "status", "due", "extended_due")),
        ModelLogEntry.objects.filter(object_id=str(case.pk)).count(),
    )


def test_the_table_agrees_with_the_sources_the_state_machine_declares():
    for action in FSM_ACTIONS:
        declared = {t.source for t in Complaint._meta.get_field("state").get_all_transitions(Complaint) if t.name == action}
        allowed_in = {state for state, actions in ALLOWED.items() if action in actions}
        assert allowed_in <= declared, action


@pytest.mark.parametrize("state", list(CaseState))
def test_every_action_not_in_the_table_is_refused_and_changes_nothing(state, seed, make_case, svc, superuser):
    case = walk_to(state, svc, make_case(authority=seed("walsall"), received_on=D), superuser)
    refused = [action for action in FSM_ACTIONS if action not in ALLOWED[state]]
    if state not in ALLOWED or not ALLOWED[state]:
        refused += ["pause_clock", "resume_clock", "appoint", "assign_owner"]
    for action in refused:
        before = snapshot(case)
        kwargs = CALLS[action]
        with pytest.raises(IllegalTransition) as refused_error:
            getattr(svc, action)(case, user=superuser, **kwargs)
        assert action in str(refused_error.value)
        assert snapshot(case) == before, action


def test_the_state_cannot_be_written_directly(seed, make_case):
    case = make_case(authority=seed("walsall"))
    with pytest.raises(AttributeError):
        case.state = CaseState.CLOSED
