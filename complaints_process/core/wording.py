"""Plain-English sentences for the guidance page, written from the typed process config.

Pure Python, no Django.  One function per thing the page explains; the blocks and the
procedure diagram call these, so every surface words a clock the same way.

Rules kept here:

* Every number comes from the config.  The vocabularies below are words (how to name an
  event, a kind of complainant, a condition of an extension), never timescales.
* Units are rendered as written: a clock of "30 days" says "30 days", a clock of
  "10 working days" says "10 working days" (``Duration.in_words``); nothing converts them.
* A clock whose time is "not stated" makes no promise: its sentence is ``None``.
* An extension with "no limit stated" says "it may take longer", with no number.
* Every sentence goes through ``_`` (``core/i18n.py``), word lists declared here are marked
  with ``gettext_noop`` and translated where they are used: the page's language chooses the words, the
  config the numbers and dates, so an English and a Welsh page give the same dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .config.model import (
    AdvocacyConfig,
    ClockConfig,
    ContactConfig,
    EligibilityConfig,
    OmbudsmanConfig,
    ProcedureConfig,
    StageConfig,
    SupportConfig,
)
from .durations import Duration
from .i18n import _, gettext_noop, ngettext


@dataclass(frozen=True)
class Voice:
    """Who speaks: the authority on its own page ("We will do this ..."), or an advice page about
    it, in the third person ("Children's Services should do this ..."; ``voice: {speaker: advice}``)."""

    advice: bool = False
    authority: str = "the council"
    #: Whom the procedure's services are for (its config's ``service_users``): children, adults
    #: or all.  The sentences about the person a complaint concerns follow it.
    served: str = "children"

    @property
    def subject(self) -> str:
        """ "We", or the authority's name at the start of a sentence."""
        return self.authority[:1].upper() + self.authority[1:] if self.advice else _("We")

    @property
    def we(self) -> str:
        return _("they") if self.advice else _("we")

    @property
    def us(self) -> str:
        return _("them") if self.advice else _("us")

    @property
    def our(self) -> str:
        return _("the") if self.advice else _("our")

    @property
    def will(self) -> str:
        """What the authority promises on its own page, and what advice says it should do."""
        return _("should") if self.advice else _("will")


WE = Voice()


def voice_of(procedure: ProcedureConfig | None) -> Voice:
    """The procedure's voice (its config's ``voice``); the authority's own page by default."""
    voice = getattr(procedure, "voice", None)
    served = getattr(procedure, "service_users", "children")
    if voice is None or not voice.advice:
        return WE if served == "children" else Voice(served=served)
    return Voice(advice=True, authority=voice.authority_called or _("the council"), served=served)


#: The service a procedure covers, by whom it serves, for the site's header (a procedure for
#: everyone is named by its own name, e.g. "Social work complaints").
SERVICE_NAMES = {"children": gettext_noop("Children's social care complaints"), "adults": gettext_noop("Adult social care complaints")}


def service_name(procedure: ProcedureConfig | None) -> str:
    served = getattr(procedure, "service_users", "children")
    if served in SERVICE_NAMES or procedure is None:
        return _(SERVICE_NAMES.get(served, SERVICE_NAMES["children"]))
    return procedure.name


# How each canonical event is named after "within 10 working days of ..." or "before ...".
# Events an authority adds fall back to their label in quotes.
EVENT_NOUNS = {
    "received": gettext_noop("receiving your complaint"),
    "acknowledged": gettext_noop("acknowledging your complaint"),
    "stage1.responded": gettext_noop("the stage 1 response"),
    "stage2.requested": gettext_noop("your request for stage 2"),
    "stage2.statement_agreed": gettext_noop("agreeing the statement of your complaint"),
    "stage2.acknowledged": gettext_noop("acknowledging your stage 2 request"),
    "stage2.responded": gettext_noop("the stage 2 response"),
    "stage3.requested": gettext_noop("your request for a review panel"),
    "stage3.panel_met": gettext_noop("the panel meeting"),
    "stage3.notice_sent": gettext_noop("the notice of the panel meeting"),
    "stage3.panel_reported": gettext_noop("the panel's recommendations"),
    "stage3.authority_responded": gettext_noop("our response to the panel"),
}
#: The same in an advice page's voice (third person): only the nouns that say "our".
ADVICE_EVENT_NOUNS = {"stage3.authority_responded": gettext_noop("the response to the panel")}

