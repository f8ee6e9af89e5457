"""The deadline sweep: one periodic pass over indexed deadline rows.

Why one sweep and not one Django-Q2 schedule per deadline: Django-Q2's scheduler reads every
due ``Schedule`` row each cycle without an index on ``next_run`` and re-parses its arguments
with ``ast.literal_eval``; a schedule per reminder would grow with the number of cases and
move state that belongs to the case (a deadline extended, paused or met) into rows that would
each need updating.  Instead, one ``Schedule`` runs this function every few minutes, and the
work is derived from the deadline rows themselves, so nothing can disagree with them.

What one sweep does for ``today`` (everything on or before it, so a sweep after days of
downtime catches up once, in date order):

* **reminders** to the case owner: for each pending deadline and each ``reminders:`` offset
  of its clock in the case's pinned config ("2 working days before"), counted on the
  authority's working-day calendar from the effective (extended) due date; queued when that
  day is on or before ``today``.
* **overdue alerts** to the owner and the complaints managers on the day after a missed
  response/processing deadline (effective due < today).  The deadline row is left
  ``pending``: the domain meets it when the late response is recorded, which is what the
  timeliness report needs (``on_time=False``).
* **lapses**: a complainant's escalation window (``kind: window``) that passed closes the
  case through the ``lapse`` service as the system user, dated the day after the window.
  If it cannot (the case moved on meanwhile), the complaints managers are told instead.
* then it **flushes the outbox** (``work.outbox.flush``).

Bounded work: the candidates come from one query on ``Deadline(status, due)`` (the existing
``deadline_status_due`` index; an extension only ever moves a date later, so
``due <= horizon`` is implied by ``effective due <= horizon``) for pending deadlines due
within the longest configured reminder offset, minus those already alerted for their current
due date (a ``NOT EXISTS`` on the outbox's ``(deadline, kind, due)`` index).  So the rows read
are those due soon or newly overdue, never every open case.  Queries per sweep: that one,
one for the configs in use, one per authority with due work (its calendar), and two to queue
the messages; plus one service call per lapsing case and the sends.

Exactly once: every message is an outbox row with a unique idempotency key
(``reminder:<deadline>:<due>:<offset>:<role>``, ``overdue:<deadline>:<due>:<role>``), so two
sweeps at once, a retried task or a catch-up after a crash queue each message once.  A second
lapse of the same case is refused by the service (row lock + state check) and ignored here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from complaints_process import clocks
from complaints_process.exceptions import CaseError, InvalidAction
from complaints_process.models import (
    FINAL_STATES,
    OPEN_STATES,
    Deadline,
    DeadlineStatus,
    Notification,
    NotificationKind,
    ProcessConfigVersion,
)
from complaints_process.services import cases as case_services
from complaints_process.services import notifications as service

from . import outbox

logger = logging.getLogger("complaints_process.work.sweep")

K = NotificationKind
WINDOW = "window"
# Working days to calendar days, generously: weekends, plus the longest run of bank holidays
# and closure days an authority might have (Christmas to New Year).
HORIZON_SLACK_DAYS = 21

REMINDER, OVERDUE, LAPSE = 0, 1, 2  # order of work falling due on the same day


@dataclass(frozen=True, order=True)
class DueWork:
    on: date
    order: int
    deadline_id: int
    offset: str = ""


def reminder_horizons() -> tuple[int, int]:
    """Calendar days covering the longest ``before`` and ``after`` reminder in use."""
    before = after = 0
    versions = ProcessConfigVersion.objects.filter(complaints__state__in=OPEN_STATES).distinct().defer("resolved", "source_text")
    for version in versions:
        for procedure in version.config().procedures:
            for clock in procedure.clocks:
                for reminder in clock.reminders:
                    if reminder.direction == "before":
                        before = max(before, reminder.comparable_days())
                    else:
                        after = max(after, reminder.comparable_days())
    return before + HORIZON_SLACK_DAYS, (after + HORIZON_SLACK_DAYS if after else 0)


def candidates(day: date):
    """Pending deadlines with work due on or before ``day``, or a reminder that might be."""
    before, after = reminder_horizons()
    until = day + timedelta(days=before)
    alerted = Notification.objects.filter(deadline_id=OuterRef("pk"), kind__in=[K.OVERDUE, K.LAPSE_BLOCKED], due=OuterRef("effective_on"))
    rows = (
        Deadline.objects.filter(status=DeadlineStatus.PENDING)
        .filter(Q(due__lte=until) | Q(due__isnull=True, extended_on__isnull=False))
        .with_effective_due()
        .filter(effective_on__lte=until)
        .exclude(case__state__in=FINAL_STATES)
    )
    not_alerted = ~Exists(alerted)
    if after:
        not_alerted |= Q(effective_on__gte=day - timedelta(days=after))
    return rows.filter(not_alerted).select_related("case__authority", "case__config_version").order_by("effective_on", "id")


def _clock(deadline: Deadline):
    try:
        return deadline.case.procedure().clock(deadline.clock_key)
    except KeyError:
        return None


def plan(day: date, rows) -> list[DueWork]:
    """Everything that fell due on or before ``day``, in date order."""
    calendars = {}
    work = []
    for deadline in rows:
        due = deadline.effective_on
        clock = _clock(deadline)
        if clock is not None and clock.reminders:
            authority = deadline.case.authority
            if authority.pk not in calendars:
                calendars[authority.pk] = clocks.calendar_for(authority)
            for reminder in clock.reminders:
                on = max(reminder.apply(due, calendars[authority.pk]), deadline.starts)
                if on <= day:
                    work.append(DueWork(on, REMINDER, deadline.pk, reminder.text))
        if due < day:
            work.append(DueWork(due + timedelta(days=1), LAPSE if deadline.kind == WINDOW else OVERDUE, deadline.pk))
    return sorted(work)


def _slug(text: str) -> str:
    return "_".join(text.lower().split())


def _messages(item: DueWork, deadline: Deadline) -> list:
    due = deadline.effective_on
    fields = {"case_id": deadline.case_id, "scheduled_for": item.on, "deadline_id": deadline.pk, "due": due}
    recipients = deadline.case.procedure().notifications  # who hears, from the pinned config
    if item.order == REMINDER:
        key = f"reminder:{deadline.pk}:{due.isoformat()}:{_slug(item.offset)}"
        data = {"clock": deadline.clock_key, "reminder": item.offset}
        return service.pending_for(K.REMINDER, key=key, data=data, roles=recipients.reminders_to, **fields)
    key = f"overdue:{deadline.pk}:{due.isoformat()}"
    return service.pending_for(K.OVERDUE, key=key, data={"clock": deadline.clock_key}, roles=recipients.overdue_alerts_to, **fields)


def lapse_case(deadline: Deadline, item: DueWork, day: date) -> str:
    """Close the case whose window lapsed, as the system, dated the day after the window."""
    case = deadline.case
    for on in dict.fromkeys((item.on, day)):  # the lapse day; today if a later event forbids it
        try:
            case_services.lapse(case, user=None, on=on)
            logger.info("Lapsed case %s (window %s)", case.pk, deadline.pk)
            return "lapsed"
        except InvalidAction:
            continue
        except CaseError as error:
            logger.info("Case %s not lapsed: %s", case.pk, type(error).__name__)
            break
    if not Deadline.objects.filter(pk=deadline.pk, status=DeadlineStatus.PENDING).exists():
        return "already-done"  # another worker lapsed it, or the complainant escalated
    due = deadline.effective_on
    with transaction.atomic():
        service.queue(
            service.pending_for(
                K.LAPSE_BLOCKED,
                case_id=case.pk,
                key=f"lapse_blocked:{deadline.pk}:{due.isoformat()}",
                scheduled_for=item.on,
                deadline_id=deadline.pk,
                due=due,
                data={"clock": deadline.clock_key},
            )
        )
    logger.warning("Case %s: escalation window %s passed but the case could not be closed", case.pk, deadline.pk)
    return "blocked"


def run_deadline_sweep(today: str | None = None, *, flush: bool = True) -> dict:
    """Do every reminder, overdue alert and lapse due on or before ``today`` (ISO date;
    default: today in ``TIME_ZONE``), then send the outbox.  Safe to run at any time, any
    number of times, from any number of workers."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    rows = {deadline.pk: deadline for deadline in candidates(day)}
    work = plan(day, rows.values())
    summary = {"today": day.isoformat(), "reminders": 0, "overdue": 0, "lapsed": 0, "lapse_blocked": 0}
    messages = [m for item in work if item.order != LAPSE for m in _messages(item, rows[item.deadline_id])]
    with transaction.atomic():
        queued = service.queue(messages)
    summary["queued"] = queued
    summary["reminders"] = sum(1 for item in work if item.order == REMINDER)
    summary["overdue"] = sum(1 for item in work if item.order == OVERDUE)
    for item in work:
        if item.order == LAPSE:
            outcome = lapse_case(rows[item.deadline_id], item, day)
            if outcome == "lapsed":
                summary["lapsed"] += 1
            elif outcome == "blocked":
                summary["lapse_blocked"] += 1
    if flush:
        summary["sent"] = outbox.flush()
    logger.info("Deadline sweep for %s: %s", day.isoformat(), {k: v for k, v in summary.items() if k != "sent"})
    return summary
