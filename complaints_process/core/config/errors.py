"""Errors of the process configuration: every problem says where it is, as ``file:line:column``.

Lines and columns are 1-based, as editors show them.  Loading never stops at the first
problem: it gathers them all into one :class:`ConfigInvalid`, sorted by file and line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ConfigError:
    """One problem in a config file, pointing at the offending key or value."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ConfigInvalid(Exception):
    """A config (or one of the templates it extends) has one or more problems."""

    def __init__(self, errors: Iterable[ConfigError], main_path: str | None = None):
        self.errors: list[ConfigError] = sort_errors(errors, main_path)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the process configuration"
        return "\n".join([head, *(str(error) for error in self.errors)])

    def __str__(self) -> str:
        return self._summary()


def sort_errors(errors: Iterable[ConfigError], main_path: str | None = None) -> list[ConfigError]:
    """Unique errors, the main file's first, then by path, line and column."""
    unique = set(errors)
    return sorted(unique, key=lambda e: (e.path != main_path, e.path, e.line, e.column, e.message))


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The nearest choice to a mistyped word, or None if nothing is close."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' or ''."""
    match = suggest(word, choices)
    return f"; did you mean '{match}'?" if match else ""


def quoted_list(items: Iterable[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)
