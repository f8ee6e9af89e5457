"""The complainant's side, shared by the form block, the status page and the API.

* ``submit`` files what a validated intake form was given (a ``ComplaintIntake``, filed with
  ``file_complaint`` as the system; or a ``FeedbackIntake``, a compliment or comment: the
  form and the API make them, ``forms.submission``), in one transaction with its idempotency key,
  status token and attachments; a repeat of the same key with the same body returns what
  the first one made, with another body it raises ``KeyReused`` (see ``idempotency``).
* ``find_case`` looks a case up by reference and status token, or reference and email;
  a wrong token and an unknown reference give the same ``None``.
* ``status_summary`` is what a complainant may see of their case (never staff notes).
* ``escalate_for_complainant`` asks for the next stage, within the window.

The confirmation email is queued in the outbox (``services.notifications.queue_confirmation``).
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints_process.attachments import save_attachments
from complaints_process.core.clocks import counts_from_receipt
from complaints_process.exceptions import InvalidAction
from complaints_process.idempotency import KeyReused, key_hash
from complaints_process.models import Complaint, Feedback, Submission
from complaints_process.models.deadlines import clock_label
from complaints_process.models.states import RESPONDED_STATES
from complaints_process.status_tokens import hash_token, token_for, token_matches

from . import notifications, public_mail
from .cases import escalate, file_complaint


@dataclass
class Filed:
    case: Complaint | None = None
    feedback: Feedback | None = None
    token: str | None = None
    created: bool = True


@dataclass(frozen=True)
class ComplaintIntake:
    """A complaint as the complainant gave it, in plain values."""

    filing: Mapping[str, Any]  # file_complaint's keyword arguments (the user aside)
    child_consent: str | None = None  # the child's consent as the complainant reported it; None: not asked
    consent_from: str = ""  # whose consent: "child", "someone_else", else the parent's, guardian's or carer's
    attachments: Sequence = ()  # the files uploaded, checked


@dataclass(frozen=True)
class FeedbackIntake:
    """A compliment or comment as its sender gave it, in plain values."""

    kind: str  # FeedbackKind
    procedure_slug: str
    service: str
    message: str
    name: str = ""
    email: str = ""


class _Duplicate(Exception):
    pass


def _replay(submission: Submission, key: str, body: str) -> Filed:
    if not body or not hmac.compare_digest(submission.body_hash, body):
        raise KeyReused("This Idempotency-Key was already used with another request body.")
    if submission.complaint_id:
        case = submission.complaint
        return Filed(case=case, token=token_for(submission.key_hash, case.reference), created=False)
    return Filed(feedback=submission.feedback, created=False)


def submit(authority, *, intake: ComplaintIntake | FeedbackIntake, submission_key: str | None = None, body_hash: str = "") -> Filed:
    """Save a complaint or feedback; the same ``submission_key`` and body twice files once.

    ``body_hash`` (``idempotency.body_hash`` of what was sent) binds the key to the body: the
    key again with another body raises ``KeyReused`` and returns nothing of the first filing.
    """
    key = submission_key or secrets.token_urlsafe(24)
    hashed = key_hash(authority.pk, key)
    existing = Submission.objects.select_related("complaint", "feedback").filter(key_hash=hashed).first()
    if existing is not None:
        return _replay(existing, key, body_hash)
    saved = []
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    submission = Submission.objects.create(key_hash=hashed, body_hash=body_hash, authority=authority)
            except IntegrityError:
                raise _Duplicate
            if isinstance(intake, ComplaintIntake):
                filed = _file(authority, intake, hashed, saved)
                submission.complaint = filed.case
            else:
                filed = _record_feedback(authority, intake)
                submission.feedback = filed.feedback
            submission.save(update_fields=["complaint", "feedback"])
    except _Duplicate:
        return _replay(Submission.objects.select_related("complaint", "feedback").get(key_hash=hashed), key, body_hash)
    except Exception:
        for attachment in saved:  # the rows rolled back: remove their files too
            attachment.file.delete(save=False)
        raise
    return filed


def _file(authority, intake: ComplaintIntake, hashed_key, saved) -> Filed:
    case = file_complaint(authority, user=None, **intake.filing)
    token = token_for(hashed_key, case.reference)
    updates = {"status_token": hash_token(token)}
    if intake.child_consent is not None and case.child_consent != "not_needed":
        updates["child_consent"] = intake.child_consent
        whose = {"child": "the child's", "someone_else": "the person's"}.get(intake.consent_from, "the child's parent, guardian or carer's")
        updates["child_consent_notes"] = f"As the complainant told us on the online form ({whose} consent)."
    Complaint.objects.filter(pk=case.pk).update(**updates)
    case.refresh_from_db()
    save_attachments(case, list(intake.attachments), saved)
    notifications.queue_confirmation(case)  # sent by the outbox, after commit, with retries
    return Filed(case=case, token=token)


def _record_feedback(authority, intake: FeedbackIntake) -> Filed:
    feedback = Feedback.objects.create(
        authority=authority,
        procedure_slug=intake.procedure_slug,
        kind=intake.kind,
        service=intake.service.strip(),
        message=intake.message.strip(),
        name=intake.name.strip(),
        email=intake.email,
        received_on=timezone.localdate(),
    )
    public_mail.pass_feedback_on(feedback)
    return Filed(feedback=feedback)


# -- looking a case up ----------------------------------------------------------------------


REFERENCE = re.compile(r"[A-Z0-9-]{1,24}")


def find_case(reference: str, *, token: str | None = None, email: str | None = None) -> Complaint | None:
    """The case, if the reference exists and the token (or email) matches it; otherwise None."""
    reference = (reference or "").strip().upper()[:24]
    if not REFERENCE.fullmatch(reference):
        reference = ""  # not a reference: answered like an unknown one, never queried
    case = Complaint.objects.select_related("authority", "config_version").filter(reference=reference).first() if reference else None
    if token is not None:
        ok = case is not None and token_matches(case, token)
        if case is None:
            token_matches(Complaint(status_token="0" * 64), token)  # same work either way
    else:
        given = (email or "").strip().lower().encode()
        stored = (case.complainant_email if case is not None else "").strip().lower().encode()
        ok = case is not None and bool(stored) and hmac.compare_digest(given, stored)
    return case if ok else None


# -- what the complainant sees ------------------------------------------------------------------


def acknowledgement_due(case: Complaint):
    deadline = case.deadlines.filter(clock_key="acknowledgement").first()
    return deadline.effective_due if deadline is not None else None


def escalation_open(case: Complaint) -> bool:
    """May the complainant ask for the next stage today?"""
    if case.state not in RESPONDED_STATES or case.next_stage_key() is None:
        return False
    window = case.escalation_window()
    if window is None:
        return False
    due = window.effective_due
    return due is None or timezone.localdate() <= due


def escalate_for_complainant(case: Complaint, *, reason: str = "") -> Complaint:
    """The complainant asks for the next stage themselves, with an optional reason; the
    case's timeline credits the request to them."""
    if not escalation_open(case):
        raise InvalidAction("You cannot ask for the next stage of this complaint now.")
    return escalate(case, user=None, reason=reason, by_complainant=True)