# The start of a clock's sentence, by kind (see docs/config-reference.md, "Clock").
KIND_OPENINGS = {
    "response": gettext_noop("We will do this"),
    "processing": gettext_noop("We aim to do this"),
    "window": gettext_noop("You can ask for this"),
}
#: An advice page's openings: "{authority} should do this".
ADVICE_OPENINGS = {
    "response": gettext_noop("{subject} should do this"),
    "processing": gettext_noop("{subject} should aim to do this"),
    "window": gettext_noop("You can ask for this"),
}

WHO_MAY_COMPLAIN = {
    "child": gettext_noop("a child or young person who receives children's social care services"),
    "prospective_service_user": gettext_noop("someone who could become a user of those services"),
    "parent_or_carer": gettext_noop("a parent or carer of the child or young person, or someone with parental responsibility"),
    "someone_with_interest": gettext_noop("anyone {we} consider has a sufficient interest in the child's welfare"),
    "representative": gettext_noop("someone acting for the child or young person, including when they cannot make decisions themselves"),
}

COUNTED_FROM = {
    "event": gettext_noop("of the events you are complaining about"),
    "event_or_awareness": gettext_noop("of the events you are complaining about, or of realising that there was a problem"),
}

LATE_COMPLAINTS = {
    "may_refuse": gettext_noop("If you complain later than this, {we} may not accept your complaint."),
    "may_refuse_in_writing": gettext_noop(
        "If you complain later than this, {we} may not accept your complaint. If {we} do not, {we} {will} write and tell you why."
    ),
    "advice": gettext_noop("If your complaint is outside this time limit, you can contact the complaints team for advice."),
}

CHILD_CONSENT = {
    "ask": gettext_noop("If you are complaining for a child or young person, {we} {will} check that they are happy for you to do so."),
    "required": gettext_noop("If you are complaining for a child or young person, {we} will need their agreement."),
}

# The same, for a procedure whose services are for adults, or for everyone (``service_users``):
# the person a complaint concerns is not "the child or young person".
WHO_MAY_COMPLAIN_BY_SERVED = {
    "children": WHO_MAY_COMPLAIN,
    "adults": {
        "child": gettext_noop("someone who receives adult social care services (care and support)"),
        "prospective_service_user": gettext_noop("someone who could become a user of those services"),
        "parent_or_carer": gettext_noop("a relative or carer of the person who receives the services"),
        "someone_with_interest": gettext_noop("anyone affected, or likely to be affected, by what {we} did or decided"),
        "representative": gettext_noop(
            "someone acting for the person who receives the services, including when they cannot make decisions themselves"
        ),
    },
    "all": {
        "child": gettext_noop("someone who receives the services"),
        "prospective_service_user": gettext_noop("someone who could become a user of those services"),
        "parent_or_carer": gettext_noop("a parent, relative or carer of the person who receives the services"),
        "someone_with_interest": gettext_noop("anyone {we} consider has a sufficient interest in that person's welfare"),
        "representative": gettext_noop(
            "someone acting for the person who receives the services, including when they cannot make decisions themselves"
        ),
    },
}
CONSENT_FOR_SOMEONE_ELSE = {
    "ask": gettext_noop("If you are complaining for someone else, {we} {will} check that they are happy for you to do so."),
    "required": gettext_noop("If you are complaining for someone else, {we} will need their agreement."),
}


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _say(text: str, voice: Voice) -> str:
    """A sentence with its {we}, {will}, {our}, {us} and {subject} in the voice's words."""
    return _(text).format(we=voice.we, will=voice.will, our=voice.our, us=voice.us, subject=voice.subject)


