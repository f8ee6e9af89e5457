"""The five authorities' configs and the two templates: valid, and faithful to their pages.

Each authority's YAML must say what its published page says and nothing it does not.  The
page text lives in docs/seeds/ so faithfulness can be checked: every
sentence a config quotes in a comment must really be on that authority's page.
"""

from __future__ import annotations

import re

import pytest

from complaints_process.core.config import load_template_file, validate_files

from .conftest import CONFIGS, SEEDS, SOURCE_PAGES, TEMPLATES, load_seed

# -- every file is valid -------------------------------------------------------------------


def test_every_seed_config_and_template_validates():
    paths = [CONFIGS / f"{slug}.yaml" for slug in SEEDS] + [CONFIGS / f"{name}.yaml" for name in TEMPLATES]
    assert validate_files(paths) == []


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_load_as_templates(name):
    template = load_template_file(CONFIGS / f"{name}.yaml")
    assert template.slug == name.split("/")[-1]
    assert template.source


@pytest.mark.parametrize(
    ("slug", "name", "prefix"),
    [
        ("council-a", "Council A", "CNA"),
        ("family-advice", "Family advice (general guidance)", "FAM"),
        ("council-b", "Council B", "CNB"),
        ("hampshire", "Hampshire County Council", "HCC"),
        ("walsall", "Walsall Council", "WAL"),
    ],
)
def test_each_authority_has_its_name_prefix_and_english_calendar(slug, name, prefix):
    authority = load_seed(slug)
    assert (authority.slug, authority.name, authority.reference_prefix) == (slug, name, prefix)
    assert authority.calendar.nation == "england"
    assert authority.calendar.closures == ()  # no page names a closure day


# -- the canonical clock keys the rest of the product relies on ----------------------------

STATUTORY_KEYS = [
    "acknowledgement",
    "stage1.response",
    "stage2.request",
    "stage2.response",
    "stage3.request",
    "stage3.panel_meeting",
    "stage3.panel_notice",
    "stage3.panel_report",
    "stage3.authority_response",
]


def test_statutory_template_has_the_canonical_clock_keys_in_order():
    procedure = load_template_file(CONFIGS / "base/statutory-england-2006.yaml").procedure
    assert [clock.key for clock in procedure.clocks] == STATUTORY_KEYS


def test_corporate_template_has_the_canonical_clock_keys_in_order():
    procedure = load_template_file(CONFIGS / "base/corporate-lgsco-2024.yaml").procedure
    assert [clock.key for clock in procedure.clocks] == [
        "acknowledgement",
        "stage1.response",
        "stage2.request",
        "stage2.acknowledgement",
        "stage2.response",
    ]


@pytest.mark.parametrize("slug", SEEDS)
def test_every_authority_keeps_the_statutory_clock_keys(slug):
    procedure = load_seed(slug).procedure("childrens-statutory")
    assert [clock.key for clock in procedure.clocks] == STATUTORY_KEYS


def test_statutory_template_states_the_regulations_times():
    procedure = load_template_file(CONFIGS / "base/statutory-england-2006.yaml").procedure
    rules = {clock.key: (clock.due_text, clock.extended_text) for clock in procedure.clocks}
    assert rules == {
        "acknowledgement": ("not stated", None),
        "stage1.response": ("within 10 working days", "up to 20 working days"),
        "stage2.request": ("within 20 working days", None),
        "stage2.response": ("within 25 working days", "up to 65 working days"),
        "stage3.request": ("within 20 working days", None),
        "stage3.panel_meeting": ("within 30 working days", None),
        "stage3.panel_notice": ("not stated", None),
        "stage3.panel_report": ("within 5 working days", None),
        "stage3.authority_response": ("within 15 working days", None),
    }
    assert procedure.clock("stage2.response").from_event == "stage2.statement_agreed"
    assert procedure.event("stage2.statement_agreed").assumed == "stage2.requested"
    eligibility = procedure.eligibility
    assert (eligibility.time_limit_text, eligibility.counted_from, eligibility.late_complaints) == (
        "12 months",
        "event_or_awareness",
        "may_refuse",
    )
    assert procedure.stage("stage3").roles == ("panel_chair", "panel_member", "panel_member")
    assert procedure.stage("stage3").role_rules == ("stage2_independent_person_not_on_panel",)


