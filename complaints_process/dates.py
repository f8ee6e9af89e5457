"""The day the case services take as today.

Normally the local date.  ``as_of(day)`` sets it for the code inside (a context variable, so
nothing else running is affected): ``process_config walk`` drives synthetic cases through
the real services on the days a procedure allows, inside a transaction it rolls back.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.utils import timezone

_AS_OF: ContextVar[date | None] = ContextVar("complaints_process_as_of", default=None)


def today() -> date:
    return _AS_OF.get() or timezone.localdate()


@contextmanager
def as_of(day: date):
    token = _AS_OF.set(day)
    try:
        yield day
    finally:
        _AS_OF.reset(token)
