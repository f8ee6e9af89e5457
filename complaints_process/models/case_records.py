"""What a case accumulates: events, points of complaint and their outcomes, appointments,
attachments.

``CaseEvent`` is the case's own timeline: every action a service takes writes one, with the
config event it stands for (``event_key``: "received", "stage1.responded", ...; empty for
actions that are not procedure events, such as a pause), the day it happened, who did it and
the state before and after.  Events are never edited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from complaints_process.conf import private_storage


class CaseEvent(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    event_key = models.CharField(max_length=80, blank=True)
    occurred_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_state = models.CharField(max_length=40)
    to_state = models.CharField(max_length=40)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["case", "event_key"], name="caseevent_case_event")]

    def __str__(self):
        return f"{self.action} on {self.occurred_on}"


class PointOfComplaint(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="points")
    number = models.PositiveIntegerField()
    summary = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="one_point_number_per_case")]

    def __str__(self):
        return f"Point {self.number}"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class PointOutcome(models.Model):
    point = models.ForeignKey(PointOfComplaint, on_delete=models.CASCADE, related_name="outcomes")
    stage = models.CharField(max_length=40)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["point", "stage"], name="one_outcome_per_point_per_stage")]

    def __str__(self):
        return f"{self.point} at {self.stage}: {self.outcome}"


class AppointmentRole(models.TextChoices):
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating Officer"
    INDEPENDENT_PERSON = "independent_person", "Independent Person"
    PANEL_CHAIR = "panel_chair", "Panel chair"
    PANEL_MEMBER = "panel_member", "Panel member"


class Appointment(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="appointments")
    stage = models.CharField(max_length=40)
    role = models.CharField(max_length=40, choices=AppointmentRole.choices)
    person_name = models.CharField(max_length=200)
    person_email = models.EmailField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    appointed_on = models.DateField()

    class Meta:
        ordering = ["stage", "role", "id"]

    def __str__(self):
        return f"{self.get_role_display()} ({self.stage})"


class Attachment(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="attachments")
    # Kept outside MEDIA_ROOT (``COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT``), under a random name.
    file = models.FileField(upload_to="attachments/%Y/%m/", storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Attachment {self.pk}"
