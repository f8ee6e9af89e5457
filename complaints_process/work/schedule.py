"""The one Django-Q2 ``Schedule`` that runs the deadline sweep.

Its number does not grow with cases: one row, ``SCHEDULE_NAME``, calling
``complaints_process.work.tasks.deadline_sweep`` with no arguments (the task reads today's date
itself, so nothing goes through Django-Q2's ``ast.literal_eval`` of stored arguments) every
``COMPLAINTS_PROCESS_SWEEP_MINUTES`` (default 5).

Created (or corrected) idempotently after ``migrate`` (a ``post_migrate`` receiver) and by
``manage.py complaints_schedule``.  Catch-up on start: the schedule's ``next_run`` is in the
past after downtime, so the first thing the cluster's scheduler does when a worker starts is
run the sweep once (with ``catch_up: False`` it runs once, not once per missed slot), and one
sweep does everything that fell due on or before today, in date order.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

logger = logging.getLogger("complaints_process.work.schedule")

SCHEDULE_NAME = "complaints_process: deadline sweep"
SWEEP_TASK = "complaints_process.work.tasks.deadline_sweep"


def sweep_minutes() -> int:
    return int(getattr(settings, "COMPLAINTS_PROCESS_SWEEP_MINUTES", 5))


def ensure_schedule():
    """Create or correct the sweep's schedule; return ``(schedule, created)``.

    An existing schedule keeps its ``next_run`` (a deploy does not delay or repeat a sweep).
    """
    from django_q.models import Schedule

    wanted = {
        "func": SWEEP_TASK,
        "args": None,
        "kwargs": None,
        "schedule_type": Schedule.MINUTES,
        "minutes": sweep_minutes(),
        "repeats": -1,
    }
    schedule = Schedule.objects.filter(name=SCHEDULE_NAME).order_by("pk").first()
    if schedule is None:
        return Schedule.objects.create(name=SCHEDULE_NAME, next_run=timezone.now(), **wanted), True
    changed = [name for name, value in wanted.items() if getattr(schedule, name) != value]
    for name in changed:
        setattr(schedule, name, wanted[name])
    if changed:
        schedule.save()
    Schedule.objects.filter(name=SCHEDULE_NAME).exclude(pk=schedule.pk).delete()
    return schedule, False


def ensure_schedule_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """``post_migrate`` receiver: once complaints_process has migrated, ensure the schedule."""
    if getattr(sender, "label", None) != "complaints_process":
        return
    if not getattr(settings, "COMPLAINTS_PROCESS_SCHEDULE_SWEEP", True):
        return
    if "django_q_schedule" not in connections[using].introspection.table_names():
        return  # django_q not migrated yet (e.g. `migrate complaints_process` alone)
    _, created = ensure_schedule()
    if created:
        logger.info("Created the Django-Q2 schedule %r", SCHEDULE_NAME)
