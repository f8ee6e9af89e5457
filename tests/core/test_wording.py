"""Plain-English sentences from the seed configs (pure Python: run with -p no:django).

Each expected sentence is written out from the seed page it reproduces (docs/seeds/), not
computed: the numbers and units below are the ones the councils published.
"""

from datetime import date
from pathlib import Path

import pytest

from complaints_process.core import wording
from complaints_process.core.config import load_authority_file
from complaints_process.core.config.model import AdvocacyConfig, ClockConfig, EligibilityConfig, ExtensionConfig, SupportConfig
from complaints_process.core.durations import parse_duration

CONFIGS = Path(__file__).resolve().parents[2] / "process_configs"


def procedure(slug: str, procedure_slug: str = "childrens-statutory"):
    return load_authority_file(CONFIGS / f"{slug}.yaml").procedure(procedure_slug)


def sentence(slug: str, key: str) -> str | None:
    proc = procedure(slug)
    return wording.clock_sentence(proc.clock(key), proc)


def test_walsall_stage_1_is_10_working_days_extended_to_20_calendar_days_as_written():
    # "We aim to respond within 10 working days, but it might take up to 20 days. If this
    # happens, we will let you know and explain why."
    assert sentence("walsall", "stage1.response") == (
        "We will do this within 10 working days of receiving your complaint. "
        "If we need more time, it may take up to 20 days in all. If this happens, we will tell you why."
    )


def test_walsall_calendar_days_stay_calendar_days():
    # "The panel must meet within 30 days of getting your request."
    assert sentence("walsall", "stage3.panel_meeting") == "We will do this within 30 days of your request for a review panel."
    assert "working" not in sentence("walsall", "stage3.panel_meeting")
    # "at least 10 days before the meeting" (a notice clock counts backwards)
    assert sentence("walsall", "stage3.panel_notice") == "We will tell you at least 10 days before the panel meeting."
    # "The Director of Children's Services will then write ... within 15 days."
    assert sentence("walsall", "stage3.authority_response") == "We will do this within 15 days of the panel's recommendations."


def test_walsall_acknowledgement_and_windows():
    assert sentence("walsall", "acknowledgement") == "We will do this within 5 working days of receiving your complaint."
    # "You'll need to do this within 20 working days of receiving the response letter."
    assert sentence("walsall", "stage2.request") == "You can ask for this within 20 working days of receiving our stage 1 response."
    # "We aim to complete the investigation within 25 working days ... up to 65 working days.
    # We'll keep you updated."
    assert sentence("walsall", "stage2.response") == (
        "We will do this within 25 working days of agreeing the statement of your complaint. "
        "If we need more time, it may take up to 65 working days in all. If this happens, we will let you know."
    )


def test_council_b_numbers_written_in_words_are_shown_as_numbers():
    # "within ten working days" ... "If the issue is complex this may take up to twenty working days."
    assert sentence("council-b", "stage1.response") == (
        "We will do this within 10 working days of receiving your complaint. "
        "If the issue is complex, it may take up to 20 working days in all."
    )
    # "we will write to you within two working days"
    assert sentence("council-b", "acknowledgement") == "We will do this within 2 working days of receiving your complaint."


def test_council_a_no_limit_stated_says_it_may_take_longer_without_a_number():
    # "If your complaint is complicated they may write to you to say it will take longer."
    text = sentence("council-a", "stage1.response")
    assert text == (
        "We will do this within 10 working days of receiving your complaint. "
        "If the complaint is complicated, it may take longer. If this happens, we will let you know in writing."
    )
    assert "20" not in text


def test_council_a_stage_2_request_is_20_calendar_days():
    # "you should tell us within 20 days of getting your letter"
    assert sentence("council-a", "stage2.request") == "You can ask for this within 20 days of receiving our stage 1 response."


def test_not_stated_clocks_make_no_promise():
    # The Regulations set no acknowledgement time; Council A's page states none.
    assert sentence("council-a", "acknowledgement") is None
    assert sentence("council-b", "stage3.panel_notice") is None
    corporate = procedure("council-a", "corporate")
    assert wording.clock_sentence(corporate.clock("stage2.request"), corporate) is None


