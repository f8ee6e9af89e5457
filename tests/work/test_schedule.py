"""Two Django-Q2 schedules (the sweep, retention), however many cases; tasks take no dates, only ISO strings."""

from datetime import date

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from complaints_process.work import schedule, tasks

pytestmark = pytest.mark.django_db


def test_migrate_created_the_one_sweep_schedule():
    [found] = Schedule.objects.filter(func=schedule.SWEEP_TASK)
    assert (found.name, found.schedule_type, found.minutes, found.repeats) == (
        schedule.SCHEDULE_NAME,
        Schedule.MINUTES,
        5,
        -1,
    )
    assert found.args is None and found.kwargs is None  # nothing for ast.literal_eval to lose


def test_the_schedule_is_idempotent_and_does_not_grow_with_cases(file_case, capsys):
    for _ in range(5):
        file_case()
    call_command("complaints_schedule")
    call_command("complaints_schedule")
    schedule.ensure_schedule()
    schedule.ensure_retention_schedule()
    assert sorted(Schedule.objects.values_list("name", flat=True)) == [schedule.SCHEDULE_NAME, schedule.RETENTION_SCHEDULE_NAME]
    out = capsys.readouterr().out
    assert "every 5 minutes" in out and "'complaints_process: retention': hourly" in out


def test_a_changed_interval_corrects_the_schedule_and_keeps_next_run(settings):
    before = Schedule.objects.get(name=schedule.SCHEDULE_NAME)
    settings.COMPLAINTS_PROCESS_SWEEP_MINUTES = 1
    found, created = schedule.ensure_schedule()
    assert (created, found.minutes, found.next_run) == (False, 1, before.next_run)


def test_the_sweep_task_takes_an_iso_string_only(file_case):
    file_case()
    assert tasks.deadline_sweep("2026-03-03")["today"] == "2026-03-03"
    with pytest.raises(TypeError):
        tasks.deadline_sweep(date(2026, 3, 3))


def test_the_command_runs_the_sweep_for_a_day(file_case, capsys, clock):
    file_case()
    call_command("complaints_schedule", "--sweep", "--today", "2026-03-02")
    assert "Swept 2026-03-02" in capsys.readouterr().out
