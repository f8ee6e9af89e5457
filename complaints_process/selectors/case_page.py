"""The admin's case page, read: summary, points, people, attachments, deadlines and the timeline.

The timeline lists, in date order, every event the services recorded (actions, transitions,
clock stops), every message in the outbox, and every deadline: when each clock started
(with the event that started it), when it was met or missed, and when it is due.  Each
event shows the clocks it started, with the due dates they had when it was written (kept on
the event: a later extension or clock stop does not rewrite history).  Within a day, each
event is followed by what it caused, and the event that closed a case comes last.  Dates and labels come from the case's pinned config;
nothing here computes a deadline.
"""

from __future__ import annotations

from datetime import date

from complaints_process.actions import timeline_label
from complaints_process.models import CaseState, Complaint, DeadlineStatus
from complaints_process.models.deadlines import clock_label
from complaints_process.models.states import FINAL_STATES
from complaints_process.services.access import viewer_name
from complaints_process.services.cases._action import DUE_DATES_KEY
from complaints_process.services.cases.stages import BY_COMPLAINANT


def _state_label(value: str) -> str:
    return CaseState(value).label if value in CaseState.values else (value or "")


def _clock(procedures, deadline):
    procedure = procedures.get(deadline.procedure_slug)
    if procedure is None:
        return None
    try:
        return procedure.clock(deadline.clock_key)
    except KeyError:
        return None


