"""Synthetic caseloads for load tests and benchmarks: ``manage.py generate_cases`` (a command of the
reference site, not of the plugin: it never ships in the package).

Cases are made the way the services would have made them, but written in bulk: each case
walks its procedure (filed, accepted, acknowledged, stage 1 response, lapse or escalation,
stage 2, review panel, closure) with random gaps in working days, stopping at the first step
that would fall after the reference day ("today"), so old cases are finished and recent ones
are open at every state, some overdue.  Deadlines are computed by the product's own
``clocks.clock_dates`` on the authority's calendar, met and missed with the rules of
``clocks.meet_clocks`` / ``close_open_deadlines``, and every step writes its ``CaseEvent``.

Authorities: the seed authorities in ``process_configs/``, and for more than five, copies of
them under new slugs and reference prefixes (``council-a-6`` ...).  Rows go in with
PostgreSQL's ``COPY`` (other databases: multi-row ``INSERT``), with ids allocated up front and
the sequences moved on afterwards, so a million cases take minutes.  Names, emails and text are
fictitious and the same for every case.  Not written for generated cases: audit log entries,
outbox rows, attachments and appointments.
"""

from __future__ import annotations

import functools
import json
import random
import secrets
import string
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from complaints_process import clocks
from complaints_process.conf import configs_dir
from complaints_process.core.config import load_authority_file, load_authority_text
from complaints_process.models import (
    Authority,
    CaseEvent,
    ClosureReason,
    Complaint,
    Deadline,
    DeadlineStatus,
    PointOfComplaint,
    ReferenceSequence,
    TeamRole,
)
from complaints_process.services.configs import publish_config
from council_site.home.demo_content import SEED_REASON

SEEDS = ("council-a", "council-b", "family-advice", "hampshire", "walsall")
GENERATED_SOURCE = "generated"
YEARS = 5
NOTICE = "notice"
CHUNK = 50_000  # cases per transaction


def _prefix(number: int) -> str:
    """'ZAA', 'ZAB', ... : prefixes the seed configs do not use."""
    letters = string.ascii_uppercase
    first, second = divmod(number, 26)
    return f"Z{letters[first // 26 % 26]}{letters[first % 26]}{letters[second]}"


def ensure_authorities(count: int) -> list[Authority]:
    """The first ``count`` authorities: the seeds, then numbered copies of them."""
    root = configs_dir()
    authorities = []
    for index in range(count):
        seed = SEEDS[index % len(SEEDS)]
        path = root / f"{seed}.yaml"
        if index < len(SEEDS):
            slug = seed
        else:
            slug = f"{seed}-{index + 1}"
        existing = Authority.objects.filter(slug=slug).first()
        if existing is not None and existing.current_version() is not None:
            authorities.append(existing)
            continue
        text = path.read_text(encoding="utf-8")
        if index < len(SEEDS):
            config = load_authority_file(path, configs_root=root)
        else:
            seed_config = load_authority_file(path, configs_root=root)
            text = text.replace(f"  slug: {seed}\n", f"  slug: {slug}\n", 1)
            text = text.replace(f"  name: {seed_config.name}\n", f"  name: {seed_config.name} ({index + 1})\n", 1)
            text = text.replace(f"  reference_prefix: {seed_config.reference_prefix}\n", f"  reference_prefix: {_prefix(index)}\n", 1)
            config = load_authority_text(text, name=str(path), configs_root=root)
        source = f"process_configs/{seed}.yaml" if index < len(SEEDS) else GENERATED_SOURCE
        authorities.append(publish_config(config, source_text=text, source_name=source, reason=SEED_REASON).version.authority)
    return authorities


def _officer(authority: Authority):
    """One staff account per authority that the generated events are recorded by."""
    user, created = get_user_model().objects.get_or_create(
        username=f"generated-officer-{authority.slug}",
        defaults={"first_name": "Generated", "last_name": "Officer", "email": "", "is_active": False},
    )
    if created:
        team = authority.teams.filter(role=TeamRole.COMPLAINTS_OFFICER).first()
        if team is not None:
            user.groups.add(team.group)
    return user


# -- one case's walk ------------------------------------------------------------------


@dataclass
class Walk:
    """What one case's walk produced, before ids are attached."""

    state: str = "received"
    last_step: str = ""
    closed_on: date | None = None
    closure_reason: str = ""
    acknowledged_on: date | None = None
    ombudsman: bool = False
    deadlines: list[dict] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)  # (action, event_key, on, from, to, staff)


