"""Edits written into the authority's own YAML text, keeping its comments and layout.

The structured editor changes values of the *resolved* config (``editing.apply_edits``).  A
config file usually holds only what differs from its template (``extends``), with comments
quoting the council's page.  ``edit_source`` writes each changed value into that text with
ruamel.yaml's round-trip loader, creating the mappings it needs (stages, clocks and events
merge key by key, so a key written in the file overrides the template's), and leaves every
other line, and every comment, as it was.

The result is only used if the ordinary loader reads it back to the same config as the
resolved edit (the caller checks); otherwise ``None`` says "use the resolved text".
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent

from .yamlio import ALIAS_REFUSED

Path = tuple


class _NoAliasComposer(Composer):
    """Refuses the first alias before anything expands, as ``yamlio`` does for the loader."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            raise ComposerError(None, None, ALIAS_REFUSED, self.parser.peek_event().start_mark)
        return super().compose_node(parent, index)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _NoAliasComposer
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _lookup(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _same(value: Any, current: Any) -> bool:
    """An empty form value (no reminders, no text) is the same as a key not written."""
    empty = (None, "", [], {})
    return value == current or (value in empty and current in empty)


def _plain(value: Any) -> Any:
    """Form values as ruamel writes them: lists of mappings stay block style."""
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _plain(item)
        return mapping
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def edit_source(source: str, resolved: Mapping[str, Any], values: Mapping[Path, Any]) -> str | None:
    """``source`` with each value of ``values`` that differs from ``resolved`` written in.

    ``None`` when the text cannot carry the edits: it does not parse, or an edit removes a
    key the file does not write (the template's value would come back)."""
    yaml = _yaml()
    try:
        document = yaml.load(source)
    except YAMLError:
        return None
    if not isinstance(document, CommentedMap):
        return None
    for path, value in values.items():
        if _same(value, _lookup(resolved, path)):
            continue
        parent: Any = document
        for part in path[:-1]:
            if isinstance(parent, list):
                if not isinstance(part, int) or part >= len(parent):
                    return None
                parent = parent[part]
                continue
            if part not in parent or parent[part] is None:
                if value is None:
                    break
                parent[part] = CommentedMap()
            parent = parent[part]
        else:
            last = path[-1]
            if value is None:
                if not isinstance(parent, Mapping) or last not in parent:
                    return None
                del parent[last]
            else:
                parent[last] = _plain(value)
            continue
        if value is None and _lookup(resolved, path) is not None:
            return None  # the key comes from the template: removing it needs the resolved text
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()
