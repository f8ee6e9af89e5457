"""The typed config (``model.py``) built from validated schema models: durations parsed, marks
of the values written kept for the messages that quote them."""

from __future__ import annotations

from complaints_process.core.calendar import Closure
from complaints_process.core.clocks import ReceiptRule, parse_receipt
from complaints_process.core.durations import Duration, parse_duration
from complaints_process.core.retention import parse_retention

from . import schema
from .model import (
    AdvocacyConfig,
    AuthorityConfig,
    CalendarConfig,
    ClockConfig,
    ContactConfig,
    EligibilityConfig,
    EventConfig,
    ExtensionConfig,
    FeedbackConfig,
    LawConfig,
    NotificationsConfig,
    OmbudsmanConfig,
    ProcedureConfig,
    RetentionConfig,
    StageConfig,
    SupportConfig,
    VoiceConfig,
)
from .translate import at
from .yamlio import Node


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def parse_due(text: str) -> Duration | None:
    return None if _normal(text) == schema.NOT_STATED else parse_duration(text)


def parse_extended(text: str) -> Duration | None:
    return None if _normal(text) == schema.NO_LIMIT_STATED else parse_duration(text)


def build_clock(stage: str | None, name: str, clock: schema.ClockModel, marks=None) -> ClockConfig:
    due = parse_due(clock.due)
    extended = extended_text = None
    unbounded = False
    if clock.extended is not None:
        extended = parse_extended(clock.extended)
        unbounded = extended is None
        extended_text = schema.NO_LIMIT_STATED if unbounded else clock.extended
    extension = None
    if clock.extension is not None:
        extension = ExtensionConfig(clock.extension.when, tuple(clock.extension.requires), clock.extension.max_times)
    return ClockConfig(
        key=f"{stage}.{name}" if stage else name,
        name=name,
        stage=stage,
        label=clock.label,
        kind=clock.kind,
        from_event=clock.from_,
        due=due,
        due_text=schema.NOT_STATED if due is None else clock.due,
        met_by=clock.met_by,
        extended=extended,
        extended_text=extended_text,
        extension_unbounded=unbounded,
        extension=extension,
        reminders=tuple(parse_duration(text) for text in clock.reminders),
        stops=tuple(clock.stops),
        from_receipt=clock.from_receipt,
        law=build_law(clock.law),
        marks=tuple(marks or ()),
    )


def build_law(law: schema.LawModel | None) -> LawConfig | None:
    if law is None:
        return None
    due = parse_due(law.due) if law.due is not None else None
    extended = parse_extended(law.extended) if law.extended is not None else None
    return LawConfig(
        bound=law.bound,
        source=law.source,
        due=due,
        due_text=law.due if due is not None else schema.NOT_STATED,
        extended=extended,
        extended_text=law.extended if extended is not None else None,
        from_receipt=law.from_receipt,
        receipt=receipt_rules(law.receipt),
    )


def receipt_rules(receipt: dict[str, str]) -> tuple[ReceiptRule, ...]:
    return tuple(ReceiptRule(method, parse_receipt(text), text) for method, text in receipt.items())


def receipt_marks(node: Node | None) -> list[tuple[str, str]]:
    """ "path:line" of the procedure's ``receipt`` and of each of its rules, where written."""
    receipt = node.get("receipt") if node is not None else None
    if receipt is None:
        return []
    found = [("receipt", f"{receipt.where().path}:{receipt.where().line}")]
    if receipt.is_mapping:
        found += [(method, f"{rule.mark.path}:{rule.mark.line}") for method, rule in receipt.value.items()]
    return found


def clock_marks(node: Node | None, *loc: str) -> list[tuple[str, str]]:
    """ "path:line" of the clock's due, extended and from_receipt values, where they were written."""
    if node is None:
        return []
    clock = at(node, *loc)
    found = []
    for name in ("due", "extended", "from_receipt"):
        value = clock.get(name)
        if value is not None:
            found.append((name, f"{value.mark.path}:{value.mark.line}"))
    return found