class Walker:
    """Walks cases through one procedure of one config version on one calendar."""

    def __init__(self, procedure, calendar, rng: random.Random, today: date):
        self.procedure = procedure
        self.calendar = calendar
        self.rng = rng
        self.today = today
        self.clocks = [clock for clock in procedure.clocks if clock.kind != NOTICE]
        self.event_keys = {event.key for event in procedure.events}
        self.stages = procedure.stage_keys
        try:
            stage2_from = procedure.stage("stage2").clock("response").from_event
        except KeyError:
            stage2_from = ""
        self.stage2_start = {"stage2.statement_agreed": "agree_statement", "stage2.acknowledged": "acknowledge_escalation"}.get(stage2_from)
        self._dates: dict[tuple, tuple] = {}
        self._added: dict[tuple, date] = {}

    def _dates_of(self, clock, starts: date):
        key = (clock.key, starts)
        dates = self._dates.get(key)
        if dates is None:
            dates = self._dates[key] = clocks.clock_dates(clock, starts, self.calendar)
        return dates

    def _later(self, on: date, low: int, high: int) -> date:
        key = (on, self.rng.randint(low, high))
        found = self._added.get(key)
        if found is None:
            found = self._added[key] = self.calendar.add_working_days(*key)
        return found

    def walk(self, received: date) -> Walk:
        walk = Walk()
        live: dict[str, dict] = {}

        def happen(action, event_key, on, to_state, staff=True):
            if event_key:
                for key, row in list(live.items()):
                    if row["met_by"] == event_key:
                        due = row["extended_due"] if row["extended_on"] else row["due"]
                        row.update(met_on=on, on_time=None if due is None else on <= due, status=DeadlineStatus.MET)
                        del live[key]
                for clock in self.clocks:
                    if clock.from_event == event_key:
                        due, limit = self._dates_of(clock, on)
                        row = {
                            "clock": clock,
                            "met_by": clock.met_by,
                            "starts": on,
                            "due": due,
                            "extension_limit": limit,
                            "extension_unbounded": clock.extension_unbounded,
                            "extended_due": None,
                            "extended_on": None,
                            "met_on": None,
                            "on_time": None,
                            "status": DeadlineStatus.PENDING,
                        }
                        walk.deadlines.append(row)
                        live[clock.key] = row
            walk.events.append((action, event_key, on, walk.state, to_state, staff))
            walk.state = to_state
            if event_key:
                walk.last_step = event_key

        def finish(action, on, to_state, reason, missed=()):
            for key, row in live.items():
                row["status"] = DeadlineStatus.MISSED if key in missed else DeadlineStatus.CANCELLED
            live.clear()
            walk.closed_on, walk.closure_reason = on, reason
            happen(action, "", on, to_state)

        def due_of(key):
            row = live.get(key)
            if row is None:
                return None
            return row["extended_due"] if row["extended_on"] else row["due"]

        rng, today = self.rng, self.today
        happen("file", "received", received, "received", staff=False)
        on = self._later(received, 0, 3)
        if on > today:
            return walk
        draw = rng.random()
        if draw < 0.04:
            finish("refuse", on, "not_accepted", ClosureReason.NOT_ACCEPTED)
            walk.ombudsman = True
            return walk
        if draw < 0.06:
            finish("handle_outside", on, "handled_outside", ClosureReason.HANDLED_OUTSIDE)
            return walk
        happen("accept", "", on, "stage1")
        if "acknowledged" in self.event_keys:
            on = self._later(on, 0, 2)
            if on > today:
                return walk
            happen("acknowledge", "acknowledged", on, "stage1")
            walk.acknowledged_on = on
        for number, stage in enumerate(self.stages, start=1):
            if stage == "stage3":
                return self._panel(walk, happen, finish, on)
            response = live.get(f"{stage}.response")
            if response is not None and response["extension_limit"] and rng.random() < 0.1:
                extended_on = self._later(on, 1, 4)
                if extended_on > today:
                    return walk
                response.update(extended_on=extended_on, extended_due=response["extension_limit"])
            work = (4, 14) if number == 1 else (12, 30)
            if rng.random() < 0.12:  # late
                work = (work[1], work[1] + 15)
            on = self._later(on, *work)
            if on > today:
                return walk
            if rng.random() < 0.02:
                finish("withdraw", on, "withdrawn", ClosureReason.WITHDRAWN)
                return walk
            happen("respond", f"{stage}.responded", on, f"{stage}_responded")
            next_stage = self.stages[number] if number < len(self.stages) else None
            if next_stage is None:
                on = self._later(on, 1, 10)
                if on <= today:
                    walk.ombudsman = True
                    finish("close", on, "closed", ClosureReason.COMPLETED)
                return walk
            window_key = f"{next_stage}.request"
            window_due = due_of(window_key)
            if rng.random() < (0.75 if number == 1 else 0.8):
                lapse_on = (window_due or self.calendar.add_working_days(on, 20)) + timedelta(days=1)
                if lapse_on <= today:
                    walk.ombudsman = True
                    finish("lapse", lapse_on, "closed", ClosureReason.LAPSED, missed={window_key})
                return walk
            on = self._later(on, 1, 15)
            if window_due is not None and on > window_due:
                on = window_due
            if on > today:
                return walk
            happen("escalate", f"{next_stage}.requested", on, f"{next_stage}_requested")
            if next_stage == "stage2":
                on = self._later(on, 1, 8)
                if on > today:
                    return walk
                if self.stage2_start == "agree_statement":
                    happen("agree_statement", "stage2.statement_agreed", on, "stage2")
                elif self.stage2_start == "acknowledge_escalation":
                    happen("acknowledge_escalation", "stage2.acknowledged", on, "stage2")
                else:
                    walk.state = "stage2"
        return walk

    def _panel(self, walk, happen, finish, on):
        steps = (
            ("convene_panel", "stage3.notice_sent", "stage3", (5, 15)),
            ("record_panel_met", "stage3.panel_met", "stage3", (10, 25)),
            ("record_panel_report", "stage3.panel_reported", "stage3", (2, 6)),
            ("record_authority_response", "stage3.authority_responded", "stage3_responded", (5, 16)),
        )
        for action, event_key, state, gap in steps:
            on = self._later(on, *gap)
            if on > self.today:
                return walk
            happen(action, event_key if event_key in self.event_keys else "", on, state)
        on = self._later(on, 1, 10)
        if on <= self.today:
            walk.ombudsman = True
            finish("close", on, "closed", ClosureReason.COMPLETED)
        return walk


