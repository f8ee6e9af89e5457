"""A complaint (a case) and its reference numbers.

A case is pinned to the config version it was filed under (``config_version``) and to one
procedure of it (``procedure_slug``): its stages and clocks never change when the authority
publishes a new version.  The exceptions: the calendar, whose closure days come from the
authority's current version (see ``complaints_process.services.cases.closures``), and a case
its version strands, which a version that frees it takes over (``services.cases.versions``).

The reference (``WAL-2026-000123``) is for people; the ``status_token`` holds the SHA-256 of the
secret in the complainant's status link (see ``complaints_process.status_tokens``).
``__str__`` is the reference only, so audit logs and admin lists never show personal data.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from complaints_process.actions import action_for_event
from complaints_process.core.config.shape import stage_shapes

from .states import FINAL_STATES, IN_PROGRESS_STATES, RESPONDED_STATES, STAGE_NUMBER_OF_STATE, ComplaintStateMachine


def new_status_token() -> str:
    return secrets.token_urlsafe(32)


class ComplainantRelationship(models.TextChoices):
    CHILD = "child", "The child or young person"
    PARENT_OR_CARER = "parent_or_carer", "A parent or carer"
    SOMEONE_WITH_INTEREST = "someone_with_interest", "Someone with a sufficient interest in the child"
    REPRESENTATIVE = "representative", "A representative"
    PROSPECTIVE_SERVICE_USER = "prospective_service_user", "Someone who could become a service user"
    OTHER = "other", "Someone else"


class PreferredContact(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    POST = "post", "Post"


class ChildConsent(models.TextChoices):
    NOT_NEEDED = "not_needed", "Not needed (the child complains)"
    NOT_ASKED = "not_asked", "Not yet asked"
    PENDING = "pending", "Asked, waiting for an answer"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"


class RefusalGround(models.TextChoices):
    OUT_OF_TIME = "out_of_time", "Made after the time limit"
    NO_STANDING = "no_standing", "The complainant may not complain about this child"
    COURT_MATTER = "court_matter", "A matter for a court or tribunal"
    OTHER = "other", "Other"


class ClosureReason(models.TextChoices):
    COMPLETED = "completed", "Completed"
    LAPSED = "lapsed", "Escalation window lapsed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    HANDLED_OUTSIDE = "handled_outside", "Handled outside the procedure"


class Complaint(ComplaintStateMachine):
    authority = models.ForeignKey("complaints_process.Authority", on_delete=models.PROTECT, related_name="complaints")
    config_version = models.ForeignKey(
        "complaints_process.ProcessConfigVersion",
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The config version the case runs under, pinned when it was filed.",
    )
    procedure_slug = models.SlugField(max_length=60)
    reference = models.CharField(max_length=24, unique=True, editable=False)
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    received_on = models.DateField(help_text="Day 0 of the case's clocks.")
    channel = models.CharField(max_length=40, blank=True)
    language = models.CharField(
        max_length=10,
        blank=True,
        help_text="The language the complainant used (e.g. 'cy' from a Welsh page): their emails are written in it. "
        "Empty: the site's default language.",
    )

    # Who complains, and for whom.
    complainant_name = models.CharField(max_length=200)
    complainant_email = models.EmailField(blank=True)
    complainant_phone = models.CharField(max_length=40, blank=True)
    complainant_address = models.TextField(blank=True)
    preferred_contact = models.CharField(max_length=10, choices=PreferredContact.choices, blank=True)
    complainant_relationship = models.CharField(max_length=40, choices=ComplainantRelationship.choices)
    child_name = models.CharField(max_length=200, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_consent = models.CharField(max_length=20, choices=ChildConsent.choices, default=ChildConsent.NOT_NEEDED)
    child_consent_notes = models.TextField(blank=True)

    # What it is about.
    about_statutory_childrens_service = models.BooleanField(default=True)
    service = models.CharField(max_length=200, help_text="The service complained about.")
    what_happened = models.TextField()
    happened_on = models.DateField(null=True, blank=True)
    became_aware_on = models.DateField(null=True, blank=True)
    desired_outcome = models.TextField(blank=True)
    late_explanation = models.TextField(
        blank=True, help_text="Why the complaint was not made sooner, when the complainant said it is outside the time limit."
    )

    # Accessibility needs.
    needs_interpreter = models.BooleanField(default=False)
    interpreter_language = models.CharField(max_length=80, blank=True)
    needs_signer = models.BooleanField(default=False)
    needs_advocate = models.BooleanField(default=False)
    other_access_needs = models.TextField(blank=True)

    # Decisions.
    acknowledged_on = models.DateField(null=True, blank=True)
    refusal_ground = models.CharField(max_length=20, choices=RefusalGround.choices, blank=True)
    decision_reason = models.TextField(blank=True, help_text="Why it was not accepted, or handled outside the procedure.")
    panel_meeting_on = models.DateField(null=True, blank=True, help_text="The review panel meeting, once arranged.")
    ombudsman_name = models.CharField(max_length=200, blank=True)
    ombudsman_url = models.URLField(blank=True)
    ombudsman_signposted_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=20, choices=ClosureReason.choices, blank=True)
    anonymised_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The day the retention rule removed the case's personal data (see work.retention).",
    )

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_complaints",
        help_text="The officer responsible for the case: reminders and overdue alerts go to them. "
        "Set only through the assign_owner service.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["authority", "state"], name="complaint_authority_state")]

    def __str__(self):
        return self.reference or "new complaint"

    # Config, read from the pinned version.
    def config(self):
        return self.config_version.config()

    def procedure(self):
        return self.config().procedure(self.procedure_slug)

    # Where the case is.
    @property
    def is_open(self) -> bool:
        return self.state not in FINAL_STATES

    # Where the case is along its procedure's shape (core/config/shape.py).
    def shapes(self):
        procedure = self.procedure()
        cached = getattr(self, "_shapes", None)
        if cached is None or cached[0] is not procedure:
            cached = (procedure, stage_shapes(procedure))
            self._shapes = cached
        return cached[1]

    @property
    def stage_number(self) -> int | None:
        """The position of the stage the case is at (``None`` before acceptance and once final)."""
        return STAGE_NUMBER_OF_STATE.get(self.state)

    def current_shape(self):
        """The shape of the stage the case is at; stage 1's while it is being received."""
        number = self.stage_number or (1 if self.state == "received" else None)
        shapes = self.shapes()
        if number is None or number > len(shapes):
            return None
        return shapes[number - 1]

    @property
    def stage_key(self) -> str | None:
        """The key of the stage the case is at (``None`` before acceptance and once final)."""
        if self.stage_number is None:
            return None
        shape = self.current_shape()
        return shape.key if shape is not None else f"stage{self.stage_number}"

    def next_step(self) -> str | None:
        """The event of the next step to record in the case's stage (``None``: none left)."""
        if not self.is_open or self.state in RESPONDED_STATES:
            return None
        shape = self.current_shape()
        return shape.step_after(self.last_step or None) if shape is not None else None

    def next_step_action(self) -> str | None:
        """The action that records the next step (``complaints_process.actions``)."""
        event = self.next_step()
        if event is None:
            return None
        shapes = self.shapes()
        return action_for_event(event, first_stage=shapes[0].key if shapes else None)

    def event_label(self, event_key: str) -> str:
        try:
            return self.procedure().event(event_key).label
        except KeyError:
            return event_key

    def next_stage_key(self) -> str | None:
        if self.state not in RESPONDED_STATES:
            return None
        shapes = self.shapes()
        number = self.stage_number
        return shapes[number].key if number < len(shapes) else None

    def stage_response_deadline(self):
        """The pending response deadline of the stage in progress, if any."""
        if self.state not in IN_PROGRESS_STATES:
            return None
        return self.deadlines.open().filter(clock_key=f"{self.stage_key}.response").first()

    def escalation_window(self):
        """The pending window deadline for asking for the next stage, if the procedure sets one."""
        next_stage = self.next_stage_key()
        if next_stage is None:
            return None
        return self.deadlines.open().filter(clock_key=f"{next_stage}.request").first()


class ReferenceSequence(models.Model):
    """The last reference number issued per authority per year (locked while taking one)."""

    authority = models.ForeignKey("complaints_process.Authority", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="one_sequence_per_authority_year")]

    def __str__(self):
        return f"{self.authority_id}/{self.year}: {self.last_number}"
