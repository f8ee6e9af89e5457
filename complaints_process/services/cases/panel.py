"""Stage 3, the review panel: convene, meet, report, and the authority's response.

* ``convene_panel`` fixes the meeting day and records the notice sent (``stage3.notice_sent``).
  Where the procedure sets a notice period counted back from the meeting ("at least 10 days
  before"), the notice must be sent on or before that day, or the action is refused.
* ``record_panel_met`` (``stage3.panel_met``), on or after the day the panel was convened
  for, meets the meeting clock and starts the report clock; ``record_panel_report`` (``stage3.panel_reported``) records the panel's finding on
  every point of complaint (upheld, partly upheld, not upheld: the stage 3 outcomes the
  annual report counts) and starts the authority's response clock;
  ``record_authority_response`` (``stage3.authority_responded``) meets it.  The case is then
  closed with ``close``, signposting the Ombudsman.
"""

from __future__ import annotations

from datetime import date

from complaints_process import clocks
from complaints_process.exceptions import InvalidAction
from complaints_process.models import Complaint

from ._action import case_action, check_not_before
from .intake import happen
from .stages import record_outcomes


def convene_panel(case: Complaint, *, user, meeting_on: date, notice_sent_on: date | None = None) -> Complaint:
    with case_action(case, user, "convene_panel", on=notice_sent_on) as act:
        if meeting_on <= act.on:
            raise InvalidAction("The panel meeting must be after the day the notice is sent.")
        calendar = clocks.calendar_for(act.case.authority)
        for clock in clocks.notice_clocks(act.case, f"{act.case.stage_key}.panel_met"):
            deadline = clocks.notice_deadline(act.case, clock, meeting_on, calendar)
            if deadline.due is not None and act.on > deadline.due:
                raise InvalidAction(
                    f"Notice of this meeting had to be sent by {deadline.due:%d %B %Y} "
                    f"({clock.due.in_words()} before it): choose a later meeting day."
                )
        act.transition()
        act.case.panel_meeting_on = meeting_on
        happen(act.case, act.step_event, act.on)
        act.record(event_key=act.step_event, data={"meeting_on": meeting_on.isoformat()})
    return act.case


def record_panel_met(case: Complaint, *, user, on=None) -> Complaint:
    """The panel met: not before the day it was convened to meet."""
    with case_action(case, user, "record_panel_met", on=on) as act:
        check_not_before(act.on, act.case.panel_meeting_on, "the day the panel was convened to meet")
        act.transition()
        act.case.panel_meeting_on = act.on
        happen(act.case, act.step_event, act.on)
        act.record(event_key=act.step_event)
    return act.case


def record_panel_report(case: Complaint, *, user, outcomes: dict[int, str], on=None) -> Complaint:
    """The panel's report is sent, with its finding on each point of complaint."""
    with case_action(case, user, "record_panel_report", on=on) as act:
        stage = act.case.stage_key
        findings = record_outcomes(act.case, stage, outcomes)
        act.transition()
        happen(act.case, act.step_event, act.on)
        act.record(event_key=act.step_event, data={"stage": stage, "outcomes": findings})
    return act.case


def record_authority_response(case: Complaint, *, user, on=None) -> Complaint:
    with case_action(case, user, "record_authority_response", on=on) as act:
        act.transition()
        happen(act.case, act.step_event, act.on)
        act.record(event_key=act.step_event)
    return act.case
