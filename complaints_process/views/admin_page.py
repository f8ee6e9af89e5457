"""The frame of every custom admin page: a visible ``h1`` naming the page, and breadcrumbs.

Wagtail's generic header shows the breadcrumbs (for a page with none but "Home", just
"Home") and keeps the page's name in an ``h1`` for screen readers only.  Our pages show the
name as their visible heading (``complaints_process/admin/page.html``) and list the way
back above it: Home, then ``parent_crumbs()``, then the page itself.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_urls import case_index_url, case_url


def case_crumbs(case) -> list[tuple[str, str]]:
    """The way back from a page about one case: the case list, then the case."""
    return [("Cases", case_index_url()), (case.reference, case_url(case))]


class AdminPageMixin(WagtailAdminTemplateMixin):
    def parent_crumbs(self) -> list[tuple[str, str]]:
        """``(label, url)`` of the pages between Home and this one."""
        return []

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": gettext("Home")}]
        items += [{"url": url, "label": label} for label, url in self.parent_crumbs()]
        return items + [{"url": "", "label": self.get_page_title()}]