def test_corporate_template_counts_stage_1_from_the_acknowledgement_with_a_20_day_extension_at_stage_2():
    procedure = load_template_file(CONFIGS / "base/corporate-lgsco-2024.yaml").procedure
    assert procedure.clock("acknowledgement").due_text == "within 5 working days"
    stage1 = procedure.clock("stage1.response")
    assert (stage1.from_event, stage1.due_text, stage1.extended_text) == (
        "acknowledged",
        "within 10 working days",
        "up to 20 working days",
    )
    assert procedure.clock("stage2.request").due is None  # the Code fixes no escalation window
    stage2 = procedure.clock("stage2.response")
    assert (stage2.from_event, stage2.due_text, stage2.extended_text) == (
        "stage2.acknowledged",
        "within 20 working days",
        "up to 40 working days",
    )
    assert procedure.ombudsman.after_stage == "stage2"


# -- what each page says, and what it does not --------------------------------------------


def test_walsall_keeps_the_calendar_days_its_page_writes():
    procedure = load_seed("walsall").procedure("childrens-statutory")
    units = {clock.key: (clock.due.amount, clock.due.unit) for clock in procedure.clocks}
    assert units["acknowledgement"] == (5, "working_days")
    assert units["stage3.panel_meeting"] == (30, "days")
    assert units["stage3.panel_notice"] == (10, "days")
    assert procedure.clock("stage3.panel_notice").counts_backwards
    assert units["stage3.panel_report"] == (5, "days")
    assert units["stage3.authority_response"] == (15, "days")
    # "it might take up to 20 days": 20 calendar days, as written
    extended = procedure.clock("stage1.response").extended
    assert (extended.amount, extended.unit) == (20, "days")


def test_walsall_asks_the_child_and_covers_commissioned_services():
    eligibility = load_seed("walsall").procedure("childrens-statutory").eligibility
    assert eligibility.child_consent == "ask"
    assert eligibility.commissioned_services is True
    assert eligibility.counted_from == "event_or_awareness"


def test_council_a_has_both_routes_its_page_names():
    authority = load_seed("council-a")
    assert [p.slug for p in authority.procedures] == ["childrens-statutory", "corporate"]
    assert authority.procedure("corporate").kind == "corporate"
    assert authority.advocacy.name == "Youth Advocacy Project"


def test_council_a_stage_1_may_take_longer_with_no_bound_stated():
    clock = load_seed("council-a").procedure("childrens-statutory").clock("stage1.response")
    assert clock.extension_unbounded and clock.extended is None
    assert clock.extended_text == "no limit stated"


def test_council_a_hearing_invitation_is_the_panel_notice_sent_30_calendar_days_after_the_request():
    procedure = load_seed("council-a").procedure("childrens-statutory")
    notice = procedure.clock("stage3.panel_notice")
    assert (notice.kind, notice.from_event, notice.due_text) == ("response", "stage3.requested", "within 30 days")
    # the hearing itself is not dated by the page: the Regulations' 30 working days stay
    assert procedure.clock("stage3.panel_meeting").due_text == "within 30 working days"


def test_council_a_head_of_service_replies_15_calendar_days_from_the_hearing():
    clock = load_seed("council-a").procedure("childrens-statutory").clock("stage3.authority_response")
    assert (clock.from_event, clock.due.amount, clock.due.unit) == ("stage3.panel_met", 15, "days")


def test_council_b_states_only_the_65_day_outer_bound_of_stage_2():
    clock = load_seed("council-b").procedure("childrens-statutory").clock("stage2.response")
    assert clock.due_text == "within 25 working days"  # inherited from the template
    assert clock.extended_text == "up to sixty five working days"
    assert (clock.extended.amount, clock.extended.unit) == (65, "working_days")


