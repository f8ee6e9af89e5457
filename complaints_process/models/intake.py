"""What the public form and the API keep besides the case: submissions and feedback.

``Submission`` makes filing idempotent: every filing (HTML form or API) carries a key (the
form's hidden key, the API's ``Idempotency-Key`` header, or a random one), stored hashed and
unique, so a repeat finds the case or feedback the first one made instead of filing again.

``Feedback`` is a compliment or a comment, where the procedure takes them
(``feedback.compliments`` / ``feedback.comments``): recorded and passed to the service, with
no procedure clocks and no case.
"""

from __future__ import annotations

from django.db import models


class FeedbackKind(models.TextChoices):
    COMPLIMENT = "compliment", "Compliment"
    COMMENT = "comment", "Comment"


class Feedback(models.Model):
    authority = models.ForeignKey("complaints_process.Authority", on_delete=models.PROTECT, related_name="feedback")
    procedure_slug = models.SlugField(max_length=60)
    kind = models.CharField(max_length=20, choices=FeedbackKind.choices)
    service = models.CharField(max_length=200)
    message = models.TextField()
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    received_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the retention rule removed the sender's details and message (``work.retention``).
    anonymised_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class Submission(models.Model):
    """One filing's idempotency key (SHA-256 of the authority and the key), its body's hash, and what it made."""

    key_hash = models.CharField(max_length=64, unique=True)
    body_hash = models.CharField(max_length=64, blank=True, default="")
    authority = models.ForeignKey("complaints_process.Authority", on_delete=models.CASCADE, related_name="+")
    complaint = models.OneToOneField(
        "complaints_process.Complaint", null=True, blank=True, on_delete=models.CASCADE, related_name="submission"
    )
    feedback = models.OneToOneField(
        "complaints_process.Feedback", null=True, blank=True, on_delete=models.CASCADE, related_name="submission"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Submission {self.pk}"
