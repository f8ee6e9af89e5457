"""Notifications: what is sent to whom, queued in the outbox and rendered from templates.

* The complainant's confirmation (with the status link) is queued by ``queue_confirmation``
  when a complaint is filed; its link is derived when it is sent (``public_mail.status_url``).
* ``queue_for_case_action`` receives ``case_transitioned`` (inside the action's transaction)
  and queues the complainant's message for the action (acknowledgement, extension, stage
  response, escalation received, panel notice, lapse closure, Ombudsman signposting), then
  asks the worker to send it once the transaction commits.
* ``queue`` writes outbox rows; the unique idempotency key makes a repeat a no-op.
* ``addresses`` resolves a recipient role to email addresses when the message is sent, so the
  outbox stores none.
* ``render`` renders ``complaints_process/email/<kind>.subject.txt|.txt|.html``, preferring
  the authority's own ``complaints_process/email/<authority slug>/<kind>...`` where it exists
  (``select_template``).  The subject is rendered from a short whitelist (reference, authority,
  clock label, dates), never the case, so no subject can carry a name.

Who receives reminders and overdue alerts comes from the case's procedure config
(``notifications: reminders_to / overdue_alerts_to``), as do the reminder offsets
(``reminders:`` on each clock).  The complainant's own messages go to the complainant; their
recipients default to ``DEFAULT_RECIPIENTS`` and may be changed for the site with
``settings.COMPLAINTS_PROCESS_NOTIFICATION_RECIPIENTS = {"extension": []}`` (an empty list
turns a kind off).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone, translation

from complaints_process.core import wording
from complaints_process.models import (
    AuthorityTeam,
    Complaint,
    Notification,
    NotificationKind,
    RecipientRole,
    TeamRole,
)
from complaints_process.models.deadlines import clock_label
from complaints_process.signals import case_transitioned

from . import public_mail

logger = logging.getLogger("complaints_process.notifications")

K = NotificationKind
R = RecipientRole

DEFAULT_RECIPIENTS: dict[str, tuple[str, ...]] = {
    K.CONFIRMATION: (R.COMPLAINANT,),
    K.ACKNOWLEDGEMENT: (R.COMPLAINANT,),
    K.EXTENSION: (R.COMPLAINANT,),
    K.STAGE_RESPONSE: (R.COMPLAINANT,),
    K.ESCALATION_RECEIVED: (R.COMPLAINANT,),
    K.PANEL_NOTICE: (R.COMPLAINANT,),
    K.LAPSE_CLOSURE: (R.COMPLAINANT,),
    K.OMBUDSMAN_SIGNPOSTING: (R.COMPLAINANT,),
    K.PAST_STATUTORY_MAXIMUM: (R.COMPLAINANT,),
    K.REMINDER: (R.OWNER,),
    K.OVERDUE: (R.OWNER, R.COMPLAINTS_MANAGER),
    K.LAPSE_BLOCKED: (R.COMPLAINTS_MANAGER,),
}

# The case action (a key of ``complaints_process.actions.ACTIONS``) whose event causes a
# message to the complainant.
ACTION_KINDS: dict[str, str] = {
    "acknowledge": K.ACKNOWLEDGEMENT,
    "extend": K.EXTENSION,
    "respond": K.STAGE_RESPONSE,
    "escalate": K.ESCALATION_RECEIVED,
    "convene_panel": K.PANEL_NOTICE,
    "lapse": K.LAPSE_CLOSURE,
    "close": K.OMBUDSMAN_SIGNPOSTING,
}

FLUSH_TASK = "complaints_process.work.tasks.flush_outbox"


def recipients_for(kind: str) -> tuple[str, ...]:
    overrides = getattr(settings, "COMPLAINTS_PROCESS_NOTIFICATION_RECIPIENTS", None) or {}
    roles = overrides.get(str(kind), DEFAULT_RECIPIENTS.get(kind, ()))
    unknown = set(roles) - set(RecipientRole.values)
    if unknown:
        raise ValueError(f"COMPLAINTS_PROCESS_NOTIFICATION_RECIPIENTS: unknown recipient roles {sorted(unknown)}")
    return tuple(roles)


# --- queueing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    """One outbox row to write (one per recipient role)."""

    case_id: int
    kind: str
    role: str
    key: str
    scheduled_for: date
    deadline_id: int | None = None
    due: date | None = None
    cause_event_id: int | None = None
    data: dict | None = None

    def row(self) -> Notification:
        return Notification(
            case_id=self.case_id,
            kind=self.kind,
            recipient_role=self.role,
            idempotency_key=self.key,
            scheduled_for=self.scheduled_for,
            deadline_id=self.deadline_id,
            due=self.due,
            cause_event_id=self.cause_event_id,
            data=self.data or {},
        )


def pending_for(kind: str, *, case_id: int, key: str, scheduled_for: date, roles=None, **fields) -> list[Pending]:
    """The rows for ``kind``, one per recipient role (``roles``, else the site's defaults for
    the kind); ``key`` gets the role appended."""
    return [
        Pending(case_id=case_id, kind=kind, role=role, key=f"{key}:{role}", scheduled_for=scheduled_for, **fields)
        for role in (recipients_for(kind) if roles is None else roles)
    ]


def queue(pending: list[Pending]) -> int:
    """Write the rows whose keys are new (in the caller's transaction); return how many.

    Existing keys are read first (one query) so a sweep that finds the same work again writes
    nothing; ``ignore_conflicts`` covers the race with a second worker inserting the same key
    at the same moment, and the unique constraint is the guarantee.
    """
    if not pending:
        return 0
    keys = [item.key for item in pending]
    existing = set(Notification.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True))
    new = [item.row() for item in pending if item.key not in existing]
    if new:
        Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def queue_confirmation(case) -> None:
    """Queue the complainant's confirmation (in the filing's transaction) and ask for a flush
    after commit; its status link is made when it is sent (``public_mail.status_url``)."""
    if not case.complainant_email:
        return
    pending = pending_for(K.CONFIRMATION, case_id=case.pk, key=f"confirmation:{case.pk}", scheduled_for=timezone.localdate())
    if queue(pending):
        request_flush()


def request_flush() -> None:
    """Ask the worker to send the outbox once the current transaction commits.

    Only a task name goes to the broker (no arguments).  If the broker cannot be reached the
    rows stay queued and the next sweep sends them.
    """

    def enqueue():
        from django_q.tasks import async_task

        try:
            async_task(FLUSH_TASK, q_options={"group": "complaints_outbox"})
        except Exception as error:  # the broker is down: the sweep will flush
            logger.warning("Could not enqueue the outbox flush (%s); the next sweep will send it.", type(error).__name__)

    transaction.on_commit(enqueue)


def connect_receivers() -> None:
    """Listen to ``case_transitioned`` (from ``AppConfig.ready``; the fixed dispatch uid makes a
    second call a no-op)."""
    case_transitioned.connect(queue_for_case_action, dispatch_uid="complaints_process.notifications.queue")


def queue_for_case_action(*, case: Complaint, action: str, event=None, **_ignored) -> None:
    """``case_transitioned`` receiver: queue the complainant's message for this action."""
    kind = ACTION_KINDS.get(action)
    if action == "resume_clock" and event is not None and event.data.get("statutory_maximum"):
        kind = K.PAST_STATUTORY_MAXIMUM  # a clock stop moved a response past the law's latest date
    if kind is None or event is None:
        return
    data = {"action": action}
    deadline_id = None
    if kind == K.EXTENSION:
        deadline = case.stage_response_deadline()
        deadline_id = deadline.pk if deadline is not None else None
    if kind == K.PAST_STATUTORY_MAXIMUM:
        deadline = case.deadlines.filter(clock_key=event.data.get("clock", "")).exclude(status="cancelled").first()
        deadline_id = deadline.pk if deadline is not None else None
        data.update(statutory_maximum=event.data["statutory_maximum"], due_after=event.data.get("due_after", ""))
    pending = pending_for(
        kind,
        case_id=case.pk,
        key=f"{kind}:event:{event.pk}",
        scheduled_for=event.occurred_on,
        cause_event_id=event.pk,
        deadline_id=deadline_id,
        data=data,
    )
    if queue(pending):
        request_flush()


