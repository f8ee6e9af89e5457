"""When a clock starts: the day of its event, or the day the complainant received it.

Pure Python.  Most clocks start on the day of the event they count from (day 0).  A clock
marked ``from_receipt`` (the complainant's windows, "within 20 working days of receiving
the response letter") starts on the day the complainant is *taken to have received* what
was sent that day: the procedure's ``receipt:`` rules say, per way of sending, how long
that takes ("same day" for email, "2 working days after" for post in the templates).

``due_dates`` applies a clock's durations to its start, never closing a complainant's window
before the floor the law gives.  ``clock_start`` never starts such a window before the law
does: a floor's ``law`` keeps its template's ``from_receipt`` and ``receipt`` rules, so an
authority whose config takes a posted letter as received the day it is sent, or counts the
window from sending, still leaves the complainant the law's window from the template's deemed
day of receipt (``lawcheck`` lists the change as ``earlier_receipt`` or ``from_sending``).
``deemed_receipt`` is the one function that says which day a response is received; the case clocks
(``complaints_process.clocks``), the "what to expect" timeline and anything replaying
cases call it through ``clock_start``.

When the way a response was sent is not known, the window counts from the *latest* day
any of the procedure's rules gives: a complainant never loses days because a method was
not recorded.  The published timeline, which cannot know how a future response will be
sent, dates windows from the *earliest* such day, so it never tells a complainant they
have longer than they may.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .calendar import WorkingDayCalendar
from .durations import Duration, DurationError, parse_duration

SAME_DAY = "same day"

#: How a response can be sent, and how staff and complainants name each way.
DELIVERY_METHODS = {
    "email": "Email",
    "post": "Post",
    "by_hand": "By hand",
}


class ReceiptError(ValueError):
    """A receipt rule could not be read, or a response names a way of sending with no rule."""


def parse_receipt(text: str) -> Duration | None:
    """ "same day" -> None; "2 working days after" -> that Duration (after, never before)."""
    if not isinstance(text, str):
        raise ReceiptError(f"expected 'same day' or e.g. '2 working days after', got {text!r}")
    if " ".join(text.lower().split()) == SAME_DAY:
        return None
    try:
        duration = parse_duration(text)
    except DurationError as error:
        raise ReceiptError(f"{error}; or write 'same day'") from None
    if duration.direction != "after":
        raise ReceiptError(f"a response is received on or after the day it is sent, so '{text}' cannot say 'before'")
    return duration


@dataclass(frozen=True)
class ReceiptRule:
    """One way of sending and when what is sent that way is taken to be received."""

    method: str  # a key of DELIVERY_METHODS
    after: Duration | None  # None: the same day
    text: str  # as written: "same day", "2 working days after"

    def received(self, sent_on: date, calendar: WorkingDayCalendar) -> date:
        return sent_on if self.after is None else self.after.apply(sent_on, calendar)


def deemed_receipt(sent_on: date, method: str | None, rules: Iterable[ReceiptRule], calendar: WorkingDayCalendar) -> date:
    """The day a response sent on ``sent_on`` by ``method`` is taken to be received.

    ``method=None`` (not recorded): the latest day any rule gives, so no right is lost.
    No rules at all: the day it was sent.
    """
    rules = tuple(rules)
    if method is None:
        return max((rule.received(sent_on, calendar) for rule in rules), default=sent_on)
    for rule in rules:
        if rule.method == method:
            return rule.received(sent_on, calendar)
    known = ", ".join(rule.method for rule in rules) or "none"
    raise ReceiptError(f"this procedure has no receipt rule for '{method}' (it has: {known})")


def earliest_receipt(sent_on: date, rules: Iterable[ReceiptRule], calendar: WorkingDayCalendar) -> date:
    """The earliest day any rule gives (the published timeline's assumption)."""
    return min((rule.received(sent_on, calendar) for rule in rules), default=sent_on)


def due_dates(clock, starts: date, calendar: WorkingDayCalendar) -> tuple[date | None, date | None]:
    """``(due, extension_limit)`` of ``clock`` started on ``starts``: the clock's durations applied.

    A window the law gives the complainant (``law.bound: floor``) never closes before the law's
    date, whatever the config says: a page's "20 days" where the law says 20 working days
    still leaves the 20 working days (``lawcheck`` lists the difference).
    """
    due = clock.due.apply(starts, calendar) if clock.due is not None else None
    limit = clock.extended.apply(starts, calendar) if clock.extended is not None else None
    law = getattr(clock, "law", None)
    if due is not None and law is not None and law.bound == "floor" and law.due is not None:
        due = max(due, law.due.apply(starts, calendar))
    return due, limit


def statutory_maximum(clock, starts: date, calendar: WorkingDayCalendar) -> date | None:
    """The latest date the law allows for an authority's clock started on ``starts``: its
    ``law`` ceiling with any extension (``extended``, else ``due``); None where the law sets none.
    A clock stop can move a response past it (the Regulations count no clock stops), so it is
    shown to staff and told to the complainant."""
    law = getattr(clock, "law", None)
    if law is None or law.bound != "ceiling":
        return None
    limit = law.extended if law.extended is not None else law.due
    return limit.apply(starts, calendar) if limit is not None else None


def clock_start(clock, event_on: date, rules: Iterable[ReceiptRule], calendar: WorkingDayCalendar, sent_by: str | None = None) -> date:
    """Day 0 of ``clock`` whose event happened on ``event_on`` (its deemed receipt if ``from_receipt``),
    and never before the day the law's window starts (``law_start``), whatever the config says."""
    starts = deemed_receipt(event_on, sent_by, rules, calendar) if getattr(clock, "from_receipt", False) else event_on
    law = law_start(clock, event_on, calendar, sent_by)
    return starts if law is None else max(starts, law)


def counts_from_receipt(clock) -> bool:
    """Does a case's ``clock`` start on a deemed day of receipt: by its own ``from_receipt``, or
    by its law's (a floor the law counts from receipt, which ``clock_start`` keeps)?"""
    law = getattr(clock, "law", None)
    return bool(getattr(clock, "from_receipt", False) or (law is not None and law.bound == "floor" and law.from_receipt))


def law_start(clock, event_on: date, calendar: WorkingDayCalendar, sent_by: str | None = None) -> date | None:
    """Day 0 of the law's window (a ``floor``) whose event happened on ``event_on``: the deemed
    receipt under the template's rules when the law counts from receipt, else the event's day;
    None for a clock the law gives no floor.  A way of sending the template has no rule for
    counts as not recorded (the latest day its rules give), so no right is lost."""
    law = getattr(clock, "law", None)
    if law is None or law.bound != "floor":
        return None
    if not law.from_receipt:
        return event_on
    known = {rule.method for rule in law.receipt}
    return deemed_receipt(event_on, sent_by if sent_by in known else None, law.receipt, calendar)
