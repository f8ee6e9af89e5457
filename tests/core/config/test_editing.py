"""The structured editor's pure part: which values it offers, how it checks and applies them."""

from __future__ import annotations

import datetime as dt

import pytest

from complaints_process.core.config import ConfigInvalid, authority_data, load_authority_text
from complaints_process.core.config.editing import (
    CLOSURES_PATH,
    FieldInvalid,
    apply_edits,
    check_field,
    closures_value,
    collect_edits,
    editable_fields,
    owning_field,
    paths_by_line,
)
from complaints_process.core.config.export import dump_data

from .conftest import SEEDS, load_seed

STAGE2_RESPONSE = ("procedures", 0, "stages", "stage2", "clocks", "response")


def fields_by_path(data):
    return {field.path: field for field in editable_fields(data)}


def test_every_clock_of_walsall_offers_its_due_extended_and_reminders_with_current_values():
    fields = fields_by_path(authority_data(load_seed("walsall")))
    assert fields[(*STAGE2_RESPONSE, "due")].value == "within 25 working days"
    assert fields[(*STAGE2_RESPONSE, "extended")].value == "up to 65 working days"
    assert fields[("procedures", 0, "clocks", "acknowledgement", "due")].value == "within 5 working days"
    assert fields[("procedures", 0, "eligibility", "time_limit")].value == "12 months"
    assert fields[("procedures", 0, "stages", "stage1", "name")].kind == "stage_name"
    # A notice clock counts backwards and cannot be extended: no extension fields for it.
    notice = ("procedures", 0, "stages", "stage3", "clocks", "panel_notice")
    assert (*notice, "due") in fields and (*notice, "extended") not in fields


def test_the_escalation_window_is_named_as_such():
    fields = fields_by_path(authority_data(load_seed("walsall")))
    window = fields[("procedures", 0, "stages", "stage2", "clocks", "request", "due")]
    assert "Escalation window" in window.help


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("due", "within five fortnights", "five"),
        ("due", "", "required"),
        ("extended", "up to 20 working days before", "cannot say 'before'"),
        ("reminder_list", "2 working days", "before or after"),
        ("max_times", "twice", "whole number"),
        ("max_times", "0", "whole number"),
        ("time_limit", "12 moons", "moons"),
        ("stage_name", "  ", "required"),
    ],
)
def test_a_bad_value_is_refused_with_the_loaders_own_reason(kind, text, message):
    kind = "reminders" if kind == "reminder_list" else kind
    with pytest.raises(FieldInvalid) as refused:
        check_field(kind, text)
    assert message in str(refused.value)


def test_good_values_become_what_the_file_writes():
    assert check_field("due", " within 3 working days ") == "within 3 working days"
    assert check_field("extended", "") is None
    assert check_field("max_times", "2") == 2
    assert check_field("reminders", "2 working days before\n1 working day after") == ["2 working days before", "1 working day after"]
    assert check_field("reminders", "") == []


def test_closure_rows_skip_blank_ones_and_refuse_bad_and_repeated_dates():
    assert closures_value([("2026-12-29", "Offices closed"), ("", ""), ("2026-12-30", "")]) == [
        {"date": dt.date(2026, 12, 29), "reason": "Offices closed"},
        {"date": dt.date(2026, 12, 30), "reason": ""},
    ]
    with pytest.raises(FieldInvalid) as bad:
        closures_value([("2026-12-29", ""), ("29/12/2026", "")])
    assert bad.value.index == 1 and "YYYY-MM-DD" in str(bad.value)
    with pytest.raises(FieldInvalid) as twice:
        closures_value([("2026-12-29", ""), ("2026-12-29", "")])
    assert "listed twice" in str(twice.value)
    with pytest.raises(FieldInvalid, match="needs a date"):
        closures_value([("", "Staff training day")])


def test_applied_edits_load_back_with_the_new_timescale_and_nothing_else_changed():
    config = load_seed("walsall")
    data = authority_data(config)
    changed = apply_edits(
        data,
        {
            (*STAGE2_RESPONSE, "due"): "within 30 working days",
            (*STAGE2_RESPONSE, "extension", "max_times"): 1,
            CLOSURES_PATH: [{"date": dt.date(2026, 12, 29), "reason": "Offices closed"}],
        },
    )
    assert data == authority_data(config)  # the original is untouched
    loaded = load_authority_text(dump_data(changed))
    response = loaded.procedures[0].clock("stage2.response")
    assert (response.due_text, response.extended_text, response.extension.max_times) == (
        "within 30 working days",
        "up to 65 working days",
        1,
    )
    assert [c.day for c in loaded.calendar.closures] == [dt.date(2026, 12, 29)]
    before, after = authority_data(config), authority_data(loaded)
    before["procedures"][0]["stages"]["stage2"]["clocks"]["response"] = after["procedures"][0]["stages"]["stage2"]["clocks"]["response"]
    before["authority"]["calendar"] = after["authority"]["calendar"]
    assert before == after


def test_clearing_the_extended_limit_removes_the_extension_conditions_too():
    data = authority_data(load_seed("walsall"))
    fields = editable_fields(data)
    raw = {field.name: field.value for field in fields}
    raw["__".join(map(str, (*STAGE2_RESPONSE, "extended")))] = ""
    values, errors = collect_edits(fields, raw)
    assert errors == {}
    loaded = load_authority_text(dump_data(apply_edits(data, values)))
    clock = loaded.procedures[0].clock("stage2.response")
    assert clock.extended_text is None and clock.extension is None


@pytest.mark.parametrize("slug", SEEDS)
def test_submitting_every_seed_unchanged_gives_the_same_config(slug):
    config = load_seed(slug)
    data = authority_data(config)
    fields = editable_fields(data)
    values, errors = collect_edits(fields, {field.name: field.value for field in fields})
    assert errors == {}
    values[CLOSURES_PATH] = data["authority"]["calendar"]["closures"]
    assert load_authority_text(dump_data(apply_edits(data, values))) == config


def test_a_rule_across_keys_is_reported_beside_the_field_of_the_key_at_fault():
    data = authority_data(load_seed("walsall"))
    fields = editable_fields(data)
    text = dump_data(apply_edits(data, {(*STAGE2_RESPONSE, "extended"): "up to 20 working days"}))
    with pytest.raises(ConfigInvalid) as invalid:
        load_authority_text(text)
    (error,) = invalid.value.errors
    assert "must be longer" in error.message
    path = paths_by_line(text)[error.line]
    assert owning_field(path, fields).path == (*STAGE2_RESPONSE, "extended")
