"""`process_config lawcheck` and `validate`: every place a config departs from the law its template states.

The law (the statutory template, quoting the Children Act 1989 Representations Procedure
(England) Regulations 2006 and Getting the Best from Complaints, 2006): stage 1 within 10
working days, 20 at the most (reg. 14); the complainant has 20 working days to ask for
stage 2 (the guidance) and for a review panel (reg. 18); stage 2 within 25 working days,
65 at the most (reg. 17); panel within 30 working days (reg. 19(4)); report 5 and response
15 working days (reg. 20).
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from .test_process_config import run

pytestmark = pytest.mark.django_db

CONFIGS = Path(__file__).resolve().parents[2] / "process_configs"


def line_of(slug: str, text: str) -> str:
    """Where the config file writes ``text`` (a whole value line), as "path:line"."""
    lines = (CONFIGS / f"{slug}.yaml").read_text().splitlines()
    [number] = [n for n, line in enumerate(lines, start=1) if line.strip() == text]
    return f"process_configs/{slug}.yaml:{number}"


def rows(slug):
    out, _ = run("lawcheck", slug, "--year", "2027", "--json")
    return [(row["key"], row["kind"], row["config"], row["law"], row["line"]) for row in json.loads(out)]


def test_council_a_lists_its_20_calendar_day_window_and_its_uncapped_extension():
    found = rows("council-a")
    assert found == [
        # 000: "If your complaint is complicated they may write to you to say it will take longer."
        ("stage1.response_extended", "cap_removed", "no limit stated", "up to 20 working days", line_of("council-a", "extended: no limit stated")),
        # 000: "you should tell us within 20 days of getting your letter"
        ("stage2.request", "shorter_window", "within 20 days", "within 20 working days", line_of("council-a", "due: within 20 days")),
        ("stage2.request", "calendar_days", "within 20 days", "within 20 working days", line_of("council-a", "due: within 20 days")),
        # 000: "who will write to you with their comments within 15 days of the hearing"
        ("stage3.authority_response", "calendar_days", "within 15 days", "within 15 working days", line_of("council-a", "due: within 15 days")),
    ]


def test_each_deviation_names_its_regulation_and_the_first_day_that_fails():
    out, _ = run("lawcheck", "council-a", "--year", "2027", "--json")
    window = next(row for row in json.loads(out) if row["kind"] == "shorter_window")
    assert window["source"] == "The guidance (Getting the Best from Complaints, 2006)"
    # Received (day 0) on Friday 1 January 2027: 20 days is Thursday 21 January; 20 working
    # days is Friday 29 January (4-8 January (5), 11-15 (10), 18-22 (15), 25-29 (20)).
    assert window["first_start"] == "2027-01-01"
    assert window["procedure"] == "childrens-statutory"


def test_walsall_lists_its_calendar_day_clocks():
    assert rows("walsall") == [
        # 004: "We aim to respond within 10 working days, but it might take up to 20 days."
        ("stage1.response_extended", "calendar_days", "up to 20 days", "up to 20 working days", line_of("walsall", "extended: up to 20 days")),
        # 004: "The panel must meet within 30 days of getting your request."
        ("stage3.panel_meeting", "calendar_days", "within 30 days", "within 30 working days", line_of("walsall", "due: within 30 days")),
        # 004: "the panel chair will write a report within 5 days of the meeting."
        ("stage3.panel_report", "calendar_days", "within 5 days", "within 5 working days", line_of("walsall", "due: within 5 days")),
        # 004: "The Director of Children's Services will then write to you ... within 15 days."
        ("stage3.authority_response", "calendar_days", "within 15 days", "within 15 working days", line_of("walsall", "due: within 15 days")),
    ]


def test_hampshire_dropping_the_25_working_day_stage_2_target_is_listed():
    # 003: "a full response should take no longer than 60 working days"
    assert rows("hampshire") == [
        ("stage2.response", "longer_time", "within 60 working days", "within 25 working days", line_of("hampshire", "due: within 60 working days")),
    ]


def test_council_b_follows_the_law():
    assert rows("council-b") == []


def test_the_plain_listing_says_how_many():
    out, _ = run("lawcheck", "hampshire", "--year", "2027")
    assert f"{line_of('hampshire', 'due: within 60 working days')}: childrens-statutory stage2.response: the authority's time is longer" in out
    assert out.strip().endswith("Hampshire County Council: 1 departure(s) from the law.")


def test_validate_lists_every_deviation_as_a_warning_and_still_passes():
    out, err = StringIO(), StringIO()
    call_command("process_config", "validate", stdout=out, stderr=err)
    assert err.getvalue() == ""
    text = out.getvalue()
    assert f"{line_of('council-a', 'due: within 20 days')}: warning: childrens-statutory stage2.request: the complainant's window is shorter" in text
    assert "(The guidance (Getting the Best from Complaints, 2006))" in text
    assert f"{line_of('walsall', 'due: within 30 days')}: warning:" in text
    assert text.strip().endswith("file(s) valid, 10 warning(s): see 'process_config lawcheck'.")


def test_an_authority_cannot_rewrite_its_templates_law(tmp_path):
    from complaints_process.core.config import ConfigInvalid, load_authority_text
    from complaints_process.core.config.loader import default_configs_root

    text = (default_configs_root() / "walsall.yaml").read_text().replace(
        "            due: within 30 days\n", "            due: within 30 days\n            law: {bound: none, source: us}\n", 1
    )
    with pytest.raises(ConfigInvalid, match="'law' states what the law sets and belongs in the template"):
        load_authority_text(text, name="walsall.yaml")


def test_a_loaded_version_is_checked_with_the_lines_of_its_file():
    run("load")
    assert rows("hampshire") == [
        ("stage2.response", "longer_time", "within 60 working days", "within 25 working days", line_of("hampshire", "due: within 60 working days")),
    ]