# -- writing rows in bulk ----------------------------------------------------------------


def _columns(model, values: dict) -> tuple[list[str], list]:
    """Every concrete column of ``model`` but the id: the given value, else the field default."""
    names, defaults = [], []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key:
            continue
        names.append(model_field.column)
        if model_field.attname in values:
            defaults.append(values[model_field.attname])
        elif model_field.has_default() and not callable(model_field.default):
            defaults.append(model_field.default)
        elif model_field.null:
            defaults.append(None)
        else:
            defaults.append("")
    return names, defaults


class BulkWriter:
    """Buffers rows per table and writes them with COPY (PostgreSQL) or executemany."""

    def __init__(self, flush_every: int = 20000):
        self.rows: dict[str, list] = {}
        self.columns: dict[str, list[str]] = {}
        self.flush_every = flush_every
        self.written: dict[str, int] = {}

    def add(self, model, row: tuple, columns: list[str]):
        table = model._meta.db_table
        self.columns[table] = ["id", *columns]
        buffer = self.rows.setdefault(table, [])
        buffer.append(row)
        if len(buffer) >= self.flush_every:
            self.flush(table)

    def flush(self, table: str | None = None):
        tables = [table] if table else list(self.rows)
        for name in tables:
            rows = self.rows.get(name)
            if not rows:
                continue
            write_rows(name, self.columns[name], rows)
            self.written[name] = self.written.get(name, 0) + len(rows)
            self.rows[name] = []


def write_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(name) for name in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({column_list}) VALUES ({placeholders})", rows)


