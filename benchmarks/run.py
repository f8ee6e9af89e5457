"""``make bench``: build a large caseload on PostgreSQL and measure how cost grows.

    python -m benchmarks.run                      # BENCH_SCALE=full (default): a million cases
    BENCH_SCALE=small python -m benchmarks.run    # a few minutes, for a quick look

The database is DATABASE_URL's (``make bench`` creates a dedicated one); it is migrated and
filled here.  Sizes come from the scale and can be overridden one by one with environment
variables (``BENCH_CASES_BIG=200000`` ...; see ``SCALES``).  Writes benchmarks/results.json
and benchmarks/results.md (``BENCH_OUTPUT`` to write elsewhere).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

SCALES = {
    "full": {
        "authorities": 150,
        "calendar_n": 1_000_000,
        "due_cases": 700,  # about 1,000 due deadlines (stage 1 response, and acknowledgements with a date)
        "pending_small": 10_000,
        "pending_big": 5_000_000,
        "cases_small": 10_000,
        "cases_big": 1_000_000,
        "serve_seconds": 10,
        "serve_connections": 8,
        "workers": 3,
        "filings": 1000,
        "filing_clients": 50,
        "jobs": 2,
        "repeats": 5,
        "simulate_cases": 100_000,
    },
    "small": {
        "authorities": 20,
        "calendar_n": 200_000,
        "due_cases": 700,
        "pending_small": 10_000,
        "pending_big": 200_000,
        "cases_small": 5_000,
        "cases_big": 60_000,
        "serve_seconds": 4,
        "serve_connections": 8,
        "workers": 3,
        "filings": 200,
        "filing_clients": 20,
        "jobs": 2,
        "repeats": 3,
        "simulate_cases": 20_000,
    },
    "tiny": {
        "authorities": 5,
        "calendar_n": 5_000,
        "due_cases": 15,
        "pending_small": 300,
        "pending_big": 1_500,
        "cases_small": 150,
        "cases_big": 600,
        "serve_seconds": 1,
        "serve_connections": 2,
        "workers": 1,
        "filings": 12,
        "filing_clients": 4,
        "jobs": 1,
        "repeats": 1,
        "simulate_cases": 300,
    },
}


def sizes(scale: str) -> dict:
    chosen = dict(SCALES[scale])
    for key in chosen:
        value = os.environ.get(f"BENCH_{key.upper()}")
        if value:
            chosen[key] = int(value)
    return chosen


def hardware() -> dict:
    info = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()}
    try:
        model = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")]
        info["cpu"] = model[0] if model else platform.processor()
        memory = [line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")]
        info["memory_gb"] = round(int(memory[0].split()[1]) / 1024 / 1024, 1) if memory else None
        info["load_average_at_start"] = os.getloadavg()
    except OSError:
        info["cpu"] = platform.processor()
    return info


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(scale: str = "full", output: Path | None = None, *, serve: bool = True, only: str = "") -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from benchmarks import scenarios
    from complaints_process.models import Authority, Complaint
    from benchmarks.synthetic import analyze, ensure_authorities, generate_cases

    size = sizes(scale)
    started = time.perf_counter()
    folder = output or Path(os.environ.get("BENCH_OUTPUT") or HERE)
    results = {
        "scale": scale,
        "sizes": size,
        "hardware": hardware(),
        "database": connection.vendor,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            results["database"] = f"postgresql {cursor.fetchone()[0]}"
    timings = results["setup_seconds"] = {}

    if only == "serving":  # measure 5 and 6 again on the database of an earlier run
        results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        results["total_seconds_before_serving"] = results.get("total_seconds", 0)
        slugs = list(Authority.objects.order_by("pk").values_list("slug", flat=True))
        return _serve(results, size, slugs, folder, started)

    log(f"1. working-day arithmetic: {size['calendar_n']:,} computations")
    results["calendar"] = scenarios.calendar_benchmark(size["calendar_n"])

    log("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    if Complaint.objects.exists():
        raise SystemExit("The benchmark database already holds cases: give it an empty database (make bench creates one).")
    today = date.today()
    ensure_authorities(size["authorities"])
    slugs = list(Authority.objects.order_by("pk").values_list("slug", flat=True))

    # The sweep's own work: cases from six years before the caseload, due a month later.
    due_day = today - timedelta(days=365 * 6)
    day = scenarios.sweep_day(due_day)
    scenarios.make_due_set(size["authorities"], size["due_cases"], due_day)

    log(f"generating {size['cases_small']:,} cases")
    clock = time.perf_counter()
    generate_cases(size["authorities"], size["cases_small"], seed=1, today=today, jobs=size["jobs"])
    analyze()
    timings["generate_small"] = time.perf_counter() - clock

    log("4. case list and case page, small")
    case_id = scenarios.inspect_case_id()
    admin_small = scenarios.measure_admin(case_id, repeats=size["repeats"])

    log(f"2. sweep with {size['pending_small']:,} pending deadlines")
    clock = time.perf_counter()
    scenarios.fill_pending(size["pending_small"], today + timedelta(days=120))
    timings["fill_pending_small"] = time.perf_counter() - clock
    sweep_small = scenarios.measure_sweep(day, repeats=size["repeats"])

    big = size["cases_big"] - size["cases_small"]
    log(f"generating {big:,} more cases")
    clock = time.perf_counter()
    generate_cases(size["authorities"], big, seed=2, today=today, jobs=size["jobs"])
    analyze()
    timings["generate_big"] = time.perf_counter() - clock
    timings["cases_per_second"] = big / timings["generate_big"]

    log("4. case list and case page, big")
    admin_big = scenarios.measure_admin(case_id, repeats=size["repeats"])
    results["admin"] = {
        "small": admin_small,
        "big": admin_big,
        "list_ratio": admin_big["list_s"] / admin_small["list_s"],
        "inspect_ratio": admin_big["inspect_s"] / admin_small["inspect_s"],
        "queries_constant": (admin_small["list_queries"], admin_small["inspect_queries"])
        == (admin_big["list_queries"], admin_big["inspect_queries"]),
        "target": 2.0,
    }
    results["admin"]["holds"] = (
        results["admin"]["queries_constant"] and results["admin"]["list_ratio"] <= 2.0 and results["admin"]["inspect_ratio"] <= 2.0
    )

    log(f"7. replaying {size['simulate_cases']:,} cases under a draft")
    results["simulation"] = scenarios.simulation_benchmark(size["simulate_cases"], repeats=size["repeats"])

    log("3. a closure day among all the cases")
    closure_day = today + timedelta(days=7)
    while closure_day.weekday() >= 5:
        closure_day += timedelta(days=1)
    results["closure"] = scenarios.closure_benchmark(slugs[0], closure_day, repeats=size["repeats"])
    results["closure"]["cases_in_database"] = Complaint.objects.count()

    log(f"2. sweep with {size['pending_big']:,} pending deadlines")
    clock = time.perf_counter()
    scenarios.fill_pending(size["pending_big"], today + timedelta(days=120))
    timings["fill_pending_big"] = time.perf_counter() - clock
    sweep_big = scenarios.measure_sweep(day, repeats=size["repeats"])
    results["sweep"] = {
        "small": sweep_small,
        "big": sweep_big,
        "ratio": sweep_big["seconds"] / sweep_small["seconds"],
        "queries_constant": sweep_small["queries"] == sweep_big["queries"],
        "same_work": sweep_small["summary"] == sweep_big["summary"],
        "target": 1.5,
    }
    results["sweep"]["holds"] = results["sweep"]["ratio"] <= 1.5 and results["sweep"]["queries_constant"] and results["sweep"]["same_work"]

    if not serve:
        results["total_seconds"] = time.perf_counter() - started
        write(results, folder)
        return results
    return _serve(results, size, slugs, folder, started)


def _serve(results, size, slugs, folder, started) -> dict:
    from benchmarks import serving

    write(results | {"total_seconds": time.perf_counter() - started}, folder)  # what is measured so far
    log("5. serving")
    try:
        results["serving"] = serving.serving_benchmark(
            "walsall" if "walsall" in slugs else slugs[-1], size["serve_seconds"], size["serve_connections"], size["workers"]
        )
    except Exception as error:  # recorded, and the filing is still measured
        results["serving"] = {"error": f"{type(error).__name__}: {error}"[:500]}
    log(f"6. filing: {size['filings']} submissions from {size['filing_clients']} clients")
    try:
        results["filing"] = serving.filing_benchmark(serving.taking_complaints(slugs)[:5], size["filings"], size["filing_clients"], size["workers"])
    except Exception as error:
        results["filing"] = {"error": f"{type(error).__name__}: {error}"[:500]}

    results["total_seconds"] = results.pop("total_seconds_before_serving", 0) + time.perf_counter() - started
    write(results, folder)
    log(f"done in {time.perf_counter() - started:.0f} s")
    return results


def _fmt(value, digits=2):
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else str(value)


def table(results: dict) -> str:
    rows = []
    c = results["calendar"]
    rows.append(
        (
            "1. Working-day arithmetic",
            f"{c['computations']:,} (date, n): product {c['product_s']:.3f} s vs numpy.busday_offset {c['numpy_busday_offset_s']:.3f} s"
            + ("" if c["identical_answers"] else " (answers differ!)"),
            f"{c['ratio']:.2f}",
            "≤ 3",
            c["holds"],
        )
    )
    s = results.get("sweep")
    if s:
        rows.append(
            (
                "2. Deadline sweep",
                f"{s['big']['due_deadlines']:,} due: {s['big']['seconds']:.3f} s with {s['big']['pending']:,} pending vs "
                f"{s['small']['seconds']:.3f} s with {s['small']['pending']:,}; queries {s['small']['queries']} / {s['big']['queries']}",
                f"{s['ratio']:.2f}",
                "≤ 1.5, queries constant",
                s["holds"],
            )
        )
    k = results.get("closure")
    if k:
        rows.append(
            (
                "3. Closure day",
                f"{k['moved_deadlines']:,} deadlines of {k['moved_cases']:,} cases moved among {k['cases_in_database']:,} cases: "
                f"service {k['service_s']:.3f} s vs one SQL UPDATE {k['sql_update_s']:.3f} s"
                + (
                    f" (of the service, {k['service_recording_s']:.3f} s records the change on each case: "
                    f"{k['ratio_without_recording']:.1f}x without it)"
                    if k.get("service_recording_s") is not None and k.get("ratio_without_recording") is not None
                    else ""
                ),
                f"{k['ratio']:.2f}" if k["ratio"] is not None else "n/a (nothing moved)",
                "≤ 5",
                k["holds"],
            )
        )
    a = results.get("admin")
    if a:
        small, big = a["small"], a["big"]
        rows.append(
            (
                "4a. Case list (overdue, first page)",
                f"{big['cases']:,} cases {big['list_s'] * 1000:.0f} ms vs {small['cases']:,} cases {small['list_s'] * 1000:.0f} ms; "
                f"queries {small['list_queries']} / {big['list_queries']}",
                f"{a['list_ratio']:.2f}",
                "≤ 2, queries constant",
                a["queries_constant"] and a["list_ratio"] <= 2,
            )
        )
        rows.append(
            (
                "4b. Case page (inspect)",
                f"{big['inspect_s'] * 1000:.0f} ms vs {small['inspect_s'] * 1000:.0f} ms; "
                f"queries {small['inspect_queries']} / {big['inspect_queries']}",
                f"{a['inspect_ratio']:.2f}",
                "≤ 2, queries constant",
                a["queries_constant"] and a["inspect_ratio"] <= 2,
            )
        )
    m = results.get("simulation")
    if m:
        rows.append(
            (
                "7. Simulating a draft",
                f"{m['cases']:,} cases ({m['events']:,} events, {m['authorities']} authorities) replayed under a draft closing "
                f"24-31 December and giving stage 1 15 working days: {m['simulate_s']:.2f} s vs reading their events "
                f"{m['read_events_s']:.2f} s ({m['deadlines_moved']:,} deadlines moved)",
                f"{m['ratio']:.2f}" if m["ratio"] is not None else "n/a",
                "≤ 3",
                m["holds"],
            )
        )
    for name in ("serving", "filing"):
        if "error" in results.get(name, {}):
            rows.append((name, f"failed: {results[name]['error']}", "", "", False))
    v = results.get("serving")
    if v and "error" not in v:
        rows.append(
            (
                "5a. Guidance page, every block + form",
                f"{v['rich_rps']:.0f} req/s vs plain rich text {v['plain_rps']:.0f} req/s (gunicorn, {v['load_generator']})",
                f"{v['ratio_rich_to_plain']:.2f}",
                "≥ 0.8",
                v["ratio_rich_to_plain"] >= 0.8,
            )
        )
        rows.append(
            (
                "5b. Same page behind Django's cache",
                f"{v['cached_rich_rps']:.0f} req/s vs a static file {v['static_rps']:.0f} req/s",
                f"{v['ratio_cached_to_static']:.2f}",
                "≥ 0.8",
                v["ratio_cached_to_static"] >= 0.8 and v["cache_hit"],
            )
        )
    f = results.get("filing")
    if f and "error" not in f:
        rows.append(
            (
                "6. Filing",
                f"{f['submissions']:,} from {f['clients']} clients ({f['retried_with_same_key']} retried): "
                f"{f['submissions_per_second']:.1f} /s; lost {f['lost']}, duplicated {f['duplicated']}, errors {f['error_count']}",
                f"{f['submissions_per_second']:.1f}/s",
                "none lost or duplicated",
                f["holds"],
            )
        )
    lines = ["| benchmark | measured | ratio | target | holds |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {what} | {ratio} | {target} | {'yes' if ok else '**no**'} |" for name, what, ratio, target, ok in rows]
    return "\n".join(lines)


def write(results: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    hw = results["hardware"]
    header = (
        f"Scale `{results['scale']}`, {results['database']}, {hw.get('cpus')} CPUs ({hw.get('cpu', '')}), "
        f"{hw.get('memory_gb')} GB, run {results['started']}, {results['total_seconds'] / 60:.1f} min in all."
    )
    (folder / "results.md").write_text(header + "\n\n" + table(results) + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    sys.path[:0] = [str(HERE.parent / "site"), str(HERE.parent)]
    run(os.environ.get("BENCH_SCALE", "full"), serve=os.environ.get("BENCH_SERVE", "1") != "0", only=os.environ.get("BENCH_ONLY", ""))