def test_hampshire_processing_clock_and_single_bound():
    # "We aim to process complaints within three to four working days"
    assert sentence("hampshire", "acknowledgement") == "We aim to do this within 4 working days of receiving your complaint."
    # "a full response should take no longer than 60 working days" (no extension)
    assert sentence("hampshire", "stage2.response") == "We will do this within 60 working days of agreeing the statement of your complaint."


def test_family_advice_extension_conditions_in_the_advice_pages_voice():
    # 001: "If they can't finish their investigation within this time they must tell you why in
    # writing and give you a new date when they will have finished."  The page is advice about
    # Children's Services, not theirs: third person (voice: advice).
    assert sentence("family-advice", "stage2.response") == (
        "Children's Services should do this within 25 working days of agreeing the statement of your complaint. "
        "If they need more time, it may take up to 65 working days in all. "
        "If this happens, they should write to tell you why and when to expect it."
    )


def test_extension_asking_for_agreement():
    clock = ClockConfig(
        key="stage1.response",
        name="response",
        stage="stage1",
        label="Stage 1 response",
        kind="response",
        from_event="received",
        due=parse_duration("within 3 weeks"),
        due_text="within 3 weeks",
        met_by="x",
        extended=parse_duration("up to 6 weeks"),
        extended_text="up to 6 weeks",
        extension=ExtensionConfig(requires=("complainant_agreement",)),
    )
    assert wording.clock_sentence(clock) == (
        "We will do this within 3 weeks of receiving your complaint. If we need more time, it may take up to 6 weeks in all. "
        "We will only do this if you agree."
    )


def test_eligibility_sentences_for_walsall_and_hampshire():
    # Walsall: "no later than 12 months from the event or from realising that there was a problem"
    walsall = procedure("walsall").eligibility
    assert wording.time_limit_sentence(walsall) == (
        "You should complain within 12 months of the events you are complaining about, or of realising that there was a problem."
    )
    # Hampshire: "events that happened within the last 12 months" ... "contact the Complaints Team for advice"
    hampshire = procedure("hampshire").eligibility
    assert wording.eligibility_sentences(hampshire)[:2] == [
        "You should complain within 12 months of the events you are complaining about.",
        "If your complaint is outside this time limit, you can contact the complaints team for advice.",
    ]
    # Council B: "we may not accept your complaint. If we do not accept your complaint we will
    # write and tell you why not."
    assert wording.late_complaints_sentence(procedure("council-b").eligibility) == (
        "If you complain later than this, we may not accept your complaint. If we do not, we will write and tell you why."
    )


def test_a_promise_to_write_is_made_only_where_the_authoritys_page_makes_it():
    # Walsall's and Council A's pages say nothing of writing to say why: the template's
    # late_complaints (reg. 9: a late complaint may be refused) makes no such promise.
    for slug in ("walsall", "council-a"):
        assert wording.late_complaints_sentence(procedure(slug).eligibility) == (
            "If you complain later than this, we may not accept your complaint."
        )


def test_time_limit_none_and_not_stated():
    assert wording.time_limit_sentence(EligibilityConfig(time_limit_text="none")) == "There is no time limit for making a complaint."
    assert wording.time_limit_sentence(EligibilityConfig()) is None
    assert wording.late_complaints_sentence(EligibilityConfig(late_complaints="may_refuse")) is None


def test_who_may_complain_follows_the_config_order():
    phrases = wording.who_may_complain(procedure("hampshire").eligibility)
    assert phrases == [
        "a child or young person who receives children's social care services",
        "a parent or carer of the child or young person, or someone with parental responsibility",
        "anyone we consider has a sufficient interest in the child's welfare",
    ]


def test_who_may_complain_in_the_authoritys_own_words():
    # 004: "You can complain if you're:" ... "a child or young person who receives social care
    # services" ... "a parent, carer or other adult acting on behalf of a child or young person
    # who receives social care services"
    assert wording.who_may_complain(procedure("walsall").eligibility) == [
        "a child or young person who receives social care services",
        "a parent, carer or other adult acting on behalf of a child or young person who receives social care services",
    ]
    # 002: "the child or young person receiving the service (the service user), or someone who could become a service user"
    assert wording.who_may_complain(procedure("council-b").eligibility)[0] == (
        "the child or young person receiving the service (the service user), or someone who could become a service user"
    )
    # The form's choices still come from the keys.
    assert procedure("walsall").eligibility.who_may_complain == ("child", "parent_or_carer", "representative")


