"""A small JSON Schema (2020-12) checker for the keywords our exported schema uses.

The `jsonschema` package is not a dependency; this covers the subset pydantic emits plus
our if/then/else, enough to prove the seed files conform and broken ones do not.  When
`jsonschema` is installed, test_jsonschema.py also checks with it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

KNOWN = {
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "default",
    "examples",
    "type",
    "properties",
    "patternProperties",
    "additionalProperties",
    "required",
    "items",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "allOf",
    "if",
    "then",
    "else",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "minItems",
    "contains",
    "minLength",
    "maxLength",
    "propertyNames",
}
TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def unknown_keywords(schema: Any, path: str = "#") -> list[str]:
    """Keywords this checker does not understand (so a pass would mean nothing)."""
    found = []
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key not in KNOWN:
                found.append(f"{path}/{key}")
            if key in ("properties", "patternProperties", "$defs"):
                for name, sub in value.items():
                    found += unknown_keywords(sub, f"{path}/{key}/{name}")
            elif key in ("anyOf", "oneOf", "allOf"):
                for index, sub in enumerate(value):
                    found += unknown_keywords(sub, f"{path}/{key}/{index}")
            elif key in ("items", "additionalProperties", "if", "then", "else", "propertyNames") and isinstance(value, dict):
                found += unknown_keywords(value, f"{path}/{key}")
    return found


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[name]) and not (name != "boolean" and isinstance(value, bool))


def problems(instance: Any, schema: dict[str, Any]) -> list[str]:
    root = schema
    found: list[str] = []

    def resolve(ref: str) -> dict[str, Any]:
        assert ref.startswith("#/"), ref
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def ok(value: Any, sub: Any) -> bool:
        before = len(found)
        visit(value, sub, "")
        result = len(found) == before
        del found[before:]
        return result

    def visit(value: Any, sub: Any, path: str) -> None:
        if sub is True:
            return
        if sub is False:
            found.append(f"{path}: not allowed")
            return
        if "$ref" in sub:
            visit(value, resolve(sub["$ref"]), path)
        for keyword in ("anyOf", "oneOf"):
            if keyword in sub:
                matches = sum(ok(value, option) for option in sub[keyword])
                if matches == 0 or (keyword == "oneOf" and matches > 1):
                    found.append(f"{path}: matches {matches} of {keyword}")
        for option in sub.get("allOf", ()):
            visit(value, option, path)
        if "if" in sub:
            branch = sub.get("then") if ok(value, sub["if"]) else sub.get("else")
            if branch is not None:
                visit(value, branch, path)
        if "enum" in sub and value not in sub["enum"]:
            found.append(f"{path}: {value!r} not in enum")
        if "const" in sub and value != sub["const"]:
            found.append(f"{path}: {value!r} != const")
        if "type" in sub:
            names = sub["type"] if isinstance(sub["type"], list) else [sub["type"]]
            if not any(_is_type(value, name) for name in names):
                found.append(f"{path}: {value!r} is not {names}")
                return
        if isinstance(value, dict):
            properties = sub.get("properties", {})
            patterns = sub.get("patternProperties", {})
            for key in sub.get("required", ()):
                if key not in value:
                    found.append(f"{path}: missing {key}")
            for key, item in value.items():
                matched = False
                if key in properties:
                    matched = True
                    visit(item, properties[key], f"{path}/{key}")
                for pattern, pattern_schema in patterns.items():
                    if re.search(pattern, key):
                        matched = True
                        visit(item, pattern_schema, f"{path}/{key}")
                if not matched and "additionalProperties" in sub:
                    visit(item, sub["additionalProperties"], f"{path}/{key}")
        if isinstance(value, list):
            if "items" in sub:
                for index, item in enumerate(value):
                    visit(item, sub["items"], f"{path}/{index}")
            if len(value) < sub.get("minItems", 0):
                found.append(f"{path}: too few items")
            if "contains" in sub and not any(ok(item, sub["contains"]) for item in value):
                found.append(f"{path}: no item matches contains")
        if isinstance(value, str):
            if len(value) < sub.get("minLength", 0):
                found.append(f"{path}: {value!r} is too short")
            if "maxLength" in sub and len(value) > sub["maxLength"]:
                found.append(f"{path}: {value!r} is too long")
            if "pattern" in sub and not re.search(sub["pattern"], value):
                found.append(f"{path}: {value!r} does not match {sub['pattern']}")
            if sub.get("format") == "date":
                try:
                    date.fromisoformat(value)
                except ValueError:
                    found.append(f"{path}: {value!r} is not a date")
        if _is_type(value, "number") and "minimum" in sub and value < sub["minimum"]:
            found.append(f"{path}: {value} < {sub['minimum']}")

    visit(instance, schema, "#")
    return found


def as_json_data(value: Any) -> Any:
    """YAML data as JSON would carry it (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(key): as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
