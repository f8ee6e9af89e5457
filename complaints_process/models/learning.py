"""What the authority learns from its complaints, and what happens at the Ombudsman.

For the annual report (issue 9): Regulation 13 of the 2006 Regulations and the LGSCO
Complaint Handling Code both ask for the themes of complaints, the service improvements made
and the Ombudsman's involvement.  The ``Complaint`` model has no fields for these, so:

* ``CaseTheme``: a theme of a case ("Communication", "Delay"), one row per theme.  A theme is
  a short category label, counted in the report; keep a consistent list per authority.
* ``LearningAction``: a service improvement agreed because of a case: what will change
  (``action``), the team or service that owns it (``owner``), when it is due and when it was
  done.  ``action`` and ``owner`` are written **for publication** (the printable report lists
  them): no names, no details of the child.
* ``OmbudsmanReferral``: the complainant took the case to the Ombudsman (signposting is
  already on the case as ``ombudsman_signposted_on``), the Ombudsman's reference, the
  Ombudsman's decision with any remedy, the date set for the remedy and the day the
  authority complied with it.  The reference and the remedy's text stay internal: a report
  counts decisions, remedies and compliance, never shows them.

Rows are written only by the services in ``services/cases/learning.py`` (one per action,
each on the case timeline and in the audit log).  None of these hold personal data by
design; ``__str__`` never shows free text.
"""

from __future__ import annotations

from django.db import models

from complaints_process.core.follow_up import learning_action_overdue, remedy_on_time


class CaseTheme(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(max_length=80, help_text='A category, e.g. "Communication" or "Delay". No personal data.')

    class Meta:
        ordering = ["theme"]
        constraints = [models.UniqueConstraint(fields=["case", "theme"], name="one_row_per_case_theme")]

    def __str__(self):
        return self.theme


class LearningAction(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="learning_actions")
    theme = models.CharField(max_length=80, blank=True)
    action = models.TextField(help_text="The change agreed, written for publication: no names, nothing that identifies a child.")
    owner = models.CharField(
        max_length=120, blank=True, help_text="The team or service responsible for the change (not a person's name): published with it."
    )
    agreed_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["agreed_on", "id"]

    def __str__(self):
        return f"Learning action {self.pk}"

    def overdue(self, on) -> bool:
        """Not done, and its due date is before ``on`` (``core.follow_up``)."""
        return learning_action_overdue(due_on=self.due_on, completed_on=self.completed_on, on=on)


class OmbudsmanDecision(models.TextChoices):
    PENDING = "", "Awaiting decision"
    NOT_INVESTIGATED = "not_investigated", "Not investigated"
    PREMATURE = "premature", "Referred back for local resolution"
    UPHELD = "upheld", "Upheld (fault found)"
    NOT_UPHELD = "not_upheld", "Not upheld (no fault)"


class OmbudsmanReferral(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="ombudsman_referrals")
    referred_on = models.DateField(help_text="The day the authority learned the Ombudsman was asked to look at the case.")
    reference = models.CharField(max_length=40, blank=True, help_text="The Ombudsman's reference for the case. Never in a report.")
    decision = models.CharField(max_length=20, choices=OmbudsmanDecision.choices, blank=True, default="")
    decided_on = models.DateField(null=True, blank=True)
    remedy = models.TextField(
        blank=True,
        help_text="What the Ombudsman recommended, or the authority agreed, to put things right. "
        "Reports count decisions with a remedy; they never show this text.",
    )
    remedy_due_on = models.DateField(
        null=True, blank=True, help_text="The date by which the Ombudsman asked the authority to carry out the remedy, if it set one."
    )
    remedy_complied_on = models.DateField(null=True, blank=True, help_text="The day the authority finished carrying out the remedy.")

    class Meta:
        ordering = ["referred_on", "id"]

    def __str__(self):
        return f"Ombudsman referral {self.pk}"

    @property
    def remedy_on_time(self) -> bool | None:
        """Whether the remedy was carried out by the date set (``core.follow_up``)."""
        return remedy_on_time(due_on=self.remedy_due_on, complied_on=self.remedy_complied_on)

    def remedy_overdue(self, on) -> bool:
        """A remedy not carried out whose date set is before ``on``."""
        return bool(self.remedy and self.remedy_complied_on is None and self.remedy_due_on and self.remedy_due_on < on)
