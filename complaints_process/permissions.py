"""Who may take which action on a case: one table, read by the state machine and the services.

A user may act on a case only through a team of the case's authority (``AuthorityTeam``),
and only in a role the action lists below.  Superusers may take every action.  ``user=None``
is the system (the Django-Q2 worker, a management command) and may take only the
``SYSTEM_ACTIONS`` (file, escalate at the complainant's request, lapse).  Editors and
process administrators take no case actions.

=======================  ===================  ===================
action                   complaints_manager   complaints_officer
=======================  ===================  ===================
file                     yes                  yes
accept, acknowledge      yes                  yes
respond, escalate        yes                  yes
agree_statement          yes                  yes
acknowledge_escalation   yes                  yes
convene_panel            yes                  yes
record_panel_met         yes                  yes
record_panel_report      yes                  yes
pause_clock, resume      yes                  yes
appoint, withdraw        yes                  yes
assign_owner             yes                  yes
add_theme, remove_theme  yes                  yes
record_learning_action   yes                  yes
update_learning_action   yes                  yes
record_ombudsman_ref.    yes                  yes
record_ombudsman_dec.    yes                  yes
record_remedy_compl.     yes                  yes
refuse, handle_outside   yes                  no
extend, close, lapse     yes                  no
record_authority_resp.   yes                  no
reroute                  yes                  no
=======================  ===================  ===================

The recording actions (``RECORD_ACTIONS``: themes, learning actions, Ombudsman referrals,
decisions and remedies carried out) are not steps of the procedure: they feed the annual report, are allowed on a
closed case, and the system never takes them.
"""

from __future__ import annotations

MANAGER = "complaints_manager"
OFFICER = "complaints_officer"

OFFICER_ACTIONS = frozenset(
    {
        "file",
        "accept",
        "acknowledge",
        "respond",
        "escalate",
        "agree_statement",
        "acknowledge_escalation",
        "convene_panel",
        "record_panel_met",
        "record_panel_report",
        "pause_clock",
        "resume_clock",
        "appoint",
        "assign_owner",
        "withdraw",
        "add_theme",
        "remove_theme",
        "record_learning_action",
        "update_learning_action",
        "record_ombudsman_referral",
        "record_ombudsman_decision",
        "record_remedy_compliance",
    }
)
#: What staff record on a case for the annual report (``services/cases/learning.py``).
RECORD_ACTIONS = frozenset(
    {
        "add_theme",
        "remove_theme",
        "record_learning_action",
        "update_learning_action",
        "record_ombudsman_referral",
        "record_ombudsman_decision",
        "record_remedy_compliance",
    }
)
MANAGER_ONLY_ACTIONS = frozenset({"refuse", "handle_outside", "extend", "close", "lapse", "record_authority_response", "reroute"})
ALL_ACTIONS = OFFICER_ACTIONS | MANAGER_ONLY_ACTIONS
# The public form and API file complaints as the system, and escalate a case at the
# complainant's request once their status link (or reference and email) has been checked;
# the worker lapses cases.
SYSTEM_ACTIONS = frozenset({"file", "escalate", "lapse"})

ACTION_ROLES: dict[str, frozenset[str]] = {
    action: frozenset({MANAGER, OFFICER}) if action in OFFICER_ACTIONS else frozenset({MANAGER}) for action in ALL_ACTIONS
}


def roles_at(user, authority) -> set[str]:
    """The team roles the user holds at the authority."""
    from complaints_process.models import AuthorityTeam

    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    return set(AuthorityTeam.objects.filter(authority=authority, group__user=user).values_list("role", flat=True))


def may_act(user, authority, action: str) -> bool:
    """May ``user`` (None: the system) take ``action`` on a case of ``authority``?"""
    if action not in ACTION_ROLES:
        raise KeyError(f"unknown case action '{action}'")
    if user is None:
        return action in SYSTEM_ACTIONS
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(roles_at(user, authority) & ACTION_ROLES[action])


def transition_permission(action: str):
    """A django-fsm-2 ``permission=`` callable for the action (checked by the services)."""

    def permitted(instance, user) -> bool:
        return may_act(user, instance.authority, action)

    permitted.__name__ = f"may_{action}"
    return permitted
