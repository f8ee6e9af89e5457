"""The shape of process configuration files, as pydantic v2 models.

These models describe what is *written* in a file (after any ``extends`` has been merged):
every mapping forbids unknown keys and every value is checked strictly (no silent
conversion of ``10`` into ``"10"``).  Rules that need the whole procedure (an event that
must exist, an extension longer than its limit...) live in ``checks.py``; the typed
objects the rest of the product uses live in ``model.py``.

The vocabularies (channels, who may complain...) are closed lists on purpose: each value
means something precise on the guidance page and in the case screens.  Add a value here,
in ``docs/config-reference.md`` and where it is rendered, together.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from complaints_process.core.clocks import parse_receipt
from complaints_process.core.durations import DurationError, parse_duration
from complaints_process.core.retention import parse_retention

# -- vocabularies ----------------------------------------------------------------------

Nation = Literal["england", "wales", "scotland", "northern-ireland"]
ProcedureKind = Literal["statutory", "corporate"]
ClockKind = Literal["response", "window", "notice", "processing"]
Channel = Literal["online", "email", "letter", "writing", "phone", "in_person", "recorded_media"]
WhoMayComplain = Literal["child", "prospective_service_user", "parent_or_carer", "someone_with_interest", "representative"]
MustTell = Literal["service", "details", "desired_outcome", "documents", "contact_details", "child_name", "names_and_dates"]
CountedFrom = Literal["event", "event_or_awareness"]
LateComplaints = Literal["may_refuse", "may_refuse_in_writing", "advice"]
ChildConsent = Literal["ask", "not_asked", "required"]
Excluded = Literal["court_or_tribunal_decisions"]
ExtensionRequirement = Literal["reason", "new_date", "in_writing", "complainant_told", "complainant_consulted", "complainant_agreement"]
ClockStopReason = Literal["child_consent", "statement_of_complaint"]
StaffRecipient = Literal["owner", "complaints_manager"]
RoleRule = Literal["stage2_independent_person_not_on_panel"]
RetentionFrom = Literal["closure"]
DeliveryMethod = Literal["email", "post", "by_hand"]
LawBound = Literal["floor", "ceiling", "none"]
Speaker = Literal["authority", "advice"]

NATIONS: tuple[str, ...] = get_args(Nation)
CLOCK_KINDS: tuple[str, ...] = get_args(ClockKind)

# -- text formats ------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PREFIX_PATTERN = r"^[A-Z]{2,5}$"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
EVENT_PATTERN = r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?$"
TEMPLATE_PATTERN = r"^[a-z0-9_-]+(?:/[a-z0-9_-]+)*$"

#: What each pattern means, for error messages.
PATTERN_HELP = {
    SLUG_PATTERN: "lower-case letters and digits in words joined by single hyphens, e.g. 'council-b'",
    PREFIX_PATTERN: "2 to 5 capital letters, e.g. 'WAL' (case references then read WAL-2026-000123)",
    KEY_PATTERN: "a lower-case letter, then lower-case letters, digits or underscores, e.g. 'panel_meeting'",
    EVENT_PATTERN: "'name' or 'stage.name' in lower case with underscores, e.g. 'received' or 'stage2.requested'",
    TEMPLATE_PATTERN: "a template path under process_configs/ without '.yaml', e.g. 'base/statutory-england-2006'",
}

NOT_STATED = "not stated"
NO_LIMIT_STATED = "no limit stated"
NO_TIME_LIMIT = "none"


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _check_due(text: str) -> str:
    if _normal(text) != NOT_STATED:
        parse_duration(text)  # DurationError is a ValueError: pydantic reports its message
    return text


def _check_extended(text: str) -> str:
    if _normal(text) != NO_LIMIT_STATED:
        duration = parse_duration(text)
        if duration.direction == "before":
            raise DurationError(f"an extension runs forwards from the clock's start, so '{text}' cannot say 'before'")
    return text


def _check_time_limit(text: str) -> str:
    if _normal(text) != NO_TIME_LIMIT:
        duration = parse_duration(text)
        if duration.direction == "before":
            raise DurationError(f"a time limit cannot say 'before': write e.g. '12 months' (got '{text}')")
    return text


def _check_reminder(text: str) -> str:
    parse_duration(text)
    words = _normal(text).split()
    if words[-1] not in ("before", "after"):
        raise DurationError(
            f"a reminder must say whether it comes before or after the due date, e.g. '2 working days before' (got '{text}')"
        )
    return text


DueText = Annotated[
    str,
    AfterValidator(_check_due),
    Field(description="A duration such as 'within 10 working days', 'within 30 days', 'at least 10 days before', or 'not stated'."),
]
ExtendedText = Annotated[
    str,
    AfterValidator(_check_extended),
    Field(description="Total time allowed from the same starting event if extended, e.g. 'up to 20 working days', or 'no limit stated'."),
]
TimeLimitText = Annotated[
    str,
    AfterValidator(_check_time_limit),
    Field(description="A duration such as '12 months', or 'none' for no time limit."),
]
ReminderText = Annotated[str, AfterValidator(_check_reminder)]


def _check_receipt(text: str) -> str:
    parse_receipt(text)  # ReceiptError is a ValueError: pydantic reports its message
    return text


ReceiptText = Annotated[
    str,
    AfterValidator(_check_receipt),
    Field(description="When something sent this way is taken to be received: 'same day', or e.g. '2 working days after'."),
]


def _check_retention(text: str) -> str:
    parse_retention(text)  # RetentionError is a ValueError: pydantic reports its message
    return text


RetentionText = Annotated[
    str,
    AfterValidator(_check_retention),
    Field(description="How long a closed case keeps its personal data, in years or months, e.g. '6 years' (at least 12 months)."),
]


def _check_feedback_retention(text: str) -> str:
    parse_retention(text, minimum_months=1)
    return text


FeedbackRetentionText = Annotated[
    str,
    AfterValidator(_check_feedback_retention),
    Field(description="How long a compliment or comment keeps the sender's details and message, in years or months, e.g. '2 years'."),
]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
#: A theme label: counted in the annual report, so short and with no personal data.
THEME_MAX_LENGTH = 80


def _check_theme(text: str) -> str:
    if not text.strip():
        raise ValueError("a theme needs some text, e.g. 'Communication'")
    if len(text) > THEME_MAX_LENGTH:
        raise ValueError(f"a theme is a short category of at most {THEME_MAX_LENGTH} characters, e.g. 'Communication' (got {len(text)})")
    return text


ThemeText = Annotated[
    str,
    AfterValidator(_check_theme),
    Field(json_schema_extra={"minLength": 1, "maxLength": THEME_MAX_LENGTH}),
]
Key = Annotated[str, Field(pattern=KEY_PATTERN)]
EventKey = Annotated[str, Field(pattern=EVENT_PATTERN)]


class Strict(BaseModel):
    """Base of every mapping in a config file: unknown keys are errors, types are strict."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False)
    #: How error messages name this mapping ("in a clock").
    what: ClassVar[str] = "this mapping"


