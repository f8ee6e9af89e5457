"""Which procedure a complaint follows, and moving a case to the other one.

Where an authority has both a statutory and a corporate procedure, a complaint that is not
about a statutory children's social care service goes to the corporate procedure.  Otherwise
the authority's statutory procedure takes it (the first, in config order), or its only
procedure; an officer may then decide to handle it outside the procedure.

``reroute`` moves a case, before any stage 1 response, to another procedure of its pinned
config version, with a recorded reason: the old procedure's pending deadlines are cancelled
and the new procedure's clocks are started again from the events the case has already had
(its receipt, its acknowledgement) on the days they happened.  Met deadlines of the old
procedure stay on record under its slug.
"""

from __future__ import annotations

from complaints_process import clocks
from complaints_process.core.config import AuthorityConfig, ProcedureConfig
from complaints_process.exceptions import InvalidAction
from complaints_process.models import Complaint, DeadlineStatus

from ._action import case_action, require_text

REPLAYED_EVENTS = ("received", "acknowledged")


def choose_procedure(config: AuthorityConfig, about_statutory_childrens_service: bool) -> ProcedureConfig:
    statutory = [p for p in config.procedures if p.kind == "statutory"]
    corporate = [p for p in config.procedures if p.kind == "corporate"]
    if not about_statutory_childrens_service and corporate:
        return corporate[0]
    return (statutory or corporate or list(config.procedures))[0]


def reroute(case: Complaint, *, user, procedure_slug: str, reason: str, on=None) -> Complaint:
    """Move the case to another procedure of its authority, with a reason."""
    with case_action(case, user, "reroute", on=on) as act:
        reason = require_text(reason, "reason for moving the case")
        case = act.case
        if procedure_slug == case.procedure_slug:
            raise InvalidAction("The case already follows that procedure.")
        try:
            case.config().procedure(procedure_slug)
        except KeyError:
            raise InvalidAction("The case's process configuration has no such procedure.")
        previous = case.procedure_slug
        # The old procedure's running clocks stop; its met ones stay on record.  Rows left
        # from an earlier spell under the new procedure are cancelled before it restarts.
        case.deadlines.open().update(status=DeadlineStatus.CANCELLED)
        case.deadlines.filter(procedure_slug=procedure_slug).update(status=DeadlineStatus.CANCELLED)
        act.transition()
        case.procedure_slug = procedure_slug
        days = dict(case.events.filter(event_key__in=REPLAYED_EVENTS).values_list("event_key", "occurred_on"))
        calendar = clocks.calendar_for(case.authority)
        for event_key in REPLAYED_EVENTS:
            if event_key in days:
                clocks.start_clocks(case, event_key, days[event_key], calendar)
                clocks.meet_clocks(case, event_key, days[event_key])
        act.record(reason=reason, data={"from_procedure": previous, "to_procedure": procedure_slug})
    return act.case