def _day(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _who(event) -> str:
    """Who recorded the event: the officer, the complainant (online) or the system."""
    if event.user is not None:
        return event.user.get_full_name() or event.user.get_username()
    if (event.data or {}).get("by") == BY_COMPLAINANT:
        return "The complainant (online)"
    return "System"


def _due_then(row, written: dict):
    """The due date a started clock had when the event was written (events written before
    the dates were kept show the clock's date now)."""
    if row["deadline"].clock_key in written:
        value = written[row["deadline"].clock_key]
        return date.fromisoformat(value) if value else None
    return row["effective_due"]


def _deadline_rows(case: Complaint, procedures: dict, events: list) -> list[dict]:
    """Each deadline of the case with its clock's label, rule and starting event."""
    # A clock stop that moved a response past the law's latest date, as its restart recorded it.
    past_maximum = {
        (event.data or {}).get("clock"): (event.data or {}).get("statutory_maximum")
        for event in events
        if event.action == "resume_clock" and (event.data or {}).get("statutory_maximum")
    }
    rows = []
    for deadline in case.deadlines.all().order_by("starts", "id"):
        clock = _clock(procedures, deadline)
        rows.append(
            {
                "deadline": deadline,
                "label": clock_label(procedures.get(deadline.procedure_slug), deadline.clock_key),
                "rule": clock.due_text if clock else "",
                "from_event": clock.from_event if clock else "",
                "effective_due": deadline.effective_due,
                "paused": deadline.open_pause is not None if deadline.status == DeadlineStatus.PENDING else False,
                "statutory_maximum": _day(past_maximum.get(deadline.clock_key)) if deadline.procedure_slug == case.procedure_slug else None,
            }
        )
    return rows


class _DayOrder:
    """Order within a day: the events as they were recorded, each followed by what it caused
    (the clocks it met, the messages it sent); entries that no event of the day caused (a
    reminder, a clock falling due) before the event that closed the case, if one did."""

    def __init__(self, events: list):
        self.count = len(events)
        self.place = {event.pk: index for index, event in enumerate(events)}
        self.closing: dict[date, int] = {}
        for index, event in enumerate(events):
            if event.to_state in FINAL_STATES and event.from_state != event.to_state:
                self.closing.setdefault(event.occurred_on, index)
        self.met_by = {(event.event_key, event.occurred_on): index for index, event in enumerate(events) if event.event_key}

    def loose(self, day, pk) -> tuple:
        return (self.closing.get(day, self.count) - 0.5, 9, pk)

    def caused_by(self, index, rank: int, day, pk) -> tuple:
        """After the event at ``index`` (``rank`` 1: a clock met, 2: a message), else loose."""
        return (index, rank, pk) if index is not None else self.loose(day, pk)


def _event_entries(events: list, deadline_rows: list[dict], procedure) -> list[dict]:
    """The recorded events, each with the clocks it started (same procedure event, same
    day); then the clocks no recorded event started (e.g. notice clocks counted back from a
    meeting)."""
    started_by_event: dict[tuple, list[dict]] = {}
    for row in deadline_rows:
        started_by_event.setdefault((row["from_event"], row["deadline"].starts), []).append(row)
    told = {row["deadline"].clock_key: row["deadline"].extension_reason for row in deadline_rows if row["deadline"].is_extended}
    entries = []
    for index, event in enumerate(events):
        started = started_by_event.pop((event.event_key, event.occurred_on), []) if event.event_key else []
        written = (event.data or {}).get(DUE_DATES_KEY) or {}
        moved = event.from_state != event.to_state
        entries.append(
            {
                "day": event.occurred_on,
                "order": (index, 0, 0),
                "kind": "transition" if moved else "event",
                "title": timeline_label(event.action, data=event.data, event_key=event.event_key, procedure=procedure),
                "states": (_state_label(event.from_state), _state_label(event.to_state)) if moved else None,
                "reason": event.reason,
                "told": told.get((event.data or {}).get("clock"), "") if event.action == "extend" else "",
                "who": _who(event),
                "clocks_started": [{**row, "due_then": _due_then(row, written)} for row in started],
            }
        )
    for rows in started_by_event.values():
        for row in rows:
            day = row["deadline"].starts
            entries.append({"day": day, "order": (-1, 0, row["deadline"].pk), "kind": "clock", "title": f"Clock started: {row['label']}"})
    return entries


def _deadline_entries(deadline_rows: list[dict], procedures: dict, order: _DayOrder) -> list[dict]:
    """Each deadline met, missed or still due, on its day."""
    entries = []
    for row in deadline_rows:
        deadline = row["deadline"]
        if deadline.status == DeadlineStatus.MET and deadline.met_on:
            on_time = {True: "on time", False: "late", None: "no time limit"}[deadline.on_time]
            clock = _clock(procedures, deadline)
            index = order.met_by.get((clock.met_by if clock else "", deadline.met_on))
            entries.append(
                {
                    "day": deadline.met_on,
                    "order": order.caused_by(index, 1, deadline.met_on, deadline.pk),
                    "kind": "met",
                    "title": f"Met: {row['label']} ({on_time})",
                }
            )
        elif deadline.status == DeadlineStatus.MISSED and row["effective_due"]:
            day = row["effective_due"]
            entries.append({"day": day, "order": order.loose(day, deadline.pk), "kind": "missed", "title": f"Missed: {row['label']}"})
        elif deadline.status == DeadlineStatus.PENDING and row["effective_due"]:
            title = f"Due: {row['label']}" + (" (extended)" if deadline.is_extended else "") + (" — clock stopped" if row["paused"] else "")
            day = row["effective_due"]
            entries.append({"day": day, "order": order.loose(day, deadline.pk), "kind": "due", "title": title})
    return entries


def _points(case: Complaint, procedure) -> list[dict]:
    stage_names = {stage.key: stage.name for stage in procedure.stages} if procedure is not None else {}
    return [
        {"point": point, "outcomes": [(stage_names.get(o.stage, o.stage), o.get_outcome_display()) for o in point.outcomes.all()]}
        for point in case.points.prefetch_related("outcomes")
    ]


def case_page_context(case: Complaint) -> dict:
    config = case.config()
    procedures = {procedure.slug: procedure for procedure in config.procedures}
    procedure = procedures.get(case.procedure_slug)
    events = list(case.events.select_related("user").order_by("occurred_on", "id"))
    deadline_rows = _deadline_rows(case, procedures, events)
    order = _DayOrder(events)
    entries = _event_entries(events, deadline_rows, procedure) + _deadline_entries(deadline_rows, procedures, order)
    for message in _messages(case):
        message["order"] = order.caused_by(order.place.get(message.pop("cause_event_id")), 2, message["day"], message["pk"])
        entries.append(message)
    entries.sort(key=lambda entry: (entry["day"], entry["order"]))
    return {
        "case": case,
        "procedure": procedure,
        "config_version": case.config_version,
        "deadline_rows": deadline_rows,
        "timeline": entries,
        "points": _points(case, procedure),
        "appointments": list(case.appointments.all()),
        "attachments": list(case.attachments.all()),
    }


def _messages(case):
    """Messages of the outbox (if the notifications app is installed), as timeline entries."""
    notifications = getattr(case, "notifications", None)
    if notifications is None:
        return []
    entries = []
    for note in notifications.all():
        day = note.sent_at.date() if note.sent_at else note.scheduled_for
        entries.append(
            {
                "day": day,
                "pk": note.pk,
                "cause_event_id": note.cause_event_id,
                "kind": "message",
                "title": (
                    f"Message: {note.get_kind_display()} to {note.get_recipient_role_display().lower()} "
                    f"({note.get_status_display().lower()})"
                ),
            }
        )
    return entries


#: How many access records the case page lists (a subject access export has them all).
ACCESS_ROWS = 50


def access_context(case: Complaint) -> dict:
    """ "Who has viewed this case", for complaints managers: the latest views, newest first."""
    accesses = case.accesses.select_related("user").order_by("-at", "-id")
    rows = [{"at": access.at, "who": viewer_name(access.user), "what": access.get_kind_display()} for access in accesses[:ACCESS_ROWS]]
    return {"access_log": rows, "access_count": accesses.count()}