# A clock that runs from the complainant's receipt of what its event sent (``from_receipt``):
# "within 20 working days of receiving our stage 1 response".
RECEIPT_NOUNS = {
    "stage1.responded": gettext_noop("receiving {our} stage 1 response"),
    "stage2.responded": gettext_noop("receiving {our} stage 2 response"),
    "stage3.panel_reported": gettext_noop("receiving the panel's recommendations"),
    "stage3.authority_responded": gettext_noop("receiving {our} response to the panel"),
}


def clock_start_noun(clock: ClockConfig, procedure: ProcedureConfig | None = None) -> str:
    """What the clock counts from: its event, or the complainant receiving what it sent."""
    if clock.from_receipt:
        if clock.from_event in RECEIPT_NOUNS:
            return _say(RECEIPT_NOUNS[clock.from_event], voice_of(procedure))
        return _("receiving {event}").format(event=event_noun(procedure, clock.from_event))
    return event_noun(procedure, clock.from_event)


def event_noun(procedure: ProcedureConfig | None, event_key: str) -> str:
    """The event as a noun phrase: "receiving your complaint", "the panel meeting"."""
    if voice_of(procedure).advice and event_key in ADVICE_EVENT_NOUNS:
        return _(ADVICE_EVENT_NOUNS[event_key])
    if event_key in EVENT_NOUNS:
        return _(EVENT_NOUNS[event_key])
    label = event_key
    if procedure is not None:
        try:
            label = procedure.event(event_key).label
        except KeyError:
            pass
    return _("“{label}”").format(label=label)


def in_words(duration: Duration) -> str:
    """The duration as written in the config's unit, in the reader's words: "10 working days",
    "30 days", "12 months" (Welsh "10 diwrnod gwaith")."""
    n = duration.amount
    unit = duration.unit
    if unit == "working_days":
        return ngettext("{n} working day", "{n} working days", n).format(n=n)
    if unit == "days":
        return ngettext("{n} day", "{n} days", n).format(n=n)
    if unit == "weeks":
        return ngettext("{n} week", "{n} weeks", n).format(n=n)
    if unit == "months":
        return ngettext("{n} month", "{n} months", n).format(n=n)
    return duration.in_words()


def clock_promise(clock: ClockConfig, procedure: ProcedureConfig | None = None) -> str | None:
    """The clock's own sentence, by kind; None when its time is "not stated".

    response:   "We will do this within 10 working days of receiving your complaint."
    processing: "We aim to do this within 4 working days of receiving your complaint."
    window:     "You can ask for this within 20 working days of receiving our stage 1 response."
    notice:     "We will tell you at least 10 days before the panel meeting."
    """
    if clock.due is None:
        return None
    voice = voice_of(procedure)
    amount = in_words(clock.due)
    if clock.kind == "notice" or clock.counts_backwards:
        return _("{subject} {will} tell you at least {amount} before {event}.").format(
            subject=voice.subject, will=voice.will, amount=amount, event=event_noun(procedure, clock.from_event)
        )
    openings = ADVICE_OPENINGS if voice.advice else KIND_OPENINGS
    opening = _say(openings.get(clock.kind, openings["response"]), voice)
    return _("{opening} within {amount} of {start}.").format(opening=opening, amount=amount, start=clock_start_noun(clock, procedure))


