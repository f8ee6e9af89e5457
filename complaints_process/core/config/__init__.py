"""The process configuration language: one YAML file per authority, templates it extends.

Public API (pure Python, no Django)::

    load_authority_file(path, *, configs_root=None) -> AuthorityConfig
    load_authority_text(text, *, name="<text>", configs_root=None) -> AuthorityConfig
    load_template_file(path, *, configs_root=None) -> TemplateConfig
    validate_files(paths) -> list[ConfigError]
    dump_authority(config) -> str            # YAML, resolved, loads back to an equal config
    canonical_json(config) -> str            # stable text: hash it to detect change
    json_schema(kind="authority") -> dict    # JSON Schema for editors
    build_timeline(procedure, received, calendar) -> list[TimelineEntry]
    lawcheck(config, year) -> list[Deviation]   # where the config departs from the template's law

Every ``load_*`` raises only :class:`ConfigInvalid`, whose ``errors`` list every problem
as ``file:line:column: message``.  See docs/config-reference.md.
"""

from .errors import ConfigError, ConfigInvalid
from .export import authority_data, canonical_json, dump_authority
from .jsonschema import json_schema
from .lawcheck import Deviation, lawcheck
from .loader import (
    default_configs_root,
    find_configs_root,
    load_authority_file,
    load_authority_text,
    load_template_file,
    validate_files,
)
from .model import (
    AdvocacyConfig,
    AuthorityConfig,
    CalendarConfig,
    ClockConfig,
    ContactConfig,
    EligibilityConfig,
    EventConfig,
    ExtensionConfig,
    FeedbackConfig,
    LawConfig,
    NotificationsConfig,
    OmbudsmanConfig,
    ProcedureConfig,
    RetentionConfig,
    StageConfig,
    SupportConfig,
    TemplateConfig,
    VoiceConfig,
)
from .timeline import TimelineEntry, build_timeline, event_dates

__all__ = [
    "AdvocacyConfig",
    "AuthorityConfig",
    "CalendarConfig",
    "ClockConfig",
    "ConfigError",
    "ConfigInvalid",
    "ContactConfig",
    "Deviation",
    "EligibilityConfig",
    "EventConfig",
    "ExtensionConfig",
    "FeedbackConfig",
    "LawConfig",
    "NotificationsConfig",
    "OmbudsmanConfig",
    "ProcedureConfig",
    "RetentionConfig",
    "StageConfig",
    "SupportConfig",
    "VoiceConfig",
    "TemplateConfig",
    "TimelineEntry",
    "authority_data",
    "build_timeline",
    "canonical_json",
    "default_configs_root",
    "dump_authority",
    "event_dates",
    "find_configs_root",
    "json_schema",
    "lawcheck",
    "load_authority_file",
    "load_authority_text",
    "load_template_file",
    "validate_files",
]
