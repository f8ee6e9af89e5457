"""The resolved configuration: what the rest of the product reads.

A loaded config has no ``extends`` left, its durations are parsed, and its clocks are
listed once in procedure order with full keys ("acknowledgement", "stage1.response").
Objects are frozen and compare by value, so ``load(dump(config)) == config``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from complaints_process.core.calendar import Closure, WorkingDayCalendar
from complaints_process.core.clocks import ReceiptRule
from complaints_process.core.durations import Duration
from complaints_process.core.i18n import _
from complaints_process.core.retention import RetentionPeriod


def _find(items, key: str, what: str):
    for item in items:
        if item.key == key:
            return item
    known = ", ".join(item.key for item in items) or "none"
    raise KeyError(f"no {what} '{key}' (known: {known})")


@dataclass(frozen=True)
class ExtensionConfig:
    when: str | None = None
    requires: tuple[str, ...] = ()
    max_times: int | None = None


@dataclass(frozen=True)
class LawConfig:
    """The bound the law sets on a clock (templates only; see ``lawcheck``)."""

    bound: str  # floor (the complainant's time) | ceiling (the authority's time) | none
    source: str
    due: Duration | None = None
    due_text: str = "not stated"
    extended: Duration | None = None
    extended_text: str | None = None
    # For a floor: whether the law's window counts from the complainant's receipt, and the
    # template's rules for that day, whatever the authority's own 'from_receipt' and 'receipt'.
    from_receipt: bool = False
    receipt: tuple[ReceiptRule, ...] = ()


@dataclass(frozen=True)
class ClockConfig:
    """One clock: from an event, due after a duration, met by another event."""

    key: str  # full key: "acknowledgement", "stage1.response"
    name: str  # key within its stage: "response"
    stage: str | None  # stage key, or None for a procedure-level clock
    label: str
    kind: str  # response | window | notice | processing
    from_event: str
    due: Duration | None  # None when the source does not state a limit
    due_text: str  # as written: "within 10 working days" or "not stated"
    met_by: str
    extended: Duration | None = None  # total from the same event, if extended
    extended_text: str | None = None  # as written, "no limit stated", or None (no extension)
    extension_unbounded: bool = False  # True for "no limit stated"
    extension: ExtensionConfig | None = None
    reminders: tuple[Duration, ...] = ()
    stops: tuple[str, ...] = ()  # reasons the clock may be stopped (paused) on a case
    from_receipt: bool = False  # runs from the complainant's deemed receipt of its event's letter
    law: LawConfig | None = None  # the law's bound, from the template
    # Where the config writes each field ("due", "extended"), as "path:line"; not part of the value.
    marks: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def mark(self, name: str) -> str | None:
        return dict(self.marks).get(name)

    @property
    def has_extension(self) -> bool:
        return self.extended is not None or self.extension_unbounded

    @property
    def extended_key(self) -> str:
        """Key of the timeline row (and case deadline) for the extended limit."""
        return f"{self.key}_extended"

    @property
    def extended_label(self) -> str:
        return _("{label} (if extended)").format(label=self.label)

    @property
    def counts_backwards(self) -> bool:
        """A notice clock: due a duration *before* its event."""
        return self.due is not None and self.due.direction == "before"


@dataclass(frozen=True)
class EventConfig:
    key: str  # "received", "stage2.requested"
    label: str
    assumed: str | None = None  # for the timeline: same day as this event

    @property
    def stage(self) -> str | None:
        return self.key.split(".", 1)[0] if "." in self.key else None


@dataclass(frozen=True)
class StageConfig:
    key: str
    name: str
    description: str | None = None
    roles: tuple[str, ...] = ()
    role_rules: tuple[str, ...] = ()
    local_resolution_first: bool = False
    local_resolution: str | None = None  # the authority's own sentence for it
    clocks: tuple[ClockConfig, ...] = ()

    def clock(self, name: str) -> ClockConfig:
        """A clock of this stage by its short name ("response") or full key."""
        for clock in self.clocks:
            if name in (clock.name, clock.key):
                return clock
        raise KeyError(f"stage '{self.key}' has no clock '{name}'")


@dataclass(frozen=True)
class EligibilityConfig:
    time_limit: Duration | None = None  # None: no limit, or not stated (see time_limit_text)
    time_limit_text: str = "not stated"  # "12 months", "none" or "not stated"
    counted_from: str | None = None
    late_complaints: str | None = None
    who_may_complain: tuple[str, ...] = ()
    who_may_complain_text: tuple[str, ...] = ()  # the authority's own phrases, shown instead of the standard ones
    must_tell: tuple[str, ...] = ()
    child_consent: str | None = None
    parental_consent_may_be_needed: bool = False
    excluded: tuple[str, ...] = ()
    commissioned_services: bool | None = None


@dataclass(frozen=True)
class FeedbackConfig:
    compliments: bool = False
    comments: bool = False


@dataclass(frozen=True)
class SupportConfig:
    advocate: bool = False
    interpreter: bool = False
    signer: bool = False
    bsl_video: bool = False
    advocate_text: str | None = None  # the authority's own sentence about advocacy


@dataclass(frozen=True)
class VoiceConfig:
    """Whose page the procedure is written for: the authority's own ("We will ..."), or a page of
    general advice about it (``advice``: third person, no complaint form, no status page)."""

    speaker: str = "authority"  # authority | advice
    authority_called: str | None = None  # how an advice page names the authority

    @property
    def advice(self) -> bool:
        return self.speaker == "advice"


@dataclass(frozen=True)
class OmbudsmanConfig:
    name: str
    url: str | None = None
    at_any_point: bool = False
    after_stage: str | None = None
    #: completes "within ...": how long the complainant has to go to the ombudsman (the law's words)
    time_limit: str | None = None


@dataclass(frozen=True)
class NotificationsConfig:
    """Who among the staff hears of a case's deadlines (the sweep's reminders and alerts)."""

    reminders_to: tuple[str, ...] = ("owner",)
    overdue_alerts_to: tuple[str, ...] = ("owner", "complaints_manager")


@dataclass(frozen=True)
class RetentionConfig:
    """How long a closed case keeps its personal data (``work.retention`` anonymises it then)."""

    closed_cases: RetentionPeriod
    counted_from: str = "closure"
    feedback: RetentionPeriod | None = None  # compliments and comments, from the day received


@dataclass(frozen=True)
class ProcedureConfig:
    slug: str
    kind: str  # statutory | corporate
    name: str
    events: tuple[EventConfig, ...]
    stages: tuple[StageConfig, ...]
    procedure_clocks: tuple[ClockConfig, ...] = ()  # clocks that belong to no stage
    summary: str | None = None
    feedback: FeedbackConfig = field(default_factory=FeedbackConfig)
    channels: tuple[str, ...] = ()
    eligibility: EligibilityConfig = field(default_factory=EligibilityConfig)
    support: SupportConfig = field(default_factory=SupportConfig)
    ombudsman: OmbudsmanConfig | None = None
    notifications: NotificationsConfig = field(default_factory=NotificationsConfig)
    themes: tuple[str, ...] = ()  # the themes staff choose from; empty: free text
    retention: RetentionConfig | None = None  # None: closed cases are never anonymised automatically
    receipt: tuple[ReceiptRule, ...] = ()  # when a response sent each way is taken to be received
    voice: VoiceConfig = field(default_factory=VoiceConfig)  # the authority's own page, or advice about it
    service_users: str = "children"  # whom its services are for: children, adults or all
    # Where the config writes "receipt" and each of its rules, as "path:line"; not part of the value.
    receipt_marks: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def receipt_mark(self, method: str) -> str | None:
        """Where the config writes the rule for ``method``, else its ``receipt`` mapping."""
        marks = dict(self.receipt_marks)
        return marks.get(method) or marks.get("receipt")

    @property
    def clocks(self) -> tuple[ClockConfig, ...]:
        """Every clock in procedure order: procedure-level clocks, then each stage's."""
        return self.procedure_clocks + tuple(clock for stage in self.stages for clock in stage.clocks)

    def clock(self, key: str) -> ClockConfig:
        return _find(self.clocks, key, "clock")

    def stage(self, key: str) -> StageConfig:
        return _find(self.stages, key, "stage")

    def event(self, key: str) -> EventConfig:
        return _find(self.events, key, "event")

    @property
    def stage_keys(self) -> tuple[str, ...]:
        return tuple(stage.key for stage in self.stages)


