"""The process editor's "what this change would have done" panel (both editors' preview).

The draft being previewed is replayed over the authority's cases received in a period
(``selectors.simulation``; default: the year up to today) and compared with what happened.
A user who may see the authority's cases (``permission_policies.cases``) gets every changed case with its
reference, a link to it and the dates that change; anyone else gets counts only, small numbers
suppressed by the published reports' rule (``reports.figures.Presenter`` with the
``COMPLAINTS_PROCESS_SUPPRESSION_THRESHOLD``).  Nothing is written.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from complaints_process.models.deadlines import clock_label
from complaints_process.reports.figures import Presenter
from complaints_process.reports.report import suppression_threshold
from complaints_process.selectors.simulation import default_period, simulate

from .admin_urls import case_url

DETAIL_LIMIT = 200  # changed cases listed one by one; the counts cover them all


def simulation_period(data) -> tuple[date, date, list[str]]:
    """The period asked for in ``data`` (``simulate_from``, ``simulate_to``), or the default,
    with a message for each date that could not be read."""
    default_start, default_end = default_period(timezone.localdate())
    problems = []

    def read(name, default, label):
        text = (data.get(name) or "").strip()
        if not text:
            return default
        try:
            return date.fromisoformat(text)
        except ValueError:
            problems.append(f"The {label} date of the simulation is not a date: the default, {default:%-d %B %Y}, is used.")
            return default

    start = read("simulate_from", default_start, "first")
    end = read("simulate_to", default_end, "last")
    if end < start:
        problems.append("The simulation's period ends before it starts: the default period is used.")
        start, end = default_start, default_end
    return start, end, problems


def _shift(days: int | None) -> str:
    if days is None:
        return ""
    return f"{days:+d} day{'s' if abs(days) != 1 else ''}"


def _shift_range(earliest: int | None, latest: int | None) -> str:
    if earliest is None or latest is None:
        return ""
    return _shift(earliest) if earliest == latest else f"{_shift(earliest)} to {_shift(latest)}"


def _on_time(value: bool | None) -> str:
    return {True: "on time", False: "late", None: "–"}[value]


class _ClockNames:
    """A clock of the draft by its label, with its procedure's name where there are several."""

    def __init__(self, draft):
        self.procedures = {p.slug: p for p in draft.procedures}
        self.several_procedures = len(draft.procedures) > 1

    def __call__(self, procedure: str, key: str) -> str:
        text = clock_label(self.procedures.get(procedure), key)
        if not self.several_procedures:
            return text
        return f"{self.procedures[procedure].name if procedure in self.procedures else procedure}: {text}"


def _clock_rows(comparison, cells: Presenter, label: _ClockNames) -> list[dict]:
    """How each clock compared has moved, case counts only."""
    clocks = []
    for counts in comparison.clocks.values():
        if not counts.compared:
            continue
        moved = cells.count(counts.moved)
        clocks.append(
            {
                "key": counts.key,
                "label": label(counts.procedure, counts.key),
                "compared": cells.count(counts.compared),
                "moved": moved,
                "later": cells.count(counts.later),
                "earlier": cells.count(counts.earlier),
                # The range of shifts says something about each case: not when the count is hidden.
                "shift": "" if moved.suppressed else _shift_range(counts.earliest_shift, counts.latest_shift),
                "on_time_to_late": cells.count(counts.on_time_to_late),
                "late_to_on_time": cells.count(counts.late_to_on_time),
            }
        )
    return clocks


def _report_rows(result, cells: Presenter) -> list[dict]:
    """The annual report's timeliness before and after, for each clock with something met."""
    after = {(row["procedure_kind"], row["clock"]): row for row in result.report_after}
    report = []
    for row in result.report_before:
        new = after.get((row["procedure_kind"], row["clock"]))
        if new is None or not (
            row["on_time"] + row["within_extension"] + row["late"] + new["on_time"] + new["within_extension"] + new["late"]
        ):
            continue
        report.append({"label": row["label"], "kind": row["procedure_kind"], "before": _timely(cells, row), "after": _timely(cells, new)})
    return report


def _case_rows(result, label: _ClockNames) -> list[dict]:
    """Case by case (the first ``DETAIL_LIMIT``), for a user who may see the cases."""
    return [
        {
            "reference": result.references.get(outcome.case_id, ""),
            "url": case_url(_Pk(outcome.case_id)),
            "escalation_refused": outcome.escalation_refused,
            "lapse_avoided": outcome.lapse_avoided,
            "changes": [
                {
                    "label": label(outcome.procedure, change.key),
                    "due_before": change.due_before,
                    "due_after": change.due_after,
                    "shift": _shift(change.shift),
                    "met_on": change.met_on,
                    "before": _on_time(change.on_time_before),
                    "after": _on_time(change.on_time_after),
                }
                for change in outcome.changes
            ],
        }
        for outcome in result.comparison.outcomes[:DETAIL_LIMIT]
    ]


def simulation_context(authority, draft, data, *, detail: bool) -> dict:
    """The panel's template context for ``draft`` of ``authority``: case by case when
    ``detail`` (the user may see the authority's cases), else counts with small ones hidden."""
    start, end, problems = simulation_period(data)
    result = simulate(authority, draft, start=start, end=end, references=detail)
    cells = Presenter(suppression_threshold(), publish=not detail)
    comparison = result.comparison
    label = _ClockNames(draft)
    return {
        "start": start,
        "end": end,
        "problems": problems,
        "detail": detail,
        "threshold": cells.threshold,
        "cases": cells.count(comparison.cases),
        "cases_changed": cells.count(comparison.cases_changed),
        "not_compared": cells.count(result.not_compared),
        "clocks": _clock_rows(comparison, cells, label),
        "escalations_refused": cells.count(comparison.escalations_refused),
        "lapses_avoided": cells.count(comparison.lapses_avoided),
        "report": _report_rows(result, cells),
        "case_rows": _case_rows(result, label) if detail else [],
        "more_cases": max(0, comparison.cases_changed - DETAIL_LIMIT) if detail else 0,
    }


def _timely(cells: Presenter, row: dict) -> dict:
    timely = row["on_time"] + row["within_extension"]
    return {"timely": cells.count(timely), "met": cells.count(timely + row["late"]), "rate": cells.percent(timely, timely + row["late"])}


class _Pk:
    """What ``case_url`` reads of a case: its primary key (the case itself is not loaded)."""

    def __init__(self, pk: int):
        self.pk = pk
