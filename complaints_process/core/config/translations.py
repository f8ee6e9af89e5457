"""The authority's own text in another language: the ``translations:`` table of its file.

The words the plugin writes are translated by its catalogue (``complaints_process/locale``);
the words an authority writes (its name, the names of its stages, the labels of its clocks, its
address...) are its own, so their translations are in its file, beside them::

    translations:
      cy:                       # the language, as the site's LANGUAGES name it
        "Cwm Aur County Council (example)": "Cyngor Sir Cwm Aur (enghraifft)"
        "Stage 1 response": "Ymateb cam 1"

Each entry is the English exactly as the config (or the template it extends) writes it, and
its translation.  ``translated(config, table)`` gives the same config with each public text
(``PUBLIC_TEXT``) that has an entry replaced; everything else, durations and dates included,
is unchanged, so a Welsh page shows the same dates as the English one.  Text without an entry
stays as written.

Pure Python: the domain layer chooses the table by the active language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

import yaml

from .errors import ConfigError, ConfigInvalid
from .model import (
    AdvocacyConfig,
    AuthorityConfig,
    ClockConfig,
    ContactConfig,
    EligibilityConfig,
    EventConfig,
    ExtensionConfig,
    OmbudsmanConfig,
    ProcedureConfig,
    StageConfig,
    SupportConfig,
    VoiceConfig,
)

KEY = "translations"
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")

#: The fields the public reads, by the part of the config they belong to.  Keys, slugs,
#: addresses for email and the web, and staff-only text (roles, themes) are never translated.
PUBLIC_TEXT: dict[type, tuple[str, ...]] = {
    AuthorityConfig: ("name",),
    ContactConfig: ("address", "notes"),
    AdvocacyConfig: ("name", "notes"),
    ProcedureConfig: ("name", "summary"),
    EventConfig: ("label",),
    StageConfig: ("name", "description", "local_resolution"),
    ClockConfig: ("label",),
    ExtensionConfig: ("when",),
    EligibilityConfig: ("who_may_complain_text",),
    SupportConfig: ("advocate_text",),
    OmbudsmanConfig: ("name", "time_limit"),
    VoiceConfig: ("authority_called",),
}

Table = Mapping[str, str]


def read_translations(text: str, *, name: str = "<text>") -> dict[str, dict[str, str]]:
    """The file's ``translations:`` table, ``{language: {english: translation}}`` ({} when it
    has none); raises ``ConfigInvalid`` with the line of each entry that is not text."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return {}  # the loader reports a file that is not YAML
    if not isinstance(root, yaml.MappingNode):
        return {}
    node = next((value for key, value in root.value if key.value == KEY), None)
    if node is None:
        return {}
    errors: list[ConfigError] = []

    def error(at: yaml.Node, message: str) -> None:
        errors.append(ConfigError(name, at.start_mark.line + 1, at.start_mark.column + 1, message))

    tables: dict[str, dict[str, str]] = {}
    if not isinstance(node, yaml.MappingNode):
        error(node, f"'{KEY}' must be a mapping of languages, e.g. 'cy:', each to a mapping of English text to its translation")
        raise ConfigInvalid(errors)
    for language_node, table_node in node.value:
        language = language_node.value
        if not isinstance(language_node, yaml.ScalarNode) or not LANGUAGE_PATTERN.match(str(language)):
            error(language_node, f"'{language}' is not a language code: write it as the site's LANGUAGES do, e.g. 'cy'")
            continue
        if not isinstance(table_node, yaml.MappingNode):
            error(table_node, f'\'{KEY}: {language}:\' must be a mapping of English text to its translation, e.g. "Stage 1": "Cam 1"')
            continue
        table: dict[str, str] = {}
        for english, translation in table_node.value:
            if not isinstance(english, yaml.ScalarNode) or not isinstance(translation, yaml.ScalarNode):
                error(english, f'each entry of \'{KEY}: {language}:\' must be text: "English": "translation"')
                continue
            if not str(translation.value).strip():
                error(translation, f'the translation of "{english.value}" is empty: give the text, or leave the entry out')
                continue
            if english.value in table:
                error(english, f"\"{english.value}\" is translated twice in '{KEY}: {language}:'")
                continue
            table[str(english.value)] = str(translation.value)
        tables[str(language)] = table
    if errors:
        raise ConfigInvalid(errors)
    return tables


