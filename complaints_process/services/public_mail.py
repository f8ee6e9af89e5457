"""Emails the public side sends: the complainant's confirmation, and feedback passed to the service.

The confirmation goes through the outbox like every message to a complainant: it is queued in
the filing's transaction (``notifications.queue_confirmation``) and sent by the worker (``work.outbox``), with retries and back-off
when the mail server fails and Django's ``EMAIL_TIMEOUT``, never inside the filing request.
Its status link is derived when it is sent (``status_url``), so the token is never stored.
Feedback (compliments and comments, which have no case and so no outbox row) is passed to the
service's address once the transaction commits.  Subjects carry the reference only; nothing
here logs an address or a name.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from complaints_process.status_tokens import token_for

logger = logging.getLogger("complaints_process.public")


def base_url() -> str:
    """The site's public address for links in emails: ``COMPLAINTS_PROCESS_PUBLIC_BASE_URL``,
    else ``WAGTAILADMIN_BASE_URL`` (``make demo`` sets it to the address it serves)."""
    return (getattr(settings, "COMPLAINTS_PROCESS_PUBLIC_BASE_URL", None) or getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")


def status_path(reference: str, token: str) -> str:
    return f"{reverse('complaints_process:status', args=[reference])}?token={token}"


def _send(subject: str, template: str, context: dict, to: list[str]) -> None:
    def send():
        try:
            send_mail(subject, render_to_string(template, context), None, to)
        except Exception as error:  # never lose the filing over an email
            logger.warning("Could not send %s (%s).", template.rsplit("/", 1)[-1], type(error).__name__)

    transaction.on_commit(send)


def status_url(case) -> str:
    """The complainant's status link (the token exchanged for a session on the status page).

    The token is derived from the filing's stored key hash with ``SECRET_KEY``
    (``status_tokens.token_for``), so the outbox can put it in the email when it sends it.
    """
    return base_url() + status_path(case.reference, token_for(case.submission.key_hash, case.reference))


def pass_feedback_on(feedback) -> None:
    version = feedback.authority.current_version()
    contact = version.config().contact if version is not None else None
    if contact is None or not contact.email:
        return
    context = {"feedback": feedback, "authority": feedback.authority.name}
    _send(f"{feedback.get_kind_display()} received", "complaints_process/public/email/feedback.txt", context, [contact.email])
