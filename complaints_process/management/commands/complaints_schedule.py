"""``manage.py complaints_schedule``: create the Django-Q2 schedules (deadline sweep,
retention), or run the sweep or the retention task now.

    manage.py complaints_schedule                 # create/correct the two schedules (idempotent)
    manage.py complaints_schedule --sweep         # run the sweep now, in this process
    manage.py complaints_schedule --sweep --today 2026-05-04
    manage.py complaints_schedule --flush         # send the queued notifications now
    manage.py complaints_schedule --retention --dry-run   # how many closed cases are past retention
    manage.py complaints_schedule --retention     # anonymise one batch of them now
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from complaints_process.work import outbox, retention, schedule, sweep


class Command(BaseCommand):
    help = "Create the Django-Q2 schedules (idempotent), or run the sweep, the outbox or the retention task now."

    def add_arguments(self, parser):
        parser.add_argument("--sweep", action="store_true", help="Run the deadline sweep now, in this process.")
        parser.add_argument("--today", help="With --sweep: the day to sweep for (ISO date, default today).")
        parser.add_argument("--flush", action="store_true", help="Send the queued notifications now.")
        parser.add_argument("--retention", action="store_true", help="Anonymise one batch of closed cases past their retention period now.")
        parser.add_argument("--dry-run", action="store_true", help="With --retention: count the cases due, change nothing.")
        parser.add_argument("--batch", type=int, help="With --retention: at most this many cases (default the setting, 100).")

    def handle(self, *args, **options):
        today = options.get("today")
        if today:
            try:
                date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be an ISO date, e.g. 2026-05-04")
        if options["sweep"]:
            summary = sweep.run_deadline_sweep(today)
            self.stdout.write(f"Swept {summary['today']}: {summary}")
        elif options["retention"]:
            if options["batch"] is not None and options["batch"] < 1:
                raise CommandError("--batch must be a positive number")
            summary = retention.run_retention(today, limit=options["batch"], dry_run=options["dry_run"])
            if options["dry_run"]:
                self.stdout.write(f"Retention {summary['today']}: {summary['due']} closed case(s) past retention (nothing changed)")
            else:
                more = "; more remain for the next run" if summary["more"] else ""
                self.stdout.write(
                    f"Retention {summary['today']}: anonymised {summary['anonymised']} case(s), {summary['failed']} failed{more}"
                )
        elif options["flush"]:
            self.stdout.write(f"Outbox: {outbox.flush()}")
        else:
            found, created = schedule.ensure_schedule()
            verb = "Created" if created else "Checked"
            self.stdout.write(f"{verb} schedule '{found.name}': every {found.minutes} minutes, next run {found.next_run:%Y-%m-%d %H:%M}")
            found, created = schedule.ensure_retention_schedule()
            verb = "Created" if created else "Checked"
            self.stdout.write(f"{verb} schedule '{found.name}': hourly, next run {found.next_run:%Y-%m-%d %H:%M}")
