"""The annual complaints figures, computed from plain rows: pure Python, no Django.

``queries.collect`` turns an authority's cases into ``CaseRow``s (no personal data is
ever read into them); ``compute(rows, period)`` counts; ``present(figures, ...)`` turns the
counts into display cells, applying small-number suppression when the output is meant for
publication.  The statutory children's report (Regulation 13 of the 2006 Regulations) and the
corporate report (LGSCO Complaint Handling Code) are the same computation over the rows of
the procedures of one kind; only the stages and clocks present differ.

Which period a figure belongs to (each rule is tested at the 31 March / 1 April boundary):

* **received**: stage 1 complaints whose ``received_on`` is in the period; stage 2 and
  stage 3 requests whose request event (``stageN.requested``) is in the period;
* **by service / complainant type / advocate / themes**: cases *received* in the period;
* **outcomes** (upheld, partly upheld, not upheld): the stage's response
  (``stageN.responded``; at stage 3 the authority's response to the panel, the outcomes being
  the panel's findings on each point) is in the period;
  **withdrawn** and **not accepted**: the day the case was withdrawn or refused is in the
  period, counted at the stage the case was at (a case withdrawn before acceptance counts at
  stage 1);
* **timeliness**: a clock's deadline is counted when it was met in the period; a deadline not
  met by the end of the period although its (extended) due date fell in it counts as
  "overdue at the end of the period" (it is counted again, on time or late, in the period
  in which it is met);
* **escalation**: of the cases whose stage N response is in the period, how many asked for
  stage N+1 (by the day the report is run, so a report rerun later may show a higher rate);
* **Ombudsman**: signposted when closed, refused or lapsed in the period; referrals made,
  and decisions received (with how many carried a remedy), in the period (``OmbudsmanReferral``);
  remedies carried out in the period (on time: by the date the Ombudsman set, or with no
  date set); remedies outstanding at the end of the period (decided by then, not carried out
  by then; "overdue" when the date set has passed);
* **learning actions**: agreed in the period.

A case's outcome at a stage is built from its points of complaint: **upheld** if every point
was upheld, **not upheld** if none was upheld in whole or part, otherwise **partly upheld**.

Statistics: the **median** is the middle value of the sorted values (the mean of the two
middle values for an even count: ``statistics.median``); the **90th percentile** uses the
**nearest-rank** method: the value at rank ``ceil(0.9 * n)`` of the values sorted ascending
(1-based), so it is always one of the observed values.  Working days taken count the working
days after the clock's start day up to and including the day it was met
(``WorkingDayCalendar.working_days_between``), less the working days the clock was stopped.
A notice clock (notice given at least so many days *before* a meeting) has no days taken: it
is only on time or late.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from complaints_process.core.follow_up import learning_action_overdue, remedy_on_time

from .period import Period

UPHELD, PARTLY, NOT_UPHELD = "upheld", "partly_upheld", "not_upheld"
WITHDRAWN, NOT_ACCEPTED, NO_OUTCOME = "withdrawn", "not_accepted", "no_outcome"
OUTCOME_COLUMNS = (UPHELD, PARTLY, NOT_UPHELD, NO_OUTCOME, WITHDRAWN, NOT_ACCEPTED)


def gettext_noop(message: str) -> str:
    """Marks a word for the translation catalogue: this module has no Django, so the surface
    translates it (``present``'s ``labels["translate"]``)."""
    return message


OUTCOME_LABELS = {
    UPHELD: gettext_noop("Upheld"),
    PARTLY: gettext_noop("Partly upheld"),
    NOT_UPHELD: gettext_noop("Not upheld"),
    NO_OUTCOME: gettext_noop("Responded, no outcome recorded"),
    WITHDRAWN: gettext_noop("Withdrawn"),
    NOT_ACCEPTED: gettext_noop("Not accepted"),
}
NOT_RECORDED = gettext_noop("Not recorded")  # the service of a case that names none
ON_TIME, WITHIN_EXTENSION, LATE = "on_time", "within_extension", "late"
TIMED_KINDS = frozenset({"response", "processing", "notice"})  # the authority's clocks; windows are the complainant's
DEFAULT_THRESHOLD = 5


# Rows in --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    clock_key: str
    kind: str
    starts: date
    due: date | None
    extended_due: date | None
    met_on: date | None
    on_time: bool | None
    status: str
    working_days_taken: int | None = None  # met deadlines only
    # The (extended) due date, as the case's deadline has it (``Deadline.effective_due``,
    # read in the query as ``with_effective_due()``; a replayed clock's, in a simulation).
    effective_due: date | None = None

    @property
    def timeliness(self) -> str | None:
        """on_time, within_extension or late for a met deadline with a due date; else None."""
        if self.met_on is None or self.on_time is None:
            return None
        if not self.on_time:
            return LATE
        if self.extended_due is not None and self.due is not None and self.met_on > self.due:
            return WITHIN_EXTENSION
        return ON_TIME


@dataclass(frozen=True)
class LearningRow:
    theme: str
    action: str  # written for publication (see models.learning)
    agreed_on: date
    completed_on: date | None = None
    owner: str = ""  # the team or service responsible, written for publication
    due_on: date | None = None

    def overdue(self, on: date) -> bool:
        """Not done, and its due date is before ``on`` (``core.follow_up``)."""
        return learning_action_overdue(due_on=self.due_on, completed_on=self.completed_on, on=on)


@dataclass(frozen=True)
class ReferralRow:
    referred_on: date
    decision: str = ""
    decided_on: date | None = None
    remedy: bool = False  # whether a remedy was recorded (its text is never read)
    remedy_due_on: date | None = None  # the date the Ombudsman set for carrying it out
    remedy_complied_on: date | None = None  # the day the authority finished carrying it out

    @property
    def remedy_on_time(self) -> bool | None:
        """Whether the remedy was carried out by the date set (``core.follow_up``)."""
        return remedy_on_time(due_on=self.remedy_due_on, complied_on=self.remedy_complied_on)

    def remedy_outstanding(self, day: date) -> bool:
        """A remedy decided by the end of ``day`` and not carried out by then."""
        decided = self.decided_on is not None and self.decided_on <= day
        return self.remedy and decided and (self.remedy_complied_on is None or self.remedy_complied_on > day)


@dataclass(frozen=True)
class CaseRow:
    """One case, as the report sees it.  Carries no name, contact detail or free text.

    ``case_id`` is the database id, used to join rows and never published.
    ``requested``: stage -> the day it was asked for (stage 1: the day received).
    ``responded``: stage -> the day of its response; ``outcomes``: stage -> the points' outcomes.
    ``final_stage``: the stage the case was at when withdrawn or refused ("" otherwise).
    """

    case_id: int
    procedure_slug: str
    procedure_kind: str
    received_on: date
    service: str = ""
    relationship: str = ""
    needs_advocate: bool = False
    state: str = ""
    closure_reason: str = ""
    closed_on: date | None = None
    refusal_ground: str = ""
    final_stage: str = ""
    requested: Mapping[str, date] = field(default_factory=dict)
    responded: Mapping[str, date] = field(default_factory=dict)
    outcomes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    ombudsman_signposted_on: date | None = None
    referrals: tuple[ReferralRow, ...] = ()
    deadlines: tuple[DeadlineRow, ...] = ()
    themes: tuple[str, ...] = ()
    learning: tuple[LearningRow, ...] = ()

    def outcome_at(self, stage: str) -> str | None:
        return case_outcome(self.outcomes.get(stage, ()))

    def touches(self, period: Period) -> bool:
        """Whether anything the report counts happened to this case in the period."""
        days = [
            self.received_on,
            self.closed_on,
            self.ombudsman_signposted_on,
            *self.requested.values(),
            *self.responded.values(),
            *(d.met_on for d in self.deadlines),
            *(d.effective_due for d in self.deadlines if d.met_on is None),
            *(r.referred_on for r in self.referrals),
            *(r.decided_on for r in self.referrals),
            *(r.remedy_complied_on for r in self.referrals),
            *(a.agreed_on for a in self.learning),
        ]
        return any(r.remedy_outstanding(period.end) for r in self.referrals) or any(day in period for day in days)

    @property
    def highest_stage(self) -> str:
        """The furthest stage asked for ("stage1" at least)."""
        return max(self.requested, key=_stage_number, default="stage1")


def case_outcome(point_outcomes: Iterable[str]) -> str | None:
    """All points upheld: upheld; none upheld in whole or part: not upheld; else partly."""
    values = set(point_outcomes)
    if not values:
        return None
    if values == {UPHELD}:
        return UPHELD
    if values == {NOT_UPHELD}:
        return NOT_UPHELD
    return PARTLY


def _stage_number(stage: str) -> int:
    digits = "".join(ch for ch in stage if ch.isdigit())
    return int(digits) if digits else 0


# Statistics -----------------------------------------------------------------------------


def median(values: Sequence[float]) -> float | None:
    """The median (mean of the two middle values for an even count); None for no values."""
    return statistics.median(values) if values else None


def percentile_nearest_rank(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile: the value at rank ceil(pct/100 * n) of the sorted values."""
    if not values:
        return None
    if not 0 < pct <= 100:
        raise ValueError("pct must be in (0, 100]")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator as a fraction; None when the denominator is 0."""
    return None if not denominator else numerator / denominator


def is_suppressed(count: int | None, threshold: int) -> bool:
    """True for a count from 1 to threshold - 1.  Zero identifies nobody and is shown."""
    return count is not None and 0 < count < threshold


def suppress(count: int | None, threshold: int = DEFAULT_THRESHOLD) -> str:
    """A count as published: "fewer than 5" when suppressed, else the number."""
    if count is None:
        return "–"
    return f"fewer than {threshold}" if is_suppressed(count, threshold) else str(count)


def secondary_suppression(parts: Sequence[int], *, total_published: bool, threshold: int, shown: Sequence[bool] | None = None) -> set[int]:
    """The parts of one table to withhold *as well*, so no small number can be worked out.

    ``parts`` add up to the table's total; ``shown[i]`` is False for a part the report does
    not print but a reader can still work out as the total less the others (the complaints
    *not* escalated, the remedies carried out late).  A part is "unknown" to a reader when it
    is suppressed (from 1 to threshold - 1) or not shown.

    * With the total published, a small part is safe only if at least one other part is
      unknown too: where it is the only unknown, the smallest non-zero shown part is withheld.
    * With the total withheld (itself withheld to protect another table), the parts must not
      add up to it: where every part is known, the smallest non-zero part is withheld.

    Returns the indices to withhold (empty, or one).  Zeros are never withheld: a zero
    identifies nobody and withholding it protects nothing.
    """
    shown = list(shown) if shown is not None else [True] * len(parts)
    small = {i for i, n in enumerate(parts) if is_suppressed(n, threshold)}
    unknown = small | {i for i, visible in enumerate(shown) if not visible}
    if total_published:
        if not small or len(unknown) != 1:
            return set()
    elif unknown or not any(parts):
        return set()
    candidates = [i for i, n in enumerate(parts) if shown[i] and i not in unknown and n > 0]
    return {min(candidates, key=lambda i: (parts[i], i))} if candidates else set()


# The figures ----------------------------------------------------------------------------


@dataclass
class OutcomeCounts:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOME_COLUMNS, 0))
    not_accepted_reasons: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ClockFigures:
    clock_key: str
    label: str
    on_time: int = 0
    within_extension: int = 0
    late: int = 0
    no_limit: int = 0  # met, but the procedure states no time
    overdue_at_end: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def met(self) -> int:
        return self.on_time + self.within_extension + self.late + self.no_limit

    @property
    def median_days(self):
        return median(self.days)

    @property
    def p90_days(self):
        return percentile_nearest_rank(self.days, 90)