def window_from_receipt(procedure, deadline) -> bool:
    try:
        return counts_from_receipt(procedure.clock(deadline.clock_key))
    except KeyError:
        return False


def status_summary(case: Complaint) -> dict:
    """The complainant's view of the case: where it is, what is due when, what they can do.

    Built from the case's state, its deadline rows and the pinned procedure's labels only:
    no event reasons, decision notes or officers' names.
    """
    procedure = case.procedure()
    stage = procedure.stage(case.stage_key).name if case.stage_key in procedure.stage_keys else None
    deadlines = [
        {
            "key": d.clock_key,
            "label": clock_label(procedure, d.clock_key),
            "due": d.effective_due,
            "status": d.status,
            "status_label": _(d.get_status_display()),
            "met_on": d.met_on,
        }
        for d in case.deadlines.filter(procedure_slug=case.procedure_slug).exclude(status="cancelled").order_by("starts", "id")
    ]
    can_escalate = escalation_open(case)
    window = case.escalation_window() if can_escalate else None
    next_stage = case.next_stage_key()
    return {
        "reference": case.reference,
        "authority": case.authority.name,
        "procedure": procedure.name,
        "state": case.state,
        "state_label": _(case.get_state_display()),
        "stage": stage,
        "received_on": case.received_on,
        "acknowledged_on": case.acknowledged_on,
        "acknowledgement_due": acknowledgement_due(case),
        "is_open": case.is_open,
        "closed_on": case.closed_on,
        "deadlines": deadlines,
        "can_escalate": can_escalate,
        "escalate_by": window.effective_due if window is not None else None,
        # Day 0 of the window: the day the complainant is taken to have received the response.
        "escalate_counted_from": window.starts if window is not None and window_from_receipt(procedure, window) else None,
        "next_stage": procedure.stage(next_stage).name if can_escalate and next_stage else None,
        "ombudsman": case.ombudsman_name or None,
        "ombudsman_url": case.ombudsman_url or None,
    }
