"""Subject access: everything one authority holds about a complainant, as one ZIP file.

A complainant is found by email address (every case of the authority with that address,
and their compliments and comments) or by a case reference (that case, and every other case
of the authority with the same email address).  Only the authority's own records are
searched: the caller has already checked the user is a complaints manager of it
(``permission_policies.data_protection``), or is the data protection officer at the
command line.

The ZIP holds ``summary.json`` (machine-readable), ``summary.html`` (to read or print) and
``attachments/<reference>/<n>-<name>``, every file the complainant sent.  For each case: the
case's own fields, points of complaint and outcomes, deadlines, the timeline (every action
with its date, who took it and their reason), people appointed, themes and Ombudsman
referrals, the messages sent (the product keeps no copy of an email: messages to the
complainant are regenerated from the case now, and say so), and the access records (who
opened the case, when).  Staff and appointed people are named as they are on the case page;
the data protection officer decides what to redact before sending.

Every export is recorded before it is built, in the same transaction: a
``subject_access_export`` entry on each case's timeline and in Wagtail's audit log, and an
access record, so the export lists itself.  Nothing about the search (the email address)
is written to the log or the timeline.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from complaints_process.actions import timeline_label
from complaints_process.attachments import download_name
from complaints_process.models import AccessKind, Complaint, Feedback, NotificationStatus, RecipientRole, personal_data
from complaints_process.models.deadlines import clock_label
from complaints_process.services.notifications import render

from .access import record_access, viewer_name
from .cases._action import record_event

EXPORT_ACTION = "subject_access_export"
MAX_EMAIL = 254


class SubjectAccessError(ValueError):
    """The search cannot be made; the message is safe to show."""


@dataclass(frozen=True)
class Search:
    email: str = ""
    reference: str = ""

    @classmethod
    def read(cls, text: str) -> Search:
        """An email address or a case reference, as typed."""
        text = (text or "").strip()
        if not text:
            raise SubjectAccessError("Enter the complainant's email address or a case reference.")
        if len(text) > MAX_EMAIL:
            raise SubjectAccessError("Enter an email address or a case reference of at most 254 characters.")
        if "@" in text:
            return cls(email=text)
        return cls(reference=text.upper())


def find_cases(authority, search: Search):
    """The authority's cases about this complainant (a queryset, oldest first)."""
    cases = Complaint.objects.filter(authority=authority)
    if search.email:
        return cases.filter(complainant_email__iexact=search.email).order_by("received_on", "pk")
    case = cases.filter(reference__iexact=search.reference).first()
    if case is None:
        return cases.none()
    if case.complainant_email:
        return cases.filter(complainant_email__iexact=case.complainant_email).order_by("received_on", "pk")
    return cases.filter(pk=case.pk)


def find_feedback(authority, search: Search, cases):
    emails = {search.email.lower()} if search.email else set()
    emails |= {email.lower() for email in cases.exclude(complainant_email="").values_list("complainant_email", flat=True)}
    feedback = Feedback.objects.filter(authority=authority)
    if not emails:
        return feedback.none()
    from django.db.models import Q

    match = Q(pk__in=[])
    for email in emails:
        match |= Q(email__iexact=email)
    return feedback.filter(match).order_by("received_on", "pk")


@dataclass
class Export:
    filename: str
    content: bytes
    case_count: int


def export(authority, search: Search, *, user, today: date | None = None) -> Export | None:
    """Record and build the export; ``None`` when nothing is held about the complainant."""
    today = today or timezone.localdate()
    with transaction.atomic():
        cases = list(find_cases(authority, search).select_for_update().select_related("authority", "config_version"))
        feedback = list(find_feedback(authority, search, find_cases(authority, search)))
        if not cases and not feedback:
            return None
        for case in cases:
            _record(case, user, today, len(cases))
        data = {
            "authority": authority.name,
            "exported_on": today.isoformat(),
            "exported_by": viewer_name(user),
            "cases": [_case_data(case) for case in cases],
            "compliments_and_comments": [_feedback_data(item) for item in feedback],
            "notes": NOTES,
        }
        files = [(case, attachment) for case in cases for attachment in case.attachments.order_by("pk")]
        content = _zip(data, files)
    return Export(filename=f"subject-access-{authority.slug}-{today.isoformat()}.zip", content=content, case_count=len(cases))


NOTES = [
    "This export holds everything the complaints service keeps about the complainant's cases.",
    "The service keeps no copy of the emails it sends: the text of each message to the complainant is "
    "regenerated from the case as it is today, and may differ in detail from the message sent.",
    "Staff, independent people and other third parties are named as they are in the case file; redact as the law requires before sending.",
]


def _record(case: Complaint, user, today: date, case_count: int) -> None:
    account = user if user is not None and user.is_authenticated else None
    record_event(case, EXPORT_ACTION, account, today, from_state=case.state, data={"cases_in_export": case_count})
    record_access(case, account, AccessKind.EXPORT)


