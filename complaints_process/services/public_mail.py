"""Emails the public side sends: the complainant's confirmation, and feedback passed to the service.

Sent with Django's email backend once the filing transaction commits, not through the outbox:
the confirmation carries the status link with the secret token, which is never stored.  Like
every message the outbox sends, the confirmation is recorded on the case's timeline (sent or
not sent).  Subjects carry the reference only; nothing here logs an address or a name.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from complaints_process.core import wording

logger = logging.getLogger("complaints_process.public")


def base_url() -> str:
    """The site's public address for links in emails: ``COMPLAINTS_PROCESS_PUBLIC_BASE_URL``,
    else ``WAGTAILADMIN_BASE_URL`` (``make demo`` sets it to the address it serves)."""
    return (getattr(settings, "COMPLAINTS_PROCESS_PUBLIC_BASE_URL", None) or getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")


def status_path(reference: str, token: str) -> str:
    return f"{reverse('complaints_process:status', args=[reference])}?token={token}"


def _send(subject: str, template: str, context: dict, to: list[str], *, case=None, kind: str = "") -> None:
    def send():
        sent, why = True, {}
        try:
            send_mail(subject, render_to_string(template, context), None, to)
        except Exception as error:  # never lose the filing over an email
            sent, why = False, {"why": "failed", "error": type(error).__name__}
            logger.warning("Could not send %s (%s).", template.rsplit("/", 1)[-1], type(error).__name__)
        if case is not None:
            _record(case, kind, sent, why)

    transaction.on_commit(send)


def _record(case, kind: str, sent: bool, why: dict) -> None:
    """The message on the case's timeline, as the outbox records its own messages."""
    from django.utils import timezone

    from complaints_process.models import CaseEvent
    from complaints_process.work.outbox import NOT_SENT_ACTION, SENT_ACTION

    CaseEvent.objects.create(
        case=case,
        action=SENT_ACTION if sent else NOT_SENT_ACTION,
        occurred_on=timezone.localdate(),
        from_state=case.state,
        to_state=case.state,
        data={"kind": kind, "recipient": "complainant", **({"recipients": 1} if sent else why)},
    )


def confirm_complaint(case, token: str) -> None:
    if not case.complainant_email:
        return
    from .public import acknowledgement_due

    context = {
        "reference": case.reference,
        "authority": case.authority.name,
        "received_on": case.received_on,
        "acknowledgement_due": acknowledgement_due(case),
        "status_url": base_url() + status_path(case.reference, token),
        "contact_lines": wording.contact_lines(case.config().contact),
    }
    _send(
        f"Complaint {case.reference} received",
        "complaints_process/public/email/confirmation.txt",
        context,
        [case.complainant_email],
        case=case,
        kind="confirmation",
    )


def pass_feedback_on(feedback) -> None:
    version = feedback.authority.current_version()
    contact = version.config().contact if version is not None else None
    if contact is None or not contact.email:
        return
    context = {"feedback": feedback, "authority": feedback.authority.name}
    _send(f"{feedback.get_kind_display()} received", "complaints_process/public/email/feedback.txt", context, [contact.email])