def extension_clause(clock: ClockConfig, voice: Voice = WE) -> str | None:
    """When the clock may run longer: "If the issue is complex, it may take up to 20 working days."

    The extended limit is the total from the same event.  "no limit stated" gives "it may take
    longer" and no number.  None when the clock cannot be extended or has no time itself.
    """
    if clock.due is None or not clock.has_extension:
        return None
    when = clock.extension.when if clock.extension and clock.extension.when else None
    condition = _("If {when}").format(when=when) if when else _("If {we} need more time").format(we=voice.we)
    if clock.extended is not None:
        return _("{condition}, it may take up to {amount} in all.").format(condition=condition, amount=in_words(clock.extended))
    return _("{condition}, it may take longer.").format(condition=condition)


def extension_conditions(clock: ClockConfig, voice: Voice = WE) -> str | None:
    """What the complainant is told or asked when the clock is extended, or None."""
    if clock.due is None or not clock.has_extension or clock.extension is None:
        return None
    requires = set(clock.extension.requires)
    sentences = []
    # The pronoun is lower case and the sentence capitalised after it is made: a translation may
    # not start with it ("Byddwn ni yn ...").
    if "complainant_agreement" in requires:
        sentences.append(_capfirst(_("{they} {will} only do this if you agree.").format(they=voice.we, will=voice.will)))
    elif "complainant_consulted" in requires:
        sentences.append(_capfirst(_("{they} {will} talk to you about it first.").format(they=voice.we, will=voice.will)))
    what = _(" and ").join(
        _(phrase) for key, phrase in (("reason", gettext_noop("why")), ("new_date", gettext_noop("when to expect it"))) if key in requires
    )
    if what:
        verb = _("write to tell you") if "in_writing" in requires else _("tell you")
        sentences.append(_("If this happens, {we} {will} {verb} {what}.").format(we=voice.we, will=voice.will, verb=verb, what=what))
    elif requires & {"in_writing", "complainant_told"}:
        if "in_writing" in requires:
            sentences.append(_("If this happens, {we} {will} let you know in writing.").format(we=voice.we, will=voice.will))
        else:
            sentences.append(_("If this happens, {we} {will} let you know.").format(we=voice.we, will=voice.will))
    return " ".join(sentences) or None


def clock_sentence(clock: ClockConfig, procedure: ProcedureConfig | None = None) -> str | None:
    """Everything the page says about one clock: promise, extension and its conditions."""
    promise = clock_promise(clock, procedure)
    if promise is None:
        return None
    voice = voice_of(procedure)
    parts = [promise, extension_clause(clock, voice), extension_conditions(clock, voice)]
    return " ".join(part for part in parts if part)


def timeline_rule(clock: ClockConfig, procedure: ProcedureConfig | None = None, extended: bool = False) -> str:
    """The rule of a "what to expect" row, in the same words as the page's sentences.

    "within 10 working days of receiving your complaint", "up to 20 days in all",
    "at least 10 days before the panel meeting", "No time set", "No limit stated".
    """
    if clock.due is None:
        return _("No time set")
    if extended:
        return _("up to {amount} in all").format(amount=in_words(clock.extended)) if clock.extended is not None else _("No limit stated")
    if clock.kind == "notice" or clock.counts_backwards:
        return _("at least {amount} before {event}").format(amount=in_words(clock.due), event=event_noun(procedure, clock.from_event))
    noun = clock_start_noun(clock, procedure)
    return _("within {amount} of {start}").format(amount=in_words(clock.due), start=noun)


def local_resolution_sentence(stage: StageConfig, voice: Voice = WE) -> str | None:
    if not stage.local_resolution_first:
        return None
    if stage.local_resolution:
        return stage.local_resolution
    return _(
        "Before this stage starts, {we} {will} see whether things can be put right by talking to the team you complained about."
    ).format(we=voice.we, will=voice.will)


def stage_number(procedure: ProcedureConfig, stage: StageConfig) -> int:
    return procedure.stage_keys.index(stage.key) + 1


def stage_heading(procedure: ProcedureConfig, stage: StageConfig) -> str:
    """ "Stage 1: Local resolution" (the number is the stage's place in the procedure)."""
    return _("Stage {number}: {name}").format(number=stage_number(procedure, stage), name=stage.name)


