"""Who may take which action on a case, read by the state machine, the services and the admin.

A user may act on a case only through a team of the case's authority (``AuthorityTeam``),
and only in a role the action lists below.  Superusers may take every action.  ``user=None``
is the system (the Django-Q2 worker, a management command) and may take only the
``SYSTEM_ACTIONS`` (file, escalate at the complainant's request, lapse).  Editors and
process administrators take no case actions.

Which roles may take which action is written once, in the registry of case actions
(``complaints_process.actions``): officers and managers take most actions; refusing,
handling outside the procedure, extending, closing, lapsing, rerouting and recording the
authority's response to a review panel are for complaints managers.

The recording actions (``RECORD_ACTIONS``: themes, learning actions, Ombudsman referrals,
decisions and remedies carried out) are not steps of the procedure: they feed the annual report, are allowed on a
closed case, and the system never takes them.
"""

from __future__ import annotations

from complaints_process.actions import ACTIONS, MANAGER, OFFICER, RECORD_ACTIONS, SYSTEM_ACTIONS

__all__ = ["ACTION_ROLES", "ALL_ACTIONS", "MANAGER", "OFFICER", "RECORD_ACTIONS", "SYSTEM_ACTIONS", "may_act", "roles_at"]

#: The team roles that may take each action (``complaints_process.actions``).
ACTION_ROLES: dict[str, frozenset[str]] = {key: item.roles for key, item in ACTIONS.items() if item.roles or item.system}
#: Every action someone (a person or the system) may take on a case.
ALL_ACTIONS = frozenset(ACTION_ROLES)


def roles_at(user, authority) -> set[str]:
    """The team roles the user holds at the authority (through the user's groups: each team is
    a group, ``AuthorityTeam.group``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    teams = user.groups.filter(authority_team__authority=authority)
    return set(teams.values_list("authority_team__role", flat=True))


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
