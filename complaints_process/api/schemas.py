"""Response shapes of the complaints API: the published process config as plain data.

Field names follow the YAML config language (docs/config-reference.md) where they exist, so
a client reading the API and an administrator reading the config use the same words.  The
event a clock counts from is called ``from`` on the wire, as in the config and in the
``process_config timeline --json`` output; operations that return it use ``by_alias=True``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator

ISO_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _only_iso_date_text(value):
    """Accept exactly YYYY-MM-DD (pydantic alone would also take "0" or a midnight datetime)."""
    if isinstance(value, str) and not ISO_DATE_TEXT.fullmatch(value):
        raise ValueError("expected a date in the form YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_only_iso_date_text)]


def from_event_field():
    """The ``from`` key (a Python keyword, hence the alias)."""
    return Field(serialization_alias="from", description="Key of the event the clock counts from")


# Errors ---------------------------------------------------------------------------------------
class ErrorItem(Schema):
    loc: list[str | int] = Field(description='Where the problem is, e.g. ["query", "received"] or ["path", "authority"]')
    msg: str
    type: str


class ErrorResponse(Schema):
    detail: list[ErrorItem]


# Authorities ----------------------------------------------------------------------------------
class ProcedureSummary(Schema):
    slug: str
    name: str
    kind: str = Field(description="statutory or corporate")


class AuthoritySummary(Schema):
    slug: str
    name: str
    procedures: list[ProcedureSummary]
    guidance_url: str | None = Field(description="Full URL of the authority's live guidance page, or null")


class ClosureOut(Schema):
    date: dt.date
    reason: str


class CalendarOut(Schema):
    nation: str = Field(description="england, wales, scotland or northern-ireland: whose bank holidays apply")
    closures: list[ClosureOut] = Field(description="The authority's own closure days, which are not working days")


class ContactOut(Schema):
    email: str | None
    phone: str | None
    address: str | None
    url: str | None
    notes: str | None


class AdvocacyOut(Schema):
    name: str
    url: str | None
    phone: str | None
    email: str | None
    notes: str | None


class AuthorityDetail(Schema):
    slug: str
    name: str
    version: int = Field(description="Number of the published process config version these details come from")
    guidance_url: str | None
    calendar: CalendarOut
    contact: ContactOut | None
    advocacy: AdvocacyOut | None
    procedures: list[ProcedureSummary]


# Procedures -----------------------------------------------------------------------------------
class DurationOut(Schema):
    amount: int
    unit: str = Field(description="working_days, days, weeks or months")
    direction: str = Field(description="after the starting event, or before it (notice clocks)")


class ExtensionOut(Schema):
    when: str | None
    requires: list[str]
    max_times: int | None


class ClockOut(Schema):
    key: str = Field(description='Full key: "acknowledgement", "stage1.response"')
    stage: str | None = Field(description="Stage key, or null for a procedure-level clock")
    label: str
    kind: str = Field(description="response, window, notice or processing")
    from_event: str = from_event_field()
    due: str = Field(description='The time limit as written in the guidance, or "not stated"')
    duration: DurationOut | None = Field(description="The time limit as data; null when not stated")
    extended: str | None = Field(description='Extended limit as written, "no limit stated", or null (no extension)')
    extended_duration: DurationOut | None
    extension: ExtensionOut | None
    met_by: str = Field(description="Key of the event that meets the clock")
    reminders: list[DurationOut] = Field(description="Reminders to staff, counted back from the due date")


class EventOut(Schema):
    key: str
    label: str
    assumed: str | None = Field(description="For the timeline: assumed to happen the same day as this event")
    action: str = Field(description="The case action that records this event (the registry of case actions)")


class StageOut(Schema):
    key: str
    name: str
    description: str | None
    roles: list[str]
    role_rules: list[str]
    local_resolution_first: bool
    clocks: list[str] = Field(description="Keys of the stage's clocks (details in the procedure's clocks)")


class EligibilityOut(Schema):
    time_limit: str = Field(description='As written: "12 months", "none" or "not stated"')
    time_limit_duration: DurationOut | None
    counted_from: str | None
    late_complaints: str | None
    who_may_complain: list[str]
    must_tell: list[str]
    child_consent: str | None
    parental_consent_may_be_needed: bool
    excluded: list[str]
    commissioned_services: bool | None


class SupportOut(Schema):
    advocate: bool
    interpreter: bool
    signer: bool
    bsl_video: bool


class OmbudsmanOut(Schema):
    name: str
    url: str | None
    at_any_point: bool
    after_stage: str | None


class FeedbackOut(Schema):
    compliments: bool
    comments: bool


class ProcedureDetail(Schema):
    authority: str = Field(description="Slug of the authority")
    version: int = Field(description="Number of the published process config version")
    slug: str
    name: str
    kind: str
    summary: str | None
    channels: list[str]
    feedback: FeedbackOut
    eligibility: EligibilityOut
    support: SupportOut
    ombudsman: OmbudsmanOut | None
    events: list[EventOut]
    stages: list[StageOut]
    clocks: list[ClockOut] = Field(description="Every clock in procedure order: procedure-level clocks first")


# A procedure's complaint form --------------------------------------------------------------------
class ChoiceOut(Schema):
    value: str
    label: str


class RequiredWhenOut(Schema):
    field: str = Field(description="The other answer this one depends on")
    values: list[str] = Field(description="Required when that answer is one of these (for a list: contains one)")


class FormFieldOut(Schema):
    name: str = Field(description="The field's name in a filing body")
    label: str
    type: str = Field(description="The form field's class, e.g. CharField, ChoiceField, DateField")
    required: bool = Field(description="Always required in a complaint")
    required_for: list[str] = Field(description="The kinds of submission (complaint, compliment, comment) that always require it")
    required_when: RequiredWhenOut | None = Field(description="Required in a complaint only when another answer has one of some values")
    help_text: str
    choices: list[ChoiceOut] | None


class ProcedureFormOut(Schema):
    authority: str
    procedure: str
    kinds: list[str] = Field(description="What may be sent: complaint, and compliment or comment where the procedure takes them")
    late_rule: str | None = Field(
        description="The time limit as the page states it: a complaint about something older is refused (422, "
        'loc ["body", "late_explanation"]) until it has a late_explanation or late_rule_shown: true'
    )
    fields: list[FormFieldOut] = Field(description="In the order the guidance page shows them")
    body_schema: dict = Field(description="JSON Schema (2020-12) of a filing body for this procedure (POST complaints/)")


# Timeline -------------------------------------------------------------------------------------
class TimelineEntryOut(Schema):
    """One row of ``process_config timeline --json``, field for field."""

    key: str = Field(description='Clock key; "<key>_extended" for an extended limit')
    label: str
    due: dt.date | None = Field(description="Latest date, or null when the limit is not stated")
    rule: str = Field(description='The limit as written, "not stated" or "no limit stated"')
    from_event: str = from_event_field()
    starts: dt.date | None = Field(description="Assumed date of the starting event, or null")