# Eligibility ------------------------------------------------------------------------------


def time_limit_sentence(eligibility: EligibilityConfig) -> str | None:
    """ "You should complain within 12 months of ..."; None when the limit is not stated."""
    if eligibility.time_limit is None:
        if eligibility.time_limit_text == "none":
            return _("There is no time limit for making a complaint.")
        return None
    counted = COUNTED_FROM.get(eligibility.counted_from or "", "")
    amount = in_words(eligibility.time_limit)
    if counted:
        return _("You should complain within {amount} {counted_from}.").format(amount=amount, counted_from=_(counted))
    return _("You should complain within {amount}.").format(amount=amount)


def late_complaints_sentence(eligibility: EligibilityConfig, voice: Voice = WE) -> str | None:
    if eligibility.time_limit is None:
        return None
    sentence = LATE_COMPLAINTS.get(eligibility.late_complaints or "")
    return _say(sentence, voice) if sentence else None


def who_may_complain(eligibility: EligibilityConfig, voice: Voice = WE) -> list[str]:
    """One phrase per kind of complainant, in the config's order (unknown keys are skipped), or
    the authority's own phrases (``who_may_complain_text``) where it gives them.  The phrases
    follow whom the procedure serves (``service_users``)."""
    if eligibility.who_may_complain_text:
        return list(eligibility.who_may_complain_text)
    phrases = WHO_MAY_COMPLAIN_BY_SERVED.get(voice.served, WHO_MAY_COMPLAIN)
    return [_say(phrases[key], voice) for key in eligibility.who_may_complain if key in phrases]


def consent_sentences(eligibility: EligibilityConfig, voice: Voice = WE) -> list[str]:
    sentences = []
    consent = CHILD_CONSENT if voice.served == "children" else CONSENT_FOR_SOMEONE_ELSE
    if eligibility.child_consent in consent:
        sentences.append(_say(consent[eligibility.child_consent], voice))
    if eligibility.parental_consent_may_be_needed and voice.served != "adults":
        sentences.append(
            _(
                "If you do not have parental responsibility for the child, {we} may need the consent of their "
                "parent, guardian or carer before {we} can deal with your complaint."
            ).format(we=voice.we)
        )
    return sentences


def eligibility_sentences(eligibility: EligibilityConfig, voice: Voice = WE) -> list[str]:
    """The time limit, what happens to a late complaint, and consent, in that order."""
    sentences = [time_limit_sentence(eligibility), late_complaints_sentence(eligibility, voice)]
    return [s for s in sentences if s] + consent_sentences(eligibility, voice)


# Support ----------------------------------------------------------------------------------


def advocate_sentence(support: SupportConfig, advocacy: AdvocacyConfig | None = None, served: str = "children") -> str | None:
    """The authority's own sentence about advocacy (``support.advocate_text``) where it gives one
    (Council A: "If you are a child in care you have a right to an advocate to assist you."),
    else the standard offer; None where the authority's page offers no advocate."""
    if not support.advocate:
        return None
    if support.advocate_text:
        return support.advocate_text
    if advocacy is not None:
        if served == "children":
            return _(
                "If you are a child or young person, an advocate can help you make your complaint. Contact {name} to find one."
            ).format(name=advocacy.name)
        return _("An advocate can help you make your complaint. Contact {name} to find one.").format(name=advocacy.name)
    if served == "children":
        return _("If you are a child or young person, you can ask for an advocate to help you make your complaint.")
    return _("You can ask for an advocate to help you make your complaint.")


