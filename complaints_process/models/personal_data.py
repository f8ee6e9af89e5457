"""The personal data a complaint holds: one declaration, read by filing, subject access and
retention.

``PERSONAL_FIELDS`` names each field of ``Complaint`` that holds personal data (the
complainant's and the child's details, what happened, access needs, the decision's reasons)
and what retention leaves in its place.  From it:

* filing (``services.cases.filing``) takes each field given with a complaint
  (``filed_fields``), beside the complaint's other details (``CASE_DETAILS``);
* a subject access export (``services.subject_access``) shows every one of them, with the
  case's record (``RECORD_FIELDS``);
* retention (``services.retention``) clears every one of them (``cleared_values``).

A new personal field of the complaint is added here, once, and all three follow.  Personal
data held in other rows (points of complaint, appointed people, extension reasons, clock stop
notes, timeline reasons, Ombudsman references and remedies, attachments) is each handled by
name in those services.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalField:
    name: str
    cleared: object  # what retention leaves in the field
    filed: bool = True  # given with the complaint (False: recorded later, by an officer)


PERSONAL_FIELDS: tuple[PersonalField, ...] = (
    PersonalField("complainant_name", ""),
    PersonalField("complainant_email", ""),
    PersonalField("complainant_phone", ""),
    PersonalField("complainant_address", ""),
    PersonalField("preferred_contact", ""),
    PersonalField("child_name", ""),
    PersonalField("child_date_of_birth", None),
    PersonalField("child_consent_notes", ""),
    PersonalField("what_happened", ""),
    PersonalField("happened_on", None),
    PersonalField("became_aware_on", None),
    PersonalField("desired_outcome", ""),
    PersonalField("late_explanation", ""),
    PersonalField("needs_interpreter", False),
    PersonalField("interpreter_language", ""),
    PersonalField("needs_signer", False),
    PersonalField("other_access_needs", ""),
    PersonalField("decision_reason", "", filed=False),
)

#: What else is given with a complaint: kept after retention, for the annual report.
CASE_DETAILS = ("channel", "language", "complainant_relationship", "service", "needs_advocate")

#: The case's record, shown in a subject access export beside the personal fields.
RECORD_FIELDS = (
    "reference",
    "procedure_slug",
    "received_on",
    *CASE_DETAILS,
    "child_consent",
    "acknowledged_on",
    "refusal_ground",
    "panel_meeting_on",
    "ombudsman_name",
    "ombudsman_signposted_on",
    "state",
    "closed_on",
    "closure_reason",
    "anonymised_on",
)


def personal_field_names() -> tuple[str, ...]:
    return tuple(field.name for field in PERSONAL_FIELDS)


def filed_fields() -> frozenset[str]:
    """The details a complaint may be filed with: its personal fields given then, and the rest."""
    return frozenset({field.name for field in PERSONAL_FIELDS if field.filed} | set(CASE_DETAILS))


def cleared_values() -> dict[str, object]:
    """Each personal field, with what retention leaves in it."""
    return {field.name: field.cleared for field in PERSONAL_FIELDS}
