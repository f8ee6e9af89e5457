"""``manage.py process_config``: validate, load, export, print the schema or a timeline.

    process_config validate [FILE ...]      exit 0, or 1 with every error as path:line:column: message
    process_config load [FILE ...] [--force] [--reason TEXT]   (without FILE: keeps versions published in the admin)
    process_config export AUTHORITY [--version N]
    process_config schema
    process_config timeline AUTHORITY [--procedure SLUG] --received YYYY-MM-DD [--json]
    process_config simulate AUTHORITY --draft FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
    process_config walk AUTHORITY [--procedure SLUG] --received YYYY-MM-DD [--json]
    process_config lawcheck AUTHORITY [--year YYYY] [--json]   where the config departs from the law

Without FILE arguments, validate and load take every ``*.yaml`` in the configs folder
(``COMPLAINTS_PROCESS_CONFIGS_DIR``); validate also checks the templates an authority can extend
(the packaged ones in ``base/``, or the folder's own ``base/`` files that override them).
Errors are reported as messages, never as tracebacks.  ``simulate`` replays the authority's
cases received in the period (default: the 365 days up to today) under the draft FILE and
prints what would have changed (``selectors.simulation``); it changes nothing.  ``validate``
also prints, as warnings that do not fail it, every place an authority's config departs from
the law its template states (the same list as ``lawcheck``).  ``load`` of a file whose config
newly takes a right the law gives (every ``lawcheck`` kind but ``calendar_days``) lists each
as a warning; ``--reason`` is kept on the version as the admin's is, and without it the version
says it was loaded from its file with no reason given (the admin refuses to publish without one).
"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils import timezone

from complaints_process.conf import configs_dir
from complaints_process.core.config import (
    ConfigInvalid,
    build_timeline,
    json_schema,
    lawcheck,
    load_authority_file,
    load_authority_text,
    validate_files,
)
from complaints_process.core.config.loader import template_files
from complaints_process.models import Authority
from complaints_process.selectors.simulation import default_period, simulate
from complaints_process.services.configs import AdminVersionConflict, load_config_files, publish_config
from complaints_process.services.walk import walk_procedure


class Command(BaseCommand):
    help = "Validate, load and export authorities' process configs; print the JSON Schema or a timeline."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        validate = sub.add_parser("validate", help="Check config files; print every error with its line and column.")
        validate.add_argument("files", nargs="*")
        load = sub.add_parser("load", help="Load config files as new versions (unchanged files create nothing).")
        load.add_argument("files", nargs="*")
        load.add_argument("--force", action="store_true", help="Replace a version published in the admin.")
        load.add_argument(
            "--reason",
            default="",
            help="Why the new versions depart from the law where they do (kept on each version; without it, one that takes a right "
            "says it was loaded with no reason given).",
        )
        export = sub.add_parser("export", help="Print an authority's config as YAML.")
        export.add_argument("authority")
        export.add_argument("--version", type=int, help="Version number (default: the current one).")
        sub.add_parser("schema", help="Print the JSON Schema of an authority config file.")
        timeline = sub.add_parser("timeline", help="Every deadline for a complaint received on a date.")
        timeline.add_argument("authority")
        timeline.add_argument("--procedure", help="Procedure slug (default: the first in the config).")
        timeline.add_argument("--received", required=True, type=_iso_date, help="YYYY-MM-DD")
        timeline.add_argument("--json", action="store_true", dest="as_json", help="Print JSON instead of a table.")
        walk = sub.add_parser(
            "walk",
            help="Walk synthetic cases along every path of a procedure through the case services (rolled back); exit 1 if a path is stuck.",
        )
        walk.add_argument("authority")
        walk.add_argument("--procedure", help="Procedure slug (default: every procedure of the authority).")
        walk.add_argument("--received", required=True, type=_iso_date, help="YYYY-MM-DD")
        walk.add_argument("--json", action="store_true", dest="as_json", help="Print JSON instead of text.")
        check = sub.add_parser("lawcheck", help="Where an authority's config departs from the law its template states.")
        check.add_argument("authority")
        check.add_argument("--year", type=int, help="Compare dates for every day of receipt in this year (default: this year).")
        check.add_argument("--json", action="store_true", dest="as_json", help="Print JSON instead of lines.")

        simulate_ = sub.add_parser(
            "simulate",
            help="What a draft config would have done: the authority's cases replayed under --draft FILE, compared with what happened.",
        )
        simulate_.add_argument("authority")
        simulate_.add_argument("--draft", required=True, metavar="FILE", help="The draft config (YAML) to replay the cases under.")
        simulate_.add_argument(
            "--from", dest="start", type=_iso_date, help="First day of receipt, YYYY-MM-DD (default: a year before --to)."
        )
        simulate_.add_argument("--to", dest="end", type=_iso_date, help="Last day of receipt, YYYY-MM-DD (default: today).")
        simulate_.add_argument("--json", action="store_true", dest="as_json", help="Print JSON instead of a summary.")

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    # validate -------------------------------------------------------------------------------
    def handle_validate(self, files, **options):
        paths = [Path(f) for f in files] or self._all_files(include_templates=True)
        errors = validate_files(paths)
        for error in errors:
            self.stderr.write(str(error))
        if errors:
            raise CommandError(f"{len(errors)} error(s) in {len({e.path for e in errors})} file(s)", returncode=1)
        warnings = 0
        for path in paths:
            if path.parent.name == "base":
                continue  # a template states the law; only authorities depart from it
            try:
                config = load_authority_file(path, configs_root=configs_dir())
            except ConfigInvalid:
                continue  # a template file outside base/: validated above
            for deviation in lawcheck(config, date.today().year):
                warnings += 1
                self.stdout.write(f"{deviation.line or path}: warning: {deviation.message()}")
        tail = f", {warnings} warning(s): see 'process_config lawcheck'" if warnings else ""
        self.stdout.write(f"{len(paths)} file(s) valid{tail}.")

    # load -----------------------------------------------------------------------------------
    def handle_load(self, files, force, reason="", **options):
        # Every file: an authority whose current version was published in the admin keeps it
        # (reported below) and the others load.  Named files: such a file stops the load.
        paths = [Path(f) for f in files] or self._all_files(include_templates=False)
        try:
            results = load_config_files(paths, configs_root=configs_dir(), force=force, keep_admin=not files, reason=reason)
        except ConfigInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError("nothing was loaded: fix the errors above", returncode=1)
        except AdminVersionConflict as conflict:
            self.stderr.write(conflict.diff)
            raise CommandError(f"nothing was loaded: {conflict}", returncode=1)
        except (OSError, ValueError) as problem:
            raise CommandError(f"nothing was loaded: {problem}", returncode=1)
        for result in results:
            if result.kept_admin:
                self.stdout.write(self.style.WARNING(result.describe()))
            else:
                self.stdout.write(result.describe())
            for deviation in result.departures:
                self.stderr.write(f"{deviation.line or result.slug}: warning: {deviation.message()}")
            if result.departures:
                self.stderr.write(
                    f"{result.slug} takes {len(result.departures)} right(s) the law gives (above), with no --reason: "
                    "the version history says it was loaded from its file without one"
                )

    # export ---------------------------------------------------------------------------------
    def handle_export(self, authority, version, **options):
        record = self._authority(authority)
        versions = record.config_versions.all()
        chosen = versions.filter(number=version).first() if version else versions.order_by("-number").first()
        if chosen is None:
            raise CommandError(f"{authority} has no version {version}" if version else f"{authority} has no loaded config")
        self.stdout.write(chosen.export_text(), ending="")

    # schema ---------------------------------------------------------------------------------
    def handle_schema(self, **options):
        self.stdout.write(json.dumps(json_schema(), indent=2))

    # timeline -------------------------------------------------------------------------------
    def handle_timeline(self, authority, procedure, received, as_json, **options):
        config = self._current_config(authority)
        try:
            chosen = config.procedure(procedure) if procedure else config.procedures[0]
        except KeyError:
            known = ", ".join(p.slug for p in config.procedures)
            raise CommandError(f"{authority} has no procedure {procedure!r} (it has: {known})")
        try:
            entries = build_timeline(chosen, received, config.working_calendar())
        except (ArithmeticError, ValueError) as problem:  # e.g. a deadline past the year 9999
            raise CommandError(f"cannot compute the timeline for {received}: {problem}")
        if as_json:
            self.stdout.write(json.dumps([entry.as_dict() for entry in entries], indent=2))
            return
        self.stdout.write(f"{config.name}: {chosen.name}, received {received:%A %-d %B %Y}")
        for entry in entries:
            due = f"{entry.due:%a %-d %b %Y}" if entry.due else "-"
            self.stdout.write(f"  {due:<16} {entry.key:<32} {entry.label} ({entry.rule})")

    # simulate -------------------------------------------------------------------------------
    def handle_simulate(self, authority, draft, start, end, as_json, **options):
        record = self._authority(authority)
        try:
            config = load_authority_file(Path(draft), configs_root=configs_dir())
        except ConfigInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError("nothing was simulated: fix the errors above", returncode=1)
        except OSError as problem:
            raise CommandError(f"cannot read the draft {draft}: {problem.strerror or problem}", returncode=1)
        if config.slug != record.slug:
            raise CommandError(f"the draft is for {config.slug!r}, not {record.slug!r}", returncode=1)
        default_start, default_end = default_period(end or timezone.localdate())
        start = start or default_start
        end = end or default_end
        if end < start:
            raise CommandError(f"--from {start} is after --to {end}", returncode=1)
        if record.current_version() is None:
            raise CommandError(f"{authority} has no loaded config to compare with", returncode=1)
        result = simulate(record, config, start=start, end=end)
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
            return
        self._print_simulation(record, result)

    def _print_simulation(self, record, result):
        data = result.as_json()
        self.stdout.write(f"{record.name}: {data['cases']} case(s) received {result.period.description}, replayed under the draft")
        self.stdout.write(
            f"  cases the draft changes: {data['cases_changed']}; not compared (procedure not in the draft): {data['not_compared']}"
        )
        for clock in data["clocks"]:
            if not clock["compared"]:
                continue
            shifts = ""
            if clock["earliest_shift_days"] is not None:
                shifts = f", shift {clock['earliest_shift_days']:+d} to {clock['latest_shift_days']:+d} days"
            self.stdout.write(
                f"  {clock['key']:<28} {clock['moved']} of {clock['compared']} moved "
                f"({clock['later']} later, {clock['earlier']} earlier{shifts}); "
                f"on time to late {clock['on_time_to_late']}, late to on time {clock['late_to_on_time']}"
            )
        self.stdout.write(f"  requests for the next stage that would have been refused: {data['escalations_refused']}")
        self.stdout.write(f"  lapses that would not have happened: {data['lapses_avoided']}")
        self.stdout.write("  annual report timeliness (on time or within extension / met with a limit), before -> after:")
        after = {(row["procedure_kind"], row["clock"]): row for row in data["report"]["after"]}
        for row in data["report"]["before"]:
            new = after.get((row["procedure_kind"], row["clock"]))
            if new is None:
                continue
            old_text, new_text = (
                f"{r['on_time'] + r['within_extension']}/{r['on_time'] + r['within_extension'] + r['late']}" for r in (row, new)
            )
            self.stdout.write(f"    {row['procedure_kind']:<10} {row['clock']:<28} {old_text} -> {new_text}")

    # walk -----------------------------------------------------------------------------------
    def handle_walk(self, authority, procedure, received, as_json, **options):
        """Every path, through the real services, inside a transaction that is rolled back.
        An authority not loaded yet is loaded from its file inside that transaction."""
        with transaction.atomic():
            record = self._walkable_authority(authority)
            config = record.current_version().config()
            slugs = [p.slug for p in config.procedures]
            if procedure is not None and procedure not in slugs:
                raise CommandError(f"{authority} has no procedure {procedure!r} (it has: {', '.join(slugs)})")
            results = []
            for slug in [procedure] if procedure else slugs:
                try:
                    paths = walk_procedure(record, slug, received)
                except (ArithmeticError, ValueError) as problem:
                    raise CommandError(f"cannot walk {slug} from {received}: {problem}")
                results += [(slug, path) for path in paths]
            transaction.set_rollback(True)
        stuck = [path for _, path in results if path.stuck]
        if as_json:
            self.stdout.write(json.dumps([{"procedure": slug, **path.as_dict()} for slug, path in results], indent=2))
        else:
            for slug, path in results:
                self.stdout.write(f"{slug}: {path.name}: {' -> '.join(path.path)} => {path.final_state}")
                for step in path.steps:
                    self.stdout.write(f"    {step['on']}  {step['action']:<28} {step['state']}")
                for clock in path.clocks:
                    self.stdout.write(
                        f"    clock {clock['key']:<32} starts {clock['starts']}  due {clock['due'] or '-'}  {clock['status']}"
                    )
                if path.stuck:
                    self.stdout.write(f"    STUCK: {path.stuck}")
        if stuck:
            raise CommandError(f"{len(stuck)} path(s) stuck", returncode=1)

    def _walkable_authority(self, slug: str) -> Authority:
        record = Authority.objects.filter(slug=slug).first()
        if record is not None and record.current_version() is not None:
            return record
        path = configs_dir() / f"{slug}.yaml"
        if not path.exists():
            raise CommandError(f"unknown authority {slug!r}: not loaded and no {path}")
        try:
            config = load_authority_file(path, configs_root=configs_dir())
        except ConfigInvalid as invalid:
            raise CommandError("\n".join(str(e) for e in invalid.errors))
        # Published only for the walk, which is rolled back: its departures from the law stay unpublished.
        return publish_config(
            config, source_text=path.read_text(encoding="utf-8"), source_name=str(path), reason="a walk, rolled back"
        ).version.authority

    # lawcheck -------------------------------------------------------------------------------
    def handle_lawcheck(self, authority, year, as_json, **options):
        config = self._config_with_lines(authority)
        deviations = lawcheck(config, year or date.today().year)
        if as_json:
            self.stdout.write(json.dumps([deviation.as_dict() for deviation in deviations], indent=2))
            return
        for deviation in deviations:
            self.stdout.write(f"{deviation.line or authority}: {deviation.message()}")
        self.stdout.write(f"{config.name}: {len(deviations)} departure(s) from the law.")

    # helpers --------------------------------------------------------------------------------
    def _config_with_lines(self, slug: str):
        """The authority's current version read from the text it was published from (so each
        value has its line); its file if it has not been loaded."""
        try:
            authority = Authority.objects.filter(slug=slug).first()
            version = authority.current_version() if authority else None
        except DatabaseError:
            version = None
        if version is None:
            return self._current_config(slug)
        source = type(version).objects.only("source_text", "source_name").get(pk=version.pk)
        try:
            return load_authority_text(source.source_text, name=source.source_name, configs_root=configs_dir())
        except ConfigInvalid:  # e.g. a template changed since: the stored resolved config still holds
            return version.config()

    def _all_files(self, include_templates: bool) -> list[Path]:
        root = configs_dir()
        files = sorted(root.glob("*.yaml"))
        if include_templates:
            files += template_files(root)  # the packaged templates, or the folder's own overrides
        if not files:
            raise CommandError(f"no config files in {root}")
        return files

    def _authority(self, slug: str) -> Authority:
        try:
            return Authority.objects.get(slug=slug)
        except Authority.DoesNotExist:
            known = ", ".join(Authority.objects.values_list("slug", flat=True)) or "none loaded"
            raise CommandError(f"unknown authority {slug!r} (known: {known})")

    def _current_config(self, slug: str):
        """The authority's current loaded version; its file if it has not been loaded yet."""
        try:
            authority = Authority.objects.filter(slug=slug).first()
            version = authority.current_version() if authority else None
        except DatabaseError:  # not migrated yet: the file is all there is
            version = None
        if version is not None:
            return version.config()
        path = configs_dir() / f"{slug}.yaml"
        if not path.exists():
            raise CommandError(f"unknown authority {slug!r}: not loaded and no {path}")
        try:
            return load_authority_file(path, configs_root=configs_dir())
        except ConfigInvalid as invalid:
            raise CommandError("\n".join(str(e) for e in invalid.errors))


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD")
