"""Editing a config through a form: the tunable values, applied back to the file's shape.

The structured editor in the admin changes what councils tune most (timescales, extension
limits, escalation windows, reminders, stage names, the time limit, closure days) without
anyone writing YAML.  This module is the pure part of it:

* :func:`editable_fields` lists those values of a resolved config, each with the *path* of
  its key in the file's shape (``("procedures", 0, "stages", "stage1", "clocks",
  "response", "due")``), a label and its current text.
* :func:`check_field` checks one value with the rules the YAML loader applies to that key
  (the same validators, from ``schema.py``), so a mistake is reported beside its field.
* :func:`apply_edits` writes new values into a copy of the config's data; the caller dumps
  it and loads it with the ordinary loader, so every rule that spans several keys (an
  extended limit longer than the limit, a notice clock counting backwards...) is checked
  exactly as for a file.
* :func:`paths_by_line` maps the loader's ``line:column`` errors back to the key written on
  that line, so those errors can be shown beside their field too.

Structure (adding or removing stages, clocks and events, who may complain, the wording of
events) stays in the YAML editor: those change what the procedure *is*, not how long it
takes, and a form for them would be a second YAML editor.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from . import schema
from .yamlio import Node, parse_yaml

Path = tuple[str | int, ...]

#: Field kinds and the schema type whose rules check them.
KINDS: dict[str, Any] = {
    "due": schema.DueText,
    "extended": schema.ExtendedText,
    "time_limit": schema.TimeLimitText,
    "reminder": schema.ReminderText,
}

CLOCK_KIND_NAMES = {
    "response": "Response",
    "window": "Escalation window (complainant's time to ask for the next stage)",
    "notice": "Notice",
    "processing": "Processing",
}


@dataclass(frozen=True)
class EditableField:
    """One value the structured editor shows."""

    name: str  # form field name, stable for a given config
    path: Path  # where the value is written in the file's shape
    kind: str  # due, extended, max_times, reminders, time_limit, stage_name, stage_description
    label: str
    group: str  # heading the field is shown under
    value: str  # current value as text ("" for absent)
    required: bool = False
    help: str = ""


def _name(path: Path) -> str:
    return "__".join(str(part) for part in path)


def editable_fields(data: Mapping[str, Any]) -> list[EditableField]:
    """The tunable values of a config, in the order they appear in the file."""
    fields: list[EditableField] = []
    for index, procedure in enumerate(data.get("procedures", [])):
        base: Path = ("procedures", index)
        proc_name = procedure.get("name", procedure.get("slug", f"procedure {index + 1}"))
        eligibility = procedure.get("eligibility", {})
        fields.append(
            EditableField(
                _name((*base, "eligibility", "time_limit")),
                (*base, "eligibility", "time_limit"),
                "time_limit",
                "Time limit for making a complaint",
                proc_name,
                str(eligibility.get("time_limit", "")),
                help="e.g. '12 months'; 'none' for no limit; leave empty if the procedure does not state one.",
            )
        )
        for clock_key, clock in procedure.get("clocks", {}).items():
            fields.extend(_clock_fields((*base, "clocks", clock_key), clock, proc_name))
        for stage_key, stage in procedure.get("stages", {}).items():
            stage_path: Path = (*base, "stages", stage_key)
            group = f"{proc_name}: {stage.get('name', stage_key)}"
            fields.append(
                EditableField(
                    _name((*stage_path, "name")), (*stage_path, "name"), "stage_name", "Stage name", group, stage.get("name", ""), True
                )
            )
            fields.append(
                EditableField(
                    _name((*stage_path, "description")),
                    (*stage_path, "description"),
                    "stage_description",
                    "Short description",
                    group,
                    stage.get("description") or "",
                )
            )
            for clock_key, clock in stage.get("clocks", {}).items():
                fields.extend(_clock_fields((*stage_path, "clocks", clock_key), clock, group))
    return fields


def _clock_fields(path: Path, clock: Mapping[str, Any], group: str) -> list[EditableField]:
    label = clock.get("label", path[-1])
    kind_name = CLOCK_KIND_NAMES.get(clock.get("kind", "response"), "")
    fields = [
        EditableField(
            _name((*path, "due")),
            (*path, "due"),
            "due",
            f"{label}: due",
            group,
            clock.get("due", ""),
            True,
            f"{kind_name}. e.g. 'within 10 working days', 'within 30 days', 'at least 10 days before', or 'not stated'.",
        )
    ]
    if clock.get("kind") != "notice":
        fields.append(
            EditableField(
                _name((*path, "extended")),
                (*path, "extended"),
                "extended",
                f"{label}: limit if extended",
                group,
                clock.get("extended", ""),
                help="Total time from the same start, e.g. 'up to 65 working days'; 'no limit stated'; empty if it cannot be extended.",
            )
        )
        extension = clock.get("extension") or {}
        fields.append(
            EditableField(
                _name((*path, "extension", "max_times")),
                (*path, "extension", "max_times"),
                "max_times",
                f"{label}: how many times it may be extended",
                group,
                str(extension.get("max_times", "")),
                help="A whole number; empty for no stated limit.",
            )
        )
    fields.append(
        EditableField(
            _name((*path, "reminders")),
            (*path, "reminders"),
            "reminders",
            f"{label}: reminders to the case owner",
            group,
            "\n".join(clock.get("reminders", [])),
            help="One per line, e.g. '2 working days before' or '1 working day after'.",
        )
    )
    return fields


class FieldInvalid(ValueError):
    """A value the loader would refuse for that key; the message says why.

    ``index`` is the row at fault where the value is a list of rows (closure days).
    """

    def __init__(self, message: str, index: int | None = None):
        super().__init__(message)
        self.index = index


def _first_message(error: ValidationError) -> str:
    message = error.errors()[0]["msg"]
    return message.removeprefix("Value error, ")


def check_field(kind: str, text: str) -> Any:
    """The value to write for one field (None: remove the key), or :class:`FieldInvalid`."""
    text = (text or "").strip()
    if kind in ("due", "stage_name") and not text:
        raise FieldInvalid("This is required." if kind == "stage_name" else "This is required: write 'not stated' if there is no limit.")
    if kind in ("extended", "time_limit", "stage_description") and not text:
        return None
    if kind in ("due", "extended", "time_limit"):
        try:
            return TypeAdapter(KINDS[kind]).validate_python(text)
        except ValidationError as error:
            raise FieldInvalid(_first_message(error)) from None
    if kind == "max_times":
        if not text:
            return None
        if not text.isdigit() or int(text) < 1:
            raise FieldInvalid(f"Write a whole number of times, 1 or more (got '{text}').")
        return int(text)
    if kind == "reminders":
        reminders = [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]
        for reminder in reminders:
            try:
                TypeAdapter(KINDS["reminder"]).validate_python(reminder)
            except ValidationError as error:
                raise FieldInvalid(_first_message(error)) from None
        return reminders
    return text


def closures_value(rows: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """Closure rows (date text, reason) as the file writes them, in the rows' order; rows
    without a date are dropped.

    Raises :class:`FieldInvalid` naming the first bad date.  Duplicated dates are refused
    here too (the calendar refuses them).
    """
    closures: list[dict[str, Any]] = []
    seen: set[dt.date] = set()
    for index, (day_text, reason) in enumerate(rows):
        day_text, reason = (day_text or "").strip(), (reason or "").strip()
        if not day_text:
            if reason:
                raise FieldInvalid(f"The closure '{reason}' needs a date (YYYY-MM-DD).", index)
            continue
        try:
            day = dt.date.fromisoformat(day_text)
        except ValueError:
            raise FieldInvalid(f"'{day_text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-29.", index) from None
        if day in seen:
            raise FieldInvalid(f"{day.isoformat()} is listed twice.", index)
        seen.add(day)
        closures.append({"date": day, "reason": reason})
    return closures


CLOSURES_PATH: Path = ("authority", "calendar", "closures")


def apply_edits(data: Mapping[str, Any], values: Mapping[Path, Any]) -> dict[str, Any]:
    """A copy of ``data`` with each path set to its value (None removes the key).

    Setting a key under a mapping that does not exist yet (``extension`` of a clock that had
    none) creates it; a mapping left empty by removals is removed.
    """
    result = copy.deepcopy(dict(data))
    for path, value in values.items():
        parent: Any = result
        parents: list[tuple[Any, str | int]] = []
        for part in path[:-1]:
            if isinstance(parent, dict) and part not in parent:
                if value is None:
                    break
                parent[part] = {}
            parents.append((parent, part))
            parent = parent[part]
        else:
            last = path[-1]
            if value is None:
                if isinstance(parent, dict):
                    parent.pop(last, None)
            else:
                parent[last] = value
            for container, key in reversed(parents):
                child = container[key]
                if isinstance(child, dict) and not child and key in ("extension",):
                    del container[key]
    return result


def paths_by_line(text: str, name: str = "<form>") -> dict[int, Path]:
    """For each line of a YAML text, the deepest key path written on it."""
    document = parse_yaml(text, name)
    lines: dict[int, Path] = {}
    if document.root is not None:
        _walk(document.root, (), lines)
    return lines


def _walk(node: Node, path: Path, lines: dict[int, Path]) -> None:
    for mark in (node.key_mark, node.mark):
        if mark is not None and path and len(lines.get(mark.line, ())) <= len(path):
            lines[mark.line] = path
    if isinstance(node.value, dict):
        for key, child in node.value.items():
            _walk(child, (*path, key), lines)
    elif isinstance(node.value, list):
        for index, child in enumerate(node.value):
            _walk(child, (*path, index), lines)


def owning_field(path: Path, fields: Iterable[EditableField]) -> EditableField | None:
    """The field for an error at ``path``: the field of that key or of a key containing it,
    else the first field inside it (an error on a whole clock goes beside its first value)."""
    fields = list(fields)
    best = None
    for field in fields:
        if path[: len(field.path)] == field.path and (best is None or len(field.path) > len(best.path)):
            best = field
    if best is None:
        best = next((field for field in fields if field.path[: len(path)] == path), None)
    if best is None and path[-1:] == ("extension",):
        best = next((field for field in fields if field.path == (*path[:-1], "extended")), None)
    return best


def collect_edits(fields: Iterable[EditableField], raw: Mapping[str, str]) -> tuple[dict[Path, Any], dict[str, str]]:
    """The values to apply from submitted text, and an error message per field name.

    Clearing a clock's extended limit means it cannot be extended: its ``extension``
    conditions go with it.
    """
    values: dict[Path, Any] = {}
    errors: dict[str, str] = {}
    for field in fields:
        try:
            values[field.path] = check_field(field.kind, raw.get(field.name, ""))
        except FieldInvalid as invalid:
            errors[field.name] = str(invalid)
    for field in fields:
        if field.kind == "extended" and field.name not in errors and values.get(field.path) is None:
            clock = field.path[:-1]
            values.pop((*clock, "extension", "max_times"), None)
            values[(*clock, "extension")] = None
    return values, errors
