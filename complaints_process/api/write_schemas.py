"""Schemas of the write side (filing, status, escalation)."""

from __future__ import annotations

import functools
from datetime import date

from ninja import Schema

from complaints_process.forms.intake import ANSWER_REQUIREMENTS, BASE_REQUIREMENTS
from complaints_process.services.cases.stages import ESCALATION_REASON_MAX


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


#: Text the form keeps: something besides white space (the form strips it), and no NUL character.
TEXT_PATTERN = r"^[^\x00]*[^\s\x00\x1c-\x1f\x85][^\x00]*$"


def _text(max_length: int, **extra) -> dict:
    return {"type": "string", "maxLength": max_length, "pattern": TEXT_PATTERN, **extra}


SLUG_PATTERN = "^[-a-zA-Z0-9_]{1,60}$"
_DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
#: Every field of a filing and its wire type (the form, ``forms/intake.py``, checks the values).
FIELDS = {
    "authority": {"type": "string", "pattern": SLUG_PATTERN, "description": "Slug of the authority (GET authorities/)"},
    "procedure": {
        "type": "string",
        "pattern": SLUG_PATTERN,
        "description": "Slug of the procedure; default: the authority's statutory one",
    },
    "kind": {"type": "string", "enum": ["complaint", "compliment", "comment"], "description": "Default: complaint"},
    "complainant_relationship": {
        "type": "string",
        "enum": ["child", "parent_or_carer", "someone_with_interest", "representative", "prospective_service_user"],
        "description": "Who is complaining; a procedure accepts the ones its form lists",
    },
    "complainant_name": _text(200),
    "child_name": _text(200),
    "child_date_of_birth": _DATE,
    "child_agrees": {"type": "string", "enum": ["yes", "no", "not_asked"]},
    "about_statutory": {"type": "string", "enum": ["yes", "no"]},
    "service": _text(200),
    "what_happened": _text(20000),
    "happened_on": _DATE,
    "became_aware_on": _DATE,
    "late_explanation": _text(5000),
    "late_rule_shown": {"type": "boolean"},
    "desired_outcome": _text(5000),
    "complainant_email": _text(254, format="email"),
    "complainant_phone": _text(40),
    "complainant_address": _text(1000),
    "preferred_contact": {"type": "string", "enum": ["email", "phone", "post"]},
    "needs": {"type": "array", "items": {"type": "string", "enum": ["interpreter", "signer", "advocate"]}},
    "interpreter_language": _text(80),
    "other_access_needs": _text(2000),
}
ATTACHMENTS = {"type": "array", "items": {"type": "string", "format": "binary"}, "description": "Files (PDF, images, documents)"}


def _conditions(requirements) -> list[dict]:
    """Requirements that depend on another answer, as JSON Schema ``if``/``then``."""
    rules = []
    for requirement in requirements:
        other, values = requirement.when
        test = {"contains": {"enum": list(values)}} if FIELDS.get(other, {}).get("type") == "array" else {"enum": list(values)}
        rules.append({"if": {"properties": {other: test}, "required": [other]}, "then": {"required": [requirement.field]}})
    return rules


def filing_schemas(requirements, fields: dict, feedback_kinds=("compliment", "comment")) -> dict:
    """A complaint, and a compliment or comment, as JSON Schemas built from the form's requirements."""

    def required(kind):
        return ["authority", *dict.fromkeys(r.field for r in requirements if kind in r.kinds and r.when is None)]

    complaint = {
        "type": "object",
        "additionalProperties": False,
        "properties": {**fields, "kind": {"type": "string", "enum": ["complaint"], "description": "Default: complaint"}}
        if "kind" in fields
        else dict(fields),
        "required": required("complaint"),
    }
    conditions = _conditions([r for r in requirements if "complaint" in r.kinds and r.when is not None])
    if conditions:
        complaint["allOf"] = conditions
    schemas = {"complaint": complaint}
    if feedback_kinds and "kind" in fields:
        schemas["feedback"] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {**fields, "kind": {"type": "string", "enum": list(feedback_kinds)}},
            "required": ["kind", *required(feedback_kinds[0])],
        }
    return schemas


PER_PROCEDURE = (
    " Some procedures require more (the child's name and consent, the outcome wanted, whether it is about "
    "children's social care) and offer fewer choices (who may complain, the help offered, compliments): "
    "GET authorities/{authority}/procedures/{procedure}/form gives one procedure's "
    'exact schema. A date in the future is answered 422 (type "future"), and a complaint about something '
    "older than the procedure's time limit 422 "
    '(loc ["body", "late_explanation"], type "late", with the rule) unless it has a late_explanation or '
    "late_rule_shown: true (the complainant was shown the rule)."
)


@functools.cache
def components() -> dict:
    generic = filing_schemas([*BASE_REQUIREMENTS, *ANSWER_REQUIREMENTS], FIELDS)
    multipart = {**generic["complaint"], "properties": {**generic["complaint"]["properties"], "attachments": ATTACHMENTS}}
    # The request bodies the write side reads itself (ninja does not build them): added to the
    # document's components by ``ComplaintsAPI.get_openapi_schema``.
    token_lookup = {
        "type": "object",
        "properties": {"token": {"type": "string", "minLength": 1, "description": "The status token given when the complaint was filed"}},
        "required": ["token"],
    }
    email_lookup = {
        "type": "object",
        "properties": {"email": {"type": "string", "minLength": 1, "description": "The email address given with the complaint"}},
        "required": ["email"],
    }
    return {
        "EscalationByToken": _escalation(token_lookup),
        "EscalationByEmail": _escalation(email_lookup),
        "ComplaintFiling": {**generic["complaint"], "description": "A complaint: the guidance page's form as JSON." + PER_PROCEDURE},
        "FeedbackFiling": {**generic["feedback"], "description": "A compliment or a comment, where the procedure takes them."},
        "ComplaintFilingMultipart": {**multipart, "description": "A complaint with files, as multipart/form-data." + PER_PROCEDURE},
        "TokenLookup": {
            "type": "object",
            "properties": {
                "token": {"type": "string", "minLength": 1, "description": "The status token given when the complaint was filed"}
            },
            "required": ["token"],
        },
        "EmailLookup": {
            "type": "object",
            "properties": {"email": {"type": "string", "minLength": 1, "description": "The email address given with the complaint"}},
            "required": ["email"],
        },
    }


def _escalation(lookup: dict) -> dict:
    reason = {
        "type": "string",
        "maxLength": ESCALATION_REASON_MAX,
        "pattern": "^[^\\x00]*$",
        "description": "Optional: why the complainant asks for the next stage (kept on the case's timeline)",
    }
    return {**lookup, "properties": {**lookup["properties"], "reason": reason}}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


LOOKUP_BODY = {"anyOf": [ref("TokenLookup"), ref("EmailLookup")]}
ESCALATION_BODY = {"anyOf": [ref("EscalationByToken"), ref("EscalationByEmail")]}
FILING_JSON_BODY = {"oneOf": [ref("ComplaintFiling"), ref("FeedbackFiling")]}