@dataclass
class EscalationFigures:
    from_stage: str
    to_stage: str
    responded: int = 0
    escalated: int = 0

    @property
    def rate(self):
        return rate(self.escalated, self.responded)


@dataclass
class Figures:
    period: Period
    procedure_kind: str
    stages: list[str]
    received: dict[str, int]
    received_by_service: list[tuple[str, int]]
    outcomes: dict[str, OutcomeCounts]
    timeliness: list[ClockFigures]
    escalation: list[EscalationFigures]
    ombudsman_signposted: int
    ombudsman_referrals: int
    ombudsman_decisions: Counter
    ombudsman_remedies: int
    remedies_complied: int
    remedies_complied_on_time: int
    remedies_outstanding: int
    remedies_overdue: int
    complainants: Counter
    advocate: int
    cases_received: int
    themes: list[tuple[str, int]]
    learning_actions: list[LearningRow]


def working_days_taken(calendar, kind: str, starts: date, met_on: date | None, paused_working_days: int) -> int | None:
    """Working days a met clock took (see the module docstring); None for a notice clock or
    one not met."""
    if met_on is None or calendar is None or kind == "notice":
        return None
    return max(0, calendar.working_days_between(starts, met_on) - paused_working_days)


def last_day_counted(period: Period, as_of: date | None) -> date:
    """The last day a figure of ``period`` counts, when the report is run on ``as_of``."""
    return period.end if as_of is None or as_of > period.end else as_of - timedelta(days=1)


