"""Every action in every state: what the procedure allows, and that everything else is refused
and changes nothing.

The table ALLOWED is the specification (Walsall's three-stage statutory procedure, a case
walked to each state through the services).  Every pair not in it must raise
IllegalTransition and leave the case, its events, deadlines and audit log untouched.
"""

from datetime import date, timedelta

import pytest
from wagtail.models import ModelLogEntry

from complaints_process.exceptions import IllegalTransition
from complaints_process.models import CaseState, Complaint
from complaints_process.permission_policies import ALL_ACTIONS, RECORD_ACTIONS

S = CaseState
NON_FSM_ACTIONS = {"file", "pause_clock", "resume_clock", "appoint", "assign_owner"} | RECORD_ACTIONS
FSM_ACTIONS = sorted(ALL_ACTIONS - NON_FSM_ACTIONS)

# Each place a case can be, by its state and the last step it recorded (stage 3's review panel
# steps are steps of one state, ``stage3``).
ALLOWED = {
    "received": {"accept", "refuse", "handle_outside", "acknowledge", "withdraw"},
    "stage1": {"respond", "extend", "withdraw"},
    "stage1_responded": {"escalate", "lapse", "close", "withdraw"},
    "stage2_requested": {"agree_statement", "withdraw"},
    "stage2": {"respond", "extend", "withdraw"},
    "stage2_responded": {"escalate", "lapse", "close", "withdraw"},
    "stage3_requested": {"convene_panel", "withdraw"},
    "stage3 convened": {"record_panel_met", "withdraw"},
    "stage3 panel met": {"record_panel_report", "withdraw"},
    "stage3 reported": {"record_authority_response", "withdraw"},
    "stage3_responded": {"close", "withdraw"},
    "closed": set(),
    "withdrawn": set(),
    "not_accepted": set(),
    "handled_outside": set(),
}
STATE_OF_PLACE = {"stage3 convened": S.STAGE3, "stage3 panel met": S.STAGE3, "stage3 reported": S.STAGE3}

D = date(2026, 3, 2)
MEETING = date(2026, 3, 31)  # the day the panel is convened to meet
PANEL_MEETS = 9  # the walk's ninth step, "record_panel_met", is taken on the meeting day
# The walk to each state: (service, kwargs) steps, each dated in order.
STEPS = [
    ("acknowledge", {}),
    ("accept", {}),
    ("respond", {"outcomes": {1: "upheld", 2: "upheld"}}),
    ("escalate", {}),
    ("agree_statement", {}),
    ("respond", {"outcomes": {1: "upheld", 2: "upheld"}}),
    ("escalate", {}),
    ("convene_panel", {"meeting_on": MEETING}),
    ("record_panel_met", {}),
    ("record_panel_report", {"outcomes": {1: "upheld", 2: "not_upheld"}}),
    ("record_authority_response", {}),
]
WALK = {
    "received": 0,
    "stage1": 2,
    "stage1_responded": 3,
    "stage2_requested": 4,
    "stage2": 5,
    "stage2_responded": 6,
    "stage3_requested": 7,
    "stage3 convened": 8,
    "stage3 panel met": 9,
    "stage3 reported": 10,
    "stage3_responded": 11,
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
    "record_step": {},
    "withdraw": {},
    "close": {},
    "reroute": {"procedure_slug": "corporate", "reason": "Not statutory."},
    "pause_clock": {"clock_key": "stage1.response", "reason": "child_consent"},
    "resume_clock": {"clock_key": "stage1.response"},
    "appoint": {"role": "panel_member", "person_name": "P"},
    "assign_owner": {"owner": None},  # refused for the case's state before the owner is looked at
}


def walk_to(place, svc, case, user):
    state = STATE_OF_PLACE.get(place, place)
    if place in WALK:
        steps = STEPS[: WALK[place]]
    else:
        steps = STEPS[:3] if state == S.CLOSED else []
    for day, (action, kwargs) in enumerate(steps, start=1):
        # One step a day; the panel's steps from the day it was convened to meet (31 March).
        on = date(2026, 3, 2 + day) if day < PANEL_MEETS else MEETING + timedelta(days=day - PANEL_MEETS)
        dated = {"notice_sent_on": on} if action == "convene_panel" else {"on": on}
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
        fresh.last_step,
        fresh.procedure_slug,
        fresh.updated_at,
        fresh.events.count(),
        sorted(fresh.deadlines.values_list("clock_key", "status", "due", "extended_due")),
        ModelLogEntry.objects.filter(object_id=str(case.pk)).count(),
    )


def test_the_table_agrees_with_the_sources_the_state_machine_declares():
    for action in FSM_ACTIONS:
        declared = {t.source for t in Complaint._meta.get_field("state").get_all_transitions(Complaint) if t.name == action}
        allowed_in = {STATE_OF_PLACE.get(place, place) for place, actions in ALLOWED.items() if action in actions}
        assert allowed_in <= declared, action


@pytest.mark.parametrize("place", list(ALLOWED))
def test_every_action_not_in_the_table_is_refused_and_changes_nothing(place, seed, make_case, svc, superuser):
    case = walk_to(place, svc, make_case(authority=seed("walsall"), received_on=D), superuser)
    refused = [action for action in FSM_ACTIONS if action not in ALLOWED[place]]
    if not ALLOWED[place]:
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
