"""The case page's content: summary, points, people, attachments, deadlines and the timeline.

The timeline lists, in date order, every event the services recorded (actions, transitions,
clock stops), every message in the outbox, and every deadline: when each clock started
(with the event that started it), when it was met or missed, and when it is due.  Each
event shows the clocks it started.  Dates and labels come from the case's pinned config;
nothing here computes a deadline.
"""

from __future__ import annotations

from complaints_process.actions import ACTIONS
from complaints_process.models import CaseState, DeadlineStatus

from .admin_access import Complaint


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


def _event_label(procedure, event) -> str:
    if event.action == "update_learning_action" and (event.data or {}).get("done"):
        label = "Learning action done"
    elif event.action in ACTIONS:
        label = ACTIONS[event.action].timeline
    else:
        label = event.action.replace("_", " ").capitalize()
    if event.event_key and procedure is not None:
        try:
            return procedure.event(event.event_key).label
        except KeyError:
            pass
    return label


def case_page_context(case: Complaint) -> dict:
    config = case.config()
    procedures = {procedure.slug: procedure for procedure in config.procedures}
    procedure = procedures.get(case.procedure_slug)
    deadlines = list(case.deadlines.all().order_by("starts", "id"))
    events = list(case.events.select_related("user").order_by("occurred_on", "id"))

    deadline_rows = []
    for deadline in deadlines:
        clock = _clock(procedures, deadline)
        deadline_rows.append(
            {
                "deadline": deadline,
                "label": clock.label if clock else deadline.clock_key,
                "rule": clock.due_text if clock else "",
                "from_event": clock.from_event if clock else "",
                "effective_due": deadline.effective_due,
                "paused": deadline.open_pause is not None if deadline.status == DeadlineStatus.PENDING else False,
            }
        )

    # Which clocks each event started: same procedure event, same day.
    started_by_event = {}
    for row in deadline_rows:
        started_by_event.setdefault((row["from_event"], row["deadline"].starts), []).append(row)

    entries = []
    for index, event in enumerate(events):
        started = started_by_event.pop((event.event_key, event.occurred_on), []) if event.event_key else []
        entries.append(
            {
                "day": event.occurred_on,
                "order": (0, index),
                "kind": "transition" if event.from_state != event.to_state else "event",
                "title": _event_label(procedure, event),
                "states": (_state_label(event.from_state), _state_label(event.to_state)) if event.from_state != event.to_state else None,
                "reason": event.reason,
                "who": (event.user.get_full_name() or event.user.get_username()) if event.user else "System",
                "clocks_started": started,
            }
        )
    # Clocks not started by a recorded event (e.g. notice clocks counted back from a meeting).
    for rows in started_by_event.values():
        for row in rows:
            entries.append(
                {
                    "day": row["deadline"].starts,
                    "order": (1, row["deadline"].pk),
                    "kind": "clock",
                    "title": f"Clock started: {row['label']}",
                }
            )
    for row in deadline_rows:
        deadline = row["deadline"]
        if deadline.status == DeadlineStatus.MET and deadline.met_on:
            on_time = {True: "on time", False: "late", None: "no time limit"}[deadline.on_time]
            entries.append({"day": deadline.met_on, "order": (2, deadline.pk), "kind": "met", "title": f"Met: {row['label']} ({on_time})"})
        elif deadline.status == DeadlineStatus.MISSED and row["effective_due"]:
            entries.append({"day": row["effective_due"], "order": (2, deadline.pk), "kind": "missed", "title": f"Missed: {row['label']}"})
        elif deadline.status == DeadlineStatus.PENDING and row["effective_due"]:
            title = f"Due: {row['label']}" + (" (extended)" if deadline.is_extended else "") + (" — clock stopped" if row["paused"] else "")
            entries.append({"day": row["effective_due"], "order": (3, deadline.pk), "kind": "due", "title": title})
    for message in _messages(case):
        entries.append(message)
    entries.sort(key=lambda entry: (entry["day"], entry["order"]))

    stage_names = {stage.key: stage.name for stage in procedure.stages} if procedure is not None else {}
    points = []
    for point in case.points.prefetch_related("outcomes"):
        outcomes = [(stage_names.get(o.stage, o.stage), o.get_outcome_display()) for o in point.outcomes.all()]
        points.append({"point": point, "outcomes": outcomes})

    return {
        "case": case,
        "procedure": procedure,
        "config_version": case.config_version,
        "deadline_rows": deadline_rows,
        "timeline": entries,
        "points": points,
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
                "order": (4, note.pk),
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
    from complaints_process.services.access import viewer_name

    accesses = case.accesses.select_related("user").order_by("-at", "-id")
    rows = [{"at": access.at, "who": viewer_name(access.user), "what": access.get_kind_display()} for access in accesses[:ACCESS_ROWS]]
    return {"access_log": rows, "access_count": accesses.count()}
