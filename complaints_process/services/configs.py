"""Loading process configs into immutable versions.

``load_config_files`` validates every file first and loads nothing if any is invalid, then
creates the new versions in one transaction, so a load that fails half-way changes nothing.
A file whose resolved content equals the authority's current version creates nothing.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from complaints_process.core.config import (
    AuthorityConfig,
    ConfigInvalid,
    canonical_json,
    dump_authority,
    lawcheck,
    load_authority_file,
)
from complaints_process.core.config.translations import read_translations
from complaints_process.models import Authority, ProcessConfigVersion

from .cases.closures import recompute_for_calendar_change
from .cases.versions import free_stranded_cases
from .teams import ensure_authority_teams

ADMIN_SOURCE = "admin"


#: What a version loaded from a file that takes a right keeps as its reason when the load gave
#: none: a council's file states its reasons beside its values, in the comments quoting its own
#: page, and the version history says so rather than saying nothing.
FILE_REASON = (
    "Loaded from {source} with no reason given: the file's comments quote the authority's own page for the "
    "values it sets (process_config lawcheck lists where they depart from the law)."
)


class ReasonRequired(Exception):
    """Publishing a config that takes a right the law gives needs a reason, from a file as in the admin."""

    def __init__(self, deviations, slug: str = ""):
        self.deviations = deviations
        self.slug = slug
        super().__init__("This version leaves the complainant worse off than the law: give the reason to publish it.")


def rights_taken(config: AuthorityConfig, current: ProcessConfigVersion | None, year: int | None = None) -> list:
    """The deviations from the law (``lawcheck``) that leave the complainant worse off and that
    the current version does not already have: publishing them needs a reason."""
    year = year or timezone.localdate().year
    known = set()
    if current is not None:
        known = {(d.procedure, d.key, d.kind) for d in lawcheck(current.config(), year)}
    return [d for d in lawcheck(config, year) if d.takes_a_right and (d.procedure, d.key, d.kind) not in known]


class AdminVersionConflict(Exception):
    """Loading a file would replace a version published in the admin; needs ``force``."""

    def __init__(self, slug: str, diff: str):
        self.slug = slug
        self.diff = diff
        super().__init__(
            f"{slug}: the current version was published in the admin and differs from the file; "
            "`process_config load` without files keeps it and loads the other authorities, "
            "or load this file with --force to replace it."
        )


@dataclass
class LoadResult:
    slug: str
    version: ProcessConfigVersion
    created: bool
    source: str
    #: The file differs from a version published in the admin, which was kept (``keep_admin``).
    kept_admin: bool = False
    #: Rights the law gives that this version takes, published from a file with no reason given
    #: (the command lists them; the version keeps ``FILE_REASON``).
    departures: list = field(default_factory=list)
    #: Stranded cases the new version frees, moved to it (``cases.versions``).
    freed: list = field(default_factory=list)

    def describe(self) -> str:
        """One line for a command's output."""
        if self.kept_admin:
            when = timezone.localtime(self.version.created_at)
            return (
                f"{self.slug}: kept v{self.version.number}, published in the admin on {when:%-d %b %Y at %H:%M}; "
                f"{self.source} differs and was not loaded (export the admin's version with "
                f"`process_config export {self.slug}`, or replace it with `process_config load {self.source} --force`)"
            )
        line = f"{self.slug}: v{self.version.number} ({'new version' if self.created else 'unchanged, nothing created'})"
        if self.freed:
            count = len(self.freed)
            line += f"; {count} stranded case{'s' if count != 1 else ''} moved to it: {', '.join(case.reference for case in self.freed)}"
        return line


def content_hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_config_files(paths, configs_root: Path) -> list[tuple[Path, AuthorityConfig, str]]:
    """Parse and validate every file; raise ConfigInvalid with the errors of all of them."""
    parsed, errors = [], []
    for path in paths:
        path = Path(path)
        try:
            config = load_authority_file(path, configs_root=configs_root)
            text = path.read_text(encoding="utf-8")
            read_translations(text, name=str(path))
        except ConfigInvalid as invalid:
            errors.extend(invalid.errors)
            continue
        parsed.append((path, config, text))
    if errors:
        raise ConfigInvalid(errors)
    return parsed


def _reason_for(config: AuthorityConfig, current, *, reason: str, source_name: str) -> tuple[str, list]:
    """The reason kept on the new version, and the rights it takes when none was given.

    The admin must give a reason for a version that takes a right (``ReasonRequired``); a file
    loaded without ``--reason`` is kept with ``FILE_REASON``, its departures listed in the
    result, since loading the councils' files is the documented set-up.
    """
    reason = (reason or "").strip()
    if reason:
        return reason, []
    taken = rights_taken(config, current)
    if taken and source_name == ADMIN_SOURCE:
        raise ReasonRequired(taken, config.slug)
    return (FILE_REASON.format(source=source_name) if taken else ""), taken