@dataclass(frozen=True)
class ContactConfig:
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    url: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class AdvocacyConfig:
    name: str
    url: str | None = None
    phone: str | None = None
    email: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class CalendarConfig:
    nation: str  # england | wales | scotland | northern-ireland
    closures: tuple[Closure, ...] = ()

    @property
    def closure_days(self) -> tuple[date, ...]:
        return tuple(closure.day for closure in self.closures)


@dataclass(frozen=True)
class AuthorityConfig:
    slug: str
    name: str
    reference_prefix: str
    calendar: CalendarConfig
    procedures: tuple[ProcedureConfig, ...]
    contact: ContactConfig | None = None
    advocacy: AdvocacyConfig | None = None

    def procedure(self, slug: str) -> ProcedureConfig:
        for procedure in self.procedures:
            if procedure.slug == slug:
                return procedure
        known = ", ".join(p.slug for p in self.procedures)
        raise KeyError(f"{self.slug} has no procedure '{slug}' (known: {known})")

    def working_calendar(self) -> WorkingDayCalendar:
        """The authority's working days: its nation's bank holidays plus its closures."""
        return WorkingDayCalendar(self.calendar.nation, self.calendar.closures)


@dataclass(frozen=True)
class TemplateConfig:
    """A template file: a named procedure that authorities extend."""

    slug: str
    name: str
    source: str
    procedure: ProcedureConfig