def count_timeliness(deadlines: Iterable[DeadlineRow], period: Period, last_day: date, clock_figures: dict[str, ClockFigures]) -> None:
    """Add ``deadlines`` to the timeliness figures of their clocks (the rule in the module
    docstring): used by the annual report and by the simulation of a draft config."""
    for deadline in deadlines:
        if deadline.kind not in TIMED_KINDS:
            continue
        figures = clock_figures.setdefault(deadline.clock_key, ClockFigures(deadline.clock_key, deadline.clock_key))
        if deadline.met_on in period:
            kind = deadline.timeliness
            if kind is None:
                figures.no_limit += 1
            else:
                setattr(figures, kind, getattr(figures, kind) + 1)
            if deadline.working_days_taken is not None:
                figures.days.append(deadline.working_days_taken)
        elif (
            deadline.effective_due is not None
            and period.start <= deadline.effective_due <= last_day
            and (deadline.met_on is None or deadline.met_on > last_day)
        ):
            figures.overdue_at_end += 1


@dataclass
class _Tally:
    """The counts of ``compute`` as they are added up, one row at a time."""

    period: Period
    last_day: date
    received: dict[str, int]
    outcomes: dict[str, OutcomeCounts]
    clock_figures: dict[str, ClockFigures]
    escalation: list[EscalationFigures]
    services: Counter = field(default_factory=Counter)
    complainants: Counter = field(default_factory=Counter)
    themes: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)
    advocate: int = 0
    signposted: int = 0
    referrals: int = 0
    remedies: int = 0
    cases_received: int = 0
    complied: int = 0
    complied_on_time: int = 0
    outstanding: int = 0
    overdue_remedies: int = 0
    learning: list[LearningRow] = field(default_factory=list)

    def add(self, row: CaseRow) -> None:
        self.add_received(row)
        self.add_outcomes(row)
        for item in self.escalation:
            if row.responded.get(item.from_stage) in self.period:
                item.responded += 1
                item.escalated += item.to_stage in row.requested
        self.add_ombudsman(row)
        self.learning.extend(action for action in row.learning if action.agreed_on in self.period)
        count_timeliness(row.deadlines, self.period, self.last_day, self.clock_figures)

    def add_received(self, row: CaseRow) -> None:
        """A case received in the period, by service, complainant and theme; a request at
        each stage made in the period."""
        if row.received_on in self.period:
            self.cases_received += 1
            self.services[row.service or NOT_RECORDED] += 1
            self.complainants[row.relationship or "not_recorded"] += 1
            self.advocate += bool(row.needs_advocate)
            self.themes.update(set(row.themes))
        for stage, day in row.requested.items():
            if day in self.period:
                self.received[stage] = self.received.get(stage, 0) + 1

    def add_outcomes(self, row: CaseRow) -> None:
        """The outcome of each response in the period; a withdrawal or refusal in it."""
        for stage, day in row.responded.items():
            if day in self.period:
                outcome = row.outcome_at(stage) or NO_OUTCOME  # a response recorded without outcomes
                self.outcomes.setdefault(stage, OutcomeCounts()).counts[outcome] += 1
        if row.closed_on in self.period and row.closure_reason in (WITHDRAWN, NOT_ACCEPTED):
            counts = self.outcomes.setdefault(row.final_stage or "stage1", OutcomeCounts())
            counts.counts[row.closure_reason] += 1
            if row.closure_reason == NOT_ACCEPTED:
                counts.not_accepted_reasons[row.refusal_ground or "other"] += 1

    def add_ombudsman(self, row: CaseRow) -> None:
        self.signposted += row.ombudsman_signposted_on in self.period
        for referral in row.referrals:
            self.referrals += referral.referred_on in self.period
            if referral.decision and referral.decided_on in self.period:
                self.decisions[referral.decision] += 1
                self.remedies += referral.remedy
            if not referral.remedy:
                continue
            if referral.remedy_complied_on in self.period:
                self.complied += 1
                self.complied_on_time += bool(referral.remedy_on_time)
            if referral.remedy_outstanding(self.last_day):
                self.outstanding += 1
                self.overdue_remedies += referral.remedy_due_on is not None and referral.remedy_due_on <= self.last_day


