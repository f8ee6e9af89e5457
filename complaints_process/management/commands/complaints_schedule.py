"""``manage.py complaints_schedule``: create the deadline sweep's Django-Q2 schedule, or run
the sweep now.

    manage.py complaints_schedule                 # create/correct the one schedule (idempotent)
    manage.py complaints_schedule --sweep         # run the sweep now, in this process
    manage.py complaints_schedule --sweep --today 2026-05-04
    manage.py complaints_schedule --flush         # send the queued notifications now
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from complaints_process.work import outbox, schedule, sweep


class Command(BaseCommand):
    help = "Create the deadline sweep's Django-Q2 schedule (idempotent), or run the sweep or the outbox now."

    def add_arguments(self, parser):
        parser.add_argument("--sweep", action="store_true", help="Run the deadline sweep now, in this process.")
        parser.add_argument("--today", help="With --sweep: the day to sweep for (ISO date, default today).")
        parser.add_argument("--flush", action="store_true", help="Send the queued notifications now.")

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
        elif options["flush"]:
            self.stdout.write(f"Outbox: {outbox.flush()}")
        else:
            found, created = schedule.ensure_schedule()
            verb = "Created" if created else "Checked"
            self.stdout.write(f"{verb} schedule '{found.name}': every {found.minutes} minutes, next run {found.next_run:%Y-%m-%d %H:%M}")
