"""YAML reading that remembers where every key and value was written.

PyYAML's ``compose`` gives a tree of nodes carrying their start marks; we turn it into a
tree of :class:`Node` (plain values plus ``mark`` for the value and ``key_mark`` for the key
it sits under), so that any problem found later, even after templates are merged, can be
reported at ``file:line:column``.

While composing we also catch what ``yaml.safe_load`` lets through silently: a key written
twice in one mapping (PyYAML keeps the last), merge keys (``<<``, we have ``extends``),
non-text keys and unsupported tags.  Aliases (``*name``) are refused where they are written,
before anything is expanded: a few hundred bytes of nested aliases (a "billion laughs") would
otherwise expand into billions of values and keep the reader busy for minutes.  Reading never
raises: problems go to ``YamlDocument.errors``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

MERGE_TAG = "tag:yaml.org,2002:merge"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class Mark:
    """A position in a file, 1-based."""

    path: str
    line: int
    column: int

    def error(self, message: str) -> ConfigError:
        return ConfigError(self.path, self.line, self.column, message)


@dataclass(eq=False)
class Node:
    """A value read from YAML with where it was written.

    ``value`` is a ``dict[str, Node]`` for a mapping, a ``list[Node]`` for a sequence,
    or a plain scalar (str, int, float, bool, None, date).
    """

    value: Any
    mark: Mark
    key_mark: Mark | None = None

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_sequence(self) -> bool:
        return isinstance(self.value, list)

    def get(self, key: str | int) -> Node | None:
        """The child node under a mapping key or sequence index, or None."""
        if isinstance(self.value, dict) and isinstance(key, str):
            return self.value.get(key)
        if isinstance(self.value, list) and isinstance(key, int) and 0 <= key < len(self.value):
            return self.value[key]
        return None

    def where(self) -> Mark:
        """Best mark for the entry as a whole: its key if it has one, else the value."""
        return self.key_mark or self.mark

    def plain(self) -> Any:
        """The value as plain Python data (dicts keep the file's order)."""
        if isinstance(self.value, dict):
            return {key: child.plain() for key, child in self.value.items()}
        if isinstance(self.value, list):
            return [child.plain() for child in self.value]
        return self.value


@dataclass
class YamlDocument:
    path: str
    root: Node | None
    errors: list[ConfigError] = field(default_factory=list)


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as errors show it: relative to the working directory when inside it."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


def read_yaml_file(path: str | os.PathLike[str], *, name: str | None = None) -> YamlDocument:
    """Read and compose a YAML file; a missing or unreadable file is an error at 1:1."""
    shown = name or display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return YamlDocument(shown, None, [ConfigError(shown, 1, 1, "file not found")])
    except UnicodeDecodeError as exc:
        return YamlDocument(shown, None, [ConfigError(shown, 1, 1, f"the file is not UTF-8 text ({exc.reason})")])
    except OSError as exc:
        return YamlDocument(shown, None, [ConfigError(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}")])
    return parse_yaml(text, shown)


ALIAS_REFUSED = "YAML aliases ('*name') are not supported: write the value out in full, or use 'extends' to build on a template"


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that stops at the first alias, so no document can expand."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, ALIAS_REFUSED, event.start_mark)
        return super().compose_node(parent, index)


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Compose YAML text into a Node tree, collecting syntax and structure problems."""
    try:
        composed = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        return YamlDocument(path, None, [_syntax_error(exc, path)])
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return YamlDocument(path, None, [ConfigError(path, line, column, f"YAML syntax error: {exc}")])
    if composed is None:
        return YamlDocument(path, None, [ConfigError(path, 1, 1, "the file is empty: expected a mapping of keys to values")])
    builder = _Builder(path)
    root = builder.build(composed)
    return YamlDocument(path, root, builder.errors)


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> ConfigError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or "cannot read this"
    if problem == ALIAS_REFUSED:
        return ConfigError(path, line, column, problem)
    message = f"YAML syntax error: {problem}"
    if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
        message += f" ({exc.context} at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
    elif exc.context:
        message += f" ({exc.context})"
    return ConfigError(path, line, column, message)


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.errors: list[ConfigError] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self._stack: set[int] = set()

    def mark(self, node: yaml.Node) -> Mark:
        return Mark(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, key_mark: Mark | None = None) -> Node:
        mark = self.mark(node)
        if id(node) in self._stack:
            self.errors.append(mark.error("an alias refers to the mapping or list that contains it"))
            return Node(None, mark, key_mark)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in PLAIN_TAGS:
            self.errors.append(mark.error(f"unsupported YAML tag '{node.tag}': write plain mappings and lists"))
            return Node(None, mark, key_mark)
        if isinstance(node, yaml.MappingNode):
            self._stack.add(id(node))
            try:
                return Node(self._mapping(node), mark, key_mark)
            finally:
                self._stack.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self._stack.add(id(node))
            try:
                return Node([self.build(item) for item in node.value], mark, key_mark)
            finally:
                self._stack.discard(id(node))
        return Node(self._scalar(node, mark), mark, key_mark)

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Node]:
        result: dict[str, Node] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            key_mark = self.mark(key_node)
            if key_node.tag == MERGE_TAG:
                self.errors.append(key_mark.error("YAML merge keys ('<<') are not supported: use 'extends' to build on a template"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.append(key_mark.error("a key must be plain text, not a mapping or a list"))
                continue
            key = key_node.value
            if key in first_seen:
                first = first_seen[key]
                self.errors.append(
                    key_mark.error(
                        f"duplicate key '{key}': it is already set on line {first.line}; "
                        "YAML would silently keep only the last one, so remove one of them"
                    )
                )
            else:
                first_seen[key] = key_mark
            result[key] = self.build(value_node, key_mark)
        return result

    def _scalar(self, node: yaml.Node, mark: Mark) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self.errors.append(mark.error(f"cannot read this value: {exc.problem}"))
        except (ValueError, OverflowError) as exc:
            if node.tag == TIMESTAMP_TAG:
                return node.value  # e.g. 2026-02-30: left as text, the schema says what is wrong
            self.errors.append(mark.error(f"cannot read this value: {exc}"))
        return node.value
