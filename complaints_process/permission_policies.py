"""Who may see and do what: one permission policy per model, in the style of Wagtail's
``wagtail.permission_policies``.

Every rule of access is written here once; the views, the case list, the menu items, the
services and the state machine ask these policies and decide nothing themselves
(``tests/test_architecture.py`` holds the views to that).

Rights come from the authority teams (``AuthorityTeam``: each team is a Wagtail group, in one
role at one authority), never from Django model permissions, except where a decision is
site-wide (changing or adding authorities).  A user holds a right at an authority only
through a team of that authority; superusers hold every right everywhere; inactive and
anonymous users hold none.

* ``cases`` (``Complaint``): complaints managers, complaints officers and process
  administrators *view* their authority's cases (editors see none); managers and officers
  *add* (record) complaints and may *own* a case; each case action is taken by the roles the
  registry of case actions lists (``complaints_process.actions``), the system (``user=None``:
  the worker, the public form and API) only those marked ``system=True``.
* ``attachments`` (``Attachment``): whoever may view the case may download its files.
* ``authorities`` (``Authority``): Django's model permissions, except that no one adds or
  deletes an authority on the Authorities screen (they come with their process config).
* ``process_configs`` (``ProcessConfigVersion``): process administrators *change* their
  authority's process; *adding an authority* is Django's ``add_authority`` permission.
* ``reports`` (the annual reports, of an ``Authority``): the same roles that view cases.
* ``data_protection`` (``CaseAccess``: who opened a case, and subject access exports):
  complaints managers only.
* ``guidance_pages`` (``GuidancePage``): a page may show the process of any authority whose
  team the user is in, whatever the team (who may edit which pages is Wagtail's own page
  permissions, ``services.teams.grant_editor_pages``).

The policies name the models by ``app_label.ModelName``, as Wagtail allows, so that the state
machine (``models/states.py``) can ask the case policy without an import cycle.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy

try:  # Wagtail 8: one registry of permission policies, by model
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.4: each viewset carries its model's policy
    register_permission_policy = None

from complaints_process.actions import ACTIONS, ADMINISTRATOR, EDITOR, MANAGER, OFFICER, RECORD_ACTIONS, SYSTEM_ACTIONS

__all__ = [
    "ACTION_ROLES",
    "ALL_ACTIONS",
    "CASE_VIEWERS",
    "CASE_WORKERS",
    "MANAGER",
    "OFFICER",
    "RECORD_ACTIONS",
    "SYSTEM_ACTIONS",
    "attachments",
    "authorities",
    "cases",
    "data_protection",
    "guidance_pages",
    "process_configs",
    "reports",
    "transition_permission",
]

#: The team roles that may take each case action (``complaints_process.actions``).
ACTION_ROLES: dict[str, frozenset[str]] = {key: item.roles for key, item in ACTIONS.items() if item.roles or item.system}
#: Every action someone (a person or the system) may take on a case.
ALL_ACTIONS = frozenset(ACTION_ROLES)
#: Team roles whose members see their authority's cases.
CASE_VIEWERS = frozenset({MANAGER, OFFICER, ADMINISTRATOR})
#: Team roles that record complaints, own cases and act on them.
CASE_WORKERS = frozenset({MANAGER, OFFICER})

_CACHE = "_complaints_process_authority_ids"


def is_active(user) -> bool:
    """A signed-in, active user (``None`` is the system, never a person)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def _authority_model():
    return apps.get_model("complaints_process", "Authority")


