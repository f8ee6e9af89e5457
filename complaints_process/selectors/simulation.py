"""What a draft process config would have done to an authority's cases (a read: it changes
nothing).

Every case received in the period is replayed twice from its recorded events, read in bulk
(one query for the cases, one streamed query for their events, one for the config versions):
under the procedure of the config version the case is pinned to, and under the draft's
procedure of the same slug, each with its calendar (the authority's current calendar for the
first, the draft's, with its closure days, for the second).  The replay and the comparison are
the clock engine's (``core.clock_engine``, ``core.simulation``); the annual report's timeliness
figures before and after are the report's own rule (``reports.figures.count_timeliness``),
counting the deadlines of these cases met in the period.

A case whose procedure the draft no longer has is counted in ``not_compared``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.db.models.fields.json import KT

from complaints_process import clocks
from complaints_process.core import clock_engine as engine
from complaints_process.core.clocks import DELIVERY_METHODS
from complaints_process.core.config import AuthorityConfig
from complaints_process.core.simulation import Comparison, compare
from complaints_process.models import CaseEvent, Complaint, ProcessConfigVersion
from complaints_process.models.states import FINAL_STATES
from complaints_process.reports import figures as F
from complaints_process.reports.period import Period

#: What a recorded action does to a case's clocks besides its procedure event (if any).  An
#: action that moves the case to a final state closes its clocks.
ACTION_EFFECTS = {
    "extend": engine.EXTEND,
    "pause_clock": engine.PAUSE,
    "resume_clock": engine.RESUME,
    "lapse": engine.LAPSE,
}
EVENT_CHUNK = 20_000


def default_period(today: date) -> tuple[date, date]:
    """The 365 days up to and including ``today``: the cases a change would have met most recently."""
    return today - timedelta(days=364), today


@dataclass
class Simulation:
    authority_slug: str
    period: Period
    comparison: Comparison
    not_compared: int = 0
    report_before: list[dict] = field(default_factory=list)
    report_after: list[dict] = field(default_factory=list)
    references: dict[int, str] = field(default_factory=dict)  # case id -> reference, changed cases only

    @property
    def cases(self) -> int:
        return self.comparison.cases

    def as_json(self) -> dict:
        c = self.comparison
        return {
            "authority": self.authority_slug,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "cases": c.cases,
            "cases_changed": c.cases_changed,
            "not_compared": self.not_compared,
            "clocks": [counts.as_dict() for counts in c.clocks.values()],
            "escalations_refused": c.escalations_refused,
            "lapses_avoided": c.lapses_avoided,
            "report": {"before": self.report_before, "after": self.report_after},
        }


def _events(cases) -> Iterator[tuple]:
    """The events that matter to clocks, of ``cases``, in the order they happened, streamed."""
    wanted = ~Q(event_key="") | Q(action__in=list(ACTION_EFFECTS)) | Q(to_state__in=list(FINAL_STATES))
    rows = (
        CaseEvent.objects.filter(case__in=cases)
        .filter(wanted)
        .order_by("case_id", "occurred_on", "id")
        .values_list(
            "case_id",
            "occurred_on",
            "event_key",
            "action",
            "to_state",
            KT("data__clock"),
            KT("data__extended_due"),
            KT("data__window"),
            KT("data__meeting_on"),
            KT("data__sent_by"),
        )
    )
    return rows.iterator(chunk_size=EVENT_CHUNK)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def happening(occurred_on, event_key, action, to_state, clock, extended_due, window, meeting_on, sent_by=None) -> engine.Happening:
    """A recorded event as the clock engine reads it."""
    does = ACTION_EFFECTS.get(action, "")
    if not does and to_state in FINAL_STATES:
        does = engine.CLOSE
    if does == engine.LAPSE:
        clock = window
    return engine.Happening(
        day=occurred_on,
        event=event_key,
        does=does,
        clock=clock or "",
        to=_day(extended_due) if does == engine.EXTEND else None,
        planned=_day(meeting_on),
        sent_by=sent_by if sent_by in DELIVERY_METHODS else None,  # "not_recorded": the latest deemed day
    )


def _report_rows(replayed: engine.Replay, calendar, taken: dict) -> list[F.DeadlineRow]:
    """The replayed clocks as the annual report's rows (``taken``: working days taken, kept
    across cases by (kind, start, met, paused))."""
    rows = []
    for clock in replayed.clocks:
        if clock.status == engine.CANCELLED:
            continue
        key = (clock.kind, clock.starts, clock.met_on, clock.paused_working_days)
        days = taken.get(key, taken)
        if days is taken:
            days = taken[key] = F.working_days_taken(calendar, clock.kind, clock.starts, clock.met_on, clock.paused_working_days)
        rows.append(
            F.DeadlineRow(
                clock_key=clock.key,
                kind=clock.kind,
                starts=clock.starts,
                due=clock.due,
                extended_due=clock.extended_due,
                met_on=clock.met_on,
                on_time=clock.on_time,
                status=clock.status,
                working_days_taken=days,
                effective_due=clock.effective_due,
            )
        )
    return rows


def _report_table(figures: dict[str, dict[str, F.ClockFigures]]) -> list[dict]:
    table = []
    for kind, clock in ((kind, clock) for kind, by_key in figures.items() for clock in by_key.values()):
        done = clock.on_time + clock.within_extension + clock.late
        table.append(
            {
                "procedure_kind": kind,
                "clock": clock.clock_key,
                "label": clock.label,
                "on_time": clock.on_time,
                "within_extension": clock.within_extension,
                "late": clock.late,
                "no_limit": clock.no_limit,
                "overdue_at_end": clock.overdue_at_end,
                "on_time_rate": F.rate(clock.on_time + clock.within_extension, done),
            }
        )
    return table


def _timed_clock_figures(draft: AuthorityConfig) -> dict[str, dict[str, F.ClockFigures]]:
    """Empty timeliness figures of the draft's timed clocks, by procedure kind and clock."""
    figures: dict[str, dict[str, F.ClockFigures]] = {}
    for p in draft.procedures:
        by_key = figures.setdefault(p.kind, {})
        for c in p.clocks:
            if c.kind in F.TIMED_KINDS and c.key not in by_key:
                by_key[c.key] = F.ClockFigures(c.key, c.label)
    return figures