# -- authority ------------------------------------------------------------------------------


class ClosureModel(Strict):
    what: ClassVar[str] = "a closure"
    # Not strict: a quoted "2026-12-29" (as in canonical JSON) is read as the date it spells.
    date: dt.date = Field(strict=False, description="A day the authority's offices are closed, written YYYY-MM-DD.")
    reason: str = Field("", description="Why, shown to staff and complainants, e.g. 'Council offices closed'.")


class CalendarModel(Strict):
    what: ClassVar[str] = "the calendar"
    nation: Nation = Field(description="Whose bank holidays count: england, wales, scotland or northern-ireland.")
    closures: list[ClosureModel] = Field(default_factory=list, description="The authority's own non-working days.")


class ContactModel(Strict):
    what: ClassVar[str] = "the contact details"
    email: str | None = Field(None, description="Email address of the complaints team.")
    phone: str | None = Field(None, description="Phone number of the complaints team.")
    address: str | None = Field(None, description="Postal address of the complaints team.")
    url: str | None = Field(None, description="Web page of the complaints team.")
    notes: str | None = Field(None, description="Anything else about contacting the team.")


class AdvocacyModel(Strict):
    what: ClassVar[str] = "the advocacy service"
    name: str = Field(description="Name of the advocacy service the authority refers children to.")
    url: str | None = Field(None, description="Its web page.")
    phone: str | None = Field(None, description="Its phone number.")
    email: str | None = Field(None, description="Its email address.")
    notes: str | None = Field(None, description="Anything else about it.")


