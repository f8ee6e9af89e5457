"""Loading process configs: read, resolve ``extends``, merge, validate, cross-check, build.

Every problem is collected with its ``file:line:column`` and raised together as one
:class:`ConfigInvalid`; nothing else escapes ``load_*``.  Values keep the mark of the file
they were written in through the merge, so a problem in an inherited value points into
the template, and a problem in an override points into the authority's file.

Merging (``extends``): mappings merge key by key (stages, clocks and events by key, the
base's order first, new keys appended); lists and single values replace; ``key: null`` in
the child removes the inherited entry (a stage, a clock, an event, or an optional setting,
which then takes its default).
"""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from complaints_process.core.calendar import Closure, WorkingDayCalendar
from complaints_process.core.clocks import ReceiptRule, parse_receipt
from complaints_process.core.durations import Duration, parse_duration
from complaints_process.core.retention import parse_retention

from . import schema
from .errors import ConfigError, ConfigInvalid, did_you_mean, quoted_list, sort_errors
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
from .shape import walk_problems
from .yamlio import Mark, Node, YamlDocument, display_path, parse_yaml, read_yaml_file

START_EVENT = "received"
EXTENDED_SUFFIX = "_extended"

__all__ = [
    "default_configs_root",
    "find_configs_root",
    "load_authority_file",
    "load_authority_text",
    "load_template_file",
    "template_files",
    "template_path",
    "validate_files",
]


# -- where templates live --------------------------------------------------------------------


#: The templates that ship with the package (``base/statutory-england-2006.yaml`` ...).  An
#: ``extends: base/NAME`` resolves from the authority's own folder first (``base/NAME.yaml`` there
#: overrides the packaged one), then from here.
PACKAGED_CONFIGS_ROOT = Path(__file__).resolve().parents[2] / "process_configs"


def default_configs_root() -> Path:
    """The repository's ``process_configs/`` directory when there is one, else the packaged templates' folder."""
    repository = Path(__file__).resolve().parents[3] / "process_configs"
    return repository if repository.is_dir() else PACKAGED_CONFIGS_ROOT


def find_configs_root(path: str | os.PathLike[str]) -> Path:
    """The ``process_configs`` directory a file belongs to (templates resolve from there).

    The nearest enclosing directory called ``process_configs``; failing that, the parent of
    a ``base/`` directory holding the file; failing that, the file's own directory.
    """
    folder = Path(path).resolve().parent
    for candidate in (folder, *folder.parents):
        if candidate.name == "process_configs":
            return candidate
    if folder.name == "base":
        return folder.parent
    return folder


# -- public entry points ---------------------------------------------------------------------


def load_authority_file(path: str | os.PathLike[str], *, configs_root: str | os.PathLike[str] | None = None) -> AuthorityConfig:
    """Load, resolve and validate an authority file; raise ConfigInvalid with every problem."""
    root = Path(configs_root) if configs_root is not None else find_configs_root(path)
    loader = _Loader(root)
    document = loader.read(Path(path))
    return loader.authority(document)


def load_authority_text(text: str, *, name: str = "<text>", configs_root: str | os.PathLike[str] | None = None) -> AuthorityConfig:
    """Load an authority config from text (the admin editor, canonical JSON, tests).

    ``name`` is the path errors show.  Templates resolve from ``configs_root``
    (default: the repository's ``process_configs/``).
    """
    loader = _Loader(Path(configs_root) if configs_root is not None else default_configs_root())
    if not isinstance(text, str):
        raise ConfigInvalid([ConfigError(name, 1, 1, "expected the config as text")])
    document = parse_yaml(text, name)
    loader.errors.extend(document.errors)
    return loader.authority(document)


def load_template_file(path: str | os.PathLike[str], *, configs_root: str | os.PathLike[str] | None = None) -> TemplateConfig:
    """Load and validate a template file (``process_configs/base/*.yaml``)."""
    root = Path(configs_root) if configs_root is not None else find_configs_root(path)
    loader = _Loader(root)
    document = loader.read(Path(path))
    return loader.template(document, _template_name(Path(path), root))