def _by_count(counts: Counter) -> list[tuple[str, int]]:
    """The largest first, then alphabetically."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))


def compute(
    rows: Iterable[CaseRow],
    period: Period,
    *,
    procedure_kind: str = "",
    stages: Sequence[str] = (),
    clocks: Sequence[tuple[str, str]] = (),
    as_of: date | None = None,
) -> Figures:
    """Every figure of the report, from rows of one authority (and one procedure kind).

    ``stages`` and ``clocks`` (key, label) list what the procedures have, in order, so that a
    stage or clock with nothing in the period still shows, with zeros.  ``as_of`` (the day the
    report is run) matters only for a period not yet over: "overdue at the end" then means due
    before ``as_of`` and not met.
    """
    rows = list(rows)
    stage_keys = list(stages) or sorted({s for row in rows for s in (*row.requested, *row.responded)} | {"stage1"}, key=_stage_number)
    tally = _Tally(
        period=period,
        last_day=last_day_counted(period, as_of),
        received=dict.fromkeys(stage_keys, 0),
        outcomes={stage: OutcomeCounts() for stage in stage_keys},
        clock_figures={key: ClockFigures(key, label) for key, label in clocks},
        escalation=[EscalationFigures(a, b) for a, b in zip(stage_keys, stage_keys[1:], strict=False)],
    )
    for row in rows:
        tally.add(row)
    return Figures(
        period=period,
        procedure_kind=procedure_kind,
        stages=list(tally.outcomes),
        received=tally.received,
        received_by_service=_by_count(tally.services),
        outcomes=tally.outcomes,
        timeliness=list(tally.clock_figures.values()),
        escalation=tally.escalation,
        ombudsman_signposted=tally.signposted,
        ombudsman_referrals=tally.referrals,
        ombudsman_decisions=tally.decisions,
        ombudsman_remedies=tally.remedies,
        remedies_complied=tally.complied,
        remedies_complied_on_time=tally.complied_on_time,
        remedies_outstanding=tally.outstanding,
        remedies_overdue=tally.overdue_remedies,
        complainants=tally.complainants,
        advocate=tally.advocate,
        cases_received=tally.cases_received,
        themes=_by_count(tally.themes),
        learning_actions=sorted(tally.learning, key=lambda action: (action.agreed_on, action.theme)),
    )


# Presentation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A figure as shown.  ``value`` is None when suppressed, so nothing (not even a bar's
    width) can leak the number; ``small`` marks, in the internal view, what publication hides."""

    text: str
    value: float | None = None
    suppressed: bool = False
    small: bool = False
    bar: int = 0  # bar length, percent of the largest value in its chart
    secondary: bool = False  # not small itself, but withheld in publication to protect a small one


