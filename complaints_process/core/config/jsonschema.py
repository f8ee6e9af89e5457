"""JSON Schema of the config files, for editors (VS Code's YAML extension, etc.).

Generated from the pydantic models in ``schema.py`` so the two cannot drift.  A procedure
with ``extends`` only writes what it changes, so such an entry is checked against an
"override" variant of the procedure schema in which nothing is required and any value
may be ``null`` (null removes an inherited entry).  Rules that need the whole procedure
(events that must exist, extensions longer than their limit...) are beyond JSON Schema:
``process_config validate`` checks those.
"""

from __future__ import annotations

import copy
from typing import Any

from . import schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
OVERRIDE_SUFFIX = "Override"


def json_schema(kind: str = "authority") -> dict[str, Any]:
    """JSON Schema of an authority file (default) or, with kind="template", a template file."""
    if kind == "authority":
        model, title = schema.AuthorityFile, "Complaints process configuration of an authority"
    elif kind == "template":
        model, title = schema.TemplateFile, "Complaints process template"
    else:
        raise ValueError(f"kind must be 'authority' or 'template', not {kind!r}")
    document = model.model_json_schema(by_alias=True)
    defs: dict[str, Any] = document.setdefault("$defs", {})
    for definition in defs.values():
        _close_pattern_properties(definition)
    _close_pattern_properties(document)
    defs.update(_override_defs(defs))
    procedure_ref = "#/$defs/ProcedureModel"
    choice = {
        "if": {"type": "object", "required": [schema.EXTENDS_KEY]},
        "then": {"$ref": procedure_ref + OVERRIDE_SUFFIX},
        "else": {"$ref": procedure_ref},
    }
    if kind == "authority":
        document["properties"]["procedures"]["items"] = choice
    else:
        description = document["properties"]["procedure"].get("description")
        document["properties"]["procedure"] = {**choice, "description": description}
    overridable = defs["ProcedureModel" + OVERRIDE_SUFFIX]
    overridable["properties"][schema.EXTENDS_KEY] = {
        "type": "string",
        "pattern": schema.TEMPLATE_PATTERN,
        "description": "The template this procedure builds on, e.g. 'base/statutory-england-2006'.",
    }
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in document.items() if k != "title"}}


def _close_pattern_properties(node: Any) -> None:
    """Mappings keyed by pattern (stages, clocks, events) accept no other keys."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_pattern_properties(value)
    elif isinstance(node, list):
        for value in node:
            _close_pattern_properties(value)


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                result[key] = value + OVERRIDE_SUFFIX
            else:
                result[key] = _rewrite_refs(value)
        return result
    if isinstance(node, list):
        return [_rewrite_refs(value) for value in node]
    return node


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [node, {"type": "null"}]}


def _override_defs(defs: dict[str, Any]) -> dict[str, Any]:
    overrides = {}
    for name, definition in defs.items():
        variant = _rewrite_refs(copy.deepcopy(definition))
        variant.pop("required", None)
        for key in ("properties", "patternProperties"):
            if key in variant:
                variant[key] = {k: _nullable(v) for k, v in variant[key].items()}
        for value in variant.get("properties", {}).values():
            _strip_required(value)
        overrides[name + OVERRIDE_SUFFIX] = variant
    return overrides


def _strip_required(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("required", None)
        for value in node.values():
            _strip_required(value)
    elif isinstance(node, list):
        for value in node:
            _strip_required(value)
