"""Wagtail hooks of the complaints plugin.

``register_admin_viewset``: every admin area of the plugin is a ``ViewSet``
(``complaints_process.viewsets``), registered the same way; no admin URL or menu item is
registered by hand.

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
from complaints_process.views.admin_dashboard import add_cases_panel
from complaints_process.viewsets import admin_viewsets


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


@hooks.register("register_admin_viewset")
def register_admin_areas():
    """Every admin area (cases, process configuration, reports, diagrams, subject access,
    authorities), one ``ViewSet`` each: its URLs, in its own namespace, and its menu item."""
    return admin_viewsets()


@hooks.register("construct_homepage_panels")
def add_complaint_cases_panel(request, panels):
    add_cases_panel(request, panels)


@hooks.register("insert_editor_js")
def name_the_rich_text_editors():
    """Wagtail's rich text editors have no accessible name (axe: aria-input-field-name); the
    script names each after its panel's heading."""
    return format_html('<script src="{}"></script>', static("complaints_process/js/editor-labels.js"))