class AuthorityModel(Strict):
    what: ClassVar[str] = "the authority"
    slug: Slug = Field(description="Short name used in addresses and commands, e.g. 'walsall'.")
    name: str = Field(description="The authority's name as shown to the public.")
    reference_prefix: str = Field(pattern=PREFIX_PATTERN, description="2-5 capital letters starting case references.")
    calendar: CalendarModel = Field(description="Which days are working days.")
    contact: ContactModel | None = Field(None, description="How to reach the complaints team.")
    advocacy: AdvocacyModel | None = Field(None, description="The advocacy service for children.")


# -- procedure ------------------------------------------------------------------------------


class FeedbackModel(Strict):
    what: ClassVar[str] = "feedback"
    compliments: bool = Field(False, description="Compliments are taken as well as complaints.")
    comments: bool = Field(False, description="Comments are taken as well as complaints.")


class EligibilityModel(Strict):
    what: ClassVar[str] = "eligibility"
    time_limit: TimeLimitText | None = None
    counted_from: CountedFrom | None = Field(None, description="What the time limit runs from.")
    late_complaints: LateComplaints | None = Field(None, description="What happens to a complaint outside the time limit.")
    who_may_complain: list[WhoMayComplain] = Field(default_factory=list, description="Who may make a complaint.")
    who_may_complain_text: list[str] = Field(
        default_factory=list,
        description="The authority's own words for who may complain, one phrase each, shown instead of the standard phrases "
        "(the form's choices still come from who_may_complain).",
    )
    must_tell: list[MustTell] = Field(default_factory=list, description="What the complainant is asked to tell.")
    child_consent: ChildConsent | None = Field(None, description="Whether a child is asked to agree to a complaint made for them.")
    parental_consent_may_be_needed: bool = Field(
        False, description="A complaint from someone without parental responsibility may need the parent's consent."
    )
    excluded: list[Excluded] = Field(default_factory=list, description="What the procedure cannot do or consider.")
    commissioned_services: bool | None = Field(
        None, description="Complaints about services the authority commissions from others are covered."
    )


class SupportModel(Strict):
    what: ClassVar[str] = "support"
    advocate: bool = Field(False, description="A child can have an advocate (only where the authority's own page says so).")
    advocate_text: str | None = Field(
        None,
        description="The authority's own sentence about advocacy, shown instead of the standard one, e.g. 'If you are a child "
        "in care you have a right to an advocate to assist you.'",
    )
    interpreter: bool = Field(False, description="An interpreter can be arranged.")
    signer: bool = Field(False, description="A signer can be arranged.")
    bsl_video: bool = Field(False, description="A BSL video interpreter is available.")


class VoiceModel(Strict):
    what: ClassVar[str] = "the voice"
    speaker: Speaker = Field(
        "authority",
        description="authority: the authority's own page ('We will do this within 10 working days'); advice: a page of "
        "general advice about the authority, written in the third person, with no complaint form and no status page.",
    )
    authority_called: str | None = Field(
        None, description="How an advice page names the authority, e.g. \"Children's Services\" (default 'the council')."
    )


class OmbudsmanModel(Strict):
    what: ClassVar[str] = "the ombudsman"
    name: str = Field(description="The ombudsman's name.")
    url: str | None = Field(None, description="The ombudsman's web page.")
    at_any_point: bool = Field(False, description="The complainant may go to the ombudsman at any point.")
    after_stage: Key | None = Field(None, description="The stage after which the complainant can go to the ombudsman.")
    time_limit: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="How long the complainant has to go to the ombudsman, as the law that sets it says, completing "
        "'within ...', e.g. '12 months of the day you first knew about the matter you are complaining about'.",
    )


