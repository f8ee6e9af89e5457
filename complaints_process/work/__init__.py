"""The deadline work, run by Django-Q2: one periodic sweep and the notification outbox.

* ``sweep.run_deadline_sweep``: reminders, overdue alerts and lapses that fell due.
* ``outbox.flush``: sends queued notifications, each exactly once.
* ``schedule.ensure_schedule``: the one Django-Q2 ``Schedule`` that runs the sweep.
* ``tasks``: the functions Django-Q2 calls (no arguments, or ids and ISO strings only).

See docs/deadline-work.md.
"""