def validate_files(paths: Iterable[str | os.PathLike[str]]) -> list[ConfigError]:
    """Validate authority and template files; return every problem found (empty if all valid).

    A file whose top-level key is ``template:`` is validated as a template, any other as an
    authority file.
    """
    errors: list[ConfigError] = []
    for path in paths:
        path = Path(path)
        root = find_configs_root(path)
        loader = _Loader(root)
        document = loader.read(path)
        try:
            if document.root is not None and document.root.is_mapping and "template" in document.root.value:
                loader.template(document, _template_name(path, root))
            else:
                loader.authority(document)
        except ConfigInvalid as invalid:
            errors.extend(invalid.errors)
    return sort_errors(errors)


def template_path(configs_root: Path, name: str) -> Path:
    """The file ``extends: NAME`` reads: the folder's own ``NAME.yaml``, else the packaged one.

    When neither exists, the folder's path (the one an error message should name)."""
    own = configs_root / f"{name}.yaml"
    if own.is_file():
        return own
    packaged = PACKAGED_CONFIGS_ROOT / f"{name}.yaml"
    return packaged if packaged.is_file() else own


def template_names(configs_root: Path) -> list[str]:
    """Templates in a folder: its ``*.yaml`` files in sub-folders such as ``base/``, as ``base/NAME``."""
    if not configs_root.is_dir():
        return []
    found = []
    for folder, _dirs, files in os.walk(configs_root, followlinks=True):  # base/ may be a link
        for file in files:
            relative = (Path(folder) / file).relative_to(configs_root)
            if file.endswith(".yaml") and len(relative.parts) > 1:
                found.append(relative.with_suffix("").as_posix())
    return sorted(found)


def template_files(configs_root: Path) -> list[Path]:
    """Every template an authority in the folder can extend: the packaged ones and the folder's own
    (which override packaged ones of the same name)."""
    names = sorted(set(template_names(configs_root)) | set(template_names(PACKAGED_CONFIGS_ROOT)))
    return [template_path(configs_root, name) for name in names]


def _template_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).with_suffix("").as_posix()
    except ValueError:
        return path.stem


# -- merging -------------------------------------------------------------------------------------


def merge(base: Node, child: Node) -> Node:
    """Deep-merge child over base (see the module docstring); marks follow the values."""
    if not (base.is_mapping and child.is_mapping):
        return child
    merged: dict[str, Node] = {}
    for key, base_value in base.value.items():
        if key not in child.value:
            merged[key] = base_value
        elif child.value[key].value is not None:
            merged[key] = merge(base_value, child.value[key])
        # else: `key: null` removes the inherited entry
    for key, child_value in child.value.items():
        if key not in base.value:
            merged[key] = child_value
    return Node(merged, child.mark, child.key_mark)


# -- the loader ----------------------------------------------------------------------------------


@dataclass
class _Checked:
    model: BaseModel
    node: Node


