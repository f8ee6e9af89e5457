"""Who opened a case in the admin: one row per view of a case's data.

Django and Wagtail's audit log record who *changed* a case; children's records also need who
*looked*.  Every admin view that shows a case's personal data writes a ``CaseAccess`` row
(``services.access.record_access``): the case page, an attachment download, the case's
history, a subject access export.  Complaints managers see the list on the case page ("Who
has viewed this case") and it is part of a subject access export.

The rows name staff, never the complainant, and keep no request data (no address, no query):
``detail`` is an id (the attachment's) or empty.  They stay when the case is anonymised.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessKind(models.TextChoices):
    CASE_PAGE = "case_page", "Opened the case page"
    ATTACHMENT = "attachment", "Downloaded an attachment"
    HISTORY = "history", "Opened the case history"
    EXPORT = "export", "Exported the case for a subject access request"


class CaseAccess(models.Model):
    case = models.ForeignKey("complaints_process.Complaint", on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    detail = models.CharField(max_length=80, blank=True, help_text="An id (the attachment's), never personal data.")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "at"], name="caseaccess_case_at")]
        verbose_name_plural = "case accesses"

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"