# --- recipients -----------------------------------------------------------------------------


def _team_addresses(authority_id: int, role: str) -> list[str]:
    team = AuthorityTeam.objects.filter(authority_id=authority_id, role=role).values_list("group_id", flat=True).first()
    if team is None:
        return []
    users = get_user_model().objects.filter(groups__id=team, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def owner_addresses(case: Complaint) -> list[str]:
    """The case owner: ``case.owner`` if the case model has one, else the authority's
    complaints officers, else its complaints managers (so a reminder always reaches someone
    responsible)."""
    owner = getattr(case, "owner", None)
    email = getattr(owner, "email", "") if owner is not None else ""
    if email and getattr(owner, "is_active", True):
        return [email]
    return _team_addresses(case.authority_id, TeamRole.COMPLAINTS_OFFICER) or _team_addresses(
        case.authority_id, TeamRole.COMPLAINTS_MANAGER
    )


def addresses(case: Complaint, role: str) -> list[str]:
    if role == R.COMPLAINANT:
        return [case.complainant_email] if case.complainant_email else []
    if role == R.COMPLAINTS_MANAGER:
        return _team_addresses(case.authority_id, TeamRole.COMPLAINTS_MANAGER)
    if role == R.OWNER:
        return owner_addresses(case)
    raise ValueError(f"unknown recipient role {role!r}")


# --- rendering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str | None


def _names(authority_slug: str, kind: str, suffix: str) -> list[str]:
    return [
        f"complaints_process/email/{authority_slug}/{kind}.{suffix}",
        f"complaints_process/email/{kind}.{suffix}",
    ]


def _stage_name(case: Complaint, stage_key: str | None) -> str:
    if not stage_key:
        return ""
    try:
        return case.procedure().stage(stage_key).name
    except KeyError:
        return stage_key


def _next_stage_name(case: Complaint) -> str:
    key = case.next_stage_key() if case.is_open else None
    return _stage_name(case, key) if key else ""


def context_for(notification: Notification) -> tuple[dict, dict]:
    """``(subject_context, body_context)`` for a notification, read now from the case."""
    case = notification.case
    config = case.config()
    procedure = case.procedure()
    deadline = notification.deadline
    event = notification.cause_event
    event_data = event.data if event is not None else {}
    label = clock_label(procedure, deadline.clock_key) if deadline is not None else ""
    subject = {
        "reference": case.reference,
        "authority_name": case.authority.name,
        "label": label,
        "due": notification.due,
    }
    body = {
        **subject,
        "kind": notification.kind,
        "recipient_role": notification.recipient_role,
        "case": case,
        "procedure_name": procedure.name,
        "contact": config.contact,
        "contact_lines": wording.contact_lines(config.contact),
        "status_lookup_url": public_mail.base_url() + reverse("complaints_process:status_lookup"),
        "next_stage_name": _next_stage_name(case),
        "deadline": deadline,
        "event": event,
        "reminder": notification.data.get("reminder", ""),
        "stage_name": _stage_name(case, event_data.get("stage") or case.stage_key),
        "ombudsman_name": case.ombudsman_name or (procedure.ombudsman.name if procedure.ombudsman else ""),
        "ombudsman_url": case.ombudsman_url or (procedure.ombudsman.url if procedure.ombudsman else "") or "",
        "ombudsman_time_limit": wording.ombudsman_time_limit(procedure.ombudsman),
        "panel_meeting_on": case.panel_meeting_on,
        "closed_on": case.closed_on,
        "window": case.escalation_window() if case.is_open else None,
        "response_due": _response_due(case),
    }
    if notification.kind == K.PAST_STATUTORY_MAXIMUM:
        body["new_due"] = _iso(notification.data.get("due_after"))
        body["statutory_maximum"] = _iso(notification.data.get("statutory_maximum"))
    if notification.kind == K.EXTENSION and deadline is not None:
        body["new_due"] = deadline.extended_due
        body["extension_reason"] = deadline.extension_reason
    if notification.kind == K.CONFIRMATION:
        body["status_url"] = public_mail.status_url(case)  # derived now: the token is never stored
        body["acknowledgement_due"] = _acknowledgement_due(case)
    return subject, body


def preview_extension(case: Complaint, *, reason: str, new_due: date | None) -> Message | None:
    """The extension email exactly as ``extend`` would send it to the complainant, with this
    reason and date, before anything is recorded; None if the complainant would not get it
    (no email address, or the site turned the message off)."""
    if R.COMPLAINANT not in recipients_for(K.EXTENSION) or not addresses(case, R.COMPLAINANT):
        return None
    draft = Notification(case=case, kind=K.EXTENSION, recipient_role=R.COMPLAINANT, deadline=case.stage_response_deadline())
    return render(draft, new_due=new_due, extension_reason=reason)


def _acknowledgement_due(case: Complaint):
    deadline = case.deadlines.filter(clock_key="acknowledgement").first()
    return deadline.effective_due if deadline is not None else None


def _iso(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _response_due(case: Complaint):
    """The due date of the response the complainant is waiting for, if any."""
    deadline = (
        case.deadlines.open()
        .filter(kind="response", stage__gt="")
        .exclude(due__isnull=True, extended_due__isnull=True)
        .order_by("due", "id")
        .first()
    )
    return deadline.effective_due if deadline is not None else None


def language_for(notification: Notification) -> str:
    """The language a message is written in: the complainant's own (the page they complained
    on, ``Complaint.language``) for them, the site's default for staff."""
    if notification.recipient_role == R.COMPLAINANT and notification.case.language:
        return notification.case.language
    return settings.LANGUAGE_CODE


def render(notification: Notification, **draft) -> Message:
    """The message for a notification, with the authority's templates where it has them, in
    its reader's language (``language_for``), links and dates included.
    ``draft`` values replace those of the body's context (a preview before the action)."""
    with translation.override(language_for(notification)):
        return _render(notification, **draft)


def _render(notification: Notification, **draft) -> Message:
    slug = notification.case.authority.slug
    kind = notification.kind
    subject_context, body_context = context_for(notification)
    body_context.update(draft)
    subject = select_template(_names(slug, kind, "subject.txt")).render(subject_context)
    subject = " ".join(subject.split())  # one line: headers cannot hold newlines
    text = select_template(_names(slug, kind, "txt")).render(body_context)
    try:
        html = select_template(_names(slug, kind, "html")).render(body_context)
    except TemplateDoesNotExist:
        html = None
    return Message(subject=subject, text=text, html=html)
