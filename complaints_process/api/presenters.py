"""Turn the typed process config (core.config.model) into the API's response schemas.

Pure functions, no database: what a procedure looks like on the wire is decided here only.
"""

from __future__ import annotations

from complaints_process.actions import action_for_event
from complaints_process.core.config import (
    AuthorityConfig,
    ClockConfig,
    EligibilityConfig,
    ProcedureConfig,
    StageConfig,
    TimelineEntry,
)
from complaints_process.core.durations import Duration

from . import schemas


def duration_out(duration: Duration | None) -> schemas.DurationOut | None:
    if duration is None:
        return None
    return schemas.DurationOut(amount=duration.amount, unit=duration.unit, direction=duration.direction)


def procedure_summary(procedure: ProcedureConfig) -> schemas.ProcedureSummary:
    return schemas.ProcedureSummary(slug=procedure.slug, name=procedure.name, kind=procedure.kind)


def authority_summary(config: AuthorityConfig, guidance_url: str | None) -> schemas.AuthoritySummary:
    return schemas.AuthoritySummary(
        slug=config.slug,
        name=config.name,
        procedures=[procedure_summary(p) for p in config.procedures],
        guidance_url=guidance_url,
    )


def authority_detail(config: AuthorityConfig, version: int, guidance_url: str | None) -> schemas.AuthorityDetail:
    contact, advocacy = config.contact, config.advocacy
    return schemas.AuthorityDetail(
        slug=config.slug,
        name=config.name,
        version=version,
        guidance_url=guidance_url,
        calendar=schemas.CalendarOut(
            nation=config.calendar.nation,
            closures=[schemas.ClosureOut(date=c.day, reason=c.reason) for c in config.calendar.closures],
        ),
        contact=None
        if contact is None
        else schemas.ContactOut(email=contact.email, phone=contact.phone, address=contact.address, url=contact.url, notes=contact.notes),
        advocacy=None
        if advocacy is None
        else schemas.AdvocacyOut(name=advocacy.name, url=advocacy.url, phone=advocacy.phone, email=advocacy.email, notes=advocacy.notes),
        procedures=[procedure_summary(p) for p in config.procedures],
    )


def clock_out(clock: ClockConfig) -> schemas.ClockOut:
    extension = clock.extension
    return schemas.ClockOut(
        key=clock.key,
        stage=clock.stage,
        label=clock.label,
        kind=clock.kind,
        from_event=clock.from_event,
        due=clock.due_text,
        duration=duration_out(clock.due),
        extended=clock.extended_text,
        extended_duration=duration_out(clock.extended),
        extension=None
        if extension is None
        else schemas.ExtensionOut(when=extension.when, requires=list(extension.requires), max_times=extension.max_times),
        met_by=clock.met_by,
        reminders=[duration_out(reminder) for reminder in clock.reminders],
    )


def stage_out(stage: StageConfig) -> schemas.StageOut:
    return schemas.StageOut(
        key=stage.key,
        name=stage.name,
        description=stage.description,
        roles=list(stage.roles),
        role_rules=list(stage.role_rules),
        local_resolution_first=stage.local_resolution_first,
        clocks=[clock.key for clock in stage.clocks],
    )


def eligibility_out(eligibility: EligibilityConfig) -> schemas.EligibilityOut:
    return schemas.EligibilityOut(
        time_limit=eligibility.time_limit_text,
        time_limit_duration=duration_out(eligibility.time_limit),
        counted_from=eligibility.counted_from,
        late_complaints=eligibility.late_complaints,
        who_may_complain=list(eligibility.who_may_complain),
        must_tell=list(eligibility.must_tell),
        child_consent=eligibility.child_consent,
        parental_consent_may_be_needed=eligibility.parental_consent_may_be_needed,
        excluded=list(eligibility.excluded),
        commissioned_services=eligibility.commissioned_services,
    )


def procedure_detail(authority_slug: str, version: int, procedure: ProcedureConfig) -> schemas.ProcedureDetail:
    support, ombudsman = procedure.support, procedure.ombudsman
    return schemas.ProcedureDetail(
        authority=authority_slug,
        version=version,
        slug=procedure.slug,
        name=procedure.name,
        kind=procedure.kind,
        summary=procedure.summary,
        channels=list(procedure.channels),
        feedback=schemas.FeedbackOut(compliments=procedure.feedback.compliments, comments=procedure.feedback.comments),
        eligibility=eligibility_out(procedure.eligibility),
        support=schemas.SupportOut(
            advocate=support.advocate, interpreter=support.interpreter, signer=support.signer, bsl_video=support.bsl_video
        ),
        ombudsman=None
        if ombudsman is None
        else schemas.OmbudsmanOut(
            name=ombudsman.name, url=ombudsman.url, at_any_point=ombudsman.at_any_point, after_stage=ombudsman.after_stage
        ),
        events=[
            schemas.EventOut(
                key=e.key,
                label=e.label,
                assumed=e.assumed,
                action=action_for_event(e.key, first_stage=procedure.stages[0].key if procedure.stages else None),
            )
            for e in procedure.events
        ],
        stages=[stage_out(stage) for stage in procedure.stages],
        clocks=[clock_out(clock) for clock in procedure.clocks],
    )


def timeline_entry_out(entry: TimelineEntry) -> schemas.TimelineEntryOut:
    return schemas.TimelineEntryOut(
        key=entry.key, label=entry.label, due=entry.due, rule=entry.rule, from_event=entry.from_event, starts=entry.starts
    )
