"""One procedure's complaint form as data: its fields (label, hint, choices) and what it requires
of each kind of submission, read from the form itself (``forms/intake.py``: its fields and its
``requirements()``, the same list its validation uses), and the JSON Schema of a filing body for
that procedure.  Served by ``GET authorities/{a}/procedures/{p}/form`` and, for a guidance page,
by the page API's ``form`` field.
"""

from __future__ import annotations

from complaints_process.core.config import AuthorityConfig, ProcedureConfig
from complaints_process.forms.intake import build_intake_form

from .write_schemas import FIELDS, SLUG_PATTERN, filing_schemas


def _property(name: str, field) -> dict:
    schema = dict(FIELDS[name])
    choices = [str(value) for value, _ in getattr(field, "choices", None) or ()]
    if choices and "enum" in schema:
        schema["enum"] = choices
    elif choices and schema.get("type") == "array":
        schema["items"] = {**schema["items"], "enum": choices}
    return schema


def describe_form(config: AuthorityConfig, procedure: ProcedureConfig) -> dict:
    form = build_intake_form(config, procedure)
    requirements = form.requirements()
    default = next((p.slug for p in config.procedures if p.kind == "statutory"), config.procedures[0].slug)
    fields = []
    for name, field in form.fields.items():
        mine = [r for r in requirements if r.field == name]
        conditional = next((r for r in mine if r.when is not None), None)
        required_for = [kind for r in mine if r.when is None for kind in r.kinds]
        choices = getattr(field, "choices", None)
        fields.append(
            {
                "name": name,
                "label": str(field.label or name),
                "type": type(field).__name__,
                "required": "complaint" in required_for,
                "required_for": required_for,
                "required_when": {"field": conditional.when[0], "values": list(conditional.when[1])} if conditional else None,
                "help_text": str(field.help_text or ""),
                "choices": [{"value": str(value), "label": str(label)} for value, label in choices] if choices else None,
            }
        )
    properties = {name: _property(name, field) for name, field in form.fields.items() if name in FIELDS}
    properties["authority"] = {"type": "string", "enum": [config.slug]}
    properties["procedure"] = {"type": "string", "enum": [procedure.slug], "pattern": SLUG_PATTERN}
    bodies = filing_schemas(requirements, properties, feedback_kinds=tuple(form.feedback_kinds))
    if procedure.slug != default:
        for body in bodies.values():
            body["required"] = [*body["required"], "procedure"]
    body_schema = bodies["complaint"] if len(bodies) == 1 else {"oneOf": [bodies["complaint"], bodies["feedback"]]}
    return {
        "authority": config.slug,
        "procedure": procedure.slug,
        "kinds": ["complaint", *form.feedback_kinds],
        "late_rule": form.late_rule or None,
        "fields": fields,
        "body_schema": body_schema,
    }
