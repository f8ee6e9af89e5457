"""Settings → Authorities: where each authority's editors may work in the page tree.

Authorities are created with their process config (their name, slug and prefix come from
it: a file loaded, or Process configuration → Add an authority), so this screen neither adds
nor deletes them: it sets each one's *pages section*,
the page under which its editors add, edit and publish pages, and then gives the editors'
group exactly those page permissions (``services.teams.grant_editor_pages``).

Only users with Django's ``complaints_process.change_authority`` permission reach it
(superusers by default): choosing who edits which part of the site is a site-wide decision.
The policy is registered for the model in ``apps.py`` (Wagtail 8), or carried by the viewset
(Wagtail 7.4).
"""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from complaints_process.models import Authority

try:  # Wagtail 8: one registry of permission policies, by model
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.4: each viewset carries its model's policy
    register_permission_policy = None
from complaints_process.services.teams import grant_editor_pages

READ_ONLY_ACTIONS = {"add", "delete"}


class AuthorityPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that no one adds or deletes authorities here."""

    def user_has_permission(self, user, action):
        return action not in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in READ_ONLY_ACTIONS]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


class AuthorityEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        grant_editor_pages(instance)
        return instance

    def get_success_message(self):
        if self.object.pages_root_id is None:
            return f"{self.object.name}: no pages section, so its editors hold no page permissions."
        return f"{self.object.name}: its editors may now add, edit and publish pages under '{self.object.pages_root.title}'."


class AuthorityViewSet(ModelViewSet):
    model = Authority
    icon = "group"
    menu_label = "Authorities"
    add_to_settings_menu = True
    list_display = ["name", "slug", "pages_root"]
    panels = [FieldPanel("pages_root")]
    edit_view_class = AuthorityEditView
    copy_view_enabled = False

    if register_permission_policy is None:

        @property
        def permission_policy(self):
            return AuthorityPermissionPolicy(self.model)


def register_policy():
    """The Authority policy in Wagtail's registry (Wagtail 8), so every admin view uses it."""
    if register_permission_policy is not None:
        register_permission_policy(Authority, AuthorityPermissionPolicy(Authority))


authority_viewset = AuthorityViewSet("complaints_authorities")
