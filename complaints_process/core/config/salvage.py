"""What of a procedure parsed, when the schema refused part of it.

Validation reports every error of every phase in one run: a procedure with a schema error (a
mistyped duration, an unknown key, a channel that does not exist) still has its cross-checks
and its walk run on the rest of it.  :func:`salvage` removes what the schema refused, as
little as it can, and says what it removed:

* an unknown key, or a value of an optional setting, is removed (the setting takes its default);
* a required value that nothing else reads (a name, a label, a clock's ``due``) is replaced by
  a placeholder;
* anything else (an event's or clock's ``from``/``met_by``, a key the schema refuses) removes
  the entry that holds it: the event, the clock, the stage;
* a procedure whose slug, kind or events cannot be read is beyond salvage (``None``).

The checks then skip what a removal could make them report in other words
(:meth:`Salvaged.touched`, :attr:`Salvaged.shape_sound`): a reference to a removed event is
not "unknown", a clock whose ``extended`` was refused has not "nothing to extend".
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from . import schema
from .translate import model_at

Loc = tuple[str | int, ...]

#: Required values no cross-check or walk reads, replaced when refused so the rest is checked.
PLACEHOLDERS: dict[str, str] = {"name": "?", "label": "?", "due": schema.NOT_STATED}

#: The fields of a clock that give the procedure its shape (the order of its steps).
SHAPE_FIELDS = ("from", "met_by", "kind")

_GONE = object()


@dataclass(frozen=True)
class Salvaged:
    model: schema.ProcedureModel
    removed: tuple[Loc, ...]  # where the data was changed, as pydantic locations

    def touched(self, *loc: str | int) -> bool:
        """Something at, inside or around ``loc`` was removed or replaced."""
        return any(done[: len(loc)] == loc or loc[: len(done)] == done for done in self.removed)

    @property
    def shape_sound(self) -> bool:
        """Every stage, event and clock is there, with its ``from``, ``met_by`` and ``kind``:
        the shape (``shape.py``) and so the walk read what was written."""
        return not any(_changes_shape(loc) for loc in self.removed)


def _changes_shape(loc: Loc) -> bool:
    if not loc or loc[0] not in ("events", "clocks", "stages"):
        return False
    if loc[0] == "events":
        return len(loc) <= 2
    clock = loc[1:] if loc[0] == "clocks" else loc[3:] if len(loc) > 2 and loc[2] == "clocks" else None
    if loc[0] == "stages" and clock is None:
        return len(loc) <= 2
    return clock is not None and (len(clock) <= 1 or clock[1] in SHAPE_FIELDS)


def salvage(plain: dict[str, Any], errors: list[dict[str, Any]], *, rounds: int = 10) -> Salvaged | None:
    """The procedure ``plain`` (as read from YAML) with what ``errors`` (pydantic's, for
    :class:`schema.ProcedureModel`) refused removed; None if too little is left to check."""
    data = copy.deepcopy(plain)
    removed: list[Loc] = []
    for _ in range(rounds):
        for error in errors:
            loc = _repair(data, tuple(error["loc"]), error["type"])
            if loc is None:
                return None
            removed.append(loc)
        _purge(data)
        try:
            return Salvaged(schema.ProcedureModel.model_validate(data), tuple(removed))
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None


def _repair(data: dict[str, Any], loc: Loc, kind: str) -> Loc | None:
    """Remove or replace what ``loc`` points at; the location changed, or None at the root."""
    if kind == "missing" or (loc and loc[-1] == "[key]"):
        loc = loc[:-1] if kind != "missing" else loc
    loc = _existing(data, loc) if kind != "missing" else loc
    while loc:
        parent = model_at(schema.ProcedureModel, loc[:-1])
        field = _field(parent, loc[-1]) if parent is not None else None
        if field is None or not field.is_required():
            _set(data, loc, _GONE)
            return loc
        if loc[-1] in PLACEHOLDERS:
            _set(data, loc, PLACEHOLDERS[str(loc[-1])])
            return loc
        loc = loc[:-1]  # a required value nothing can stand in for: remove what holds it
    return None


def _field(model: type[BaseModel], key: str | int):
    return next((info for name, info in model.model_fields.items() if (info.alias or name) == key), None)


def _existing(data: Any, loc: Loc) -> Loc:
    """The longest start of ``loc`` that is in ``data`` (pydantic adds names of union members)."""
    found: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data or isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
            found.append(part)
        else:
            break
    return tuple(found)


def _set(data: Any, loc: Loc, value: Any) -> None:
    for part in loc[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return  # already removed with what held it
    if isinstance(data, (dict, list)):
        try:
            data[loc[-1]] = value
        except (IndexError, TypeError):
            pass


def _purge(data: Any) -> None:
    """Drop the removed entries (marked, so list positions hold until every error is applied)."""
    if isinstance(data, dict):
        for key in [key for key, value in data.items() if value is _GONE]:
            del data[key]
        for value in data.values():
            _purge(value)
    elif isinstance(data, list):
        data[:] = [value for value in data if value is not _GONE]
        for value in data:
            _purge(value)