class EventModel(Strict):
    what: ClassVar[str] = "an event"
    label: str = Field(description="What happened, e.g. 'Stage 1 response sent'.")
    assumed: EventKey | None = Field(None, description="For the timeline: this event is assumed to happen the same day as that event.")


class ExtensionModel(Strict):
    what: ClassVar[str] = "an extension"
    when: str | None = Field(None, description="When the clock may be extended, e.g. 'the complaint is complex'.")
    requires: list[ExtensionRequirement] = Field(default_factory=list, description="What extending requires.")
    max_times: int | None = Field(None, ge=1, description="How many times the clock may be extended.")


class LawModel(Strict):
    what: ClassVar[str] = "a clock's law"
    bound: LawBound = Field(
        description="floor: the complainant's time, which the law gives at least; ceiling: the authority's time, which the law "
        "allows at most; none: the law sets no time."
    )
    due: DueText | None = Field(None, description="The law's time, e.g. 'within 20 working days'.")
    extended: ExtendedText | None = Field(None, description="For a ceiling: the law's cap on an extension, e.g. 'up to 65 working days'.")
    source: str = Field(description="The regulation or guidance that sets it, e.g. 'The Regulations, reg. 17'.")
    # For a floor, the loader writes these from the template itself (its clock's 'from_receipt'
    # and its procedure's 'receipt'), so a resolved config keeps them whatever its own say.
    from_receipt: bool = Field(
        False,
        description="For a floor: the law counts the window from the complainant's receipt (written by the loader from the template).",
    )
    receipt: dict[DeliveryMethod, ReceiptText] = Field(
        default_factory=dict,
        description="For a floor: the template's receipt rules, from which the law's window counts (written by the loader).",
    )


class ClockModel(Strict):
    what: ClassVar[str] = "a clock"
    label: str = Field(description="What is due, e.g. 'Stage 1 response'.")
    kind: ClockKind = Field("response", description="response, window, notice or processing.")
    from_: EventKey = Field(alias="from", description="The event the clock runs from (day 0).")
    due: DueText
    extended: ExtendedText | None = None
    extension: ExtensionModel | None = Field(None, description="Conditions of the extension.")
    met_by: EventKey = Field(description="The event that meets (stops) the clock.")
    from_receipt: bool = Field(
        False,
        description="The clock runs from the day the complainant is taken to have received what was sent on its 'from' event "
        "(see the procedure's 'receipt' rules), not from the day it was sent.",
    )
    law: LawModel | None = Field(None, description="Templates only: the bound the law sets on this clock and in whose favour.")
    reminders: list[ReminderText] = Field(default_factory=list, description="Reminders to the case owner, e.g. '2 working days before'.")
    stops: list[ClockStopReason] = Field(
        default_factory=list,
        description="Reasons this clock may be stopped (paused) on a case: child_consent, statement_of_complaint.",
    )


class StageModel(Strict):
    what: ClassVar[str] = "a stage"
    name: str = Field(description="The stage's name as shown to the public.")
    description: str | None = Field(None, description="A short description of the stage.")
    roles: list[Key] = Field(default_factory=list, description="People to appoint at this stage (repeat a role for two).")
    role_rules: list[RoleRule] = Field(default_factory=list, description="Rules on who may take the roles.")
    local_resolution_first: bool = Field(False, description="Before the stage starts, the authority tries again to resolve the complaint.")
    local_resolution: str | None = Field(
        None,
        description="The authority's own sentence for that attempt, shown instead of the standard one, e.g. 'A member of the "
        "Complaints Team will contact you to see if anything more can be done at stage 1.'",
    )
    clocks: dict[Key, ClockModel] = Field(default_factory=dict, description="The stage's clocks, in order.")


