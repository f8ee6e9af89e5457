"""Durations written in plain English in the process configs, e.g. "within 10 working days".

Grammar (case-insensitive, surrounding spaces ignored)::

    [within | up to | no more than | at most | at least] <number> <unit> [before | after]

* number: digits 1..9999, or words "one".."ninety nine" ("twenty five" or "twenty-five").
* unit: "working day(s)", "day(s)" / "calendar day(s)", "week(s)", "month(s)".
* "before" makes a clock that runs backwards from its event; "after" is the default.
  The leading qualifier only changes the wording, never the date.

Applying a duration follows the counting rule of ``calendar``: the event is day 0.
Working days skip weekends, bank holidays and closures; days, weeks (7 days each) and
months (same day of the month, clamped to the month's end) are calendar time and do
not skip holidays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from complaints_process.core.calendar import WorkingDayCalendar

UNITS = ("working_days", "days", "weeks", "months")
DIRECTIONS = ("after", "before")
MAX_AMOUNT = 9999

_UNIT_WORDS = {"working": "working_days", "calendar": "days", "": "days", "week": "weeks", "month": "months"}
_SMALL_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {word: value for value, word in enumerate(_SMALL_NUMBERS, start=1)}
for _tens_value, _tens_word in enumerate(_TENS, start=2):
    NUMBER_WORDS[_tens_word] = 10 * _tens_value
    for _unit_value, _unit_word in enumerate(_SMALL_NUMBERS[:9], start=1):
        NUMBER_WORDS[f"{_tens_word} {_unit_word}"] = 10 * _tens_value + _unit_value

_PATTERN = re.compile(
    r"^(?:(?:within|up to|no more than|at most|at least) )?"
    r"(?P<number>.+?) "
    r"(?:(?P<kind>working|calendar) )?(?:(?P<unit>day|week|month)s?)"
    r"(?: (?P<direction>before|after))?$"
)
_EXPECTED = "expected a number then 'working days', 'days', 'weeks' or 'months'"


class DurationError(ValueError):
    """A duration could not be read; the message is shown to the person editing the config."""


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def add_months(start: date, months: int) -> date:
    """Same day of the month, `months` later (or earlier if negative), clamped to month end."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise DurationError(f"{months} months from {start} is out of range")
    return date(year, month, min(start.day, _days_in_month(year, month)))


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # one of UNITS
    direction: str = "after"  # one of DIRECTIONS
    text: str = ""  # exactly as written in the config, for display

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise DurationError(f"unknown duration unit {self.unit!r}: expected one of {', '.join(UNITS)}")
        if self.direction not in DIRECTIONS:
            raise DurationError(f"unknown duration direction {self.direction!r}: expected 'after' or 'before'")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise DurationError(f"duration amount must be a whole number, not {self.amount!r}")
        if not 1 <= self.amount <= MAX_AMOUNT:
            raise DurationError(f"duration amount must be from 1 to {MAX_AMOUNT}, not {self.amount}")
        if not self.text:
            object.__setattr__(self, "text", self.in_words())

    def apply(self, start: date, calendar: WorkingDayCalendar) -> date:
        """The date this duration after (or before) start, start being day 0."""
        sign = -1 if self.direction == "before" else 1
        try:
            if self.unit == "working_days":
                return calendar.add_working_days(start, sign * self.amount)
            if self.unit == "months":
                return add_months(start, sign * self.amount)
            days = self.amount * (7 if self.unit == "weeks" else 1)
            return start + timedelta(days=sign * days)
        except OverflowError:
            raise DurationError(f"{self.in_words()} {self.direction} {start} is out of range") from None

    def in_words(self) -> str:
        """Normalised plain English without qualifier or direction: '10 working days', '1 month'."""
        words = self.unit.replace("_", " ")
        return f"{self.amount} {words[:-1] if self.amount == 1 else words}"

    def comparable_days(self) -> int:
        """Rough size in calendar days, only for comparing durations (months count as 31)."""
        if self.unit == "working_days":
            return -(-self.amount * 7 // 5)  # rounded up
        return self.amount * {"days": 1, "weeks": 7, "months": 31}[self.unit]


def _read_number(words: str, text: str) -> int:
    if words.isascii() and words.isdigit():
        amount = int(words)
    elif words in NUMBER_WORDS:
        amount = NUMBER_WORDS[words]
    elif words == "zero":
        amount = 0
    else:
        raise DurationError(f"cannot read {text!r} as a duration: {_EXPECTED}")
    if not 1 <= amount <= MAX_AMOUNT:
        raise DurationError(f"cannot read {text!r} as a duration: the number must be from 1 to {MAX_AMOUNT}")
    return amount


def parse_duration(text: str) -> Duration:
    """Read e.g. "within 10 working days" or "five days before" into a Duration."""
    if not isinstance(text, str):
        raise DurationError(f"cannot read {text!r} as a duration: {_EXPECTED}")
    # "twenty-five", "working-days" -> spaces; but "-5 days" keeps its minus and fails.
    normalised = " ".join(re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower()).split())
    match = _PATTERN.match(normalised)
    if match is None:
        raise DurationError(f"cannot read {text!r} as a duration: {_EXPECTED}")
    unit = match["unit"]
    kind = match["kind"] or ""
    if unit != "day" and kind:
        raise DurationError(f"cannot read {text!r} as a duration: {_EXPECTED}")
    unit_name = _UNIT_WORDS[kind] if unit == "day" else _UNIT_WORDS[unit]
    return Duration(
        amount=_read_number(match["number"], text),
        unit=unit_name,
        direction=match["direction"] or "after",
        text=text,
    )
