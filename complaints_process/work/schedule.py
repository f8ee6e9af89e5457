"""The Django-Q2 ``Schedule`` rows: one runs the deadline sweep, one the retention task.

Its number does not grow with cases: one row, ``SCHEDULE_NAME``, calling
``complaints_process.work.tasks.deadline_sweep`` with no arguments (the task reads today's date
itself, so nothing goes through Django-Q2's ``ast.literal_eval`` of stored arguments) every
``COMPLAINTS_PROCESS_SWEEP_MINUTES`` (default 5).

Created (or corrected) idempotently after ``migrate`` (a ``post_migrate`` receiver) and by
``manage.py complaints_schedule``.  Catch-up on start: the schedule's ``next_run`` is in the
past after downtime, so the first thing the cluster's scheduler does when a worker starts is
run the sweep once (with ``catch_up: False`` it runs once, not once per missed slot), and one
sweep does everything that fell due on or before today, in date order.

The retention task (``work.retention``) has its own row, ``RETENTION_SCHEDULE_NAME``, run
hourly: each run anonymises a bounded batch of closed cases past retention, so a backlog is
worked through hour by hour.  Two rows in all, however many cases.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate
from django.utils import timezone

logger = logging.getLogger("complaints_process.work.schedule")

SCHEDULE_NAME = "complaints_process: deadline sweep"
SWEEP_TASK = "complaints_process.work.tasks.deadline_sweep"
RETENTION_SCHEDULE_NAME = "complaints_process: retention"
RETENTION_TASK = "complaints_process.work.tasks.retention_sweep"


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
    return _ensure(SCHEDULE_NAME, wanted)


def ensure_retention_schedule():
    """Create or correct the retention task's hourly schedule; return ``(schedule, created)``."""
    from django_q.models import Schedule

    wanted = {
        "func": RETENTION_TASK,
        "args": None,
        "kwargs": None,
        "schedule_type": Schedule.HOURLY,
        "minutes": None,
        "repeats": -1,
    }
    return _ensure(RETENTION_SCHEDULE_NAME, wanted)


def _ensure(name: str, wanted: dict):
    from django_q.models import Schedule

    schedule = Schedule.objects.filter(name=name).order_by("pk").first()
    if schedule is None:
        return Schedule.objects.create(name=name, next_run=timezone.now(), **wanted), True
    changed = [field for field, value in wanted.items() if getattr(schedule, field) != value]
    for field in changed:
        setattr(schedule, field, wanted[field])
    if changed:
        schedule.save()
    Schedule.objects.filter(name=name).exclude(pk=schedule.pk).delete()
    return schedule, False


def connect_receivers() -> None:
    """Ensure the schedules after ``migrate`` (from ``AppConfig.ready``; idempotent)."""
    post_migrate.connect(ensure_schedule_after_migrate, dispatch_uid="complaints_process.work.schedule")


def ensure_schedule_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """``post_migrate`` receiver: once complaints_process has migrated, ensure the schedules."""
    if getattr(sender, "label", None) != "complaints_process":
        return
    if not getattr(settings, "COMPLAINTS_PROCESS_SCHEDULE_SWEEP", True):
        return
    if "django_q_schedule" not in connections[using].introspection.table_names():
        return  # django_q not migrated yet (e.g. `migrate complaints_process` alone)
    for ensure, name in ((ensure_schedule, SCHEDULE_NAME), (ensure_retention_schedule, RETENTION_SCHEDULE_NAME)):
        _, created = ensure()
        if created:
            logger.info("Created the Django-Q2 schedule %r", name)
