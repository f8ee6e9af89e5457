"""Writing a loaded config back out: YAML for people, canonical JSON for machines.

Both come from :func:`authority_data`, the fully resolved config in the file's own shape
(templates merged, so no ``extends``): the result loads anywhere, with no template
files beside it, into an equal :class:`AuthorityConfig`.

``canonical_json`` is stable (same config, same text, byte for byte) so its hash tells
whether a config changed.  Key order is meaningful (stages, events and clocks are ordered
mappings): store it as text, not in a column type that reorders keys (e.g. PostgreSQL
``jsonb``).  ``load_authority_text`` reads it back (JSON is YAML).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from collections.abc import Mapping
from typing import Any

import yaml

from .model import AuthorityConfig, ClockConfig, EligibilityConfig, ProcedureConfig, StageConfig
from .translations import with_translations


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def _clock_data(clock: ClockConfig) -> dict[str, Any]:
    data: dict[str, Any] = {
        "label": clock.label,
        "kind": clock.kind,
        "from": clock.from_event,
        "due": clock.due_text,
        "extended": clock.extended_text,
    }
    if clock.extension is not None:
        data["extension"] = _drop_none(
            {
                "when": clock.extension.when,
                "requires": list(clock.extension.requires),
                "max_times": clock.extension.max_times,
            }
        )
    data["met_by"] = clock.met_by
    if clock.from_receipt:
        data["from_receipt"] = True
    if clock.law is not None:
        data["law"] = _drop_none(
            {
                "bound": clock.law.bound,
                "due": clock.law.due_text if clock.law.due is not None else None,
                "extended": clock.law.extended_text,
                "source": clock.law.source,
                # a floor's start, as its template states it (see loader.with_law_receipt)
                "from_receipt": True if clock.law.from_receipt else None,
                "receipt": {rule.method: rule.text for rule in clock.law.receipt} or None,
            }
        )
    if clock.reminders:
        data["reminders"] = [reminder.text for reminder in clock.reminders]
    if clock.stops:
        data["stops"] = list(clock.stops)
    return _drop_none(data)


def _eligibility_data(e: EligibilityConfig) -> dict[str, Any]:
    return _drop_none(
        {
            "time_limit": None if e.time_limit_text == "not stated" else e.time_limit_text,
            "counted_from": e.counted_from,
            "late_complaints": e.late_complaints,
            "who_may_complain": list(e.who_may_complain),
            # written only when set, so a config without it keeps its canonical text (and hash)
            "who_may_complain_text": list(e.who_may_complain_text) or None,
            "must_tell": list(e.must_tell),
            "child_consent": e.child_consent,
            "parental_consent_may_be_needed": e.parental_consent_may_be_needed,
            "excluded": list(e.excluded),
            "commissioned_services": e.commissioned_services,
        }
    )


def _support_data(p: ProcedureConfig) -> dict[str, Any]:
    return {
        "advocate": p.support.advocate,
        "interpreter": p.support.interpreter,
        "signer": p.support.signer,
        "bsl_video": p.support.bsl_video,
        # written only when set, so a config without it keeps its canonical text (and hash)
        **({"advocate_text": p.support.advocate_text} if p.support.advocate_text else {}),
    }


def _ombudsman_data(p: ProcedureConfig) -> dict[str, Any] | None:
    if p.ombudsman is None:
        return None
    o = p.ombudsman
    return _drop_none(
        {"name": o.name, "url": o.url, "at_any_point": o.at_any_point, "after_stage": o.after_stage, "time_limit": o.time_limit}
    )


def _retention_data(p: ProcedureConfig) -> dict[str, Any] | None:
    if p.retention is None:
        return None
    return {
        "closed_cases": p.retention.closed_cases.text,
        "counted_from": p.retention.counted_from,
        **({"feedback": p.retention.feedback.text} if p.retention.feedback is not None else {}),
    }


def _stage_data(stage: StageConfig) -> dict[str, Any]:
    return _drop_none(
        {
            "name": stage.name,
            "description": stage.description,
            "roles": list(stage.roles),
            "role_rules": list(stage.role_rules),
            "local_resolution_first": stage.local_resolution_first,
            "local_resolution": stage.local_resolution,
            "clocks": {clock.name: _clock_data(clock) for clock in stage.clocks},
        }
    )


def procedure_data(p: ProcedureConfig) -> dict[str, Any]:
    """A resolved procedure in the file's shape."""
    data: dict[str, Any] = {
        "slug": p.slug,
        "kind": p.kind,
        "name": p.name,
        "summary": p.summary,
        "feedback": {"compliments": p.feedback.compliments, "comments": p.feedback.comments},
        "channels": list(p.channels),
        "eligibility": _eligibility_data(p.eligibility),
        "support": _support_data(p),
        "ombudsman": _ombudsman_data(p),
        "notifications": {
            "reminders_to": list(p.notifications.reminders_to),
            "overdue_alerts_to": list(p.notifications.overdue_alerts_to),
        },
        "retention": _retention_data(p),
        "events": {event.key: _drop_none({"label": event.label, "assumed": event.assumed}) for event in p.events},
        "clocks": {clock.name: _clock_data(clock) for clock in p.procedure_clocks},
        "stages": {stage.key: _stage_data(stage) for stage in p.stages},
    }
    if p.receipt:  # written only when set, like themes
        data["receipt"] = {rule.method: rule.text for rule in p.receipt}
    if p.themes:  # written only when set, so a config without themes keeps its canonical text (and hash)
        data["themes"] = list(p.themes)
    if p.service_users != "children":  # written only when not the default, like themes
        data["service_users"] = p.service_users
    if p.voice.advice:  # written only when not the authority's own page, like themes
        data["voice"] = _drop_none({"speaker": p.voice.speaker, "authority_called": p.voice.authority_called})
    return _drop_none(data)


