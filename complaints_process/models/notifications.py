"""The outbox: every message the product sends, as a row written before it is sent.

A ``Notification`` is created in the same database transaction as the thing that causes it
(a case action, or the deadline sweep finding a reminder or an overdue deadline), with a
unique ``idempotency_key`` such as ``reminder:<deadline id>:<due date>:<offset>:owner``.  The
unique constraint is what makes each message exactly once: a second sweep, a retried task or
a second worker inserting the same key inserts nothing.

The sender (``complaints_process.work.outbox``) claims queued rows with a lease
(``status=sending``, ``claimed_until``), sends, then marks them ``sent`` and writes a
``notification_sent`` event on the case timeline.  A worker killed after claiming leaves the
row ``sending`` with a lease that expires; the next flush claims it again, so nothing is lost.

No addresses are stored: they are read when the message is sent (the complainant's from the
case, staff from their user accounts), so the outbox holds no personal data beyond the case
it belongs to.  ``last_error`` holds an exception class name only, never its message.
"""

from __future__ import annotations

from django.db import models


class NotificationKind(models.TextChoices):
    # To the complainant, queued when a complaint is filed on the form or through the API.
    CONFIRMATION = "confirmation", "Complaint received, with the status link"
    # To the complainant, queued by a case action (``case_transitioned``).
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    EXTENSION = "extension", "Extension of the response time"
    STAGE_RESPONSE = "stage_response", "Stage response sent"
    ESCALATION_RECEIVED = "escalation_received", "Request for the next stage received"
    PANEL_NOTICE = "panel_notice", "Review panel notice"
    LAPSE_CLOSURE = "lapse_closure", "Closed: the escalation window lapsed"
    OMBUDSMAN_SIGNPOSTING = "ombudsman_signposting", "Closed: Ombudsman signposting"
    PAST_STATUTORY_MAXIMUM = "past_statutory_maximum", "A clock stop moved the response past the latest date the law allows"
    # To staff, queued by the deadline sweep.
    REMINDER = "reminder", "Deadline reminder"
    OVERDUE = "overdue", "Deadline missed"
    LAPSE_BLOCKED = "lapse_blocked", "Escalation window passed, case not closed automatically"


class RecipientRole(models.TextChoices):
    COMPLAINANT = "complainant", "The complainant"
    OWNER = "owner", "The case owner"
    COMPLAINTS_MANAGER = "complaints_manager", "The authority's complaints managers"


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Not sent: no address"
    FAILED = "failed", "Failed"


class Notification(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    recipient_role = models.CharField(max_length=40, choices=RecipientRole.choices)
    deadline = models.ForeignKey(
        "complaints_process.Deadline", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    due = models.DateField(null=True, blank=True, help_text="The due date the message is about (reminders, alerts).")
    cause_event = models.ForeignKey("complaints_process.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    scheduled_for = models.DateField(help_text="The day the message fell due; the sender goes in this order.")
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=20, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED)
    claimed_until = models.DateTimeField(
        null=True, blank=True, help_text="While sending: the lease's end. While queued after a failure: not before."
    )
    claim_token = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True, help_text="Exception class only, never its message.")
    data = models.JSONField(default=dict, blank=True, help_text="Non-personal details: clock key, reminder offset.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_event = models.ForeignKey("complaints_process.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["scheduled_for", "id"]
        indexes = [
            # The sender's claim: unsent rows in date order.
            models.Index(fields=["status", "scheduled_for"], name="notification_status_sched"),
            # The sweep's "already alerted?" anti-join.
            models.Index(fields=["deadline", "kind", "due"], name="notification_deadline_kind"),
        ]

    def __str__(self):
        return f"{self.kind} to {self.recipient_role} ({self.status})"
