"""When what a complaint led to is late: a learning action, an Ombudsman remedy.

Pure rules on dates, read by the models (``LearningAction``, ``OmbudsmanReferral``), the case
page and the annual report (``reports.figures``), so the case page and the report never
disagree about what is overdue or carried out on time.
"""

from __future__ import annotations

from datetime import date


def learning_action_overdue(*, due_on: date | None, completed_on: date | None, on: date) -> bool:
    """A learning action is overdue on ``on`` when it is not done and its due date is before
    that day (one with no due date is never overdue)."""
    return completed_on is None and due_on is not None and due_on < on


def remedy_on_time(*, due_on: date | None, complied_on: date | None) -> bool | None:
    """Whether a remedy was carried out by the date the Ombudsman set (True when none was
    set); None while it is not carried out."""
    if complied_on is None:
        return None
    return due_on is None or complied_on <= due_on
