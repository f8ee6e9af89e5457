"""Loading process configs: read, resolve ``extends``, merge, validate, cross-check, build.

Every problem is collected with its ``file:line:column`` and raised together as one
:class:`ConfigInvalid`; nothing else escapes ``load_*``.  Values keep the mark of the file
they were written in through the merge, so a problem in an inherited value points into
the template, and a problem in an override points into the authority's file.

The phases, each in a module of its own, and every phase's errors reported in one run:

* reading YAML with line marks (``yamlio.py``) and merging ``extends`` (``merging.py``,
  templates found by ``templates.py``);
* the schema (``schema.py``; pydantic's errors translated by ``translate.py``); what a
  procedure's schema errors leave readable is salvaged (``salvage.py``) for the next phases;
* the cross-checks (``checks.py``) and the walk (``walkable.py``);
* building the typed config (``build.py``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from complaints_process.core.calendar import Closure, WorkingDayCalendar

from . import schema
from .build import build_authority, build_procedure
from .checks import check_authority, check_procedure, check_unique_slugs
from .errors import ConfigError, ConfigInvalid, did_you_mean, sort_errors
from .merging import merge, with_law_receipt
from .model import AuthorityConfig, TemplateConfig
from .salvage import Salvaged, salvage
from .templates import (
    PACKAGED_CONFIGS_ROOT,
    default_configs_root,
    find_configs_root,
    template_files,
    template_name_of,
    template_names,
    template_path,
)
from .translate import describe, field_keys, required_keys, translate_error, unknown_key_message
from .yamlio import Mark, Node, YamlDocument, display_path, parse_yaml, read_yaml_file

__all__ = [
    "PACKAGED_CONFIGS_ROOT",
    "default_configs_root",
    "find_configs_root",
    "load_authority_file",
    "load_authority_text",
    "load_template_file",
    "template_files",
    "template_names",
    "template_path",
    "validate_files",
]


def load_authority_file(path: str | os.PathLike[str], *, configs_root: str | os.PathLike[str] | None = None) -> AuthorityConfig:
    """Load, resolve and validate an authority file; raise ConfigInvalid with every problem."""
    root = Path(configs_root) if configs_root is not None else find_configs_root(path)
    loader = _Loader(root)
    document = loader.read(Path(path))
    return loader.authority(document)


def load_authority_text(
    text: str, *, name: str = "<text>", configs_root: str | os.PathLike[str] | None = None, stored: bool = False
) -> AuthorityConfig:
    """Load an authority config from text (the admin editor, canonical JSON, tests).

    ``name`` is the path errors show.  Templates resolve from ``configs_root``
    (default: the repository's ``process_configs/``).  ``stored``: a published version read
    back, as it was published.  The walk check is a gate on publishing, not on reading: a
    version stored before it refused what it strands must stay readable, so that its cases
    can be shown and freed by a corrected version (``services/cases/versions.py``).
    """
    loader = _Loader(Path(configs_root) if configs_root is not None else default_configs_root(), walk=not stored)
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
    return loader.template(document, template_name_of(Path(path), root))


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
                loader.template(document, template_name_of(path, root))
            else:
                loader.authority(document)
        except ConfigInvalid as invalid:
            errors.extend(invalid.errors)
    return sort_errors(errors)


@dataclass
class _Checked:
    model: BaseModel
    node: Node


class _Loader:
    def __init__(self, configs_root: Path, *, walk: bool = True):
        self.configs_root = configs_root
        self.walk = walk  # run the walk check (not on a stored version read back)
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
            check_authority(authority.model, authority.node, errors=self.errors)  # type: ignore[arg-type]
            calendar = authority.model.calendar  # type: ignore[attr-defined]
            self.calendar = WorkingDayCalendar(calendar.nation, tuple(Closure(c.date, c.reason) for c in calendar.closures))

        procedures = self.procedures(root.get("procedures"))
        self.fail_if_errors(document.path)
        return build_authority(authority.model, [p.model for p in procedures], [p.node for p in procedures])

    def procedures(self, node: Node | None) -> list[_Checked]:
        """The authority's procedures, each checked in every phase; the slugs of all that could
        be read checked for repeats."""
        if node is None:
            return []  # reported as a missing key by check_keys
        if not node.is_sequence:
            self.error(node.mark, f"'procedures' must be a list of procedures, got {describe(node.value)}")
            return []
        if not node.value:
            self.error(node.mark, "'procedures' is empty: an authority needs at least one procedure")
            return []
        procedures: list[_Checked] = []
        readable: list[tuple[schema.ProcedureModel, Node]] = []
        for item in node.value:
            self.check_no_law(item)
            resolved = self.resolve(item, ())
            if resolved is None:
                continue
            checked, salvaged = self.procedure(resolved)
            if checked is not None:
                procedures.append(checked)
                readable.append((checked.model, checked.node))  # type: ignore[arg-type]
            elif salvaged is not None and not salvaged.touched("slug"):
                readable.append((salvaged.model, resolved))
        check_unique_slugs(readable, errors=self.errors)
        return procedures

    def procedure(self, node: Node) -> tuple[_Checked | None, Salvaged | None]:
        """Validate a resolved procedure and cross-check it; when the schema refuses part of
        it, cross-check what it accepted (``salvage.py``), so one run reports every phase's
        errors.  The checked procedure (None if refused), and what was salvaged if anything."""
        plain = node.plain()
        try:
            model = schema.ProcedureModel.model_validate(plain)
        except ValidationError as exc:
            refused = exc.errors(include_url=False)
            self.errors.extend(translate_error(error, schema.ProcedureModel, node, "procedure") for error in refused)
            salvaged = salvage(plain, refused) if isinstance(plain, dict) else None
            if salvaged is not None:
                check_procedure(salvaged.model, node, calendar=self.calendar, errors=self.errors, salvaged=salvaged, walk=self.walk)
            return None, salvaged
        check_procedure(model, node, calendar=self.calendar, errors=self.errors, walk=self.walk)
        return _Checked(model, node), None

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
                procedure, _ = self.procedure(with_law_receipt(resolved))
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
