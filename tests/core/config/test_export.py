"""Exporting a config: YAML that loads back to the same config, and a stable canonical JSON."""

from __future__ import annotations

import json

import pytest
import yaml

from complaints_process.core.config import (
    canonical_json,
    dump_authority,
    load_authority_file,
    load_authority_text,
    validate_files,
)

from .conftest import CONFIGS, SEEDS, load_seed


@pytest.mark.parametrize("slug", SEEDS)
def test_dump_then_load_gives_an_equal_config(slug, tmp_path):
    original = load_seed(slug)
    dumped = dump_authority(original)
    # fully resolved: it loads with no templates anywhere near it
    reloaded = load_authority_text(dumped, name="export.yaml", configs_root=tmp_path)
    assert reloaded == original
    assert canonical_json(reloaded) == canonical_json(original)


@pytest.mark.parametrize("slug", SEEDS)
def test_an_exported_file_validates_on_its_own(slug, tmp_path):
    path = tmp_path / "export.yaml"
    path.write_text(dump_authority(load_seed(slug)), encoding="utf-8")
    assert validate_files([path]) == []


def test_export_has_no_extends_and_keeps_order_and_wording():
    dumped = dump_authority(load_seed("walsall"))
    data = yaml.safe_load(dumped)
    procedure = data["procedures"][0]
    assert "extends" not in procedure
    assert list(procedure["stages"]) == ["stage1", "stage2", "stage3"]
    assert list(procedure["stages"]["stage3"]["clocks"]) == [
        "request",
        "panel_meeting",
        "panel_notice",
        "panel_report",
        "authority_response",
    ]
    assert procedure["stages"]["stage3"]["clocks"]["panel_meeting"]["due"] == "within 30 days"
    assert procedure["clocks"]["acknowledgement"]["due"] == "within 5 working days"
    assert dumped.startswith("# Walsall Council: process configuration exported")


def test_canonical_json_is_identical_for_identical_configs():
    assert canonical_json(load_seed("hampshire")) == canonical_json(load_seed("hampshire"))


def test_canonical_json_changes_when_a_deadline_changes(tmp_path):
    text = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "process_configs" / "walsall.yaml"
    changed.parent.mkdir()
    (tmp_path / "process_configs" / "base").symlink_to(CONFIGS / "base")
    changed.write_text(text.replace("due: within 5 working days", "due: within 3 working days"), encoding="utf-8")
    assert canonical_json(load_authority_file(changed)) != canonical_json(load_seed("walsall"))


def test_canonical_json_changes_when_a_closure_day_is_added(tmp_path):
    text = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "process_configs"
    folder.mkdir()
    (folder / "base").symlink_to(CONFIGS / "base")
    with_closure = text.replace("closures: []", "closures: [{date: 2026-12-29, reason: Offices closed}]")
    (folder / "walsall.yaml").write_text(with_closure, encoding="utf-8")
    closed = load_authority_file(folder / "walsall.yaml")
    assert canonical_json(closed) != canonical_json(load_seed("walsall"))
    assert json.loads(canonical_json(closed))["authority"]["calendar"]["closures"] == [{"date": "2026-12-29", "reason": "Offices closed"}]


@pytest.mark.parametrize("slug", SEEDS)
def test_canonical_json_reads_back_as_the_same_config(slug):
    original = load_seed(slug)
    assert load_authority_text(canonical_json(original), name="stored.json") == original


def test_canonical_json_is_compact_json_in_the_files_order():
    text = canonical_json(load_seed("walsall"))
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert list(data["procedures"][0]["stages"]) == ["stage1", "stage2", "stage3"]
