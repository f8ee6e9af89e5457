"""How long a closed case keeps its personal data: the ``retention`` of a procedure's config.

Written in plain English, in calendar years or months: ``6 years``, ``six years``,
``72 months``.  The period runs from the day the case closed (day 0, as for every clock) and
ends on the same day of the month that many months later (clamped to the month's end, as
``durations.add_months`` does): a case closed on 10 March 2020 with ``6 years`` keeps its
personal data until 9 March 2026 and is anonymised from 10 March 2026.

A period shorter than ``MIN_MONTHS`` is refused: a complainant has twelve months to take a
closed case to the Ombudsman, who will ask for the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from complaints_process.core.durations import NUMBER_WORDS, DurationError, add_months

MIN_MONTHS = 12
MAX_YEARS = 100

_PATTERN = re.compile(r"^(?P<number>.+?) (?P<unit>year|month)s?$")
_EXPECTED = "expected a number of years or months, e.g. '6 years' or '72 months'"


class RetentionError(DurationError):
    """A retention period could not be read; the message is shown to the person editing."""


@dataclass(frozen=True)
class RetentionPeriod:
    months: int
    text: str = ""  # as written

    def __post_init__(self) -> None:
        if not self.text:
            object.__setattr__(self, "text", self.in_words())

    def ends(self, closed_on: date) -> date:
        """The first day the case is past retention (anonymised from this day on)."""
        return add_months(closed_on, self.months)

    def cutoff(self, today: date) -> date:
        """Cases closed on or before this day are past retention on ``today``."""
        cutoff = add_months(today, -self.months)
        # Month-end clamping: a case closed on 31 August is past 6 months on 28/29 February,
        # so every closing day whose end falls on or before today counts.
        while add_months(cutoff + timedelta(days=1), self.months) <= today:
            cutoff += timedelta(days=1)
        return cutoff

    def in_words(self) -> str:
        if self.months % 12 == 0:
            years = self.months // 12
            return f"{years} year" if years == 1 else f"{years} years"
        return f"{self.months} month" if self.months == 1 else f"{self.months} months"


def parse_retention(text: str, *, minimum_months: int = MIN_MONTHS) -> RetentionPeriod:
    """Read e.g. "6 years" or "seventy two months" into a RetentionPeriod.

    ``minimum_months``: the shortest period allowed (closed cases: ``MIN_MONTHS``, for the
    Ombudsman; compliments and comments: 1)."""
    if not isinstance(text, str):
        raise RetentionError(f"cannot read {text!r} as a retention period: {_EXPECTED}")
    normalised = " ".join(re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower()).split())
    match = _PATTERN.match(normalised)
    if match is None:
        raise RetentionError(f"cannot read {text!r} as a retention period: {_EXPECTED}")
    words = match["number"]
    if words.isascii() and words.isdigit():
        amount = int(words)
    elif words in NUMBER_WORDS:
        amount = NUMBER_WORDS[words]
    else:
        raise RetentionError(f"cannot read {text!r} as a retention period: {_EXPECTED}")
    months = amount * 12 if match["unit"] == "year" else amount
    if months < 1:
        raise RetentionError(f"a retention period of {text!r} is too short: at least one month")
    if months < minimum_months:
        raise RetentionError(
            f"a retention period of {text!r} is too short: keep closed cases at least 12 months, "
            "the time a complainant has to go to the Ombudsman"
        )
    if months > MAX_YEARS * 12:
        raise RetentionError(f"a retention period of {text!r} is longer than {MAX_YEARS} years")
    return RetentionPeriod(months=months, text=text)
