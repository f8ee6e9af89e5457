"""Wagtail hooks of the complaints plugin.

``register_log_actions``: every case action the services log (``complaints_process.case.*``)
gets the label and the wording of the registry of case actions (``complaints_process.actions``), so a case's history reads well in Wagtail's audit log views and
reports.  Messages name the action and the states, never the people.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from complaints_process.actions import ACTIONS
from complaints_process.models import CaseState
from complaints_process.services.cases._action import log_action_name


def _state(value):
    return CaseState(value).label if value in CaseState.values else value


def _formatter(label: str, message: str):
    class CaseActionFormatter(LogFormatter):
        def format_message(self, log_entry):
            data = log_entry.data or {}
            if data.get("from") and data.get("from") != data.get("to"):
                return f"{message} ({_state(data['from'])} → {_state(data['to'])})"
            return message

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")

    CaseActionFormatter.label = label
    return CaseActionFormatter


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    for key, item in ACTIONS.items():
        actions.register_action(log_action_name(key))(_formatter(item.label, item.timeline))


# Read-only procedure diagrams (the same SVG as the guidance pages' diagram block).


@hooks.register("register_admin_urls")
def register_procedure_diagram_urls():
    from django.urls import path

    from complaints_process.admin_views import ProcedureDiagramsView

    return [path("complaints/diagrams/", ProcedureDiagramsView.as_view(), name="complaints_process_diagrams")]


@hooks.register("register_admin_menu_item")
def register_procedure_diagram_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    return MenuItem("Procedure diagrams", reverse("complaints_process_diagrams"), icon_name="image", order=900)


# Annual complaints reports (issue 9): figures, printable report and CSV; see docs/reports.md.


@hooks.register("register_admin_urls")
def register_report_urls():
    from complaints_process.reports.views import admin_urls

    return admin_urls()


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from complaints_process.permission_policies import reports

    class ReportsMenuItem(MenuItem):
        def is_shown(self, request):
            return reports.user_has_permission(request.user, "view")

    return ReportsMenuItem("Complaints reports", reverse("complaints_process_reports"), icon_name="table", order=910)


# Case screens (modeladmin registration in complaints_process/modeladmin.py), case actions,
# staff intake, attachments.  Every view checks the user's authority (views/admin_access.py).

from complaints_process.modeladmin import register as _register_case_admin  # noqa: E402

_register_case_admin()


@hooks.register("register_admin_urls")
def register_case_admin_urls():
    from django.urls import path

    from complaints_process.views import admin_records
    from complaints_process.views.admin_actions import CaseActionView
    from complaints_process.views.admin_cases import AttachmentDownloadView
    from complaints_process.views.admin_data_protection import CaseSubjectAccessView

    return [
        path("complaints/cases/<int:pk>/action/<slug:action>/", CaseActionView.as_view(), name="complaints_process_case_action"),
        path(
            "complaints/cases/<int:pk>/attachments/<int:attachment_pk>/",
            AttachmentDownloadView.as_view(),
            name="complaints_process_case_attachment",
        ),
        path(
            "complaints/cases/<int:pk>/subject-access/",
            CaseSubjectAccessView.as_view(),
            name="complaints_process_case_subject_access",
        ),
        *admin_records.admin_urls(),  # themes, learning actions, the Ombudsman
    ]


@hooks.register("register_admin_urls")
def register_process_config_urls():
    from django.urls import path

    from complaints_process.views import admin_config as views

    return [
        path("complaints/process/", views.ConfigListView.as_view(), name="complaints_process_config_list"),
        path("complaints/process/add/", views.AuthorityAddView.as_view(), name="complaints_process_authority_add"),
        path("complaints/process/<slug:slug>/edit/", views.ConfigEditView.as_view(), name="complaints_process_config_edit"),
        path("complaints/process/<slug:slug>/form/", views.ConfigFormView.as_view(), name="complaints_process_config_form"),
        path("complaints/process/<slug:slug>/history/", views.ConfigHistoryView.as_view(), name="complaints_process_config_history"),
        path(
            "complaints/process/<slug:slug>/versions/<int:number>/export.yaml",
            views.ConfigExportView.as_view(),
            name="complaints_process_config_export",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_process_config_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from complaints_process.permission_policies import process_configs

    class ProcessConfigMenuItem(MenuItem):
        def is_shown(self, request):
            return process_configs.user_may_open(request.user)

    return ProcessConfigMenuItem("Process configuration", reverse("complaints_process_config_list"), icon_name="cogs", order=910)


@hooks.register("construct_homepage_panels")
def add_complaint_cases_panel(request, panels):
    from complaints_process.views.admin_dashboard import add_cases_panel

    add_cases_panel(request, panels)


@hooks.register("register_admin_viewset")
def register_authority_viewset():
    from complaints_process.views.admin_authorities import authority_viewset

    return authority_viewset


# Data protection (docs/data-protection.md): subject access exports, for complaints managers.


@hooks.register("register_admin_urls")
def register_subject_access_urls():
    from django.urls import path

    from complaints_process.views.admin_data_protection import SubjectAccessView

    return [path("complaints/subject-access/", SubjectAccessView.as_view(), name="complaints_process_subject_access")]


@hooks.register("register_admin_menu_item")
def register_subject_access_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from complaints_process.permission_policies import data_protection

    class SubjectAccessMenuItem(MenuItem):
        def is_shown(self, request):
            return data_protection.user_has_permission(request.user, "export")

    return SubjectAccessMenuItem("Subject access", reverse("complaints_process_subject_access"), icon_name="download", order=920)


@hooks.register("insert_editor_js")
def name_the_rich_text_editors():
    """Wagtail's rich text editors have no accessible name (axe: aria-input-field-name); the
    script names each after its panel's heading."""
    return format_html('<script src="{}"></script>', static("complaints_process/js/editor-labels.js"))