class Presenter:
    """Turns raw figures into cells: exact for the admin, suppressed for publication."""

    def __init__(self, threshold: int = DEFAULT_THRESHOLD, *, publish: bool):
        self.threshold = threshold
        self.publish = publish

    @property
    def note(self) -> str:
        return f"fewer than {self.threshold}"

    def count(self, n: int, scale: int | None = None, *, withhold: bool = False) -> Cell:
        """A count; ``withhold``: withheld in publication to protect a small number beside it
        (``secondary_suppression``)."""
        small = is_suppressed(n, self.threshold)
        secondary = withhold and not small
        if self.publish and (small or secondary):
            return Cell(self.withheld if secondary else self.note, None, suppressed=True, secondary=secondary)
        return Cell(str(n), n, small=small, bar=round(100 * n / scale) if scale else 0, secondary=secondary)

    withheld = "not published (protects a small number)"

    def small(self, n: int) -> bool:
        return is_suppressed(n, self.threshold)

    def table(self, parts: Sequence[int], *, total_published: bool, shown: Sequence[bool] | None = None) -> set[int]:
        """The parts of one table to withhold as well (``secondary_suppression``)."""
        return secondary_suppression(parts, total_published=total_published, threshold=self.threshold, shown=shown)

    def part_of(self, part: int, total: int) -> tuple[Cell, Cell]:
        """A count shown with its total, whose complement (total - part) is not shown but can be
        worked out, and the rate part / total."""
        rest = total - part
        hide = self.table([part, rest], total_published=not self.small(total), shown=[True, False])
        return self.count(part, withhold=0 in hide), self.percent(part, total, withhold=bool(hide) or self.small(rest))

    def percent(self, numerator: int, denominator: int, *, withhold: bool = False) -> Cell:
        """A rate; in publication withheld when either count is suppressed (it would give it
        away), or when ``withhold`` (a count it is made of is withheld)."""
        value = rate(numerator, denominator)
        if value is None:
            return Cell("no cases")
        small = is_suppressed(numerator, self.threshold) or is_suppressed(denominator, self.threshold)
        secondary = withhold and not small
        if self.publish and (small or secondary):
            return Cell("not published (small numbers)", None, suppressed=True, secondary=secondary)
        return Cell(f"{value:.0%}", value, small=small, bar=round(100 * value), secondary=secondary)

    def statistic(self, value, n: int) -> Cell:
        """A median or percentile of ``n`` values; withheld in publication when n is suppressed."""
        if value is None:
            return Cell("–")
        small = is_suppressed(n, self.threshold)
        if small and self.publish:
            return Cell("not published (small numbers)", None, suppressed=True)
        text = f"{value:g}"
        return Cell(text, value, small=small)