def skip_triggers() -> None:
    """On PostgreSQL, skip the per-row foreign-key triggers for this transaction (the ids are
    allocated here, so every reference is known to exist): they cost more than the rows.
    Needs a superuser; otherwise the rows are checked as usual.  Call inside ``atomic``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")


@functools.lru_cache(maxsize=65536)
def _at(day: date, hours: int) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=hours)


DEADLINE_DATES = ("starts", "due", "extension_limit", "extension_unbounded", "extended_due", "extended_on", "met_on", "on_time")
EVENT_DATA = json.dumps({"generated": True})


def reserve_ids(model, count: int) -> int:
    """The first of ``count`` consecutive new ids for ``model``'s table, taken now.

    PostgreSQL: moved on the table's sequence under an advisory lock, so several loading
    processes never take the same ids (the site must not be filing meanwhile).  Other
    databases: one loader only, after the largest id."""
    if connection.vendor != "postgresql":
        first = max(_RESERVED.get(model, 0), (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1)
        _RESERVED[model] = first + count
        return first
    table = model._meta.db_table
    lock = f"benchmarks.synthetic.{table}"
    with connection.cursor() as cursor:
        # A session lock, released at once: sequences are not transactional, so the ids are
        # taken for good the moment they are set, and other loaders need not wait for commit.
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [lock])
        try:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = cursor.fetchone()[0]
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [lock])
    return first


_RESERVED: dict = {}


POINTS = (
    "The social worker did not return calls.",
    "The review meeting was cancelled without notice.",
    "The plan was not shared with the family.",
)

CASE_VALUES = {
    "channel": "generated",
    "complainant_name": "Generated Complainant",
    "complainant_email": "",
    "complainant_relationship": "parent_or_carer",
    "child_name": "Generated Child",
    "child_consent": "not_asked",
    "about_statutory_childrens_service": True,
    "service": "Children's social care",
    "what_happened": "Generated for a load test.",
    "needs_interpreter": False,
    "needs_signer": False,
    "needs_advocate": False,
}
EVENT_COLUMNS = ["case_id", "action", "event_key", "occurred_on", "recorded_at", "user_id", "from_state", "to_state", "reason", "data"]
POINT_COLUMNS = ["case_id", "number", "summary"]


@dataclass
class Plan:
    authority: Authority
    version_id: int
    prefix: str
    walkers: list
    officer_id: int
    ombudsman: dict


def _plans(chosen, rng, today) -> list[Plan]:
    plans = []
    for authority in chosen:
        version = authority.current_version()
        config = version.config()
        calendar = config.working_calendar()
        walkers = [Walker(procedure, calendar, rng, today) for procedure in config.procedures]
        ombudsman = {}
        for procedure in config.procedures:
            found = procedure.ombudsman
            ombudsman[procedure.slug] = (found.name, found.url or "") if found else ("", "")
        plans.append(Plan(authority, version.pk, authority.reference_prefix, walkers, _officer(authority).pk, ombudsman))
    return plans


def generate_cases(
    authorities: int,
    cases: int,
    *,
    seed: int = 1,
    today: date | None = None,
    years: int = YEARS,
    received_from: date | None = None,
    received_to: date | None = None,
    jobs: int = 1,
    progress=None,
) -> dict:
    """Create ``cases`` cases spread evenly over ``authorities`` authorities, received over
    the ``years`` years up to ``today`` (or between ``received_from`` and ``received_to``).
    ``jobs`` > 1 (PostgreSQL) loads with that many processes, each for its own authorities.
    Returns the counts of rows written."""
    today = today or timezone.localdate()
    received_to = received_to or today
    received_from = received_from or received_to - timedelta(days=365 * years)
    chosen = ensure_authorities(authorities)
    for authority in chosen:
        _officer(authority)
    arguments = (authorities, cases, seed, today, received_from, received_to)
    jobs = max(1, min(jobs, len(chosen))) if connection.vendor == "postgresql" else 1
    if jobs == 1:
        counts = _generate_part(0, 1, *arguments, progress=progress)
    else:
        import multiprocessing

        from django.db import connections

        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs) as pool:
            parts = pool.starmap(_generate_part_in_child, [(part, jobs, *arguments) for part in range(jobs)])
        counts = {key: sum(part[key] for part in parts) for key in parts[0]}
    counts["authorities"] = len(chosen)
    return counts


def _generate_part_in_child(*args):
    from django.db import connections

    connections.close_all()
    try:
        return _generate_part(*args)
    finally:
        connections.close_all()


def _generate_part(part, jobs, authorities, cases, seed, today, received_from, received_to, progress=None) -> dict:
    """The cases of the authorities whose index is ``part`` modulo ``jobs``."""
    rng = random.Random(seed * 1009 + part)
    chosen = ensure_authorities(authorities)
    plans = _plans(chosen, rng, today)
    span = (received_to - received_from).days
    case_columns, case_defaults = _columns(Complaint, CASE_VALUES)
    index = {name: case_columns.index(name) for name in case_columns}
    deadline_columns, deadline_defaults = _columns(Deadline, {"paused_working_days": 0, "extension_reason": ""})
    d_index = {name: deadline_columns.index(name) for name in deadline_columns}
    now = timezone.now()
    sequences: dict[tuple[int, int], int] = {
        (row.authority_id, row.year): row.last_number for row in ReferenceSequence.objects.filter(authority__in=chosen)
    }
    counts = {"cases": 0, "open": 0, "deadlines": 0, "pending_deadlines": 0, "events": 0, "points": 0}
    touched: set[tuple[int, int]] = set()  # only this part's authorities' counters are written
    mine = [number for number in range(len(plans)) if number % jobs == part]
    numbers = (number for number in range(cases) if (number % len(plans)) % jobs == part) if mine else iter(())
    while True:
        batch = []
        for number in numbers:
            plan = plans[number % len(plans)]
            walker = plan.walkers[0] if len(plan.walkers) == 1 or rng.random() < 0.8 else plan.walkers[1]
            received = received_from + timedelta(days=rng.randint(0, span))
            batch.append((plan, walker, received, walker.walk(received), rng.randint(1, 3)))
            if len(batch) == CHUNK:
                break
        if not batch:
            break
        # One transaction per chunk: a load of a million cases keeps memory flat, and what is
        # committed is always whole cases with their reference counters.
        with transaction.atomic():
            skip_triggers()
            case_id = reserve_ids(Complaint, len(batch))
            deadline_id = reserve_ids(Deadline, sum(len(item[3].deadlines) for item in batch))
            event_id = reserve_ids(CaseEvent, sum(len(item[3].events) for item in batch))
            point_id = reserve_ids(PointOfComplaint, sum(item[4] for item in batch))
            writer = BulkWriter()
            for plan, walker, received, walk, points in batch:
                authority = plan.authority
                year_key = (authority.pk, received.year)
                sequences[year_key] = sequences.get(year_key, 0) + 1
                touched.add(year_key)
                row = list(case_defaults)
                row[index["authority_id"]] = authority.pk
                row[index["config_version_id"]] = plan.version_id
                row[index["procedure_slug"]] = walker.procedure.slug
                row[index["reference"]] = f"{plan.prefix}-{received.year}-{sequences[year_key]:06d}"
                row[index["status_token"]] = secrets.token_hex(32)
                row[index["received_on"]] = received
                row[index["state"]] = walk.state
                row[index["last_step"]] = walk.last_step
                row[index["acknowledged_on"]] = walk.acknowledged_on
                row[index["closed_on"]] = walk.closed_on
                row[index["closure_reason"]] = walk.closure_reason
                if walk.ombudsman:
                    row[index["ombudsman_name"]], row[index["ombudsman_url"]] = plan.ombudsman[walker.procedure.slug]
                    row[index["ombudsman_signposted_on"]] = walk.closed_on
                row[index["created_at"]] = _at(received, 10)
                row[index["updated_at"]] = min(now, _at(walk.events[-1][2], 11))
                writer.add(Complaint, (case_id, *row), case_columns)
                for point_number in range(1, points + 1):
                    writer.add(PointOfComplaint, (point_id, case_id, point_number, POINTS[point_number - 1]), POINT_COLUMNS)
                    point_id += 1
                for deadline in walk.deadlines:
                    clock = deadline["clock"]
                    drow = list(deadline_defaults)
                    drow[d_index["case_id"]] = case_id
                    drow[d_index["clock_key"]] = clock.key
                    drow[d_index["procedure_slug"]] = walker.procedure.slug
                    drow[d_index["stage"]] = clock.stage or ""
                    drow[d_index["kind"]] = clock.kind
                    for name in DEADLINE_DATES:
                        drow[d_index[name]] = deadline[name]
                    drow[d_index["status"]] = deadline["status"]
                    drow[d_index["created_at"]] = _at(deadline["starts"], 9)
                    if deadline["extended_on"]:
                        drow[d_index["extension_reason"]] = "More time needed to interview staff."
                    writer.add(Deadline, (deadline_id, *drow), deadline_columns)
                    deadline_id += 1
                    counts["pending_deadlines"] += deadline["status"] == DeadlineStatus.PENDING
                for action, event_key, on, from_state, to_state, staff in walk.events:
                    user_id = plan.officer_id if staff else None
                    erow = (event_id, case_id, action, event_key, on, _at(on, 12), user_id, from_state, to_state, "", EVENT_DATA)
                    writer.add(CaseEvent, erow, EVENT_COLUMNS)
                    event_id += 1
                counts["deadlines"] += len(walk.deadlines)
                counts["events"] += len(walk.events)
                counts["points"] += points
                counts["cases"] += 1
                counts["open"] += walk.closed_on is None
                case_id += 1
            writer.flush()
            for authority_pk, year in touched:
                last = sequences[(authority_pk, year)]
                ReferenceSequence.objects.update_or_create(authority_id=authority_pk, year=year, defaults={"last_number": last})
        if progress is not None:
            progress(counts["cases"])
    return counts


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Complaint, Deadline, CaseEvent, PointOfComplaint):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