class _Loader:
    def __init__(self, configs_root: Path):
        self.configs_root = configs_root
        # The working days cross-checks count on: the authority's, once read (England for a template).
        self.calendar = WorkingDayCalendar("england")
        self.errors: list[ConfigError] = []
        self._documents: dict[Path, YamlDocument] = {}
        self._resolved_templates: dict[str, Node | None] = {}
        self._checked_headers: set[str] = set()

    # reading ---------------------------------------------------------------------------

    def read(self, path: Path) -> YamlDocument:
        key = path.resolve()
        if key not in self._documents:
            document = read_yaml_file(path)
            self._documents[key] = document
            self.errors.extend(document.errors)
        return self._documents[key]

    def fail_if_errors(self, main_path: str) -> None:
        if self.errors:
            raise ConfigInvalid(self.errors, main_path=main_path)

    def error(self, mark: Mark, message: str) -> None:
        self.errors.append(mark.error(message))

    # files -----------------------------------------------------------------------------

    def authority(self, document: YamlDocument) -> AuthorityConfig:
        root = document.root
        if root is None:
            self.fail_if_errors(document.path)
        if not root.is_mapping:
            self.error(
                root.mark, f"expected a mapping with 'authority:' and 'procedures:' at the top of the file, got {describe(root.value)}"
            )
            self.fail_if_errors(document.path)
        if "template" in root.value and "authority" not in root.value:
            self.error(
                root.value["template"].where(),
                "this is a template file ('template:' at the top); an authority file starts with 'authority:' "
                "and uses a template through a procedure's 'extends'",
            )
            self.fail_if_errors(document.path)
        self.check_keys(root, schema.AuthorityFile)

        authority = self.validate(root.get("authority"), schema.AuthorityModel, "authority")
        if authority is not None:
            self.check_authority(authority)
            calendar = authority.model.calendar  # type: ignore[attr-defined]
            self.calendar = WorkingDayCalendar(calendar.nation, tuple(Closure(c.date, c.reason) for c in calendar.closures))

        procedures: list[_Checked] = []
        procedures_node = root.get("procedures")
        if procedures_node is not None:
            if not procedures_node.is_sequence:
                self.error(procedures_node.mark, f"'procedures' must be a list of procedures, got {describe(procedures_node.value)}")
            elif not procedures_node.value:
                self.error(procedures_node.mark, "'procedures' is empty: an authority needs at least one procedure")
            else:
                for item in procedures_node.value:
                    self.check_no_law(item)
                    resolved = self.resolve(item, ())
                    if resolved is None:
                        continue
                    checked = self.validate(resolved, schema.ProcedureModel, "procedure")
                    if checked is not None:
                        self.check_procedure(checked)
                        procedures.append(checked)
                self.check_unique_slugs(procedures)
        self.fail_if_errors(document.path)
        return build_authority(authority.model, [p.model for p in procedures], [p.node for p in procedures])

    def check_no_law(self, procedure: Node) -> None:
        """``law:`` is the template's statement of the law: an authority that extends a template
        cannot rewrite it.  (A resolved config, e.g. a stored version, carries its template's law.)"""
        if not procedure.is_mapping or procedure.get(schema.EXTENDS_KEY) is None:
            return
        clocks = [procedure.get("clocks")]
        stages = procedure.get("stages")
        if stages is not None and stages.is_mapping:
            clocks += [stage.get("clocks") for stage in stages.value.values() if stage.is_mapping]
        for mapping in clocks:
            if mapping is None or not mapping.is_mapping:
                continue
            for name, clock in mapping.value.items():
                law = clock.get("law") if clock.is_mapping else None
                if law is not None:
                    self.error(
                        law.where(),
                        f"clock '{name}': 'law' states what the law sets and belongs in the template; an authority writes its own "
                        "time in 'due' and 'extended' (process_config lawcheck lists where they depart from the law)",
                    )

    def template(self, document: YamlDocument, name: str) -> TemplateConfig:
        root = document.root
        if root is None:
            self.fail_if_errors(document.path)
        if not root.is_mapping:
            self.error(
                root.mark, f"expected a mapping with 'template:' and 'procedure:' at the top of the file, got {describe(root.value)}"
            )
            self.fail_if_errors(document.path)
        info = self.check_template_header(root, name)
        procedure = None
        procedure_node = root.get("procedure")
        if procedure_node is not None:
            resolved = self.resolve(procedure_node, (name,))
            if resolved is not None:
                procedure = self.validate(with_law_receipt(resolved), schema.ProcedureModel, "procedure")
                if procedure is not None:
                    self.check_procedure(procedure)
        self.fail_if_errors(document.path)
        template_info: schema.TemplateInfo = info.model  # type: ignore[assignment]
        return TemplateConfig(
            slug=template_info.slug,
            name=template_info.name,
            source=template_info.source,
            procedure=build_procedure(procedure.model),  # type: ignore[union-attr]
        )

    def check_template_header(self, root: Node, name: str) -> _Checked | None:
        if name in self._checked_headers:
            return None
        self._checked_headers.add(name)
        self.check_keys(root, schema.TemplateFile)
        return self.validate(root.get("template"), schema.TemplateInfo, "template")

    # extends ---------------------------------------------------------------------------

    def resolve(self, node: Node, chain: tuple[str, ...]) -> Node | None:
        """The procedure node with its `extends` chain merged in; None if that failed."""
        if not node.is_mapping:
            self.error(node.mark, f"expected a procedure (a mapping of keys to values), got {describe(node.value)}")
            return None
        extends = node.get(schema.EXTENDS_KEY)
        if extends is None:
            return node
        if not isinstance(extends.value, str) or not re.fullmatch(schema.TEMPLATE_PATTERN, extends.value):
            self.error(extends.mark, f"'extends' must name {schema.PATTERN_HELP[schema.TEMPLATE_PATTERN]}; got {describe(extends.value)}")
            return None
        name = extends.value
        if name in chain:
            self.error(extends.mark, f"'extends' goes round in a circle: {' -> '.join((*chain, name))}")
            return None
        base = self.template_procedure(name, extends.mark, (*chain, name))
        if base is None:
            return None
        own = Node({k: v for k, v in node.value.items() if k != schema.EXTENDS_KEY}, node.mark, node.key_mark)
        return merge(base, own)

    def template_procedure(self, name: str, mark: Mark, chain: tuple[str, ...]) -> Node | None:
        if name in self._resolved_templates:
            return self._resolved_templates[name]
        path = template_path(self.configs_root, name)
        if not path.is_file():
            available = self.available_templates()
            hint = did_you_mean(name, available) or (f"; templates available: {', '.join(available)}" if available else "")
            self.error(mark, f"'extends' names a template that does not exist: '{name}' (no file {display_path(path)}){hint}")
            return None
        document = self.read(path)
        root = document.root
        if root is None:
            self.error(mark, f"template '{name}' cannot be used: {display_path(path)} has problems")
            return None
        if not root.is_mapping or "procedure" not in root.value:
            self.error(mark, f"'{name}' is not a template: {display_path(path)} has no top-level 'procedure:'")
            return None
        self.check_template_header(root, name)
        resolved = self.resolve(root.value["procedure"], chain)
        if resolved is not None:
            resolved = with_law_receipt(resolved)
        self._resolved_templates[name] = resolved
        return resolved

    def available_templates(self) -> list[str]:
        return sorted(set(template_names(self.configs_root)) | set(template_names(PACKAGED_CONFIGS_ROOT)))

    # schema validation ---------------------------------------------------------------------

    def check_keys(self, node: Node, model: type[schema.Strict]) -> None:
        """Unknown and missing top-level keys of a file (its parts are validated separately)."""
        allowed = field_keys(model)
        for key, child in node.value.items():
            if key not in allowed:
                self.error(child.where(), unknown_key_message(key, allowed, model.what))
        for key in required_keys(model):
            if key not in node.value:
                self.error(node.mark, f"missing required key '{key}' at the top of {model.what}")

    def validate(self, node: Node | None, model: type[BaseModel], name: str) -> _Checked | None:
        if node is None:
            return None  # reported as a missing key by check_keys
        try:
            return _Checked(model.model_validate(node.plain()), node)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self.errors.append(translate_error(error, model, node, name))
            return None

    # cross-checks ----------------------------------------------------------------------------

    def check_authority(self, checked: _Checked) -> None:
        authority: schema.AuthorityModel = checked.model  # type: ignore[assignment]
        closures = at(checked.node, "calendar", "closures")
        seen: dict[date, Mark] = {}
        for index, closure in enumerate(authority.calendar.closures):
            mark = at(closures, index, "date").mark
            if closure.date in seen:
                self.error(mark, f"closure date {closure.date.isoformat()} is listed twice (first on line {seen[closure.date].line})")
            else:
                seen[closure.date] = mark

    def check_unique_slugs(self, procedures: list[_Checked]) -> None:
        seen: dict[str, Mark] = {}
        for checked in procedures:
            slug = checked.model.slug  # type: ignore[attr-defined]
            mark = at(checked.node, "slug").mark
            if slug in seen:
                self.error(mark, f"procedure slug '{slug}' is used twice (first on line {seen[slug].line} of {seen[slug].path})")
            else:
                seen[slug] = mark

    def check_procedure(self, checked: _Checked) -> None:
        _ProcedureChecks(self, checked.model, checked.node).run()  # type: ignore[arg-type]