def learning_status(action: LearningRow, as_of: date | None, translate=str) -> str:
    """Where a learning action stands on ``as_of`` (the day the report is run), in words."""
    if action.completed_on is not None:
        return translate(gettext_noop("Done %(month)s")) % {"month": f"{action.completed_on:%B %Y}"}
    if action.due_on is None:
        return translate(gettext_noop("Not yet done"))
    if as_of is not None and action.overdue(as_of):
        return translate(gettext_noop("Not yet done (was due %(month)s)")) % {"month": f"{action.due_on:%B %Y}"}
    return translate(gettext_noop("Due %(month)s")) % {"month": f"{action.due_on:%B %Y}"}


def _received_context(figures: Figures, p: Presenter, stage_label, translate) -> dict:
    received_max = max(figures.received.values(), default=0)
    service_max = max((n for _, n in figures.received_by_service), default=0)
    hide = p.table([n for _, n in figures.received_by_service], total_published=not p.small(figures.cases_received))
    return {
        "cases_received": p.count(figures.cases_received),
        "received": [
            {"stage": stage, "label": stage_label(stage, stage), "count": p.count(n, received_max)} for stage, n in figures.received.items()
        ],
        "by_service": [
            {"label": translate(name) if name == NOT_RECORDED else name, "count": p.count(n, service_max, withhold=i in hide)}
            for i, (name, n) in enumerate(figures.received_by_service)
        ],
    }


def _outcomes_context(figures: Figures, p: Presenter, stage_label, grounds: Mapping[str, str], translate) -> list[dict]:
    outcomes = []
    for stage, counts in figures.outcomes.items():
        scale = max(counts.counts.values(), default=0)
        hide = p.table([counts.counts[key] for key in OUTCOME_COLUMNS], total_published=not p.small(counts.total))
        columns = [
            {"key": key, "label": translate(OUTCOME_LABELS[key]), "count": p.count(counts.counts[key], scale, withhold=i in hide)}
            for i, key in enumerate(OUTCOME_COLUMNS)
        ]
        # The reasons add up to the "not accepted" cell: if that is withheld, they must not.
        refused = counts.counts[NOT_ACCEPTED]
        reasons = sorted(counts.not_accepted_reasons.items())
        hide = p.table([n for _, n in reasons], total_published=not p.small(refused) and OUTCOME_COLUMNS.index(NOT_ACCEPTED) not in hide)
        outcomes.append(
            {
                "stage": stage,
                "label": stage_label(stage, stage),
                "total": p.count(counts.total),
                "columns": columns,
                "reasons": [
                    {"label": grounds.get(ground, ground), "count": p.count(n, withhold=i in hide)} for i, (ground, n) in enumerate(reasons)
                ],
            }
        )
    return outcomes