@transaction.atomic
def publish_config(
    config: AuthorityConfig,
    *,
    source_text: str,
    source_name: str,
    user=None,
    force: bool = False,
    keep_admin: bool = False,
    reason: str = "",
) -> LoadResult:
    """Store ``config`` as the authority's next version unless it equals the current one.

    A file never silently replaces a version published in the admin: without ``force`` it
    raises ``AdminVersionConflict``, or, with ``keep_admin``, keeps the admin's version and
    says so in the result (``kept_admin``).

    A version that newly leaves the complainant worse off than the law (``rights_taken``)
    keeps its ``reason`` (``_reason_for``): the version history then says, for every right
    taken, who took it and why.
    """
    authority, _ = Authority.objects.select_for_update().get_or_create(
        slug=config.slug, defaults={"name": config.name, "reference_prefix": config.reference_prefix}
    )
    # Lock the authority row so two loads cannot both take the same version number.
    authority = Authority.objects.select_for_update().get(pk=authority.pk)
    canonical = canonical_json(config)
    digest = content_hash(canonical)
    current = authority.config_versions.order_by("-number").first()
    tables = read_translations(source_text, name=source_name)
    if current is not None and current.content_hash == digest and current.translations() == tables:
        return LoadResult(config.slug, current, False, source_name)
    if current is not None and current.source_name == ADMIN_SOURCE and source_name != ADMIN_SOURCE and not force:
        if keep_admin:
            return LoadResult(config.slug, current, False, source_name, kept_admin=True)
        raise AdminVersionConflict(config.slug, _diff(current, config))
    reason, taken = _reason_for(config, current, reason=reason, source_name=source_name)
    version = ProcessConfigVersion.objects.create(
        authority=authority,
        number=(current.number + 1) if current else 1,
        content_hash=digest,
        resolved=canonical,
        source_text=source_text,
        source_name=source_name,
        reason=reason,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if authority.name != config.name or authority.reference_prefix != config.reference_prefix:
        authority.name = config.name
        authority.reference_prefix = config.reference_prefix
        authority.save(update_fields=["name", "reference_prefix"])
    ensure_authority_teams(authority)
    recompute_for_calendar_change(authority, current, version, user=user)
    freed = free_stranded_cases(authority, version, user=user)
    return LoadResult(config.slug, version, True, source_name, departures=taken, freed=freed)


def load_config_files(
    paths, *, configs_root: Path, user=None, force: bool = False, keep_admin: bool = False, reason: str = ""
) -> list[LoadResult]:
    """Validate all files, then publish each in one transaction: all or nothing.

    ``keep_admin``: an authority whose current version was published in the admin keeps it
    (reported as ``kept_admin``) and the others load; without it such a file stops the load.
    ``reason`` is kept on every new version (why it departs from the law, where it does); a file
    that takes a right without one stops the load (``ReasonRequired``)."""
    parsed = parse_config_files(paths, configs_root)
    slugs = [config.slug for _, config, _ in parsed]
    duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
    if duplicates:
        raise ValueError(f"more than one file defines authority {', '.join(sorted(duplicates))}")
    with transaction.atomic():
        return [
            publish_config(
                config,
                source_text=text,
                source_name=_display_path(path),
                user=user,
                force=force,
                keep_admin=keep_admin,
                reason=reason,
            )
            for path, config, text in parsed
        ]


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _diff(current: ProcessConfigVersion, config: AuthorityConfig) -> str:
    before = dump_authority(current.english_config()).splitlines(keepends=True)
    after = dump_authority(config).splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"{current} (admin)", "file"))


def changes(current: ProcessConfigVersion | None, config: AuthorityConfig) -> list[dict]:
    """What publishing ``config`` would change, as the lines of a unified diff of the two
    resolved configs (so comments and layout do not count, inherited values do):
    ``{"kind": "added" | "removed" | "context" | "hunk", "text": ...}``; empty if nothing."""
    before = dump_authority(current.english_config()).splitlines() if current is not None else []
    lines = []
    for line in difflib.unified_diff(before, dump_authority(config).splitlines(), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        kind = {"@": "hunk", "+": "added", "-": "removed"}.get(line[:1], "context")
        lines.append({"kind": kind, "text": line[1:] if kind != "hunk" else line})
    return lines