def test_support_says_what_each_page_offers_in_its_own_words():
    authority = load_authority_file(CONFIGS / "council-b.yaml")
    sentences = wording.support_sentences(authority.procedure("childrens-statutory").support, authority.advocacy)
    assert sentences == [
        # 002: "If you are a child or young person we can put you in touch with the advocacy service at Off the Record."
        "If you are a child or young person we can put you in touch with the advocacy service at Off the Record.",
        # 002: "If you need an interpreter or a signer, we can make arrangements to support you."
        "If you need an interpreter or a signer, we can make arrangements to support you.",
    ]
    council_a = load_authority_file(CONFIGS / "council-a.yaml")
    # 000: "If you are a child in care you have a right to an advocate to assist you. For details of
    # how to find an advocate please contact the Youth Advocacy Project."
    assert wording.support_sentences(council_a.procedure("childrens-statutory").support, council_a.advocacy) == [
        "If you are a child in care you have a right to an advocate to assist you. For details of how to find an advocate "
        "please contact the Youth Advocacy Project."
    ]
    # Hampshire (003) and the family advice page (001) offer no advocate, interpreter or signer:
    # the template's law (Children Act 1989, s.26A) is not an offer on their pages.
    for slug in ("hampshire", "family-advice"):
        assert wording.support_sentences(procedure(slug).support) == []
    assert wording.support_sentences(SupportConfig()) == []
    assert wording.support_sentences(SupportConfig(advocate=True), AdvocacyConfig("Youth Advocacy Project")) == [
        "If you are a child or young person, an advocate can help you make your complaint. Contact Youth Advocacy Project to find one."
    ]
    assert wording.support_sentences(SupportConfig(signer=True)) == ["If you need a signer, we can make arrangements to support you."]
    assert wording.support_sentences(SupportConfig(bsl_video=True)) == [
        "You can contact us through a British Sign Language (BSL) video interpreter."
    ]


def test_ombudsman_after_the_last_stage_and_at_any_point():
    assert wording.ombudsman_sentences(procedure("council-b")) == [
        "If you are still unhappy after stage 3 (Review panel), you can ask the Local Government and Social Care Ombudsman "
        "to look at your complaint."
    ]
    hampshire = wording.ombudsman_sentences(procedure("hampshire"))
    assert len(hampshire) == 2 and hampshire[1].startswith("You can contact the Local Government and Social Care Ombudsman at any point")


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2027, 1, 6), "Wednesday 6 January 2027"), (date(2026, 12, 29), "Tuesday 29 December 2026")],
)
def test_long_date(day, text):
    assert wording.long_date(day) == text


def test_working_days_note_only_when_working_days_are_counted():
    assert wording.working_days_note(procedure("walsall")) == "Working days are Monday to Friday, not counting bank holidays."


def test_timeline_rules_use_the_same_words_as_the_sentences():
    walsall = procedure("walsall")
    response = walsall.clock("stage1.response")
    assert wording.timeline_rule(response, walsall) == "within 10 working days of receiving your complaint"
    assert wording.timeline_rule(response, walsall, extended=True) == "up to 20 days in all"
    assert wording.timeline_rule(walsall.clock("stage3.panel_notice"), walsall) == "at least 10 days before the panel meeting"
    council_a = procedure("council-a")
    assert wording.timeline_rule(council_a.clock("stage1.response"), council_a, extended=True) == "No limit stated"
    assert wording.timeline_rule(council_a.clock("acknowledgement"), council_a) == "No time set"


def test_hampshire_says_its_own_local_resolution_sentence():
    # 003: "a member of the Complaints Team will then contact you to try to establish if there is
    # anything further that can be done to resolve your complaint at Stage One and they may
    # arrange to meet with you to discuss your complaint"
    stage2 = procedure("hampshire").stage("stage2")
    assert wording.local_resolution_sentence(stage2) == (
        "A member of the Complaints Team will contact you to try to establish if there is anything further that can be "
        "done to resolve your complaint at Stage One, and they may arrange to meet with you to discuss your complaint."
    )
    # Walsall (004): "We'll see if the problems can be fixed by talking to the team you've complained about."
    assert wording.local_resolution_sentence(procedure("walsall").stage("stage2")) == (
        "Before this stage starts, we will see whether things can be put right by talking to the team you complained about."
    )