def _timeliness_context(clock: ClockFigures, p: Presenter) -> dict:
    scale = max(clock.on_time, clock.within_extension, clock.late)
    # The rate is worked out from the three counts beside it: with one of them hidden, it
    # would give it away.
    rate_hides = any(p.small(n) for n in (clock.on_time, clock.within_extension, clock.late))
    return {
        "key": clock.clock_key,
        "label": clock.label,
        "met": p.count(clock.met),
        "on_time": p.count(clock.on_time, scale),
        "within_extension": p.count(clock.within_extension, scale),
        "late": p.count(clock.late, scale),
        "no_limit": p.count(clock.no_limit),
        "overdue_at_end": p.count(clock.overdue_at_end),
        "on_time_rate": p.percent(
            clock.on_time + clock.within_extension, clock.on_time + clock.within_extension + clock.late, withhold=rate_hides
        ),
        "median": p.statistic(clock.median_days, len(clock.days)),
        "p90": p.statistic(clock.p90_days, len(clock.days)),
    }


def _escalation_context(item: EscalationFigures, p: Presenter, stage_label) -> dict:
    escalated, escalation_rate = p.part_of(item.escalated, item.responded)
    return {
        "from": stage_label(item.from_stage, item.from_stage),
        "to": stage_label(item.to_stage, item.to_stage),
        "responded": p.count(item.responded),
        "escalated": escalated,
        "rate": escalation_rate,
    }


def _complainants_context(figures: Figures, p: Presenter, relationship: Mapping[str, str]) -> list[dict]:
    complainant_max = max(figures.complainants.values(), default=0)
    complainant_counts = sorted(figures.complainants.items(), key=lambda item: (-item[1], item[0]))
    hide = p.table([n for _, n in complainant_counts], total_published=not p.small(figures.cases_received))
    return [
        {"label": relationship.get(key, key), "count": p.count(n, complainant_max, withhold=i in hide)}
        for i, (key, n) in enumerate(complainant_counts)
    ]


def _ombudsman_context(figures: Figures, p: Presenter, decision: Mapping[str, str]) -> dict:
    remedies_on_time, remedies_on_time_rate = p.part_of(figures.remedies_complied_on_time, figures.remedies_complied)
    remedies_overdue, _ = p.part_of(figures.remedies_overdue, figures.remedies_outstanding)
    return {
        "signposted": p.count(figures.ombudsman_signposted),
        "referrals": p.count(figures.ombudsman_referrals),
        "decisions": [{"label": decision.get(key, key), "count": p.count(n)} for key, n in sorted(figures.ombudsman_decisions.items())],
        "remedies": p.count(figures.ombudsman_remedies),
        "remedies_complied": p.count(figures.remedies_complied),
        "remedies_complied_on_time": remedies_on_time,
        "remedies_on_time_rate": remedies_on_time_rate,
        "remedies_outstanding": p.count(figures.remedies_outstanding),
        "remedies_overdue": remedies_overdue,
    }


def present(figures: Figures, *, threshold: int = DEFAULT_THRESHOLD, publish: bool, labels=None, as_of: date | None = None) -> dict:
    """The template context of a report: every figure as ``Cell``s, with chart scales.

    ``labels`` maps codes to words: ``stage``, ``relationship``, ``ground``, ``decision``; its
    ``translate`` turns the words marked here with ``gettext_noop`` into the reader's language.
    ``as_of``: the day the report is run, for where each learning action stands.
    """
    labels = labels or {}
    stage_label = labels.get("stage", {}).get
    translate = labels.get("translate", str)
    p = Presenter(threshold, publish=publish)
    theme_max = max((n for _, n in figures.themes), default=0)
    return {
        "period": figures.period,
        "procedure_kind": figures.procedure_kind,
        "publish": publish,
        "threshold": threshold,
        **_received_context(figures, p, stage_label, translate),
        "outcomes": _outcomes_context(figures, p, stage_label, labels.get("ground", {}), translate),
        "timeliness": [_timeliness_context(clock, p) for clock in figures.timeliness],
        "escalation": [_escalation_context(item, p, stage_label) for item in figures.escalation],
        "ombudsman": _ombudsman_context(figures, p, labels.get("decision", {})),
        "complainants": _complainants_context(figures, p, labels.get("relationship", {})),
        "advocate": p.count(figures.advocate),
        "themes": [{"label": theme, "count": p.count(n, theme_max)} for theme, n in figures.themes],
        "learning_actions": [
            {"action": action, "status": learning_status(action, as_of, translate), "overdue": as_of is not None and action.overdue(as_of)}
            for action in figures.learning_actions
        ],
    }