class _ProcedureChecks:
    """Rules that need the whole (merged) procedure."""

    def __init__(self, loader: _Loader, procedure: schema.ProcedureModel, node: Node):
        self.loader = loader
        self.p = procedure
        self.node = node
        self.stage_keys = list(procedure.stages)
        self.event_keys = list(procedure.events)

    def error(self, node: Node, message: str) -> None:
        self.loader.error(node.mark, message)

    def run(self) -> None:
        errors_before = len(self.loader.errors)
        if not self.p.stages:
            self.error(at(self.node, "stages"), "a procedure needs at least one stage, e.g. 'stage1: {name: Local resolution}'")
        self.check_events()
        self.check_clocks()
        # The walk reads the stages, events and clocks: with those sound it runs whatever else is
        # wrong, so one run reports every problem; with them wrong its findings would only repeat
        # those errors in other words (a clock met by an undeclared event "can never be met").
        walk_inputs_sound = len(self.loader.errors) == errors_before
        self.check_themes()
        ombudsman = self.p.ombudsman
        if ombudsman is not None and ombudsman.after_stage is not None and ombudsman.after_stage not in self.p.stages:
            self.error(
                at(self.node, "ombudsman", "after_stage"),
                f"'after_stage' names stage '{ombudsman.after_stage}', which this procedure does not have "
                f"(stages: {', '.join(self.stage_keys)})",
            )
        if walk_inputs_sound and self.p.stages:
            self.check_walkable()

    def check_walkable(self) -> None:
        """Every case can finish and every clock can start and be met (``shape.walk_problems``):
        a procedure that would strand a case is refused, with the path that gets stuck."""
        for problem in walk_problems(build_procedure(self.p)):
            node = at(self.node, *problem.where)
            self.loader.error(node.where() if problem.where[-1] not in ("from", "met_by") else node.mark, problem.message)

    def check_themes(self) -> None:
        """Each theme once: the report counts by theme, so 'Delay' and 'delay ' would split a count."""
        seen: dict[str, Mark] = {}
        themes = at(self.node, "themes")
        for index, theme in enumerate(self.p.themes):
            key = " ".join(theme.split()).casefold()
            mark = at(themes, index).mark
            if key in seen:
                self.loader.error(mark, f"theme '{theme.strip()}' is listed twice (first on line {seen[key].line})")
            else:
                seen[key] = mark

    def stage_problem(self, ref: str) -> str | None:
        if "." in ref:
            stage = ref.split(".", 1)[0]
            if stage not in self.p.stages:
                return (
                    f"'{ref}' belongs to stage '{stage}', which this procedure does not have "
                    f"(stages: {', '.join(self.stage_keys) or 'none'})"
                )
        return None

    def unknown_event(self, ref: str) -> str:
        return self.stage_problem(ref) or (
            f"unknown event '{ref}': events are declared under 'events:'{did_you_mean(ref, self.event_keys)}"
        )

    def check_events(self) -> None:
        events_node = at(self.node, "events")
        if START_EVENT not in self.p.events:
            self.error(
                events_node, f"every procedure needs a '{START_EVENT}' event: the day the complaint arrives is day 0 of every timeline"
            )
        for key, event in self.p.events.items():
            entry = at(events_node, key)
            problem = self.stage_problem(key)
            if problem:
                self.loader.error(entry.where(), f"event {problem}")
            if event.assumed is None:
                continue
            assumed_node = at(entry, "assumed")
            if key == START_EVENT:
                self.error(assumed_node, f"'{START_EVENT}' starts the procedure, so it cannot be assumed from another event")
            elif event.assumed == key:
                self.error(assumed_node, f"event '{key}' cannot be assumed from itself")
            elif event.assumed not in self.p.events:
                self.error(assumed_node, self.unknown_event(event.assumed))

    def check_clocks(self) -> None:
        met: dict[str, str] = {}
        producers: dict[str, tuple[str, str | None]] = {}  # event -> (clock key, event it waits for)
        for stage_key, name, clock, node in self.all_clocks():
            full_key = f"{stage_key}.{name}" if stage_key else name
            if name.endswith(EXTENDED_SUFFIX):
                self.loader.error(
                    node.where(), f"clock key '{name}' cannot end in '{EXTENDED_SUFFIX}': that suffix names the extended row of a clock"
                )
            for field, ref in (("from", clock.from_), ("met_by", clock.met_by)):
                if ref not in self.p.events:
                    self.error(at(node, field), self.unknown_event(ref))
            if clock.met_by == clock.from_:
                self.error(at(node, "met_by"), f"clock '{full_key}' cannot be met by the event it runs from ('{clock.from_}')")
            elif clock.met_by == START_EVENT:
                self.error(at(node, "met_by"), f"'{START_EVENT}' starts the procedure, so no clock can end at it")
            elif clock.met_by in met:
                self.error(
                    at(node, "met_by"),
                    f"event '{clock.met_by}' already meets clock '{met[clock.met_by]}': each event can meet only one clock",
                )
            else:
                met[clock.met_by] = full_key
                producers[clock.met_by] = (full_key, clock.from_)
            self.check_durations(full_key, clock, node)
            if clock.from_receipt and not self.p.receipt:
                self.error(
                    at(node, "from_receipt"),
                    f"clock '{full_key}' runs from the complainant's receipt, but the procedure has no 'receipt' rules: "
                    "add e.g. 'receipt: {email: same day, post: 2 working days after}'",
                )
        self.check_cycles(producers)

    def all_clocks(self):
        for name, clock in self.p.clocks.items():
            yield None, name, clock, at(self.node, "clocks", name)
        for stage_key, stage in self.p.stages.items():
            for name, clock in stage.clocks.items():
                yield stage_key, name, clock, at(self.node, "stages", stage_key, "clocks", name)

    def check_durations(self, key: str, clock: schema.ClockModel, node: Node) -> None:
        due = parse_due(clock.due)
        if due is not None:
            if due.direction == "before" and clock.kind != "notice":
                self.error(
                    at(node, "due"),
                    f"'{clock.due}' counts backwards ('before'), which only a notice clock does: add 'kind: notice' or remove 'before'",
                )
            if due.direction == "after" and clock.kind == "notice":
                self.error(
                    at(node, "due"),
                    f"a notice clock is due some time before its event, so write e.g. 'at least 10 days before' (got '{clock.due}')",
                )
        if clock.extended is not None:
            extended = parse_extended(clock.extended)
            if clock.kind == "notice":
                self.error(at(node, "extended"), "a notice clock cannot be extended")
            elif due is None:
                self.error(at(node, "extended"), f"clock '{key}' has no stated limit ('due: {clock.due}'), so it has nothing to extend")
            elif extended is not None and extended.unit == due.unit and extended.amount <= due.amount:
                self.error(
                    at(node, "extended"),
                    f"clock '{key}': the extended limit '{clock.extended}' must be longer than the clock's own limit '{clock.due}': "
                    f"'extended' is the total time allowed from '{clock.from_}', not the extra time",
                )
            elif extended is not None and extended.unit != due.unit:
                first = first_earlier(extended, due, self.loader.calendar, date.today().year)
                if first is not None:
                    start, extended_on, due_on = first
                    self.error(
                        at(node, "extended"),
                        f"clock '{key}': the extended limit '{clock.extended}' must not end before the clock's own limit "
                        f"'{clock.due}' on any day it can start, but from {start.isoformat()} it ends on "
                        f"{extended_on.isoformat()} and the limit on {due_on.isoformat()}: 'extended' is the total time "
                        f"allowed from '{clock.from_}', not the extra time",
                    )
        elif clock.extension is not None:
            self.loader.error(
                at(node, "extension").where(),
                f"clock '{key}' describes an 'extension' but has no 'extended' limit: "
                "add e.g. 'extended: up to 20 working days' or 'extended: no limit stated'",
            )

    def check_cycles(self, producers: dict[str, tuple[str, str | None]]) -> None:
        """Each event's timeline date must not depend on itself."""
        waits_for: dict[str, str] = {}
        for event, (_, source) in producers.items():
            if source is not None:
                waits_for[event] = source
        for key, event in self.p.events.items():
            if event.assumed is not None and key not in waits_for:
                waits_for[key] = event.assumed
        reported: set[str] = set()
        for start in waits_for:
            path = [start]
            current = start
            while current in waits_for:
                current = waits_for[current]
                if current in path:
                    loop = path[path.index(current) :] + [current]
                    if not reported.intersection(loop):
                        reported.update(loop)
                        clock_key = producers.get(loop[0], (None,))[0]
                        node = self.clock_node(clock_key) if clock_key else at(self.node, "events", loop[0])
                        self.error(
                            at(node, "met_by") if clock_key else node,
                            "events wait for each other in a circle, so none of them can ever be dated: " + " waits for ".join(loop),
                        )
                    break
                path.append(current)

    def clock_node(self, full_key: str) -> Node:
        if "." in full_key:
            stage, name = full_key.split(".", 1)
            return at(self.node, "stages", stage, "clocks", name)
        return at(self.node, "clocks", full_key)