class _Replayer:
    """Replays each case twice, under the version it ran under and under the draft, counting
    the report's timeliness both ways as it goes."""

    def __init__(self, authority, draft: AuthorityConfig, cases, period: Period, last_day: date):
        self.draft, self.cases, self.period, self.last_day = draft, cases, period, last_day
        self.ran_calendar = clocks.calendar_for(authority)
        self.draft_calendar = draft.working_calendar()
        self.pinned = dict(cases.values_list("pk", "config_version_id"))
        self.slugs = dict(cases.values_list("pk", "procedure_slug"))
        self.versions = {pk: version.config() for pk, version in ProcessConfigVersion.objects.in_bulk(set(self.pinned.values())).items()}
        self.before_figures = _timed_clock_figures(draft)
        self.after_figures = _timed_clock_figures(draft)
        self.procedures: dict = {}
        self.dates: tuple[dict, dict] = ({}, {})  # each calendar's clock dates, worked out once per clock and day
        self.taken: tuple[dict, dict] = ({}, {})  # each calendar's working days taken, likewise
        self.not_compared = 0

    def _procedures_of(self, case_id):
        """The procedure the case ran under and the draft's of the same slug (None, None when
        either is gone)."""
        key = (self.pinned[case_id], self.slugs[case_id])
        if key not in self.procedures:
            try:
                self.procedures[key] = (self.versions[key[0]].procedure(key[1]), self.draft.procedure(key[1]))
            except KeyError:
                self.procedures[key] = (None, None)
        return self.procedures[key]

    def one(self, case_id, happenings):
        ran, new = self._procedures_of(case_id)
        if ran is None:
            self.not_compared += 1
            return None
        before, after = engine.replay_pair(ran, self.ran_calendar, new, self.draft_calendar, happenings, dates=self.dates)
        before_rows = _report_rows(before, self.ran_calendar, self.taken[0])
        after_rows = _report_rows(after, self.draft_calendar, self.taken[1])
        F.count_timeliness(before_rows, self.period, self.last_day, self.before_figures.setdefault(new.kind, {}))
        F.count_timeliness(after_rows, self.period, self.last_day, self.after_figures.setdefault(new.kind, {}))
        return (case_id, self.slugs[case_id], before, after)

    def pairs(self):
        """Each case compared, as ``(case id, slug, before, after)``; its events are read in
        chunks, in case order."""
        seen = set()
        current, happenings = None, []
        for case_id, *fields in _events(self.cases):
            if case_id != current:
                if current is not None and (pair := self.one(current, happenings)):
                    yield pair
                seen.add(case_id)
                current, happenings = case_id, []
            happenings.append(happening(*fields))
        if current is not None and (pair := self.one(current, happenings)):
            yield pair
        for case_id in self.pinned.keys() - seen:  # a case with no event recorded: nothing to replay
            if (pair := self.one(case_id, [])) is not None:
                yield pair


def simulate(
    authority, draft: AuthorityConfig, *, start: date, end: date, as_of: date | None = None, references: bool = False
) -> Simulation:
    """Replay ``authority``'s cases received from ``start`` to ``end`` under ``draft``.

    ``references``: also read the reference of each case the draft changes (for a user who may
    see the authority's cases)."""
    period = Period(start, end)
    cases = Complaint.objects.filter(authority=authority, received_on__gte=start, received_on__lte=end)
    replayer = _Replayer(authority, draft, cases, period, F.last_day_counted(period, as_of))
    labels = [(p.slug, clock.key, clock.label) for p in draft.procedures for clock in p.clocks]
    comparison = compare(replayer.pairs(), labels=labels)
    result = Simulation(
        authority_slug=authority.slug,
        period=period,
        comparison=comparison,
        not_compared=replayer.not_compared,
        report_before=_report_table(replayer.before_figures),
        report_after=_report_table(replayer.after_figures),
    )
    if references and comparison.outcomes:
        changed = [outcome.case_id for outcome in comparison.outcomes]
        result.references = dict(Complaint.objects.filter(pk__in=changed).values_list("pk", "reference"))
    return result