class TeamPermissionPolicy(BasePermissionPolicy):
    """Rights held through authority teams: ``roles`` maps each action to the team roles
    that hold it.  Instances belong to an authority through ``authority_path``."""

    roles: dict[str, frozenset[str]] = {}
    authority_path = "authority"

    def roles_for(self, action: str) -> frozenset[str]:
        try:
            return self.roles[action]
        except KeyError:
            raise KeyError(f"{type(self).__name__}: unknown action '{action}'") from None

    def roles_at(self, user, authority) -> set[str]:
        """The team roles ``user`` holds at ``authority``."""
        if not is_active(user):
            return set()
        teams = user.groups.filter(authority_team__authority=authority)
        return set(teams.values_list("authority_team__role", flat=True))

    def authorities_for_user(self, user, action: str):
        """The authorities where ``user`` may take ``action`` (every one for a superuser)."""
        roles = self.roles_for(action)
        if not is_active(user):
            return _authority_model().objects.none()
        if user.is_superuser:
            return _authority_model().objects.all()
        return _authority_model().objects.filter(teams__group__user=user, teams__role__in=sorted(roles)).distinct()

    def authority_ids_for_user(self, user, action: str) -> frozenset[int]:
        """Ids of those authorities, read once per user object (once per request), so a
        list of rows asks once, not once per row."""
        cache = getattr(user, _CACHE, None)
        if cache is None:
            cache = {}
            setattr(user, _CACHE, cache)
        key = (type(self).__name__, action)
        if key not in cache:
            cache[key] = frozenset(self.authorities_for_user(user, action).values_list("pk", flat=True))
        return cache[key]

    def team_members_with_permission(self, action: str, authority):
        """The active users who take ``action`` at ``authority`` through one of its teams
        (superusers, who need no team, are not listed)."""
        teams = apps.get_model("complaints_process", "AuthorityTeam").objects.filter(
            authority=authority, role__in=sorted(self.roles_for(action))
        )
        return get_user_model().objects.filter(is_active=True, groups__authority_team__in=teams).distinct()

    def user_has_permission_for_authority(self, user, action: str, authority) -> bool:
        if not is_active(user):
            return False
        if user.is_superuser:
            return True
        return authority.pk in self.authority_ids_for_user(user, action)

    # Wagtail's interface -------------------------------------------------------------------

    def user_has_permission(self, user, action):
        """May ``user`` take ``action`` at some authority?"""
        if not is_active(user):
            return False
        return user.is_superuser or bool(self.authority_ids_for_user(user, action))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not is_active(user):
            return False
        return user.is_superuser or self.authority_id_of(instance) in self.authority_ids_for_user(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        """The instances of ``user``'s authorities for ``action``.

        The authorities are a list of ids, not a subquery: PostgreSQL then knows how many
        that is, and drives a filtered case list (overdue cases) from the small side, the
        deadline index, rather than probing every case of the user's authorities.
        """
        if not is_active(user):
            return self.model._default_manager.none()
        if user.is_superuser:
            return self.model._default_manager.all()
        ids = sorted(self.authority_ids_for_user(user, action))
        return self.model._default_manager.filter(**{f"{self.authority_path}_id__in": ids})

    def instances_user_has_any_permission_for(self, user, actions):
        if not is_active(user) or user.is_superuser:
            return self.instances_user_has_permission_for(user, next(iter(actions)))
        ids = sorted(set().union(*(self.authority_ids_for_user(user, action) for action in actions)))
        return self.model._default_manager.filter(**{f"{self.authority_path}_id__in": ids})

    def authority_id_of(self, instance) -> int:
        """The id of the authority ``instance`` belongs to (no query for a direct key)."""
        *path, last = self.authority_path.split("__")
        for name in path:
            instance = getattr(instance, name)
        return getattr(instance, f"{last}_id")


class CasePermissionPolicy(TeamPermissionPolicy):
    """Complaint cases: who sees them, records them, owns them and takes each action."""

    roles = {"view": CASE_VIEWERS, "add": CASE_WORKERS, "own": CASE_WORKERS, **ACTION_ROLES}

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ALL_ACTIONS:
            return self.user_may_act(user, instance.authority, action)
        return super().user_has_permission_for_instance(user, action, instance)

    def user_may_act(self, user, authority, action: str) -> bool:
        """May ``user`` (None: the system) take the case action ``action`` on a case of
        ``authority``?"""
        if action not in ALL_ACTIONS:
            raise KeyError(f"unknown case action '{action}'")
        if user is None:
            return action in SYSTEM_ACTIONS
        if not is_active(user):
            return False
        if user.is_superuser:
            return True
        return bool(self.roles_at(user, authority) & ACTION_ROLES[action])

    def visible_case(self, user, pk):
        """The case ``pk`` if ``user`` may see it, else None (never 'exists elsewhere')."""
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            return None
        cases = self.instances_user_has_permission_for(user, "view")
        return cases.select_related("authority", "config_version").filter(pk=pk).first()


class AttachmentPermissionPolicy(TeamPermissionPolicy):
    """A case's attachments: whoever may see the case may download its files."""

    roles = {"view": CASE_VIEWERS}
    authority_path = "case__authority"


class AuthorityPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that no one adds or deletes authorities on the
    Authorities screen: an authority comes with its process config (``ProcessConfigPolicy``)."""

    READ_ONLY_ACTIONS = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.READ_ONLY_ACTIONS]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


class ProcessConfigPermissionPolicy(TeamPermissionPolicy):
    """Process configuration: an authority's process administrators change its process;
    adding an authority (with its first version) is a site-wide decision, Django's
    ``complaints_process.add_authority`` permission (superusers have it)."""

    roles = {"change": frozenset({ADMINISTRATOR})}

    def user_may_add_authority(self, user) -> bool:
        return is_active(user) and ModelPermissionPolicy(_authority_model()).user_has_permission(user, "add")

    def user_may_open(self, user) -> bool:
        """Whether the Process configuration area has anything for ``user``."""
        return self.user_has_permission(user, "change") or self.user_may_add_authority(user)


class ReportPermissionPolicy(TeamPermissionPolicy):
    """The annual reports of an authority: the roles that see its cases (editors none)."""

    roles = {"view": CASE_VIEWERS}

    def instances_user_has_permission_for(self, user, action):
        return self.authorities_for_user(user, action).order_by("name")

    def authority_id_of(self, instance) -> int:
        return instance.pk


class DataProtectionPermissionPolicy(TeamPermissionPolicy):
    """Who opened a case (``CaseAccess``) and subject access exports: complaints managers of
    the case's authority."""

    roles = {"view": frozenset({MANAGER}), "export": frozenset({MANAGER})}
    authority_path = "case__authority"


class GuidancePagePermissionPolicy(TeamPermissionPolicy):
    """Which authorities a guidance page may be given: those whose team the user is in."""

    roles = {"choose_authority": frozenset({MANAGER, OFFICER, ADMINISTRATOR, EDITOR})}


cases = CasePermissionPolicy("complaints_process.Complaint")
attachments = AttachmentPermissionPolicy("complaints_process.Attachment")
authorities = AuthorityPermissionPolicy("complaints_process.Authority")
process_configs = ProcessConfigPermissionPolicy("complaints_process.ProcessConfigVersion")
reports = ReportPermissionPolicy("complaints_process.Authority")
data_protection = DataProtectionPermissionPolicy("complaints_process.CaseAccess")
guidance_pages = GuidancePagePermissionPolicy("complaints_process.GuidancePage")


def transition_permission(action: str):
    """A django-fsm-2 ``permission=`` callable for the case action (checked by the services)."""

    def permitted(instance, user) -> bool:
        return cases.user_may_act(user, instance.authority, action)

    permitted.__name__ = f"may_{action}"
    return permitted


def register_policies():
    """The Authority policy in Wagtail's registry (Wagtail 8), so Wagtail's own views of
    authorities use it too (called once, from ``apps.py``)."""
    if register_permission_policy is not None:
        register_permission_policy(authorities.model, authorities)