def table_for(tables: Mapping[str, Table], language: str | None) -> Table:
    """The table for a language ("cy", or "cy-gb" finding "cy"); empty when there is none."""
    if not language:
        return {}
    language = language.lower()
    return tables.get(language) or tables.get(language.split("-")[0]) or {}


def translated(value, table: Table):
    """``value`` (a config or any part of one) with its public text replaced from ``table``."""
    if not table:
        return value
    if isinstance(value, tuple):
        return tuple(translated(item, table) for item in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes = {}
    texts = PUBLIC_TEXT.get(type(value), ())
    for field in dataclasses.fields(value):
        if not field.init:
            continue
        current = getattr(value, field.name)
        if field.name in texts:
            new = _text(current, table)
        else:
            new = translated(current, table)
        if new is not current:
            changes[field.name] = new
    return dataclasses.replace(value, **changes) if changes else value


def _text(current, table: Table):
    if isinstance(current, str):
        return table.get(current, current)
    if isinstance(current, tuple):
        return tuple(table.get(item, item) if isinstance(item, str) else item for item in current)
    return current


def untranslated(config: AuthorityConfig, table: Table) -> list[str]:
    """The public text of ``config`` that ``table`` leaves in English, in the config's order
    (for the check that a Welsh authority's pages are all Welsh)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, tuple):
            for item in value:
                walk(item)
            return
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return
        texts = PUBLIC_TEXT.get(type(value), ())
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            if field.name in texts:
                items = current if isinstance(current, tuple) else (current,)
                found.extend(item for item in items if isinstance(item, str) and item and item not in table and item not in found)
            else:
                walk(current)

    walk(config)
    return found


def public_text(config: AuthorityConfig) -> list[str]:
    """Every public text of ``config`` (``PUBLIC_TEXT``), in the config's order, once each."""
    return untranslated(config, {})


@dataclasses.dataclass(frozen=True)
class TranslationGaps:
    """Where a language's table and the config it goes with no longer meet: English the public
    reads with no translation (``missing``), and entries whose English the config no longer
    writes (``orphaned``: an English text changed or removed since it was translated)."""

    language: str
    missing: tuple[str, ...]
    orphaned: tuple[str, ...]


def translation_gaps(config: AuthorityConfig, tables: Mapping[str, Table], *, languages=()) -> list[TranslationGaps]:
    """The gaps of each language of ``tables`` (and of ``languages``, e.g. those the version
    being replaced translates, so a table removed altogether shows), none where all is met."""
    texts = public_text(config)
    written = set(texts)
    gaps = []
    for language in sorted(set(tables) | set(languages)):
        table = tables.get(language) or {}
        missing = tuple(text for text in texts if text not in table)
        orphaned = tuple(english for english in table if english not in written)
        if missing or orphaned:
            gaps.append(TranslationGaps(language, missing, orphaned))
    return gaps


def dump_translations(tables: Mapping[str, Table]) -> str:
    """The ``translations:`` table as YAML text (nothing when there are no tables)."""
    if not any(tables.values()):
        return ""
    data = {KEY: {language: dict(table) for language, table in tables.items() if table}}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_style=None)


def with_translations(text: str, tables: Mapping[str, Table]) -> str:
    """``text`` with ``tables`` as its ``translations:`` when it has none of its own (YAML an
    editor regenerated from a config, which carries no translations)."""
    if not any(tables.values()) or read_translations(text):
        return text
    return text.rstrip("\n") + "\n\n" + dump_translations(tables)
