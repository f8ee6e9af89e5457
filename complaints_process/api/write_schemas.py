"""Schemas of the write side (filing, status, escalation)."""

from __future__ import annotations

from datetime import date

from ninja import Schema


class FiledOut(Schema):
    kind: str
    reference: str | None
    token: str | None
    status_url: str | None
    acknowledgement_due: date | None


class DeadlineOut(Schema):
    key: str
    label: str
    due: date | None
    status: str
    status_label: str
    met_on: date | None


class ComplaintStatusOut(Schema):
    reference: str
    authority: str
    procedure: str
    state: str
    state_label: str
    stage: str | None
    received_on: date
    acknowledged_on: date | None
    acknowledgement_due: date | None
    is_open: bool
    closed_on: date | None
    deadlines: list[DeadlineOut]
    can_escalate: bool
    escalate_by: date | None
    next_stage: str | None
    ombudsman: str | None
    ombudsman_url: str | None


_STRING = {"type": "string"}
FIELDS = {
    "authority": _STRING,
    "procedure": _STRING,
    "kind": {"type": "string", "enum": ["complaint", "compliment", "comment"]},
    "complainant_relationship": _STRING,
    "complainant_name": _STRING,
    "child_name": _STRING,
    "child_date_of_birth": {"type": "string", "format": "date"},
    "child_agrees": {"type": "string", "enum": ["yes", "no", "not_asked"]},
    "about_statutory": {"type": "string", "enum": ["yes", "no"]},
    "service": _STRING,
    "what_happened": _STRING,
    "happened_on": {"type": "string", "format": "date"},
    "became_aware_on": {"type": "string", "format": "date"},
    "late_explanation": _STRING,
    "late_rule_shown": {"type": "boolean"},
    "desired_outcome": _STRING,
    "complainant_email": _STRING,
    "complainant_phone": _STRING,
    "complainant_address": _STRING,
    "preferred_contact": {"type": "string", "enum": ["email", "phone", "post"]},
    "needs": {"type": "array", "items": {"type": "string", "enum": ["interpreter", "signer", "advocate"]}},
    "interpreter_language": _STRING,
    "other_access_needs": _STRING,
}
FILING_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"type": "object", "required": ["authority"], "properties": FIELDS}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["authority"],
                "properties": {**FIELDS, "attachments": {"type": "array", "items": {"type": "string", "format": "binary"}}},
            }
        },
    },
}