def build_eligibility(e: schema.EligibilityModel) -> EligibilityConfig:
    if e.time_limit is None:
        time_limit, time_limit_text = None, schema.NOT_STATED
    elif _normal(e.time_limit) == schema.NO_TIME_LIMIT:
        time_limit, time_limit_text = None, schema.NO_TIME_LIMIT
    else:
        time_limit, time_limit_text = parse_duration(e.time_limit), e.time_limit
    return EligibilityConfig(
        time_limit=time_limit,
        time_limit_text=time_limit_text,
        counted_from=e.counted_from,
        late_complaints=e.late_complaints,
        who_may_complain=tuple(e.who_may_complain),
        who_may_complain_text=tuple(e.who_may_complain_text),
        must_tell=tuple(e.must_tell),
        child_consent=e.child_consent,
        parental_consent_may_be_needed=e.parental_consent_may_be_needed,
        excluded=tuple(e.excluded),
        commissioned_services=e.commissioned_services,
    )


def build_retention(r: schema.RetentionModel | None) -> RetentionConfig | None:
    if r is None:
        return None
    feedback = None if r.feedback is None else parse_retention(r.feedback, minimum_months=1)
    return RetentionConfig(parse_retention(r.closed_cases), r.counted_from, feedback)


def build_ombudsman(o: schema.OmbudsmanModel | None) -> OmbudsmanConfig | None:
    return None if o is None else OmbudsmanConfig(o.name, o.url, o.at_any_point, o.after_stage, o.time_limit)


def build_stage(key: str, stage: schema.StageModel, node: Node | None) -> StageConfig:
    return StageConfig(
        key=key,
        name=stage.name,
        description=stage.description,
        roles=tuple(stage.roles),
        role_rules=tuple(stage.role_rules),
        local_resolution_first=stage.local_resolution_first,
        local_resolution=stage.local_resolution,
        clocks=tuple(
            build_clock(key, name, clock, clock_marks(node, "stages", key, "clocks", name)) for name, clock in stage.clocks.items()
        ),
    )


def build_procedure(p: schema.ProcedureModel, node: Node | None = None) -> ProcedureConfig:
    """The typed procedure; ``node`` (the merged YAML) gives the marks of the values written."""
    return ProcedureConfig(
        notifications=NotificationsConfig(tuple(p.notifications.reminders_to), tuple(p.notifications.overdue_alerts_to)),
        themes=tuple(" ".join(theme.split()) for theme in p.themes),
        retention=build_retention(p.retention),
        receipt=receipt_rules(p.receipt),
        receipt_marks=tuple(receipt_marks(node)),
        voice=VoiceConfig(p.voice.speaker, p.voice.authority_called),
        service_users=p.service_users,
        slug=p.slug,
        kind=p.kind,
        name=p.name,
        summary=p.summary,
        feedback=FeedbackConfig(p.feedback.compliments, p.feedback.comments),
        channels=tuple(p.channels),
        eligibility=build_eligibility(p.eligibility),
        support=SupportConfig(p.support.advocate, p.support.interpreter, p.support.signer, p.support.bsl_video, p.support.advocate_text),
        ombudsman=build_ombudsman(p.ombudsman),
        events=tuple(EventConfig(key, event.label, event.assumed) for key, event in p.events.items()),
        procedure_clocks=tuple(build_clock(None, name, clock, clock_marks(node, "clocks", name)) for name, clock in p.clocks.items()),
        stages=tuple(build_stage(key, stage, node) for key, stage in p.stages.items()),
    )


def build_authority(a: schema.AuthorityModel, procedures: list[schema.ProcedureModel], nodes=None) -> AuthorityConfig:
    contact = None if a.contact is None else ContactConfig(**a.contact.model_dump())
    advocacy = None if a.advocacy is None else AdvocacyConfig(**a.advocacy.model_dump())
    return AuthorityConfig(
        slug=a.slug,
        name=a.name,
        reference_prefix=a.reference_prefix,
        calendar=CalendarConfig(
            nation=a.calendar.nation,
            closures=tuple(Closure(c.date, c.reason) for c in a.calendar.closures),
        ),
        contact=contact,
        advocacy=advocacy,
        procedures=tuple(build_procedure(p, node) for p, node in zip(procedures, nodes or [None] * len(procedures), strict=True)),
    )
