"""Pydantic's errors as ``file:line:column: message``: at the key or value each is about, in
words an administrator reads (``'10 wrking days' is not a valid due: ...``), with the keys
allowed where a key is unknown and the nearest one when it looks mistyped."""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from typing import Any

from pydantic import BaseModel

from . import schema
from .errors import ConfigError, did_you_mean, quoted_list
from .yamlio import Node


def at(node: Node, *loc: str | int) -> Node:
    """The deepest node along loc (stops where the path no longer exists)."""
    for part in loc:
        child = node.get(part)
        if child is None:
            break
        node = child
    return node


def describe(value: Any) -> str:
    """How an error message names a value it did not expect."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def field_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def required_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items() if info.is_required()]


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class describing the mapping at loc, if any."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields = {info.alias or name: info for name, info in annotation.model_fields.items()}
            if part not in fields:
                return None
            annotation = fields[part].annotation
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        elif typing.get_origin(annotation) is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def unknown_key_message(key: str, allowed: list[str], what: str) -> str:
    return f"unknown key '{key}' in {what}: allowed keys are {quoted_list(allowed)}{did_you_mean(key, allowed)}"


_TYPE_WORDS = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}


def translate_error(error: dict[str, Any], model: type[BaseModel], node: Node, name: str = "value") -> ConfigError:
    """One pydantic error as a ConfigError at the key or value it is about."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        parent_model = model_at(model, loc[:-1])
        allowed = field_keys(parent_model) if parent_model else []
        if parent_model is schema.ProcedureModel:
            allowed.append(schema.EXTENDS_KEY)
        what = parent_model.what if parent_model else "this mapping"
        return at(node, *loc).where().error(unknown_key_message(str(loc[-1]), allowed, what))
    if kind == "missing":
        parent = at(node, *loc[:-1])
        parent_model = model_at(model, loc[:-1])
        what = f" in {parent_model.what}" if parent_model else ""
        return parent.where().error(f"missing required key '{loc[-1]}'{what}")
    if loc and loc[-1] == "[key]":
        entry = at(node, *loc[:-1])
        return entry.where().error(_value_message(kind, error, entry_key=str(loc[-2])))
    target = at(node, *loc)
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), name)
    return target.mark.error(_value_message(kind, error, field=field))


def _value_message(kind: str, error: dict[str, Any], field: str = "value", entry_key: str | None = None) -> str:
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        help_text = schema.PATTERN_HELP.get(ctx.get("pattern", ""), f"text matching {ctx.get('pattern')}")
        if entry_key is not None:
            return f"'{entry_key}' cannot be used as a key here: expected {help_text}"
        return f"'{value}' is not a valid {field}: expected {help_text}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return f"{field} {describe(value).removeprefix('the text ')} is not one of {quoted_list(choices)}{hint}"
    if kind.startswith("date_"):
        if isinstance(value, str):
            return f"'{value}' is not a valid date: write it as YYYY-MM-DD, e.g. 2026-12-29"
        return f"expected a date written as YYYY-MM-DD (e.g. 2026-12-29), got {describe(value)}"
    if kind in _TYPE_WORDS:
        return f"{field}: expected {_TYPE_WORDS[kind]}, got {describe(value)}"
    if kind == "greater_than_equal":
        return f"{field} must be at least {ctx.get('ge')}, got {describe(value)}"
    return f"{field}: {error['msg']}"