def support_sentences(support: SupportConfig, advocacy: AdvocacyConfig | None = None, voice: Voice = WE) -> list[str]:
    """Help on offer, each only where the authority's page offers it: an advocate (in the
    authority's words, or naming its advocacy service), an interpreter or a signer (Council B:
    "If you need an interpreter or a signer, we can make arrangements to support you."), a BSL
    video interpreter."""
    sentences = [advocate_sentence(support, advocacy, voice.served)]
    helpers = _(" or ").join(
        _(name)
        for offered, name in ((support.interpreter, gettext_noop("an interpreter")), (support.signer, gettext_noop("a signer")))
        if offered
    )
    if helpers:
        sentences.append(_("If you need {helpers}, {we} can make arrangements to support you.").format(helpers=helpers, we=voice.we))
    if support.bsl_video:
        sentences.append(_("You can contact {us} through a British Sign Language (BSL) video interpreter.").format(us=voice.us))
    return [s for s in sentences if s]


def contact_details(contact: ContactConfig | None) -> list[dict[str, str]]:
    """How to reach the complaints team, for the guidance page, as the authority's page gives
    it: each line's label, text and (for email and web) link (``contact_lines`` words the same
    details for emails).  Walsall: "Write to us: The Assurance Team, ...";
    Hampshire: "Phone 0300 555 1384", "send an email to childrens.services@hants.gov.uk"."""
    if contact is None:
        return []
    lines = []
    if contact.address:
        lines.append({"label": _("Write to us"), "text": contact.address, "href": ""})
    if contact.phone:
        lines.append({"label": _("Phone"), "text": contact.phone, "href": ""})
    if contact.email:
        lines.append({"label": _("Email"), "text": contact.email, "href": f"mailto:{contact.email}"})
    if contact.url:
        lines.append({"label": _("Website"), "text": contact.url, "href": contact.url})
    if contact.notes:
        lines.append({"label": "", "text": contact.notes, "href": ""})
    return lines


# After the last stage ---------------------------------------------------------------------


def ombudsman_sentences(procedure: ProcedureConfig) -> list[str]:
    """Where to go next: the ombudsman, after its stage and, where allowed, at any point."""
    ombudsman: OmbudsmanConfig | None = procedure.ombudsman
    if ombudsman is None:
        return []
    voice = voice_of(procedure)
    after = None
    if ombudsman.after_stage:
        try:
            stage = procedure.stage(ombudsman.after_stage)
            after = _("stage {number} ({name})").format(number=stage_number(procedure, stage), name=stage.name)
        except KeyError:
            after = None
    if after:
        first = _("If you are still unhappy after {after}, you can ask the {ombudsman} to look at your complaint.").format(
            after=after, ombudsman=ombudsman.name
        )
    else:
        first = _(
            "If you are still unhappy when {our} complaints procedure is finished, you can ask the {ombudsman} to look at your complaint."
        ).format(our=voice.our, ombudsman=ombudsman.name)
    sentences = [first]
    if ombudsman.at_any_point:
        sentences.append(
            _(
                "You can contact the {ombudsman} at any point, although they will usually expect your "
                "complaint to have been through {our} complaints procedure first."
            ).format(ombudsman=ombudsman.name, our=voice.our)
        )
    limit = ombudsman_time_limit(ombudsman)
    if limit:
        sentences.append(limit)
    return sentences


def ombudsman_time_limit(ombudsman: OmbudsmanConfig | None) -> str:
    """The ombudsman's time limit as a sentence, for the page and the emails ('' when the config
    gives none): "usually", as the laws that set these limits let the ombudsman look at a later
    complaint in special circumstances (the SPSO Act 2002, s.10(3))."""
    if ombudsman is None or not ombudsman.time_limit:
        return ""
    return _("The {ombudsman} usually looks only at a complaint made to them within {time_limit}.").format(
        ombudsman=ombudsman.name, time_limit=ombudsman.time_limit
    )


# Dates ------------------------------------------------------------------------------------


WEEKDAYS = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
MONTHS = (
    gettext_noop("January"), gettext_noop("February"), gettext_noop("March"), gettext_noop("April"),
    gettext_noop("May"), gettext_noop("June"), gettext_noop("July"), gettext_noop("August"),
    gettext_noop("September"), gettext_noop("October"), gettext_noop("November"), gettext_noop("December"),
)  # fmt: skip


