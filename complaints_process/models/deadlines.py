"""A case's deadlines as rows, and the pauses of their clocks.

A ``Deadline`` is made when its clock's starting event happens (see
``complaints_process.clocks``), from the pinned config version and the authority's calendar.
``due`` is the unextended due date, ``extension_limit`` the latest date an extension may reach
(``None``: the clock cannot be extended, or the source sets no limit; see
``extension_unbounded``), ``extended_due`` the date it was extended to.  All three move when the
clock is paused.  Meeting a deadline records the day and whether it was on time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, DateField, F, Q, When
from django.utils.translation import gettext_noop


class DeadlineStatus(models.TextChoices):
    # The labels are marked for translation (the complainant's status page shows them) and kept
    # as English text: staff records and events store them as written.
    PENDING = "pending", gettext_noop("Pending")
    MET = "met", gettext_noop("Met")
    MISSED = "missed", gettext_noop("Missed")
    CANCELLED = "cancelled", gettext_noop("Cancelled")


def effective_due_expression():
    """``Deadline.effective_due`` in SQL: the extended date once extended, else the due date."""
    return Case(When(extended_on__isnull=False, then=F("extended_due")), default=F("due"), output_field=DateField())


def clock_label(procedure, clock_key: str) -> str:
    """How a clock is named on screens, exports and messages: its label in ``procedure``, or
    its key where the procedure (``None``: no longer in the config) has no such clock."""
    if procedure is None:
        return clock_key
    try:
        return procedure.clock(clock_key).label
    except KeyError:
        return clock_key


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=DeadlineStatus.PENDING)

    def with_effective_due(self):
        """Annotate ``effective_on``: ``effective_due`` computed by the database, to filter and
        order on (the sweep, the case list, the dashboard and the reports read it so)."""
        return self.annotate(effective_on=effective_due_expression())


class Deadline(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="deadlines")
    clock_key = models.CharField(max_length=80, help_text="The clock's full key in the config, e.g. stage1.response.")
    procedure_slug = models.SlugField(max_length=60)
    stage = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, help_text="response, window, notice or processing")
    starts = models.DateField(help_text="The day of the starting event (day 0).")
    due = models.DateField(null=True, blank=True, help_text="Empty when the procedure states no time.")
    extension_limit = models.DateField(null=True, blank=True)
    extension_unbounded = models.BooleanField(default=False)
    extended_due = models.DateField(null=True, blank=True)
    extended_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    paused_working_days = models.PositiveIntegerField(default=0)
    met_on = models.DateField(null=True, blank=True)
    on_time = models.BooleanField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=DeadlineStatus.choices, default=DeadlineStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "procedure_slug", "clock_key"],
                condition=~Q(status="cancelled"),
                name="one_live_deadline_per_clock",
            ),
        ]
        indexes = [models.Index(fields=["status", "due"], name="deadline_status_due")]

    def __str__(self):
        return f"{self.clock_key} due {self.effective_due}"

    @property
    def is_extended(self) -> bool:
        return self.extended_on is not None

    @property
    def effective_due(self):
        return self.extended_due if self.is_extended else self.due

    @property
    def label(self) -> str:
        """The clock's label in the procedure the deadline was made under (``clock_label``)."""
        try:
            procedure = self.case.config().procedure(self.procedure_slug)
        except KeyError:
            procedure = None
        return clock_label(procedure, self.clock_key)

    def may_be_extended(self) -> bool:
        can = self.extension_limit is not None or self.extension_unbounded
        return self.status == DeadlineStatus.PENDING and can and not self.is_extended

    @property
    def open_pause(self):
        return self.pauses.filter(ended_on__isnull=True).first()


class PauseReason(models.TextChoices):
    CHILD_CONSENT = "child_consent", "Waiting for the child's consent"
    STATEMENT_OF_COMPLAINT = "statement_of_complaint", "Waiting for the complainant to agree the statement of complaint"


class ClockPause(models.Model):
    """A clock stop: from ``started_on`` (still counted) to ``ended_on`` (not counted)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=40, choices=PauseReason.choices)
    note = models.TextField(blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    working_days = models.PositiveIntegerField(null=True, blank=True, help_text="Working days the due date moved.")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["deadline"], condition=Q(ended_on__isnull=True), name="one_open_pause_per_deadline"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} from {self.started_on}"
