"""Sending the outbox: claim, send, mark sent, record on the case timeline.

Exactly once, with any number of workers:

1. **Claim** a batch with one conditional ``UPDATE ... SET status='sending', claim_token=<mine>,
   claimed_until=now+lease WHERE id IN (...) AND <still claimable>``.  The ``WHERE`` is
   re-checked under the row lock, so of two workers claiming the same row only one updates
   it; the other's update counts 0 rows for it.  On PostgreSQL the candidates are first read
   with ``SELECT ... FOR UPDATE SKIP LOCKED``, so concurrent workers take different rows
   instead of queueing behind each other.  This works on every database Django supports.
2. **Send** each claimed row whose lease still holds, through Django's email backend.
3. **Mark** it ``sent`` only if it is still ours (``claim_token``), and write a
   ``notification_sent`` ``CaseEvent`` in the same transaction.

A worker killed after 1 and before 2 leaves rows ``sending``; once the lease
(``COMPLAINTS_PROCESS_OUTBOX_LEASE_SECONDS``, default 600) has expired they are claimable
again and the next flush sends them: nothing is lost, nothing is sent twice.  The lease is
longer than Django-Q2's task ``timeout`` (which is below ``retry``), so a row is never claimed
again while the task that claimed it may still be running.  The one window no outbox can close
is a crash after the mail server accepted a message and before step 3 commits: SMTP has no
idempotency key, so that message would be sent again (at-least-once, by a few milliseconds).

Send errors put the row back in the queue with a back-off (``claimed_until`` is then "not
before"); after ``MAX_ATTEMPTS`` it is ``failed`` and the case timeline says so.  Logs carry
notification and case ids and the exception class, never addresses, names or error messages.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from complaints_process.models import CaseEvent, Notification, NotificationStatus
from complaints_process.services import notifications as service

logger = logging.getLogger("complaints_process.work.outbox")

S = NotificationStatus
BATCH_SIZE = 50
MAX_ATTEMPTS = 5
MAX_BATCHES = 200  # one flush sends at most BATCH_SIZE * MAX_BATCHES messages; the next continues
SENT_ACTION = "notification_sent"
NOT_SENT_ACTION = "notification_not_sent"


def lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "COMPLAINTS_PROCESS_OUTBOX_LEASE_SECONDS", 600)))


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(60, 2**attempts))


def claimable(now) -> Q:
    """Queued (and not waiting out a back-off), or being sent by a worker whose lease expired."""
    waiting = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    return (Q(status=S.QUEUED) & waiting) | Q(status=S.SENDING, claimed_until__lte=now)


def claim(limit: int = BATCH_SIZE, now=None) -> tuple[str, list[int]]:
    """Claim up to ``limit`` rows in date order; returns ``(token, ids)``."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        candidates = Notification.objects.filter(claimable(now)).order_by("scheduled_for", "id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:limit])
        if not ids:
            return token, []
        Notification.objects.filter(claimable(now), pk__in=ids).update(
            status=S.SENDING, claim_token=token, claimed_until=now + lease(), attempts=F("attempts") + 1
        )
    mine = Notification.objects.filter(claim_token=token, status=S.SENDING).order_by("scheduled_for", "id")
    return token, list(mine.values_list("pk", flat=True))


def deliver(message: EmailMultiAlternatives) -> None:
    """Hand the message to Django's email backend (a seam for tests)."""
    message.send(fail_silently=False)


def _timeline(notification: Notification, action: str, extra: dict) -> CaseEvent:
    case = notification.case
    return CaseEvent.objects.create(
        case=case,
        action=action,
        occurred_on=notification.scheduled_for,
        from_state=case.state,
        to_state=case.state,
        data={
            "notification": notification.pk,
            "kind": notification.kind,
            "recipient": notification.recipient_role,
            **({"clock": notification.deadline.clock_key} if notification.deadline_id else {}),
            **extra,
        },
    )


def _finish(notification: Notification, token: str, status: str, action: str | None, extra: dict) -> bool:
    """Mark the row ``status`` if it is still ours, with its timeline event; False if lost."""
    with transaction.atomic():
        fields = {"status": status, "claimed_until": None}
        if status == S.SENT:
            fields["sent_at"] = timezone.now()
        ours = Notification.objects.filter(pk=notification.pk, claim_token=token, status=S.SENDING).update(**fields)
        if not ours:
            return False
        if action:
            event = _timeline(notification, action, extra)
            Notification.objects.filter(pk=notification.pk).update(sent_event=event)
    return True


def _retry_or_fail(notification: Notification, token: str, error: BaseException) -> str:
    name = type(error).__name__[:200]
    if notification.attempts >= MAX_ATTEMPTS:
        with transaction.atomic():
            updated = Notification.objects.filter(pk=notification.pk, claim_token=token, status=S.SENDING).update(
                status=S.FAILED, claimed_until=None, last_error=name
            )
            if updated:
                _timeline(notification, NOT_SENT_ACTION, {"why": "failed", "attempts": notification.attempts})
        logger.error(
            "Notification %s (%s, case %s) failed after %s attempts: %s",
            notification.pk,
            notification.kind,
            notification.case_id,
            notification.attempts,
            name,
        )
        return "failed"
    Notification.objects.filter(pk=notification.pk, claim_token=token, status=S.SENDING).update(
        status=S.QUEUED, claimed_until=timezone.now() + backoff(notification.attempts), last_error=name
    )
    logger.warning("Notification %s (%s, case %s) not sent, will retry: %s", notification.pk, notification.kind, notification.case_id, name)
    return "retry"


def send_one(pk: int, token: str) -> str:
    """Send one claimed notification; returns what happened."""
    notification = (
        Notification.objects.select_related("case__authority", "case__config_version", "deadline", "cause_event")
        .filter(pk=pk, claim_token=token, status=S.SENDING)
        .first()
    )
    if notification is None:
        return "lost"  # someone else took it over after our lease expired
    if notification.claimed_until is None or notification.claimed_until <= timezone.now():
        return "expired"  # leave it: another flush may already be sending it
    try:
        to = service.addresses(notification.case, notification.recipient_role)
        if not to:
            _finish(notification, token, S.SKIPPED, NOT_SENT_ACTION, {"why": "no address"})
            logger.info(
                "Notification %s (%s, case %s) skipped: no address for %s",
                pk,
                notification.kind,
                notification.case_id,
                notification.recipient_role,
            )
            return "skipped"
        rendered = service.render(notification)
        message = EmailMultiAlternatives(rendered.subject, rendered.text, settings.DEFAULT_FROM_EMAIL, to)
        if rendered.html:
            message.attach_alternative(rendered.html, "text/html")
    except Exception as error:
        return _retry_or_fail(notification, token, error)
    try:
        deliver(message)
    except Exception as error:
        return _retry_or_fail(notification, token, error)
    if not _finish(notification, token, S.SENT, SENT_ACTION, {"recipients": len(to)}):
        logger.warning("Notification %s was sent but its claim had been taken over", pk)
        return "sent-lost-claim"
    logger.info("Sent notification %s (%s, case %s)", pk, notification.kind, notification.case_id)
    return "sent"


@dataclass
class FlushResult:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1


def flush(batch_size: int = BATCH_SIZE, max_batches: int = MAX_BATCHES) -> dict[str, int]:
    """Send everything claimable, in date order, batch by batch."""
    result = FlushResult()
    for _ in range(max_batches):
        token, ids = claim(batch_size)
        if not ids:
            break
        for pk in ids:
            result.add(send_one(pk, token))
    return result.counts
