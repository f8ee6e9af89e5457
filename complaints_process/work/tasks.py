"""What Django-Q2 calls.  No arguments, or ids and ISO date strings only: Django-Q2 stores a
schedule's arguments as text and reads them back with ``ast.literal_eval``, where a ``date``
would not survive (and can make it drop every keyword argument)."""

from __future__ import annotations

from . import outbox, retention, sweep


def deadline_sweep(today: str | None = None) -> dict:
    """The scheduled sweep; ``today`` is an ISO date, for a manual catch-up or tests."""
    if today is not None and not isinstance(today, str):
        raise TypeError("deadline_sweep takes today as an ISO date string")
    return sweep.run_deadline_sweep(today)


def flush_outbox() -> dict:
    """Send queued notifications (enqueued after each case action commits)."""
    return outbox.flush()


def retention_sweep(today: str | None = None) -> dict:
    """The scheduled retention run (anonymise closed cases past retention); ``today`` is an ISO date."""
    if today is not None and not isinstance(today, str):
        raise TypeError("retention_sweep takes today as an ISO date string")
    return retention.run_retention(today)
