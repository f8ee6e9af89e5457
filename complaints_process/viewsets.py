"""The plugin's admin areas, each one Wagtail ``ViewSet``: its URLs, its menu item and who
sees that menu item, in one class.

``wagtail_hooks`` registers every area the same way, through the ``register_admin_viewset``
hook.  Wagtail includes each area's URLs under ``/admin/<url_prefix>/`` in the area's
namespace, so every admin URL name of the plugin is namespaced: ``complaints_cases:inspect``,
``complaints_process_config:edit``, ``complaints_reports:index``.

Who may open an area is the area's policy (``permission_policies``): the menu item asks it
(``user_may_open``), and each view asks it again for what it shows.

The case screens are wagtail-modeladmin's (``modeladmin.ComplaintAdmin``), as the project
requires: ``CasesViewSet`` includes modeladmin's views and menu item in the cases area, so the
case list is registered like every other area (see its docstring).
"""

from __future__ import annotations

from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from complaints_process.admin_views import ProcedureDiagramsView
from complaints_process.modeladmin import ComplaintAdmin
from complaints_process.permission_policies import cases, data_protection, process_configs, reports
from complaints_process.reports import views as report_views
from complaints_process.views import admin_config
from complaints_process.views.admin_actions import CaseActionView
from complaints_process.views.admin_authorities import authority_viewset
from complaints_process.views.admin_cases import AttachmentDownloadView
from complaints_process.views.admin_data_protection import CaseSubjectAccessView, SubjectAccessView
from complaints_process.views.admin_records import CaseRecordView
from complaints_process.views.admin_urls import CASES_NAMESPACE, CASES_URL_PATH


class AdminArea(ViewSet):
    """An area of the admin with a menu item shown to those its policy lets in: those who
    hold ``action`` under ``policy`` somewhere."""

    add_to_admin_menu = True
    policy = None
    action = "view"

    def user_may_open(self, user) -> bool:
        return self.policy.user_has_permission(user, self.action)

    @property
    def menu_item_class(self):
        area = self

        class AreaMenuItem(MenuItem):
            def is_shown(self, request):
                return area.user_may_open(request.user)

        AreaMenuItem.__name__ = f"{type(self).__name__}MenuItem"
        return AreaMenuItem


class CasesViewSet(AdminArea):
    """The case screens: wagtail-modeladmin's list, intake form, case page and history, and
    the case's actions, records, attachments and subject access export.

    wagtail-modeladmin registers itself with its own ``register_admin_urls`` and menu hooks
    (``modeladmin_register``); this viewset takes their place.  Its URLs are modeladmin's own
    views, built by ``ComplaintAdmin`` with ``modeladmin.CaseURLHelper`` (relative to this
    area's prefix, named in its namespace), and its menu item is modeladmin's, which asks the
    case policy through ``CasePermissionHelper``.  Only the parts of modeladmin's registration
    that matter here are kept: the admin URL finder (links to a case from Wagtail's own views)
    and the reference index.
    """

    name = CASES_NAMESPACE
    url_prefix = CASES_URL_PATH
    policy = cases

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.modeladmin = ComplaintAdmin()

    def on_register(self):
        super().on_register()
        self.modeladmin.register_admin_url_finders()
        self.modeladmin.register_indexing()

    def get_menu_item(self, order=None):
        return self.modeladmin.get_menu_item(order)

    def get_urlpatterns(self):
        record = CaseRecordView.as_view()
        modeladmin = [
            re_path(pattern.pattern.regex.pattern, pattern.callback, name=pattern.name.partition(":")[2])
            for pattern in self.modeladmin.get_admin_urls_for_registration()
        ]
        return [
            *modeladmin,
            path("<int:pk>/action/<slug:action>/", CaseActionView.as_view(), name="action"),
            path("<int:pk>/attachments/<int:attachment_pk>/", AttachmentDownloadView.as_view(), name="attachment"),
            path("<int:pk>/subject-access/", CaseSubjectAccessView.as_view(), name="subject_access"),
            path("<int:pk>/record/<slug:record>/", record, name="record"),  # themes, learning actions, the Ombudsman
            path("<int:pk>/record/<slug:record>/<int:item_pk>/", record, name="record_item"),
        ]


class ProcessConfigViewSet(AdminArea):
    """Process configuration: each authority's process, edited by its process administrators,
    and adding an authority."""

    name = "complaints_process_config"
    url_prefix = "complaints/process"
    menu_label = _("Process configuration")
    icon = "cogs"
    menu_order = 910

    def user_may_open(self, user) -> bool:
        return process_configs.user_may_open(user)

    def get_urlpatterns(self):
        views = admin_config
        return [
            path("", views.ConfigListView.as_view(), name="index"),
            path("add/", views.AuthorityAddView.as_view(), name="add_authority"),
            path("<slug:slug>/edit/", views.ConfigEditView.as_view(), name="edit"),
            path("<slug:slug>/form/", views.ConfigFormView.as_view(), name="form"),
            path("<slug:slug>/history/", views.ConfigHistoryView.as_view(), name="history"),
            path("<slug:slug>/versions/<int:number>/export.yaml", views.ConfigExportView.as_view(), name="export"),
        ]


class ReportsViewSet(AdminArea):
    """The annual complaints reports: figures, printable report, CSV and PDF (docs/reports.md)."""

    name = "complaints_reports"
    url_prefix = "complaints/reports"
    menu_label = _("Complaints reports")
    icon = "table"
    menu_order = 910
    policy = reports

    def get_urlpatterns(self):
        views = report_views
        year = "<slug:authority>/<slug:kind>/<str:year>/"
        return [
            path("", views.ReportIndexView.as_view(), name="index"),
            path(year, views.ReportView.as_view(), name="report"),
            path(f"{year}print/", views.ReportPrintView.as_view(), name="print"),
            path(f"{year}csv/", views.ReportCsvView.as_view(), name="csv"),
            path(f"{year}pdf/", views.ReportPdfView.as_view(), name="pdf"),
        ]


class DiagramsViewSet(AdminArea):
    """Every authority's procedures drawn as diagrams (read only; any admin user)."""

    name = "complaints_diagrams"
    url_prefix = "complaints/diagrams"
    menu_label = _("Procedure diagrams")
    icon = "image"
    menu_order = 900

    def user_may_open(self, user) -> bool:
        return True  # the menu is shown to admin users only; the diagrams are public pages' own

    def get_urlpatterns(self):
        return [path("", ProcedureDiagramsView.as_view(), name="index")]


class SubjectAccessViewSet(AdminArea):
    """Subject access exports, for complaints managers (docs/data-protection.md)."""

    name = "complaints_subject_access"
    url_prefix = "complaints/subject-access"
    menu_label = _("Subject access")
    icon = "download"
    menu_order = 920
    policy = data_protection
    action = "export"

    def get_urlpatterns(self):
        return [path("", SubjectAccessView.as_view(), name="index")]


def admin_viewsets() -> list[ViewSet]:
    """Every admin area of the plugin, as ``register_admin_viewset`` takes them."""
    return [CasesViewSet(), ProcessConfigViewSet(), ReportsViewSet(), DiagramsViewSet(), SubjectAccessViewSet(), authority_viewset]
