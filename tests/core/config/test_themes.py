"""A procedure's `themes`: the list staff choose a case's themes from, for the annual report."""

from __future__ import annotations

import json

from complaints_process.core.config import canonical_json, dump_authority, json_schema, load_authority_file, load_authority_text

from .conftest import CONFIGS, load_seed, problems, write
from .test_validation_errors import MINIMAL, broken

WITH_THEMES = MINIMAL.replace(
    "    name: Complaints\n", "    name: Complaints\n    themes: [Communication, '  Delay ', Staff  attitude]\n", 1
)


def test_themes_are_read_with_their_spacing_tidied(configs):
    procedure = load_authority_file(write(configs, "tiny.yaml", WITH_THEMES)).procedure("complaints")
    assert procedure.themes == ("Communication", "Delay", "Staff attitude")


def test_no_themes_means_free_text_and_leaves_the_canonical_text_unchanged():
    walsall = load_seed("walsall")
    assert walsall.procedure("childrens-statutory").themes == ()
    # Configs written before `themes` existed keep their canonical text, so their stored
    # versions' hashes still match and loading the same file creates no new version.
    assert '"themes"' not in canonical_json(walsall)


def test_themes_survive_export_and_canonical_json(configs, tmp_path):
    config = load_authority_file(write(configs, "tiny.yaml", WITH_THEMES))
    assert load_authority_text(dump_authority(config), configs_root=tmp_path) == config
    assert load_authority_text(canonical_json(config), configs_root=tmp_path) == config
    assert json.loads(canonical_json(config))["procedures"][0]["themes"] == ["Communication", "Delay", "Staff attitude"]


def test_a_theme_listed_twice_is_refused(configs):
    path, found = broken(
        configs, "    name: Complaints\n", "    name: Complaints\n    themes:\n      - Delay\n      - Money\n      - ' delay'\n"
    )
    assert found == [f"{path}:14:9: theme 'delay' is listed twice (first on line 12)"]


def test_a_theme_is_short_text(configs):
    path, found = broken(configs, "    name: Complaints\n", f"    name: Complaints\n    themes: ['', {'x' * 81}, 7]\n")
    assert found == [
        f"{path}:11:14: a theme needs some text, e.g. 'Communication'",
        f"{path}:11:18: a theme is a short category of at most 80 characters, e.g. 'Communication' (got 81)",
        f"{path}:11:101: themes: expected text, got the number 7",
    ]


def test_an_authority_replaces_a_templates_themes(configs):
    template = (CONFIGS / "base" / "corporate-lgsco-2024.yaml").read_text(encoding="utf-8")
    marker = "\nprocedure:\n"
    write(configs, "base/corporate-lgsco-2024.yaml", template.replace(marker, f"{marker}  themes: [Communication, Delay]\n", 1))
    authority = """
        authority:
          slug: tiny
          name: Tiny Council
          reference_prefix: TNY
          calendar: {nation: england}
        procedures:
          - extends: base/corporate-lgsco-2024
            slug: inherits
          - extends: base/corporate-lgsco-2024
            slug: replaces
            themes: [Council tax]
          - extends: base/corporate-lgsco-2024
            slug: removes
            themes: null
    """
    config = load_authority_file(write(configs, "tiny.yaml", authority))
    assert [p.themes for p in config.procedures] == [("Communication", "Delay"), ("Council tax",), ()]


def test_the_json_schema_describes_themes():
    themes = json_schema()["$defs"]["ProcedureModel"]["properties"]["themes"]
    assert themes["type"] == "array" and themes["items"] == {"type": "string", "minLength": 1, "maxLength": 80}


def test_a_repeat_in_a_one_line_list_points_at_the_second(configs):
    path = write(configs, "tiny.yaml", WITH_THEMES.replace("'  Delay '", "Communication"))
    assert problems(path) == [f"{path}:11:29: theme 'Communication' is listed twice (first on line 11)"]


def test_the_json_schema_checks_themes_like_the_loader():
    import copy

    import yaml

    from . import schema_check

    data = schema_check.as_json_data(yaml.safe_load((CONFIGS / "walsall.yaml").read_text(encoding="utf-8")))
    good = copy.deepcopy(data)
    good["procedures"][0]["themes"] = ["Communication", "Delay"]
    assert schema_check.problems(good, json_schema()) == []
    for bad in ([""], ["x" * 81], [7], "Delay"):
        broken_data = copy.deepcopy(data)
        broken_data["procedures"][0]["themes"] = bad
        assert schema_check.problems(broken_data, json_schema()), bad
