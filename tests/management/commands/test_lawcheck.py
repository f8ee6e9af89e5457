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
from django.core.management.base import CommandError

from complaints_process.models import ProcessConfigVersion
from tests.work.test_receipt import cut_receipt

from .test_process_config import load, run

pytestmark = pytest.mark.django_db

CONFIGS = Path(__file__).resolve().parents[3] / "process_configs"


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
    load()
    assert rows("hampshire") == [
        ("stage2.response", "longer_time", "within 60 working days", "within 25 working days", line_of("hampshire", "due: within 60 working days")),
    ]


# The law counts both complainant's windows from receipt: "within 20 working days" (the
# guidance, and reg. 18), under the template's rule "post: 2 working days after".
FLOOR_SOURCES = "The guidance (Getting the Best from Complaints, 2006); The Regulations, reg. 18"


def cut_walsall(configs_copy):
    """Walsall's file taking a posted letter as received the day it is posted and counting the
    stage 2 request from sending (tests/work/test_receipt.py shows what the case keeps)."""
    path = configs_copy / "walsall.yaml"
    path.write_text(cut_receipt(path.read_text()))
    return path


def file_line(path, text):
    [number] = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if line.strip() == text]
    return f"{path}:{number}"


def test_an_earlier_receipt_and_a_window_from_sending_are_listed_with_their_lines(configs_copy):
    path = cut_walsall(configs_copy)
    out, _ = run("lawcheck", "walsall", "--year", "2027", "--json")
    found = {row["kind"]: row for row in json.loads(out)}
    # Posted on Friday 1 January 2027 (a bank holiday): "same day" is that day; the template's
    # "2 working days after" is Tuesday 5 January (Mon 4 (1), Tue 5 (2)).
    assert found["earlier_receipt"] == {
        "key": "receipt.post",
        "kind": "earlier_receipt",
        "config": "same day",
        "law": "2 working days after",
        "source": FLOOR_SOURCES,
        "line": file_line(path, "post: same day"),
        "procedure": "childrens-statutory",
        "first_start": "2027-01-01",
    }
    window = found["from_sending"]
    assert (window["key"], window["config"], window["law"], window["line"]) == (
        "stage2.request",
        "from_receipt: false",
        "from_receipt: true",
        file_line(path, "from_receipt: false"),
    )
    assert window["source"] == "The guidance (Getting the Best from Complaints, 2006)"


def test_a_receipt_rule_dropped_is_listed(configs_copy):
    path = configs_copy / "walsall.yaml"
    path.write_text(path.read_text().replace("    channels: [letter]\n", "    channels: [letter]\n    receipt:\n      post: null\n", 1))
    out, _ = run("lawcheck", "walsall", "--year", "2027", "--json")
    [row] = [row for row in json.loads(out) if row["kind"] == "earlier_receipt"]
    expected = ("receipt.post", "no rule", "2 working days after", file_line(path, "receipt:"))
    assert (row["key"], row["config"], row["law"], row["line"]) == expected


def test_a_later_receipt_takes_nothing():
    from complaints_process.core.config import lawcheck, load_authority_text
    from complaints_process.core.config.loader import default_configs_root

    text = (default_configs_root() / "walsall.yaml").read_text()
    text = text.replace("    channels: [letter]\n", "    channels: [letter]\n    receipt:\n      post: 3 working days after\n", 1)
    config = load_authority_text(text, name="walsall.yaml")
    assert [d.kind for d in lawcheck(config, 2027) if d.kind in ("earlier_receipt", "from_sending")] == []


def test_loading_a_file_that_takes_a_right_without_a_reason_warns_and_says_so_in_the_history(configs_copy):
    path = cut_walsall(configs_copy)
    err = StringIO()
    call_command("process_config", "load", str(path), stdout=StringIO(), stderr=err)
    assert f"{file_line(path, 'post: same day')}: warning: childrens-statutory receipt.post: a response sent this way" in err.getvalue()
    window = f"{file_line(path, 'from_receipt: false')}: warning: childrens-statutory stage2.request: the complainant's window counts"
    assert window in err.getvalue()
    assert "walsall takes 2 right(s) the law gives (above), with no --reason" in err.getvalue()
    version = ProcessConfigVersion.objects.get(authority__slug="walsall")
    assert version.reason.startswith(f"Loaded from {path} with no reason given")


def test_the_reason_given_is_kept_in_the_version_history(configs_copy):
    path = cut_walsall(configs_copy)
    reason = "Walsall's page, as quoted in walsall.yaml"
    run("load", str(path), "--reason", reason)
    version = ProcessConfigVersion.objects.get(authority__slug="walsall")
    assert version.reason == reason


def test_a_seed_that_takes_a_right_keeps_the_seeds_reason(configs_copy):
    # council-a: "within 20 days" (a shorter window) and an uncapped extension (above).
    load(str(configs_copy / "council-a.yaml"))
    assert ProcessConfigVersion.objects.get(authority__slug="council-a").reason.startswith("As the authority's own page says")
