"""``manage.py generate_cases --authorities 150 --cases 1000000``: a synthetic caseload.

See ``benchmarks.synthetic``; a command of the reference site, not shipped with the plugin.  For load tests and benchmarks only: never run it on a
database holding real cases.
"""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from benchmarks.synthetic import analyze, generate_cases


class Command(BaseCommand):
    help = "Create synthetic cases (states, deadlines and events over five years) across the seed authorities, in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=int, default=5, help="Authorities: the five seeds, then numbered copies of them.")
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same cases.")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="Reference day (ISO); default today.")
        parser.add_argument("--jobs", type=int, default=1, help="Loading processes (PostgreSQL), each for its own authorities.")
        parser.add_argument("--years", type=int, default=5, help="Cases are received over this many years up to the reference day.")

    def handle(self, *args, authorities, cases, seed, today, years, jobs, **options):
        if authorities < 1 or cases < 0:
            raise CommandError("--authorities must be at least 1 and --cases not negative.")
        started = time.perf_counter()

        def progress(done):
            self.stdout.write(f"  {done:,} cases ({time.perf_counter() - started:.0f} s)")

        report = progress if jobs == 1 else None
        counts = generate_cases(authorities, cases, seed=seed, today=today, years=years, jobs=jobs, progress=report)
        analyze()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['cases']:,} cases ({counts['open']:,} open) across {counts['authorities']} authorities, "
                f"{counts['deadlines']:,} deadlines ({counts['pending_deadlines']:,} pending), {counts['events']:,} events, "
                f"{counts['points']:,} points, in {elapsed:.1f} s"
            )
        )
