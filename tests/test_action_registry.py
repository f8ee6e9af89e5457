"""The registry of case actions is the one vocabulary: every surface reads it.

Each test fails when an action is named somewhere the registry does not know, or when the
registry and the state machine disagree on what is a transition.
"""

from wagtail.log_actions import registry as log_registry

from complaints_process import actions
from complaints_process.actions import ACTIONS, action_for_event
from complaints_process.models import Complaint
from complaints_process.permission_policies import ACTION_ROLES, MANAGER, OFFICER, cases
from complaints_process.services.cases._action import log_action_name
from complaints_process.services.notifications import ACTION_KINDS
from complaints_process.views.admin_actions import ACTIONS as ADMIN_ACTIONS


def test_the_state_machine_has_one_transition_per_transition_action_and_no_other():
    transitions = {t.name for t in Complaint._meta.get_field("state").get_all_transitions(Complaint)}
    assert transitions == set(actions.TRANSITION_ACTIONS)


def test_every_surface_names_only_registered_actions():
    assert set(ADMIN_ACTIONS) <= set(ACTIONS)
    assert set(ACTION_KINDS) <= set(ACTIONS)
    assert set(ACTION_ROLES) <= set(ACTIONS)
    # Every action people take has a form in the admin, except filing (its own page).
    takeable = {key for key, item in ACTIONS.items() if item.kind in (actions.TRANSITION, actions.CASEWORK)}
    assert takeable == set(ADMIN_ACTIONS)


def test_every_action_is_registered_in_the_audit_log_with_its_label():
    assert log_registry.action_exists(log_action_name("accept"))
    for key, item in ACTIONS.items():
        assert log_registry.get_action_label(log_action_name(key)) == item.label


def test_roles_come_from_the_registry():
    assert ACTION_ROLES["extend"] == frozenset({MANAGER})
    assert ACTION_ROLES["record_step"] == frozenset({MANAGER, OFFICER})
    assert "anonymise" not in ACTION_ROLES  # the system writes it; nobody takes it
    assert cases.user_may_act(None, None, "lapse") and not cases.user_may_act(None, None, "respond")


def test_each_event_is_recorded_by_exactly_one_action():
    assert action_for_event("received") == "file"
    assert action_for_event("acknowledged") == "acknowledge"
    assert action_for_event("stage1.acknowledged", first_stage="stage1") == "acknowledge"
    assert action_for_event("stage2.acknowledged", first_stage="stage1") == "acknowledge_escalation"
    assert action_for_event("stage2.requested") == "escalate"
    assert action_for_event("investigation.responded") == "respond"
    assert action_for_event("stage3.notice_sent") == "convene_panel"
    assert action_for_event("stage3.authority_responded") == "record_authority_response"
    assert action_for_event("stage1.discussion_held") == "record_step"
    assert action_for_event("stage2.report_sent") == "record_step"