# -- building the typed config -----------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def parse_due(text: str) -> Duration | None:
    return None if _normal(text) == schema.NOT_STATED else parse_duration(text)


def parse_extended(text: str) -> Duration | None:
    return None if _normal(text) == schema.NO_LIMIT_STATED else parse_duration(text)


def first_earlier(extended: Duration, due: Duration, calendar: WorkingDayCalendar, year: int):
    """Different units are compared as dates, never in the abstract: for every start day of
    ``year`` and the next (on the authority's calendar, with its closures), the extended limit
    must not fall before the clock's own limit.  The first ``(start, extended date, due date)``
    for which it does, or None."""
    start = date(year, 1, 1)
    for offset in range(731):
        day = start + timedelta(days=offset)
        extended_on, due_on = extended.apply(day, calendar), due.apply(day, calendar)
        if extended_on < due_on:
            return day, extended_on, due_on
    return None


def build_clock(stage: str | None, name: str, clock: schema.ClockModel, marks=None) -> ClockConfig:
    due = parse_due(clock.due)
    extended = extended_text = None
    unbounded = False
    if clock.extended is not None:
        extended = parse_extended(clock.extended)
        unbounded = extended is None
        extended_text = schema.NO_LIMIT_STATED if unbounded else clock.extended
    extension = None
    if clock.extension is not None:
        extension = ExtensionConfig(clock.extension.when, tuple(clock.extension.requires), clock.extension.max_times)
    return ClockConfig(
        key=f"{stage}.{name}" if stage else name,
        name=name,
        stage=stage,
        label=clock.label,
        kind=clock.kind,
        from_event=clock.from_,
        due=due,
        due_text=schema.NOT_STATED if due is None else clock.due,
        met_by=clock.met_by,
        extended=extended,
        extended_text=extended_text,
        extension_unbounded=unbounded,
        extension=extension,
        reminders=tuple(parse_duration(text) for text in clock.reminders),
        stops=tuple(clock.stops),
        from_receipt=clock.from_receipt,
        law=build_law(clock.law),
        marks=tuple(marks or ()),
    )


