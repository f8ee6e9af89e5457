"""Settings → Authorities: where each authority's editors may work in the page tree.

Authorities are created with their process config (their name, slug and prefix come from
it: a file loaded, or Process configuration → Add an authority), so this screen neither adds
nor deletes them: it sets each one's *pages section*,
the page under which its editors add, edit and publish pages, and then gives the editors'
group exactly those page permissions (``services.teams.grant_editor_pages``).

Only users with Django's ``complaints_process.change_authority`` permission reach it
(superusers by default): choosing who edits which part of the site is a site-wide decision
(``permission_policies.authorities``, which the viewset carries and, on Wagtail 8, Wagtail's
registry of policies holds too).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from complaints_process.models import Authority
from complaints_process.permission_policies import authorities as authority_policy
from complaints_process.services.teams import grant_editor_pages


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
    menu_label = gettext_lazy("Authorities")
    add_to_settings_menu = True
    list_display = ["name", "slug", "pages_root"]
    panels = [FieldPanel("pages_root")]
    edit_view_class = AuthorityEditView
    copy_view_enabled = False
    permission_policy = authority_policy


authority_viewset = AuthorityViewSet("complaints_authorities")
