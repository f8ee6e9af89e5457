"""The "what to expect" calculator: pick the day a complaint is received, see each step's date.

A plain GET form (the GOV.UK date input: day, month, year), so it works without JavaScript.
The date is read from the request in the parent context.  Its query parameters are
namespaced by the block's id (``received-<id>-day`` ...) so two calculators on one page do
not collide; ``received-<id>=YYYY-MM-DD`` is accepted too.  No date given: today.  A date
that is not a real date shows a GOV.UK error message (the page still answers 200).

Dates come from ``build_timeline`` with the authority's working-day calendar: each later
step is assumed to happen on the last day its own clock allows without an extension.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from complaints_process.core import wording
from complaints_process.core.config.timeline import build_timeline
from complaints_process.core.durations import DurationError

from .base import ConfigBlock

MIN_YEAR, MAX_YEAR = 1900, 2200
PART_NAMES = {"day": gettext_lazy("day"), "month": gettext_lazy("month"), "year": gettext_lazy("year")}


class DateProblem(ValueError):
    def __init__(self, message: str, fields: tuple[str, ...]):
        super().__init__(message)
        self.fields = fields  # which of day/month/year to mark as in error


def block_prefix(parent_context) -> str:
    block_id = str((parent_context or {}).get("block_id") or "")
    return f"received-{block_id[:8]}" if block_id else "received"


def read_date(params, prefix: str, today: date) -> tuple[date, dict[str, str]]:
    """The date asked for, and the values to put back in the form; raises DateProblem."""
    parts = {part: (params.get(f"{prefix}-{part}") or "").strip() for part in ("day", "month", "year")}
    if not any(parts.values()):
        iso = (params.get(prefix) or "").strip()
        if not iso:
            return today, {"day": str(today.day), "month": str(today.month), "year": str(today.year)}
        try:
            day = date.fromisoformat(iso)
        except ValueError:
            raise DateProblem(
                _("Enter the date your complaint was received as a real date, for example 27 3 2027"), ("day", "month", "year")
            )
        parts = {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
    missing = tuple(part for part, text in parts.items() if not text)
    if len(missing) == 3:
        raise DateProblem(_("Enter the date your complaint was received"), missing)
    if missing:
        parts_missing = _(" and ").join(str(PART_NAMES[part]) for part in missing)
        raise DateProblem(_("The date your complaint was received must include a {parts}").format(parts=parts_missing), missing)
    if not all(text.isascii() and text.isdigit() for text in parts.values()):
        raise DateProblem(_("The date your complaint was received must be a real date"), ("day", "month", "year"))
    year = int(parts["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateProblem(_("The year must be between {first} and {last}").format(first=MIN_YEAR, last=MAX_YEAR), ("year",))
    try:
        return date(year, int(parts["month"]), int(parts["day"])), parts
    except ValueError:
        raise DateProblem(_("The date your complaint was received must be a real date"), ("day", "month", "year"))


def timeline_groups(procedure, received: date, calendar) -> list[dict]:
    """The timeline rows grouped as the page explains them: first steps, then each stage."""
    clocks = {clock.key: clock for clock in procedure.clocks}
    groups = [{"heading": _("When you complain"), "key": None, "rows": []}]
    groups += [{"heading": wording.stage_heading(procedure, s), "key": s.key, "rows": []} for s in procedure.stages]
    by_stage = {group["key"]: group for group in groups}
    for entry in build_timeline(procedure, received, calendar):
        clock = clocks[entry.key.removesuffix("_extended") if entry.extended else entry.key]
        if entry.due is not None:
            when = wording.long_date(entry.due)
        elif clock.due is None:
            when = _("No time set")
        elif entry.extended:
            when = _("No date: it may take longer")
        else:
            when = _("Depends on earlier steps")
        by_stage[entry.stage]["rows"].append(
            {
                "label": entry.label,
                "rule": wording.timeline_rule(clock, procedure, extended=entry.extended),
                "when": when,
                "iso": entry.due.isoformat() if entry.due else "",
            }
        )
    return [group for group in groups if group["rows"]]


class WhatToExpectBlock(ConfigBlock):
    heading = blocks.CharBlock(required=False, default="What to expect, with dates")

    class Meta:
        icon = "date"
        label = gettext_lazy("What to expect: dates calculator (from the process config)")
        template = "complaints_process/blocks/what_to_expect.html"

    def render_cache_key(self, value, parent_context):
        request = (parent_context or {}).get("request")
        if request is not None and request.GET:
            return None  # a date was asked about: answer it
        return super().render_cache_key(value, parent_context)

    def config_context(self, value, config, procedure, parent_context):
        prefix = block_prefix(parent_context)
        request = parent_context.get("request")
        params = request.GET if request is not None else {}
        today = timezone.localdate()
        context = {"prefix": prefix, "anchor": f"what-to-expect-{prefix}", "error": None, "error_fields": ()}
        try:
            received, values = read_date(params, prefix, today)
            groups = timeline_groups(procedure, received, config.working_calendar())
        except DateProblem as problem:
            context.update(error=str(problem), error_fields=problem.fields, values=_submitted(params, prefix))
            return context
        except (DurationError, OverflowError):
            context.update(error=_("The date your complaint was received must be a real date"), error_fields=("day", "month", "year"))
            context["values"] = _submitted(params, prefix)
            return context
        context.update(
            values=values,
            received=received,
            received_text=wording.long_date(received),
            groups=groups,
            working_days_note=wording.working_days_note(procedure, closures=bool(config.calendar.closures)),
            receipt_note=wording.receipt_note(procedure),
            receipt_same_day=any(rule.after is None for rule in procedure.receipt),
        )
        return context


def _submitted(params, prefix):
    return {part: params.get(f"{prefix}-{part}", "") for part in ("day", "month", "year")}