def with_law_receipt(procedure: Node) -> Node:
    """A template's resolved procedure whose floors (``law: {bound: floor}``) also state when the
    law's window starts: the template clock's own ``from_receipt`` and the template's ``receipt``
    rules, copied into the ``law`` so that an authority that changes its own (a post received
    "same day", a window "from_receipt: false") cannot move the law's floor with them
    (``core.clocks.clock_start``; ``lawcheck`` lists the change).  Copies; the nodes read stay as
    they were."""
    receipt = procedure.get("receipt")

    def stamped(clocks: Node | None) -> Node | None:
        if clocks is None or not clocks.is_mapping:
            return clocks
        found = {}
        for name, clock in clocks.value.items():
            law = clock.get("law") if clock.is_mapping else None
            bound = law.get("bound") if law is not None and law.is_mapping else None
            if bound is not None and bound.value == "floor":
                from_receipt = clock.get("from_receipt")
                entries = dict(law.value)
                entries["from_receipt"] = Node(from_receipt is not None and from_receipt.value is True, (from_receipt or law).mark)
                if receipt is not None and receipt.is_mapping:
                    entries["receipt"] = receipt
                clock = Node({**clock.value, "law": Node(entries, law.mark, law.key_mark)}, clock.mark, clock.key_mark)
            found[name] = clock
        return Node(found, clocks.mark, clocks.key_mark)

    entries = dict(procedure.value)
    if "clocks" in entries:
        entries["clocks"] = stamped(entries["clocks"])
    stages = entries.get("stages")
    if stages is not None and stages.is_mapping:
        entries["stages"] = Node(
            {
                key: Node({**stage.value, "clocks": stamped(stage.value["clocks"])}, stage.mark, stage.key_mark)
                if stage.is_mapping and "clocks" in stage.value
                else stage
                for key, stage in stages.value.items()
            },
            stages.mark,
            stages.key_mark,
        )
    return Node(entries, procedure.mark, procedure.key_mark)