class NotificationsModel(Strict):
    what: ClassVar[str] = "the notifications"
    reminders_to: list[StaffRecipient] = Field(
        default_factory=lambda: ["owner"], description="Who is reminded before a deadline: owner, complaints_manager."
    )
    overdue_alerts_to: list[StaffRecipient] = Field(
        default_factory=lambda: ["owner", "complaints_manager"],
        description="Who is alerted the day after a missed deadline: owner, complaints_manager.",
    )


class RetentionModel(Strict):
    what: ClassVar[str] = "the retention rule"
    closed_cases: RetentionText
    counted_from: RetentionFrom = Field("closure", description="What the retention period runs from: closure (the day the case closed).")
    feedback: FeedbackRetentionText | None = Field(
        None,
        description="How long compliments and comments keep the sender's name, email and message, counted from the day "
        "received; none: kept until deleted by hand.",
    )


class ProcedureModel(Strict):
    what: ClassVar[str] = "a procedure"
    slug: Slug = Field(description="Short name of the procedure, e.g. 'childrens-statutory'.")
    kind: ProcedureKind = Field(description="statutory or corporate.")
    name: str = Field(description="The procedure's name as shown to the public.")
    summary: str | None = Field(None, description="One or two sentences introducing the procedure.")
    feedback: FeedbackModel = Field(default_factory=FeedbackModel, description="Compliments and comments.")
    channels: list[Channel] = Field(default_factory=list, description="How a complaint may be made.")
    eligibility: EligibilityModel = Field(default_factory=EligibilityModel, description="Who and what may be complained about.")
    support: SupportModel = Field(default_factory=SupportModel, description="Help offered to complainants.")
    voice: VoiceModel = Field(default_factory=VoiceModel, description="Whose page this is: the authority's own, or advice about it.")
    service_users: Literal["children", "adults", "all"] = Field(
        "children",
        description="Whom the procedure's services are for: children (and young people), adults, or all; the page's and the "
        "form's wording follow it (a procedure for adults never asks for 'the child or young person').",
    )
    ombudsman: OmbudsmanModel | None = Field(None, description="The ombudsman complainants can go to.")
    notifications: NotificationsModel = Field(default_factory=NotificationsModel, description="Who receives reminders and alerts.")
    themes: list[ThemeText] = Field(
        default_factory=list,
        description="The themes staff choose from when recording what a complaint was about, for the annual report, "
        "e.g. 'Communication'. Empty: staff type themes freely.",
    )
    retention: RetentionModel | None = Field(
        None, description="How long closed cases keep their personal data before they are anonymised; none: kept until deleted by hand."
    )
    receipt: dict[DeliveryMethod, ReceiptText] = Field(
        default_factory=dict,
        description="When a response sent each way (email, post, by_hand) is taken to be received by the complainant, "
        "for clocks marked 'from_receipt'.",
    )
    events: dict[EventKey, EventModel] = Field(description="Every event a clock can run from or end at.")
    clocks: dict[Key, ClockModel] = Field(default_factory=dict, description="Clocks that belong to no stage.")
    stages: dict[Key, StageModel] = Field(description="The stages, in order.")


# -- files ------------------------------------------------------------------------------------


class AuthorityFile(Strict):
    what: ClassVar[str] = "an authority file"
    authority: AuthorityModel = Field(description="Who the authority is.")
    procedures: list[ProcedureModel] = Field(description="The authority's complaints procedures, in order.")
    translations: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="The authority's own text in other languages: for each language (e.g. 'cy'), the English as this "
        "file or its template writes it (a name, a stage's name, a clock's label, the address...) and its translation; "
        "shown on pages in that language (see core/config/translations.py).",
    )


class TemplateInfo(Strict):
    what: ClassVar[str] = "the template"
    slug: Slug = Field(description="The template's short name.")
    name: str = Field(description="The template's name.")
    source: str = Field(description="The law or guidance the template follows.")


class TemplateFile(Strict):
    what: ClassVar[str] = "a template file"
    template: TemplateInfo = Field(description="What the template is.")
    procedure: ProcedureModel = Field(description="The procedure the template defines.")


#: Keys that are not model fields but are allowed in files.
EXTENDS_KEY = "extends"
