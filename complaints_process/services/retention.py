"""Anonymising a closed case once its retention period has passed.

``anonymise_case`` is the one way personal data leaves a case.  It is a system action (the
retention task in ``work.retention`` calls it; no person does), for a case that is closed,
not yet anonymised, and past the retention rule of its procedure.  In one transaction, with
the case's row locked, it:

* deletes every attachment's file from the private storage, then the attachment rows
  (their original names go with them);
* clears the complaint's personal fields (declared in ``models.personal_data``): the
  complainant's name, contact details and preferred contact, the child's name,
  date of birth and consent notes, every free-text field of the complaint (what happened,
  the outcome wanted, the late explanation, access needs and interpreter language, the
  decision reason), the dates of the matter (``happened_on``, ``became_aware_on``), the
  points of complaint's text, appointed people's names and emails, extension reasons, clock
  stop notes, every timeline entry's free-text reason, the ``reason`` kept in Wagtail's
  audit log entries of the case, and each Ombudsman referral's reference and remedy text (a
  remedy becomes ``REMOVED_REMEDY``, so the report still counts it as a remedy);
* replaces the status-link secret, so an old status link finds nothing;
* keeps what the annual report counts: dates received and closed, channel, procedure,
  stages and states, deadlines and their timeliness, outcomes of each point, who complained
  (the relationship, not the person), whether an advocate was needed, the service named,
  themes, learning actions (written for publication), Ombudsman referrals (dates,
  decisions, whether there was a remedy); and the access records (they name staff only);
* marks the case ``anonymised_on`` and records an ``anonymise`` action (``record_event``:
  its timeline entry keeps the rule applied, and the audit log has it as every action).

``anonymise_feedback`` does the same for compliments and comments past their procedure's
``retention.feedback`` rule (counted from the day received): the sender's name and email are
cleared and the message becomes ``REMOVED_FEEDBACK``; the kind, service and day stay.

Safe to re-run after a crash: deleting a file that is already gone does nothing, and a crash
before the commit leaves the case unmarked, so the next run does it all again.  Deleting the
files inside the transaction means a failure after the deletion leaves attachment rows whose
files are gone; the next run removes them.  A case already anonymised is left alone.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import ModelLogEntry

from complaints_process.models import (
    FINAL_STATES,
    Appointment,
    CaseEvent,
    ClockPause,
    Complaint,
    Deadline,
    OmbudsmanReferral,
    PointOfComplaint,
    personal_data,
)
from complaints_process.models.cases import new_status_token

from .cases._action import record_event

ANONYMISE_ACTION = "anonymise"
#: What an Ombudsman remedy's text becomes: not empty, so the report still counts the remedy.
REMOVED_REMEDY = "Removed under the retention rule."
#: What a compliment's or comment's message becomes.
REMOVED_FEEDBACK = REMOVED_REMEDY


def retention_rule(case: Complaint):
    """The retention rule that applies to ``case``: its procedure in the authority's current
    config version, or (procedure no longer there) in the version the case was filed under;
    ``None`` when that procedure states none."""
    current = case.authority.current_version()
    for version in (current, case.config_version):
        if version is None:
            continue
        try:
            return version.config().procedure(case.procedure_slug).retention
        except KeyError:
            continue
    return None


def is_past_retention(case: Complaint, today: date) -> bool:
    rule = retention_rule(case)
    return bool(
        rule is not None and case.state in FINAL_STATES and case.closed_on is not None and rule.closed_cases.ends(case.closed_on) <= today
    )


def anonymise_feedback(feedback, *, today: date) -> int:
    """Remove the sender's name, email and message from compliments and comments (a queryset
    of ``Feedback``) in one statement; the kind, service and day received stay.  Returns how
    many were anonymised (rows already anonymised are left alone)."""
    return feedback.filter(anonymised_on__isnull=True).update(name="", email="", message=REMOVED_FEEDBACK, anonymised_on=today)


def anonymise_case(case_id: int, *, today: date) -> bool:
    """Anonymise the case if it is (still) closed, not anonymised and past retention on
    ``today``; return whether it was anonymised now."""
    with transaction.atomic():
        case = (
            Complaint.objects.select_for_update()
            .select_related("authority", "config_version")
            .filter(pk=case_id, anonymised_on__isnull=True)
            .first()
        )
        if case is None or not is_past_retention(case, today):
            return False
        rule = retention_rule(case)

        attachments = list(case.attachments.all())
        for attachment in attachments:
            if attachment.file.name:
                attachment.file.storage.delete(attachment.file.name)
        case.attachments.all().delete()

        cleared = personal_data.cleared_values()
        for name, value in cleared.items():
            setattr(case, name, value)
        case.status_token = new_status_token()
        case.anonymised_on = today
        case.save(update_fields=[*cleared, "status_token", "anonymised_on", "updated_at"])

        PointOfComplaint.objects.filter(case=case).update(summary="")
        Appointment.objects.filter(case=case).update(person_name="", person_email="")
        Deadline.objects.filter(case=case).update(extension_reason="")
        ClockPause.objects.filter(deadline__case=case).update(note="")
        OmbudsmanReferral.objects.filter(case=case).update(reference="")
        OmbudsmanReferral.objects.filter(case=case).exclude(remedy="").update(remedy=REMOVED_REMEDY)
        CaseEvent.objects.filter(case=case).exclude(reason="").update(reason="")
        _clear_audit_log_reasons(case)

        data = {
            "retention": rule.closed_cases.text,
            "counted_from": rule.counted_from,
            "closed_on": case.closed_on.isoformat(),
            "attachments_deleted": len(attachments),
        }
        record_event(case, ANONYMISE_ACTION, None, today, from_state=case.state, data=data)
    return True


def _clear_audit_log_reasons(case: Complaint) -> None:
    """Wagtail's audit log keeps each action's reason in its data: drop it."""
    content_type = ContentType.objects.get_for_model(Complaint)
    entries = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(case.pk))
    for entry in entries:
        data = entry.data or {}
        if data.get("reason"):
            data["reason"] = ""
            ModelLogEntry.objects.filter(pk=entry.pk).update(data=data)