def test_council_b_acknowledges_in_two_working_days_and_offers_interpreters_and_signers():
    procedure = load_seed("council-b").procedure("childrens-statutory")
    assert (procedure.clock("acknowledgement").due.amount, procedure.clock("acknowledgement").due.unit) == (2, "working_days")
    assert procedure.support.interpreter and procedure.support.signer
    assert procedure.eligibility.counted_from == "event"
    assert procedure.eligibility.must_tell == ("service", "details", "desired_outcome", "documents")


def test_hampshire_stage_2_is_a_single_60_working_day_bound_with_no_extension():
    clock = load_seed("hampshire").procedure("childrens-statutory").clock("stage2.response")
    assert (clock.due.amount, clock.due.unit) == (60, "working_days")
    assert not clock.has_extension


def test_hampshire_processes_in_at_most_four_working_days_and_lets_the_ombudsman_in_at_any_point():
    procedure = load_seed("hampshire").procedure("childrens-statutory")
    acknowledgement = procedure.clock("acknowledgement")
    assert (acknowledgement.kind, acknowledgement.due.amount, acknowledgement.due.unit) == ("processing", 4, "working_days")
    assert procedure.ombudsman.at_any_point is True
    assert procedure.feedback.compliments and procedure.feedback.comments
    assert procedure.eligibility.late_complaints == "advice"
    assert procedure.eligibility.excluded == ("court_or_tribunal_decisions",)
    assert procedure.eligibility.parental_consent_may_be_needed is True


def test_family_advice_gives_ten_days_notice_and_15_calendar_days_to_respond():
    procedure = load_seed("family-advice").procedure("childrens-statutory")
    assert procedure.clock("stage3.panel_notice").due_text == "at least ten days before"
    assert (procedure.clock("stage3.authority_response").due.unit) == "days"
    assert procedure.clock("stage2.response").extension.requires == ("reason", "in_writing", "new_date")
    assert procedure.stage("stage1").name == "The informal stage"


# -- faithfulness: every quotation is really on the page ----------------------------------

_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    for curly, straight in (
        ("\u2019", "'"),
        ("\u2018", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("\u2022", " "),
    ):
        text = text.replace(curly, straight)
    return _SPACES.sub(" ", text).strip()


def _comment_blocks(yaml_text: str) -> list[str]:
    """Runs of whole-line comments joined into one text each; end-of-line comments alone."""
    blocks: list[str] = []
    current: list[str] = []
    for line in yaml_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            current.append(stripped[1:])
            continue
        if current:
            blocks.append(" ".join(current))
            current = []
        match = re.search(r"\s#(.*)$", line)
        if match:
            blocks.append(match.group(1))
    if current:
        blocks.append(" ".join(current))
    return blocks


def _quotations(slug: str) -> list[str]:
    text = (CONFIGS / f"{slug}.yaml").read_text(encoding="utf-8")
    quotes = []
    for block in _comment_blocks(text):
        assert block.count('"') % 2 == 0, f"unbalanced quotation in {slug}.yaml: {block!r}"
        quotes.extend(re.findall(r'"([^"]+)"', block))
    return quotes


@pytest.mark.parametrize("slug", SEEDS)
def test_every_sentence_a_config_quotes_is_on_its_page(slug):
    page = _normalise((SOURCE_PAGES / f"{slug}.txt").read_text(encoding="utf-8"))
    quotations = _quotations(slug)
    assert len(quotations) >= 10, "each config quotes its page for the values it takes from it"
    missing = []
    for quotation in quotations:
        for fragment in re.split(r"\.\.\.|\u2026", quotation):
            fragment = _normalise(fragment)
            if fragment and fragment not in page:
                missing.append(fragment)
    assert missing == []


@pytest.mark.parametrize("slug", SEEDS)
def test_calendar_day_values_say_so_in_their_comment(slug):
    """A page's "days" stays calendar days, and the config flags it where it does so."""
    text = (CONFIGS / f"{slug}.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for number, line in enumerate(lines):
        value = re.match(r"\s*(due|extended): (.*(?<!working) days( before)?)$", line)
        if value:
            comment = " ".join(lines[max(0, number - 6) : number])
            assert "as written" in comment, f"{slug}.yaml line {number + 1}: calendar days without 'as written'"
