"""A mistake must never reach a live case: every broken file is refused with file:line:column.

Most tests break one line of MINIMAL, a small valid authority file listed here with its
line numbers, and assert the exact position (1-based, as editors show it) and message:

     1  authority:
     2    slug: tiny
     3    name: Tiny Council
     4    reference_prefix: TNY
     5    calendar:
     6      nation: england
     7  procedures:
     8    - slug: complaints
     9      kind: corporate
    10      name: Complaints
    11      events:
    12        received: {label: Received}
    13        stage1.responded: {label: Responded}
    14      stages:
    15        stage1:
    16          name: Only stage
    17          clocks:
    18            response:
    19              label: Response
    20              from: received
    21              due: within 10 working days
    22              extended: up to 20 working days
    23              met_by: stage1.responded
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from complaints_process.core.config import ConfigInvalid, load_authority_file, load_authority_text, validate_files

from .conftest import CONFIGS, problems, write

MINIMAL = """\
authority:
  slug: tiny
  name: Tiny Council
  reference_prefix: TNY
  calendar:
    nation: england
procedures:
  - slug: complaints
    kind: corporate
    name: Complaints
    events:
      received: {label: Received}
      stage1.responded: {label: Responded}
    stages:
      stage1:
        name: Only stage
        clocks:
          response:
            label: Response
            from: received
            due: within 10 working days
            extended: up to 20 working days
            met_by: stage1.responded
