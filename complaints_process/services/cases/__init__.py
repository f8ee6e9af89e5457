"""The case services: one function per action, the only way to change a case.

The admin, the API, management commands and the Django-Q2 worker all call these.  Each
checks the user's permission at the case's authority (``user=None`` is the system, allowed
only system actions), locks the case, checks the transition is legal under the case's pinned
procedure, transitions, makes/meets/cancels deadlines, saves, records a ``CaseEvent``, logs to
Wagtail's audit log and sends ``case_transitioned``, in one transaction (see ``_action.py``).
Errors are ``complaints_process.exceptions.CaseError`` subclasses with messages safe to show.

What staff record for the annual report (themes, learning actions, Ombudsman referrals and
decisions) goes through the same path without a transition (``learning.py``).
"""

from .clock_stops import pause_clock, resume_clock
from .filing import file_complaint, next_reference
from .intake import accept, acknowledge, handle_outside, refuse
from .learning import (
    add_theme,
    record_learning_action,
    record_ombudsman_decision,
    record_ombudsman_referral,
    record_remedy_compliance,
    remove_theme,
    update_learning_action,
)
from .panel import convene_panel, record_authority_response, record_panel_met, record_panel_report
from .people import appoint, assign_owner
from .routing import choose_procedure, reroute
from .stages import acknowledge_escalation, agree_statement, close, escalate, extend, lapse, record_step, respond, withdraw

__all__ = [
    "accept",
    "acknowledge",
    "acknowledge_escalation",
    "add_theme",
    "agree_statement",
    "appoint",
    "assign_owner",
    "choose_procedure",
    "close",
    "convene_panel",
    "escalate",
    "extend",
    "file_complaint",
    "handle_outside",
    "lapse",
    "next_reference",
    "pause_clock",
    "record_authority_response",
    "record_learning_action",
    "record_ombudsman_decision",
    "record_ombudsman_referral",
    "record_panel_met",
    "record_panel_report",
    "record_remedy_compliance",
    "record_step",
    "refuse",
    "remove_theme",
    "reroute",
    "respond",
    "resume_clock",
    "update_learning_action",
    "withdraw",
]