def build_law(law: schema.LawModel | None) -> LawConfig | None:
    if law is None:
        return None
    due = parse_due(law.due) if law.due is not None else None
    extended = parse_extended(law.extended) if law.extended is not None else None
    return LawConfig(
        bound=law.bound,
        source=law.source,
        due=due,
        due_text=law.due if due is not None else schema.NOT_STATED,
        extended=extended,
        extended_text=law.extended if extended is not None else None,
        from_receipt=law.from_receipt,
        receipt=receipt_rules(law.receipt),
    )


def receipt_rules(receipt: dict[str, str]) -> tuple[ReceiptRule, ...]:
    return tuple(ReceiptRule(method, parse_receipt(text), text) for method, text in receipt.items())


def receipt_marks(node: Node | None) -> list[tuple[str, str]]:
    """ "path:line" of the procedure's ``receipt`` and of each of its rules, where written."""
    receipt = node.get("receipt") if node is not None else None
    if receipt is None:
        return []
    found = [("receipt", f"{receipt.where().path}:{receipt.where().line}")]
    if receipt.is_mapping:
        found += [(method, f"{rule.mark.path}:{rule.mark.line}") for method, rule in receipt.value.items()]
    return found


def clock_marks(node: Node | None, *loc: str) -> list[tuple[str, str]]:
    """ "path:line" of the clock's due, extended and from_receipt values, where they were written."""
    if node is None:
        return []
    clock = at(node, *loc)
    found = []
    for name in ("due", "extended", "from_receipt"):
        value = clock.get(name)
        if value is not None:
            found.append((name, f"{value.mark.path}:{value.mark.line}"))
    return found