def long_date(day: date) -> str:
    """ "Wednesday 6 January 2027" (GOV.UK style: no leading zero, no comma), in the reader's
    words: "Dydd Mercher 6 Ionawr 2027" (the names are Django's own, in its Welsh catalogue)."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=_(WEEKDAYS[day.weekday()]), day=day.day, month=_(MONTHS[day.month - 1]), year=day.year
    )


RECEIPT_WAYS = {"email": gettext_noop("email it to you"), "post": gettext_noop("post it"), "by_hand": gettext_noop("hand it to you")}


def receipt_note(procedure: ProcedureConfig) -> str | None:
    """When we take you to have received our response, by how it is sent; None when no clock
    counts from receipt.  "We take you to have received our response on the day we email it to
    you or hand it to you, or on the second working day after we post it."
    """
    if not procedure.receipt or not any(clock.from_receipt for clock in procedure.clocks):
        return None
    voice = voice_of(procedure)
    same_day = [_(RECEIPT_WAYS[r.method]) if r.method in RECEIPT_WAYS else r.method for r in procedure.receipt if r.after is None]
    later = [
        (_(RECEIPT_WAYS[r.method]) if r.method in RECEIPT_WAYS else r.method, r.after) for r in procedure.receipt if r.after is not None
    ]
    parts = []
    if same_day:
        parts.append(_("on the day {we} {ways}").format(we=voice.we, ways=_(" or ").join(same_day)))
    for way, after in later:
        parts.append(_("{after} {we} {way}").format(after=_ordinal_after(after), we=voice.we, way=way))
    if voice.advice:
        return _("You are taken to have received a response {when}.").format(when=_(", or ").join(parts))
    return _("We take you to have received our response {when}.").format(when=_(", or ").join(parts))


_ORDINAL_WORDS = (
    gettext_noop("first"), gettext_noop("second"), gettext_noop("third"), gettext_noop("fourth"), gettext_noop("fifth"),
    gettext_noop("sixth"), gettext_noop("seventh"), gettext_noop("eighth"), gettext_noop("ninth"), gettext_noop("tenth"),
)  # fmt: skip


def _ordinal_after(duration: Duration) -> str:
    """ "on the second working day after" for 2 working days; "2 weeks after" otherwise."""
    if duration.unit in ("working_days", "days") and duration.amount <= len(_ORDINAL_WORDS):
        ordinal = _(_ORDINAL_WORDS[duration.amount - 1])
        if duration.unit == "working_days":
            return _("on the {ordinal} working day after").format(ordinal=ordinal)
        return _("on the {ordinal} day after").format(ordinal=ordinal)
    return _("{amount} after").format(amount=in_words(duration))


def working_days_note(procedure: ProcedureConfig, closures: bool = False) -> str | None:
    """Explains "working days" when any clock counts them; None otherwise."""
    durations = [d for clock in procedure.clocks for d in (clock.due, clock.extended) if d is not None]
    if not any(d.unit == "working_days" for d in durations):
        return None
    if not closures:
        return _("Working days are Monday to Friday, not counting bank holidays.")
    if voice_of(procedure).advice:
        return _("Working days are Monday to Friday, not counting bank holidays, or days their offices are closed.")
    return _("Working days are Monday to Friday, not counting bank holidays, or days our offices are closed.")


def contact_lines(contact) -> list[tuple[str, str]]:
    """The authority's contact details (its config's ``contact``) as ``(how, where)`` lines,
    every channel it gives (email, phone, post, web) in that order; for emails."""
    if contact is None:
        return []
    lines = [(_("Email"), contact.email), (_("Phone"), contact.phone), (_("Write to"), contact.address), (_("Web"), contact.url)]
    return [(how, " ".join(str(where).split())) for how, where in lines if where]