# --- what goes in -----------------------------------------------------------------------------


def _value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _who(user) -> str:
    return viewer_name(user) if user is not None else "The system"


def _deadline_data(deadline, procedure) -> dict:
    return {
        "clock": clock_label(procedure, deadline.clock_key),
        "starts": _value(deadline.starts),
        "due": _value(deadline.due),
        "extended_due": _value(deadline.extended_due),
        "extension_reason": deadline.extension_reason,
        "met_on": _value(deadline.met_on),
        "status": deadline.get_status_display(),
        "clock_stops": [
            {"reason": pause.get_reason_display(), "note": pause.note, "from": _value(pause.started_on), "to": _value(pause.ended_on)}
            for pause in deadline.pauses.all()
        ],
    }


def _event_data(event, procedure) -> dict:
    return {
        "on": _value(event.occurred_on),
        "what": timeline_label(event.action, data=event.data, event_key=event.event_key, procedure=procedure),
        "by": _who(event.user),
        "from_state": event.from_state,
        "to_state": event.to_state,
        "reason": event.reason,
    }


def _referral_data(referral) -> dict:
    return {
        "referred_on": _value(referral.referred_on),
        "reference": referral.reference,
        "decision": referral.get_decision_display(),
        "decided_on": _value(referral.decided_on),
        "remedy": referral.remedy,
        "remedy_due_on": _value(referral.remedy_due_on),
        "remedy_complied_on": _value(referral.remedy_complied_on),
    }


def _case_data(case: Complaint) -> dict:
    try:
        procedure = case.procedure()
    except KeyError:
        procedure = None
    return {
        "case": {name: _value(getattr(case, name)) for name in (*personal_data.RECORD_FIELDS, *personal_data.personal_field_names())},
        "procedure": procedure.name if procedure else case.procedure_slug,
        "points_of_complaint": [
            {
                "number": point.number,
                "summary": point.summary,
                "outcomes": [{"stage": o.stage, "outcome": o.get_outcome_display()} for o in point.outcomes.all()],
            }
            for point in case.points.prefetch_related("outcomes")
        ],
        "deadlines": [_deadline_data(deadline, procedure) for deadline in case.deadlines.order_by("starts", "pk")],
        "timeline": [_event_data(event, procedure) for event in case.events.select_related("user").order_by("occurred_on", "pk")],
        "people_appointed": [
            {"role": a.get_role_display(), "stage": a.stage, "name": a.person_name, "email": a.person_email, "on": _value(a.appointed_on)}
            for a in case.appointments.all()
        ],
        "themes": list(case.themes.values_list("theme", flat=True)),
        "ombudsman_referrals": [_referral_data(referral) for referral in case.ombudsman_referrals.all()],
        "messages": [_message_data(note) for note in case.notifications.select_related("case", "deadline", "cause_event")],
        "attachments": [
            {"name": a.original_name, "type": a.content_type, "received": _value(a.uploaded_at), "file": _zip_name(case, a)}
            for a in case.attachments.order_by("pk")
        ],
        "viewed_by": [
            {"when": _value(access.at), "who": _who(access.user), "what": access.get_kind_display()}
            for access in case.accesses.select_related("user").order_by("at", "pk")
        ],
    }


def _message_data(note) -> dict:
    item = {
        "kind": note.get_kind_display(),
        "to": note.get_recipient_role_display(),
        "status": note.get_status_display(),
        "due_to_be_sent": _value(note.scheduled_for),
        "sent_at": _value(note.sent_at),
    }
    if note.recipient_role == RecipientRole.COMPLAINANT and note.status == NotificationStatus.SENT:
        try:
            message = render(note)
            item.update(subject=message.subject, text_regenerated=message.text)
        except Exception as error:  # a template removed since: say so, export the rest
            item["text_regenerated"] = f"(could not be regenerated: {type(error).__name__})"
    return item


def _feedback_data(item: Feedback) -> dict:
    return {
        "kind": item.get_kind_display(),
        "received_on": _value(item.received_on),
        "name": item.name,
        "email": item.email,
        "service": item.service,
        "message": item.message,
    }


def _zip_name(case: Complaint, attachment) -> str:
    return (
        f"attachments/{case.reference}/{attachment.pk}-{download_name(attachment.original_name or 'attachment', attachment.content_type)}"
    )


def _zip(data: dict, files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("summary.html", render_to_string("complaints_process/data_protection/subject_access.html", {"data": data}))
        for case, attachment in files:
            try:
                with attachment.file.open("rb") as handle:
                    archive.writestr(_zip_name(case, attachment), handle.read())
            except FileNotFoundError:
                archive.writestr(_zip_name(case, attachment) + ".missing.txt", "This file is no longer in storage.\n")
    return buffer.getvalue()