def build_procedure(p: schema.ProcedureModel, node: Node | None = None) -> ProcedureConfig:
    e = p.eligibility
    if e.time_limit is None:
        time_limit, time_limit_text = None, schema.NOT_STATED
    elif _normal(e.time_limit) == schema.NO_TIME_LIMIT:
        time_limit, time_limit_text = None, schema.NO_TIME_LIMIT
    else:
        time_limit, time_limit_text = parse_duration(e.time_limit), e.time_limit
    return ProcedureConfig(
        notifications=NotificationsConfig(tuple(p.notifications.reminders_to), tuple(p.notifications.overdue_alerts_to)),
        themes=tuple(" ".join(theme.split()) for theme in p.themes),
        retention=(
            None
            if p.retention is None
            else RetentionConfig(
                parse_retention(p.retention.closed_cases),
                p.retention.counted_from,
                None if p.retention.feedback is None else parse_retention(p.retention.feedback, minimum_months=1),
            )
        ),
        receipt=receipt_rules(p.receipt),
        receipt_marks=tuple(receipt_marks(node)),
        voice=VoiceConfig(p.voice.speaker, p.voice.authority_called),
        service_users=p.service_users,
        slug=p.slug,
        kind=p.kind,
        name=p.name,
        summary=p.summary,
        feedback=FeedbackConfig(p.feedback.compliments, p.feedback.comments),
        channels=tuple(p.channels),
        eligibility=EligibilityConfig(
            time_limit=time_limit,
            time_limit_text=time_limit_text,
            counted_from=e.counted_from,
            late_complaints=e.late_complaints,
            who_may_complain=tuple(e.who_may_complain),
            who_may_complain_text=tuple(e.who_may_complain_text),
            must_tell=tuple(e.must_tell),
            child_consent=e.child_consent,
            parental_consent_may_be_needed=e.parental_consent_may_be_needed,
            excluded=tuple(e.excluded),
            commissioned_services=e.commissioned_services,
        ),
        support=SupportConfig(
            p.support.advocate, p.support.interpreter, p.support.signer, p.support.bsl_video, p.support.advocate_text
        ),
        ombudsman=(
            None
            if p.ombudsman is None
            else OmbudsmanConfig(
                p.ombudsman.name, p.ombudsman.url, p.ombudsman.at_any_point, p.ombudsman.after_stage, p.ombudsman.time_limit
            )
        ),
        events=tuple(EventConfig(key, event.label, event.assumed) for key, event in p.events.items()),
        procedure_clocks=tuple(build_clock(None, name, clock, clock_marks(node, "clocks", name)) for name, clock in p.clocks.items()),
        stages=tuple(
            StageConfig(
                key=key,
                name=stage.name,
                description=stage.description,
                roles=tuple(stage.roles),
                role_rules=tuple(stage.role_rules),
                local_resolution_first=stage.local_resolution_first,
                local_resolution=stage.local_resolution,
                clocks=tuple(
                    build_clock(key, name, clock, clock_marks(node, "stages", key, "clocks", name)) for name, clock in stage.clocks.items()
                ),
            )
            for key, stage in p.stages.items()
        ),
    )


def build_authority(a: schema.AuthorityModel, procedures: list[schema.ProcedureModel], nodes=None) -> AuthorityConfig:
    contact = None if a.contact is None else ContactConfig(**a.contact.model_dump())
    advocacy = None if a.advocacy is None else AdvocacyConfig(**a.advocacy.model_dump())
    return AuthorityConfig(
        slug=a.slug,
        name=a.name,
        reference_prefix=a.reference_prefix,
        calendar=CalendarConfig(
            nation=a.calendar.nation,
            closures=tuple(Closure(c.date, c.reason) for c in a.calendar.closures),
        ),
        contact=contact,
        advocacy=advocacy,
        procedures=tuple(build_procedure(p, node) for p, node in zip(procedures, nodes or [None] * len(procedures), strict=True)),
    )


# -- pydantic errors -> file:line:column ---------------------------------------------------------


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
