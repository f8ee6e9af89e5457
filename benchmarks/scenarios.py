"""The in-process measurements: working-day arithmetic, the sweep, a calendar change, and the
officer's case list and case page.  Each returns a dict for results.json.

Every timing is the median of a few repeats after a warm-up, and work that changes rows runs
in a transaction that is rolled back, so the repeats (and the next measurement) see the same
data.
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext


def median_time(func, repeats: int = 5, warmup: int = 1) -> tuple[float, object]:
    result = None
    for _ in range(warmup):
        result = func()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def rolled_back(func):
    """Run ``func`` in a transaction that is then rolled back; return its result."""

    def run():
        with transaction.atomic():
            result = func()
            transaction.set_rollback(True)
        return result

    return run


def count_queries(func) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        result = func()
    return len(queries), result


# -- 1. working-day arithmetic -----------------------------------------------------------


def calendar_benchmark(n: int, seed: int = 1) -> dict:
    """A million (date, n) deadline computations: the product's calendar against
    numpy.busday_offset over the same holidays (weekends, the nation's bank holidays and
    the authority's closures), with identical answers required."""
    import numpy as np

    from complaints_process.core.calendar import WorkingDayCalendar

    closures = [date(2024, 12, 24), date(2025, 12, 29), date(2026, 12, 29), date(2027, 12, 29)]
    calendar = WorkingDayCalendar("england", closures)
    rng = np.random.default_rng(seed)
    starts = np.datetime64("2021-01-01") + rng.integers(0, 365 * 6, n).astype("timedelta64[D]")
    counts = rng.integers(1, 66, n)  # the statutory timescales: 1 to 65 working days
    holidays = [day for day, _ in calendar.holidays_between(date(2020, 1, 1), date(2029, 12, 31))]

    def reference():
        return np.busday_offset(starts, counts, roll="backward", holidays=holidays)

    def product():
        fresh = WorkingDayCalendar("england", closures)  # includes building its table
        return fresh.add_working_days_array(starts, counts)

    reference_time, expected = median_time(reference, repeats=5)
    product_time, got = median_time(product, repeats=5)
    sample = min(n, 20_000)  # the one-at-a-time API on a sample, for the record
    sample_starts, sample_counts = starts[:sample].astype(date).tolist(), counts[:sample].tolist()
    started = time.perf_counter()
    one_by_one = [calendar.add_working_days(s, c) for s, c in zip(sample_starts, sample_counts, strict=True)]
    scalar_time = (time.perf_counter() - started) * n / sample
    identical = bool(np.array_equal(expected, got)) and one_by_one == [d.astype(date) for d in got[:sample]]
    return {
        "computations": n,
        "numpy_busday_offset_s": reference_time,
        "product_s": product_time,
        "product_one_at_a_time_s_estimated": scalar_time,
        "ratio": product_time / reference_time,
        "target": 3.0,
        "identical_answers": identical,
        "holds": identical and product_time / reference_time <= 3.0,
    }


# -- 2. the deadline sweep ------------------------------------------------------------------


def filler_clock_keys():
    """(clock key, stage, kind) of every forward clock of the seed procedures."""
    from complaints_process.models import Authority

    keys = {}
    for authority in Authority.objects.all()[:5]:
        for procedure in authority.current_version().config().procedures:
            for clock in procedure.clocks:
                if clock.kind != "notice":
                    keys.setdefault(clock.key, (clock.key, clock.stage or "", clock.kind))
    return sorted(keys.values())


def pending_count() -> int:
    from complaints_process.models import Deadline, DeadlineStatus

    return Deadline.objects.filter(status=DeadlineStatus.PENDING).count()


def fill_pending(target: int, after: date) -> int:
    """Add pending deadlines until ``target`` are pending: rows due between ``after`` and
    about three years later (beyond any sweep horizon), on closed cases, for clocks those cases
    do not hold (the one-live-deadline rule holds).  They stand for the archive a sweep must
    not read.  One INSERT ... SELECT per round, no row by row work."""
    from complaints_process.models import FINAL_STATES, Complaint, Deadline
    from benchmarks.synthetic import skip_triggers

    keys = filler_clock_keys()
    table, cases = Deadline._meta.db_table, Complaint._meta.db_table
    values = ", ".join("(%s, %s, %s)" for _ in keys)
    params_keys = [part for key in keys for part in key]
    finals = list(FINAL_STATES)
    final_marks = ", ".join("%s" for _ in finals)
    if connection.vendor == "postgresql":
        due = "(CAST(%s AS date) + CAST(c.id %% 1000 AS integer))"
        starts = f"({due} - 28)"
        now = "now()"
    else:
        due = "date(%s, '+' || (c.id %% 1000) || ' days')"
        starts = f"date({due}, '-28 days')"
        now = "datetime('now')"
    rounds = 0
    while True:
        missing = target - pending_count()
        if missing <= 0 or rounds > 20:
            return pending_count()
        rounds += 1
        sql = f"""
            WITH k(clock_key, stage, kind) AS (VALUES {values})
            INSERT INTO {table} (case_id, clock_key, procedure_slug, stage, kind, starts, due, extension_unbounded,
                                 extension_reason, paused_working_days, status, created_at)
            SELECT c.id, k.clock_key, c.procedure_slug, k.stage, k.kind, {starts}, {due}, %s, '', 0, 'pending', {now}
            FROM {cases} c CROSS JOIN k
            WHERE c.state IN ({final_marks})
              AND NOT EXISTS (SELECT 1 FROM {table} d WHERE d.case_id = c.id AND d.procedure_slug = c.procedure_slug
                              AND d.clock_key = k.clock_key AND d.status <> 'cancelled')
            LIMIT %s
        """
        params = [*params_keys, after, after, False, *finals, missing]
        with transaction.atomic():
            skip_triggers()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
        analyze_deadlines()


def analyze_deadlines():
    from benchmarks.synthetic import analyze

    analyze()


def make_due_set(authorities: int, cases: int, day: date, seed: int = 77) -> dict:
    """Cases received in the few days before ``day``, in stage 1, whose deadlines fall due a
    month later: the work of one sweep (see ``sweep_day``)."""
    from benchmarks.synthetic import generate_cases

    return generate_cases(authorities, cases, seed=seed, today=day, received_from=day - timedelta(days=4), received_to=day)


def sweep_day(due_set_day: date) -> date:
    return due_set_day + timedelta(days=30)


def measure_sweep(day: date, repeats: int = 3) -> dict:
    from complaints_process.work.sweep import candidates, run_deadline_sweep

    due = len(candidates(day))

    def sweep():
        return run_deadline_sweep(day.isoformat(), flush=False)

    queries, summary = count_queries(rolled_back(sweep))
    elapsed, _ = median_time(rolled_back(sweep), repeats=repeats)
    return {"pending": pending_count(), "due_deadlines": due, "seconds": elapsed, "queries": queries, "summary": summary}


# -- 3. a calendar change ------------------------------------------------------------------


def closure_benchmark(authority_slug: str, closure_day: date, repeats: int = 3) -> dict:
    """One closure day added to an authority's calendar: the service that recomputes its open
    cases' deadlines and records the change on each case, against one hand-written SQL UPDATE
    writing the same new dates to the same rows.  Both are rolled back after each run."""
    from complaints_process.core.config import canonical_json, load_authority_text
    from complaints_process.models import OPEN_STATES, Authority, Deadline, DeadlineStatus, ProcessConfigVersion
    from complaints_process.services.cases.closures import recompute_for_calendar_change
    from complaints_process.services.configs import content_hash

    authority = Authority.objects.get(slug=authority_slug)
    previous = authority.current_version()
    text = previous.source_text
    marker = "closures: []"
    if marker not in text:
        raise RuntimeError(f"{authority_slug}: the benchmark adds a closure to a config with no closures")
    text = text.replace(marker, f"closures: [{{date: {closure_day.isoformat()}, reason: Benchmark}}]", 1)
    from complaints_process.conf import configs_dir

    config = load_authority_text(text, name="benchmark", configs_root=configs_dir())
    canonical = canonical_json(config)
    pending = Deadline.objects.filter(case__authority=authority, case__state__in=OPEN_STATES, status=DeadlineStatus.PENDING)
    fields = ("id", "due", "extension_limit", "extended_due")

    def new_version():
        return ProcessConfigVersion.objects.create(
            authority=authority,
            number=previous.number + 1,
            content_hash=content_hash(canonical),
            resolved=canonical,
            source_text=text,
            source_name="benchmark",
        )

    captured = {"recording": []}
    from complaints_process.services.cases import closures

    record_events = closures.record_events

    def timed_record_events(*args, **kwargs):  # how much of the service is the case records
        started = time.perf_counter()
        try:
            return record_events(*args, **kwargs)
        finally:
            captured["recording"].append(time.perf_counter() - started)

    def service():
        version = new_version()
        closures.record_events = timed_record_events
        try:
            started = time.perf_counter()
            moved = recompute_for_calendar_change(authority, previous, version)
            elapsed = time.perf_counter() - started
        finally:
            closures.record_events = record_events
        captured["after"] = sorted(pending.values_list(*fields))
        captured["moved_cases"] = len(moved)
        return elapsed

    before = {row[0]: row for row in pending.values_list(*fields)}
    service_times = [rolled_back(service)() for _ in range(repeats + 1)][1:]
    recording_s = statistics.median(captured["recording"][1:]) if len(captured["recording"]) > 1 else None
    after = {row[0]: row for row in captured["after"]}
    changed = [after[pk] for pk in sorted(after) if after[pk] != before.get(pk)]

    table = Deadline._meta.db_table

    def hand_written_sql():
        if not changed:
            return 0.0
        rows = ", ".join("(%s, %s, %s, %s)" for _ in changed)
        params = [value for row in changed for value in row]
        if connection.vendor == "postgresql":
            sql = (
                f"UPDATE {table} AS d SET due = v.due::date, extension_limit = v.lim::date, extended_due = v.ext::date "
                f"FROM (VALUES {rows}) AS v(id, due, lim, ext) WHERE d.id = v.id"
            )
        else:
            sql = (
                f"WITH v(id, due, lim, ext) AS (VALUES {rows}) UPDATE {table} SET "
                "due = (SELECT due FROM v WHERE v.id = {t}.id), extension_limit = (SELECT lim FROM v WHERE v.id = {t}.id), "
                "extended_due = (SELECT ext FROM v WHERE v.id = {t}.id) WHERE id IN (SELECT id FROM v)"
            ).replace("{t}", table)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        elapsed = time.perf_counter() - started
        captured["sql_after"] = sorted(pending.values_list(*fields))
        return elapsed

    sql_times = [rolled_back(hand_written_sql)() for _ in range(repeats + 1)][1:]
    service_s, sql_s = statistics.median(service_times), statistics.median(sql_times)
    identical = captured.get("sql_after", captured["after"]) == captured["after"]
    ratio = service_s / sql_s if sql_s else None
    return {
        "authority": authority_slug,
        "closure_day": closure_day.isoformat(),
        "open_pending_deadlines": len(before),
        "moved_deadlines": len(changed),
        "moved_cases": captured["moved_cases"],
        "service_s": service_s,
        # of which writing each moved case's timeline event and audit log entry (two INSERTs of
        # a row per case), which the hand-written UPDATE does not do
        "service_recording_s": recording_s,
        "sql_update_s": sql_s,
        "ratio": ratio,
        "ratio_without_recording": (service_s - recording_s) / sql_s if sql_s and recording_s is not None else None,
        "target": 5.0,
        "identical_rows": identical,
        "holds": identical and bool(changed) and ratio is not None and ratio <= 5.0,
    }


# -- 4. the officer's case list and case page --------------------------------------------


def bench_officer():
    """A complaints officer in every authority's team (a shared service): sees every case."""
    from django.contrib.auth import get_user_model

    from complaints_process.models import AuthorityTeam, TeamRole

    user, _ = get_user_model().objects.get_or_create(
        username="bench-officer", defaults={"first_name": "Bench", "last_name": "Officer", "email": "officer@example.test"}
    )
    for team in AuthorityTeam.objects.filter(role=TeamRole.COMPLAINTS_OFFICER).select_related("group"):
        user.groups.add(team.group)
    return user


def inspect_case_id() -> int:
    """An open stage 2 case with its full history, chosen once and reused at every size."""
    from complaints_process.models import Complaint

    case = Complaint.objects.filter(state="stage2").order_by("-received_on", "-id").first()
    case = case or Complaint.objects.exclude(state__in=["closed"]).order_by("-received_on", "-id").first()
    return case.pk


def measure_admin(case_id: int, repeats: int = 5) -> dict:
    from django.test import Client

    from complaints_process.modeladmin import case_index_url, case_url
    from complaints_process.models import Complaint

    client = Client()
    client.force_login(bench_officer())
    list_url = case_index_url() + "?due=overdue"
    inspect_url = case_url(Complaint.objects.get(pk=case_id))

    def get(url):
        def run():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return response

        return run

    list_queries, response = count_queries(get(list_url))
    rows = response.content.decode().count('class="cp-due cp-due--overdue"')
    list_s, _ = median_time(get(list_url), repeats=repeats)
    inspect_queries, _ = count_queries(get(inspect_url))
    inspect_s, _ = median_time(get(inspect_url), repeats=repeats)
    return {
        "cases": Complaint.objects.count(),
        "list_rows_on_first_page": rows,
        "list_s": list_s,
        "list_queries": list_queries,
        "inspect_s": inspect_s,
        "inspect_queries": inspect_queries,
    }


# -- 7. replaying cases under a draft config -------------------------------------------------


def christmas_closure_draft(config, first_year: int, last_year: int):
    """The authority's config with "what if we close 24 to 31 December" every year, and stage 1
    answered within 15 working days: what an administrator would try before publishing."""
    import dataclasses

    from complaints_process.core.calendar import Closure
    from complaints_process.core.durations import parse_duration

    days = [date(year, 12, day) for year in range(first_year, last_year + 1) for day in range(24, 32)]
    closures = tuple(config.calendar.closures) + tuple(Closure(day, "Christmas closure") for day in days if day.weekday() < 5)
    longer = parse_duration("within 15 working days")

    def stage(stage):
        if stage.key != "stage1":
            return stage
        clocks = tuple(dataclasses.replace(c, due=longer, due_text=longer.text) if c.name == "response" else c for c in stage.clocks)
        return dataclasses.replace(stage, clocks=clocks)

    procedures = tuple(dataclasses.replace(p, stages=tuple(stage(s) for s in p.stages)) for p in config.procedures)
    return dataclasses.replace(config, calendar=dataclasses.replace(config.calendar, closures=closures), procedures=procedures)


def read_events(authority_ids: list[int], start: date, end: date) -> int:
    """Every column of the cases' events, fetched from PostgreSQL into Python: the baseline."""
    from complaints_process.models import CaseEvent, Complaint

    events, cases = CaseEvent._meta.db_table, Complaint._meta.db_table
    rows = 0
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(authority_ids))
        cursor.execute(
            f"SELECT e.* FROM {events} e JOIN {cases} c ON c.id = e.case_id "
            f"WHERE c.authority_id IN ({marks}) AND c.received_on BETWEEN %s AND %s ORDER BY e.case_id, e.occurred_on, e.id",
            [*authority_ids, start, end],
        )
        while batch := cursor.fetchmany(20_000):
            rows += len(batch)
    return rows