"""


def broken(configs, old: str, new: str, text: str = MINIMAL):
    assert old in text, f"test setup: {old!r} is not in the file"
    path = write(configs, "tiny.yaml", text.replace(old, new, 1))
    return path, problems(path)


def test_the_minimal_file_itself_is_valid(configs):
    authority = load_authority_file(write(configs, "tiny.yaml", MINIMAL))
    assert authority.procedure("complaints").clock("stage1.response").due.amount == 10


# -- keys ------------------------------------------------------------------------------------


def test_unknown_key_names_the_allowed_keys_and_the_nearest_one(configs):
    path, found = broken(configs, "due: within", "dew: within")
    assert found == [
        f"{path}:18:11: missing required key 'due' in a clock",
        f"{path}:21:13: unknown key 'dew' in a clock: allowed keys are 'label', 'kind', 'from', 'due', "
        "'extended', 'extension', 'met_by', 'from_receipt', 'law', 'reminders', 'stops'; did you mean 'due'?",
    ]


def test_unknown_key_in_a_procedure_also_allows_extends(configs):
    path, found = broken(configs, "    kind: corporate", "    knd: corporate")
    assert f"{path}:8:5: missing required key 'kind' in a procedure" in found
    unknown = next(problem for problem in found if "unknown key" in problem)
    assert unknown.startswith(f"{path}:9:5: unknown key 'knd' in a procedure: allowed keys are 'slug', 'kind',")
    assert unknown.endswith("'stages', 'extends'; did you mean 'kind'?")


def test_unknown_top_level_key(configs):
    path, found = broken(configs, "procedures:\n", "procedure:\n")
    assert found == [
        f"{path}:1:1: missing required key 'procedures' at the top of an authority file",
        f"{path}:7:1: unknown key 'procedure' in an authority file: allowed keys are 'authority', 'procedures', 'translations'; did you mean 'procedures'?",
    ]


def test_missing_required_field_points_at_the_mapping_that_lacks_it(configs):
    path, found = broken(configs, "            label: Response\n", "")
    assert found == [f"{path}:18:11: missing required key 'label' in a clock"]


def test_duplicate_key_is_refused_although_yaml_would_keep_the_last(configs):
    path, found = broken(configs, "  name: Tiny Council\n", "  name: Tiny Council\n  name: Tiny Town Council\n")
    assert found == [
        f"{path}:4:3: duplicate key 'name': it is already set on line 3; YAML would silently keep only the last one, so remove one of them"
    ]


def test_duplicate_clock_inside_a_stage_is_refused(configs):
    text = MINIMAL + "          response:\n            label: Again\n"
    path = write(configs, "tiny.yaml", text)
    assert problems(path)[0].startswith(f"{path}:24:11: duplicate key 'response': it is already set on line 18")


# -- types and formats ---------------------------------------------------------------------


def test_wrong_type_text_expected(configs):
    path, found = broken(configs, "name: Tiny Council", "name: 12345")
    assert found == [f"{path}:3:9: name: expected text, got the number 12345"]


def test_wrong_type_list_expected(configs):
    path, found = broken(configs, "    nation: england\n", "    nation: england\n    closures: 2026-12-29\n")
    assert found == [f"{path}:7:15: closures: expected a list, got the date 2026-12-29"]


def test_wrong_type_mapping_expected(configs):
    path, found = broken(configs, "      received: {label: Received}", "      received: Received")
    assert found == [f"{path}:12:17: received: expected a mapping (key: value lines), got the text 'Received'"]


def test_wrong_type_for_a_whole_section(configs):
    head = "authority:\n  slug: tiny\n  name: Tiny Council\n  reference_prefix: TNY\n  calendar:\n    nation: england\n"
    path, found = broken(configs, head, "authority: walsall\n")
    assert found == [f"{path}:1:12: authority: expected a mapping (key: value lines), got the text 'walsall'"]


def test_unparseable_duration(configs):
    path, found = broken(configs, "within 10 working days", "within 10 wrking days")
    assert found == [
        f"{path}:21:18: cannot read 'within 10 wrking days' as a duration: "
        "expected a number then 'working days', 'days', 'weeks' or 'months'"
    ]


def test_unknown_nation_suggests_the_nearest(configs):
    path, found = broken(configs, "nation: england", "nation: englnd")
    assert found == [
        f"{path}:6:13: nation 'englnd' is not one of 'england', 'wales', 'scotland', 'northern-ireland'; did you mean 'england'?"
    ]


def test_bad_date_in_closures(configs):
    path, found = broken(
        configs,
        "    nation: england\n",
        "    nation: england\n    closures:\n      - {date: 2026-02-30, reason: Typo}\n      - {date: 29/12/2026}\n",
    )
    assert found == [
        f"{path}:8:16: '2026-02-30' is not a valid date: write it as YYYY-MM-DD, e.g. 2026-12-29",
        f"{path}:9:16: '29/12/2026' is not a valid date: write it as YYYY-MM-DD, e.g. 2026-12-29",
    ]


def test_duplicate_closure_date(configs):
    path, found = broken(
        configs,
        "    nation: england\n",
        "    nation: england\n    closures:\n      - {date: 2026-12-29, reason: Offices closed}\n"
        "      - {date: 2026-12-29, reason: Again}\n",
    )
    assert found == [f"{path}:9:16: closure date 2026-12-29 is listed twice (first on line 8)"]


def test_reference_prefix_must_be_two_to_five_capitals(configs):
    path, found = broken(configs, "reference_prefix: TNY", "reference_prefix: Tny1")
    assert found == [
        f"{path}:4:21: 'Tny1' is not a valid reference_prefix: expected 2 to 5 capital letters, "
        "e.g. 'WAL' (case references then read WAL-2026-000123)"
    ]


def test_slug_format(configs):
    path, found = broken(configs, "slug: tiny", "slug: Tiny Council")
    assert found == [
        f"{path}:2:9: 'Tiny Council' is not a valid slug: expected lower-case letters and digits "
        "in words joined by single hyphens, e.g. 'council-b'"
    ]


def test_stage_key_format_points_at_the_key(configs):
    path, found = broken(configs, "      stage1:\n", "      Stage 1:\n")
    assert (
        f"{path}:15:7: 'Stage 1' cannot be used as a key here: expected a lower-case letter, then "
        "lower-case letters, digits or underscores, e.g. 'panel_meeting'" in found
    )


# -- durations that do not make sense --------------------------------------------------------


@pytest.fixture
def in_2026():
    """Extended limits are checked as dates for every start day of this year and the next."""
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=UTC), tick=False):
        yield


def test_extension_equal_to_its_base_is_refused(configs):
    path, found = broken(configs, "up to 20 working days", "up to 10 working days")
    assert found == [
        f"{path}:22:23: clock 'stage1.response': the extended limit 'up to 10 working days' must be longer than the clock's "
        "own limit 'within 10 working days': 'extended' is the total time allowed from 'received', not the extra time"
    ]


def test_extension_shorter_than_its_base_is_refused(configs):
    path, found = broken(configs, "up to 20 working days", "up to 5 working days")
    assert [problem.split(": clock")[0] for problem in found] == [f"{path}:22:23"]


def test_extension_in_calendar_days_ending_before_the_working_days_is_refused_with_the_first_date(configs, in_2026):
    # 14 calendar days against 10 working days, from Friday 20 March 2026: 14 days is Good
    # Friday 3 April; 10 working days are 23-27 March (5), 30 March-2 April (9), Good Friday
    # and Easter Monday skipped, Tuesday 7 April (10).  (From 1 January to 19 March the two
    # fall on the same day or 14 days later.)
    path, found = broken(configs, "up to 20 working days", "up to 14 days")
    assert found == [
        f"{path}:22:23: clock 'stage1.response': the extended limit 'up to 14 days' must not end before the clock's own limit "
        "'within 10 working days' on any day it can start, but from 2026-03-20 it ends on 2026-04-03 and the limit on "
        "2026-04-07: 'extended' is the total time allowed from 'received', not the extra time"
    ]


def test_units_are_compared_as_dates_for_every_start_day(configs, in_2026):
    # Walsall's stage 1 moved from 10 to 12 working days, its "up to 20 days" kept.  From
    # Monday 14 December 2026: 15-18 (4), 21-24 (8), Christmas Day and Boxing Day (observed
    # Monday 28) skipped, 29, 30, 31 (11), New Year's Day skipped, Monday 4 January 2027 (12);
    # 14 December + 20 days = Sunday 3 January 2027.  (The 18 December: 8 January
    # against 7 January.)
    twelve = MINIMAL.replace("within 10 working days", "within 12 working days", 1)
    path, found = broken(configs, "up to 20 working days", "up to 20 days", text=twelve)
    assert len(found) == 1
    assert "clock 'stage1.response'" in found[0]
    assert "from 2026-12-14 it ends on 2027-01-03 and the limit on 2027-01-04" in found[0]


def test_backwards_duration_needs_a_notice_clock(configs):
    path, found = broken(configs, "within 10 working days", "at least 10 working days before")
    assert found[0] == (
        f"{path}:21:18: 'at least 10 working days before' counts backwards ('before'), which only a notice clock "
        "does: add 'kind: notice' or remove 'before'"
    )


def test_a_notice_clock_counts_backwards(configs):
    path, found = broken(configs, "            label: Response\n", "            label: Notice\n            kind: notice\n")
    assert (
        f"{path}:22:18: a notice clock is due some time before its event, so write e.g. "
        "'at least 10 days before' (got 'within 10 working days')" in found
    )
    assert f"{path}:23:23: a notice clock cannot be extended" in found


def test_extension_conditions_need_an_extended_limit(configs):
    path, found = broken(configs, "            extended: up to 20 working days\n", "            extension: {requires: [reason]}\n")
    assert found == [
        f"{path}:22:13: clock 'stage1.response' describes an 'extension' but has no 'extended' limit: "
        "add e.g. 'extended: up to 20 working days' or 'extended: no limit stated'"
    ]


def test_nothing_to_extend_when_the_limit_is_not_stated(configs):
    path, found = broken(configs, "due: within 10 working days", "due: not stated")
    assert found == [f"{path}:22:23: clock 'stage1.response' has no stated limit ('due: not stated'), so it has nothing to extend"]


def test_a_reminder_says_before_or_after(configs):
    path, found = broken(
        configs, "            met_by: stage1.responded\n", "            met_by: stage1.responded\n            reminders: [2 working days]\n"
    )
    assert found == [
        f"{path}:24:25: a reminder must say whether it comes before or after the due date, "
        "e.g. '2 working days before' (got '2 working days')"
    ]


# -- events and stages -----------------------------------------------------------------------


def test_clock_from_an_event_that_does_not_exist(configs):
    path, found = broken(configs, "from: received", "from: recieved")
    assert found == [f"{path}:20:19: unknown event 'recieved': events are declared under 'events:'; did you mean 'received'?"]


def test_clock_met_by_an_event_that_does_not_exist(configs):
    path, found = broken(configs, "met_by: stage1.responded", "met_by: stage1.respnded")
    assert found == [
        f"{path}:23:21: unknown event 'stage1.respnded': events are declared under 'events:'; did you mean 'stage1.responded'?"
    ]


def test_clock_met_by_an_event_of_a_stage_that_does_not_exist(configs):
    path, found = broken(configs, "met_by: stage1.responded", "met_by: stage4.requested")
    assert found == [f"{path}:23:21: 'stage4.requested' belongs to stage 'stage4', which this procedure does not have (stages: stage1)"]


def test_event_of_a_stage_that_does_not_exist(configs):
    path, found = broken(
        configs,
        "      stage1.responded: {label: Responded}\n",
        "      stage1.responded: {label: Responded}\n      stage4.requested: {label: Asked}\n",
    )
    assert found == [
        f"{path}:14:7: event 'stage4.requested' belongs to stage 'stage4', which this procedure does not have (stages: stage1)"
    ]


def test_a_procedure_with_no_stages(configs):
    path = write(
        configs,
        "tiny.yaml",
        """
        authority: {slug: tiny, name: Tiny Council, reference_prefix: TNY, calendar: {nation: england}}
        procedures:
          - slug: complaints
            kind: corporate
            name: Complaints
            events: {received: {label: Received}}
            stages: {}
        """,
    )
    assert problems(path) == [f"{path}:7:13: a procedure needs at least one stage, e.g. 'stage1: {{name: Local resolution}}'"]


def test_every_procedure_starts_with_a_received_event(configs):
    path, found = broken(configs, "      received: {label: Received}\n", "      arrived: {label: Received}\n")
    assert found[0] == f"{path}:12:7: every procedure needs a 'received' event: the day the complaint arrives is day 0 of every timeline"
    assert found[1].startswith(f"{path}:20:19: unknown event 'received': events are declared under 'events:'")
    assert len(found) == 2


def test_an_event_meets_only_one_clock(configs):
    path, found = broken(
        configs,
        "            met_by: stage1.responded\n",
        "            met_by: stage1.responded\n"
        "          chase:\n            label: Chase\n            from: received\n            due: within 5 working days\n"
        "            met_by: stage1.responded\n",
    )
    assert found == [f"{path}:28:21: event 'stage1.responded' already meets clock 'stage1.response': each event can meet only one clock"]


def test_events_that_wait_for_each_other_in_a_circle(configs):
    path, found = broken(configs, "from: received", "from: stage1.responded")
    assert found == [f"{path}:23:21: clock 'stage1.response' cannot be met by the event it runs from ('stage1.responded')"]
    text = (
        MINIMAL.replace(
            "      stage1.responded: {label: Responded}\n",
            "      stage1.responded: {label: Responded, assumed: stage1.checked}\n      stage1.checked: {label: Checked}\n",
        )
        .replace("from: received", "from: stage1.checked")
        .replace("met_by: stage1.responded", "met_by: stage1.checked")
    )
    text = text.replace("from: stage1.checked", "from: stage1.responded")
    path = write(configs, "circle.yaml", text)
    assert problems(path) == [
        f"{path}:24:21: events wait for each other in a circle, so none of them can ever be dated: "
        "stage1.checked waits for stage1.responded waits for stage1.checked"
    ]


def test_the_ombudsman_comes_after_a_stage_that_exists(configs):
    path, found = broken(configs, "    stages:\n", "    ombudsman: {name: LGSCO, after_stage: stage3}\n    stages:\n")
    assert found == [f"{path}:14:43: 'after_stage' names stage 'stage3', which this procedure does not have (stages: stage1)"]


# -- the file as a whole ----------------------------------------------------------------------


def test_yaml_syntax_error_uses_the_parsers_position(configs):
    path, found = broken(configs, "  name: Tiny Council\n", "\tname: Tiny Council\n")
    assert found == [
        f"{path}:3:1: YAML syntax error: found character '\\t' that cannot start any token (while scanning for the next token)"
    ]


def test_unclosed_bracket_is_a_syntax_error_where_the_parser_gives_up(configs):
    # Inside {...} a plain value may run onto the next line, so "Received stage1.responded"
    # is read as one value and the parser stops at the ':' after it (line 13, column 23).
    path, found = broken(configs, "received: {label: Received}", "received: {label: Received")
    assert found == [
        f"{path}:13:23: YAML syntax error: expected ',' or '}}', but got ':' (while parsing a flow mapping at line 12, column 17)"
    ]


def test_empty_file(configs):
    path = write(configs, "empty.yaml", "")
    assert problems(path) == [f"{path}:1:1: the file is empty: expected a mapping of keys to values"]
    path = write(configs, "comments.yaml", "# nothing but a comment\n")
    assert problems(path) == [f"{path}:1:1: the file is empty: expected a mapping of keys to values"]


def test_file_that_is_not_a_mapping(configs):
    path = write(configs, "list.yaml", "- walsall\n- hampshire\n")
    assert problems(path) == [f"{path}:1:1: expected a mapping with 'authority:' and 'procedures:' at the top of the file, got a list"]


def test_every_problem_is_reported_at_once_sorted_by_line(configs):
    text = MINIMAL.replace("slug: tiny", "slug: Tiny").replace("nation: england", "nation: france")
    text = text.replace("from: received", "from: nowhere")
    path = write(configs, "tiny.yaml", text)
    found = problems(path)
    assert [problem.split(": ")[0].rsplit(":", 2)[1:] for problem in found] == [["2", "9"], ["6", "13"], ["20", "19"]]


def test_a_template_file_is_not_an_authority_file():
    with pytest.raises(ConfigInvalid) as caught:
        load_authority_file(CONFIGS / "base/statutory-england-2006.yaml")
    assert "this is a template file" in caught.value.errors[0].message


def test_load_never_raises_anything_but_config_invalid(configs, tmp_path):
    cases = {
        "missing file": tmp_path / "nope.yaml",
        "a folder": configs,
        "not utf-8": configs / "latin1.yaml",
        "python tag": write(configs, "tag.yaml", "authority: !!python/object:os.system {}\n"),
        "procedures a number": write(configs, "n.yaml", MINIMAL.split("procedures:")[0] + "procedures: 5\n"),
        "procedure a text": write(configs, "t.yaml", MINIMAL.split("procedures:")[0] + "procedures: [walsall]\n"),
        "bad extends": write(configs, "x.yaml", MINIMAL.replace("  - slug: complaints\n", "  - extends: ../../etc/passwd\n")),
        "alias loop": write(configs, "loop.yaml", "a: &x [*x]\n"),
    }
    (configs / "latin1.yaml").write_bytes("authority: {name: Caf\xe9}\n".encode("latin-1"))
    for case, path in cases.items():
        with pytest.raises(ConfigInvalid) as caught:
            load_authority_file(path)
        assert caught.value.errors, case
        assert all(error.line >= 1 and error.column >= 1 for error in caught.value.errors), case
    assert validate_files([tmp_path / "nope.yaml"]) == [caught_error(tmp_path / "nope.yaml")]


def caught_error(path):
    with pytest.raises(ConfigInvalid) as caught:
        load_authority_file(path)
    return caught.value.errors[0]


def test_text_from_the_editor_reports_the_name_it_was_given():
    with pytest.raises(ConfigInvalid) as caught:
        load_authority_text(MINIMAL.replace("nation: england", "nation: mars"), name="editor")
    assert str(caught.value.errors[0]).startswith("editor:6:13: nation 'mars' is not one of")


def test_config_invalid_lists_every_problem_in_its_message(configs):
    path = write(configs, "tiny.yaml", MINIMAL.replace("slug: tiny", "slug: Tiny").replace("TNY", "T"))
    with pytest.raises(ConfigInvalid) as caught:
        load_authority_file(path)
    lines = str(caught.value).splitlines()
    assert lines[0] == "2 problems in the process configuration"
    assert lines[1].startswith(f"{path}:2:9: ") and lines[2].startswith(f"{path}:4:21: ")