def authority_data(config: AuthorityConfig) -> dict[str, Any]:
    """The whole authority config, resolved, in the file's shape (plain data, dates as dates)."""
    authority: dict[str, Any] = {
        "slug": config.slug,
        "name": config.name,
        "reference_prefix": config.reference_prefix,
        "calendar": {
            "nation": config.calendar.nation,
            "closures": [{"date": c.day, "reason": c.reason} for c in config.calendar.closures],
        },
    }
    if config.contact is not None:
        authority["contact"] = _drop_none(asdict(config.contact))
    if config.advocacy is not None:
        authority["advocacy"] = _drop_none(asdict(config.advocacy))
    return {"authority": authority, "procedures": [procedure_data(p) for p in config.procedures]}


def dump_authority(config: AuthorityConfig, *, translations: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """YAML that loads back (anywhere, no templates needed) to an equal AuthorityConfig, with
    the version's ``translations:`` table (``translations``, which a config does not carry)."""
    header = (
        f"# {config.name}: process configuration exported with every template merged in.\n"
        "# It loads on its own (no 'extends'); the source file with its comments stays the one to edit.\n"
    )
    return with_translations(header + dump_data(authority_data(config)), translations or {})


def dump_data(data: dict[str, Any]) -> str:
    """Config data in the file's shape (as :func:`authority_data` gives it) as YAML."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """Safe YAML laid out as people write these files: mappings in blocks, short lists inline."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the reader refuses aliases (yamlio): a value used twice is written twice


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    inline = all(not isinstance(item, (dict, list)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=inline)


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def canonical_json(config: AuthorityConfig) -> str:
    """Stable JSON of the resolved config: equal configs give identical text."""
    return json.dumps(authority_data(config), ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value: Any) -> str:
    isoformat = getattr(value, "isoformat", None)
    if isoformat is None:
        raise TypeError(f"cannot serialise {value!r}")
    return isoformat()