def simulation_benchmark(target_cases: int, repeats: int = 3) -> dict:
    """Replaying ``target_cases`` cases (whole authorities, in order, until there are enough)
    under a draft that closes 24 to 31 December and gives stage 1 fifteen working days,
    against reading the same cases' events from the database."""
    from complaints_process.models import Authority, Complaint
    from complaints_process.selectors.simulation import simulate

    end = date.today()
    start = Complaint.objects.order_by("received_on").values_list("received_on", flat=True).first() or end
    chosen, cases = [], 0
    for authority in Authority.objects.order_by("pk"):
        if cases >= target_cases:
            break
        count = Complaint.objects.filter(authority=authority, received_on__range=(start, end)).count()
        if count:
            chosen.append((authority, christmas_closure_draft(authority.current_version().config(), start.year, end.year)))
            cases += count
    ids = [authority.pk for authority, _ in chosen]

    def simulate_all():
        return [simulate(authority, draft, start=start, end=end) for authority, draft in chosen]

    read_s, events = median_time(lambda: read_events(ids, start, end), repeats=repeats)
    simulate_s, results = median_time(simulate_all, repeats=repeats)
    ratio = simulate_s / read_s if read_s else None
    return {
        "authorities": len(ids),
        "cases": sum(r.cases for r in results),
        "events": events,
        "read_events_s": read_s,
        "simulate_s": simulate_s,
        "ratio": ratio,
        "target": 3.0,
        "holds": ratio is not None and ratio <= 3.0,
        "cases_changed": sum(r.comparison.cases_changed for r in results),
        "deadlines_moved": sum(c.moved for r in results for c in r.comparison.clocks.values()),
        "on_time_to_late": sum(c.on_time_to_late for r in results for c in r.comparison.clocks.values()),
        "late_to_on_time": sum(c.late_to_on_time for r in results for c in r.comparison.clocks.values()),
    }
