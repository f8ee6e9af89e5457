"""`extends`: an authority writes only what differs from its template.

Mappings merge key by key (stages, clocks, events), in the template's order with new keys
appended; lists and single values replace; `null` removes an inherited entry.  Problems
found after merging point to the file where the offending value was written.
"""

from __future__ import annotations

import shutil

import pytest

from complaints_process.core.config import ConfigInvalid, load_authority_file, load_template_file, validate_files

from .conftest import CONFIGS, problems, write

TEMPLATE = """
template:
  slug: mini
  name: Mini template
  source: A test
procedure:
  slug: complaints
  kind: statutory
  name: Complaints
  channels: [online, phone]
  support: {advocate: true}
  events:
    received: {label: Received}
    stage1.responded: {label: Stage 1 sent}
    stage2.responded: {label: Stage 2 sent}
  stages:
    stage1:
      name: First
      clocks:
        response:
          label: First response
          from: received
          due: within 10 working days
          extended: up to 20 working days
          met_by: stage1.responded
    stage2:
      name: Second
      clocks:
        response: {label: Second response, from: stage1.responded, due: within 25 working days, met_by: stage2.responded}
"""

AUTHORITY_HEAD = """
authority:
  slug: tiny
  name: Tiny Council
  reference_prefix: TNY
  calendar: {nation: england}
procedures:
"""


@pytest.fixture
def mini(configs):
    write(configs, "base/mini.yaml", TEMPLATE)
    return configs


def authority(configs, procedure: str, name: str = "tiny.yaml"):
    return write(configs, name, AUTHORITY_HEAD.lstrip("\n") + procedure)


def test_a_procedure_that_only_names_its_template_gets_everything_from_it(mini):
    loaded = load_authority_file(authority(mini, "  - extends: base/mini\n"))
    procedure = loaded.procedure("complaints")
    assert procedure.name == "Complaints"
    assert [clock.key for clock in procedure.clocks] == ["stage1.response", "stage2.response"]
    assert procedure.channels == ("online", "phone")


def test_an_override_changes_one_value_and_keeps_its_siblings(mini):
    path = authority(
        mini,
        """\
  - extends: base/mini
    stages:
      stage1:
        clocks:
          response: {due: within 5 working days}
""",
    )
    clock = load_authority_file(path).procedure("complaints").clock("stage1.response")
    assert (clock.due_text, clock.extended_text, clock.label) == ("within 5 working days", "up to 20 working days", "First response")


def test_lists_replace_rather_than_add(mini):
    path = authority(mini, "  - extends: base/mini\n    channels: [letter]\n")
    assert load_authority_file(path).procedure("complaints").channels == ("letter",)


def test_new_stages_and_clocks_append_after_the_templates_in_order(mini):
    path = authority(
        mini,
        """\
  - extends: base/mini
    events:
      stage3.responded: {label: Panel answered}
      stage3.requested: {label: Panel asked}
      stage1.chased: {label: Chased}
    stages:
      stage3:
        name: Third
        clocks:
          request: {label: Ask for panel, kind: window, from: stage2.responded, due: within 20 working days, met_by: stage3.requested}
      stage1:
        clocks:
          chase: {label: Chase, from: received, due: within 5 working days, met_by: stage1.chased}
""",
    )
    procedure = load_authority_file(path).procedure("complaints")
    assert procedure.stage_keys == ("stage1", "stage2", "stage3")
    assert [clock.key for clock in procedure.clocks] == ["stage1.response", "stage1.chase", "stage2.response", "stage3.request"]
    assert [event.key for event in procedure.events][-2:] == ["stage3.requested", "stage1.chased"]


def test_null_removes_an_inherited_extension_stage_or_setting(mini):
    path = authority(
        mini,
        """\
  - extends: base/mini
    support: {advocate: null}
    stages:
      stage1:
        clocks:
          response: {extended: null}
      stage2: null
    events:
      stage2.responded: null
""",
    )
    procedure = load_authority_file(path).procedure("complaints")
    assert not procedure.clock("stage1.response").has_extension
    assert procedure.stage_keys == ("stage1",)
    assert procedure.support.advocate is False  # back to its default


def test_a_template_may_extend_another_template(mini):
    write(
        mini,
        "base/mini-plus.yaml",
        "template: {slug: mini-plus, name: Plus, source: Test}\nprocedure:\n  extends: base/mini\n  name: Plus\n",
    )
    template = load_template_file(mini / "base/mini-plus.yaml")
    assert template.procedure.name == "Plus"
    loaded = load_authority_file(authority(mini, "  - extends: base/mini-plus\n"))
    assert loaded.procedure("complaints").name == "Plus"


def test_extends_naming_a_missing_template(mini):
    path = authority(mini, "  - extends: base/mnii\n")
    assert problems(path) == [
        f"{path}:7:14: 'extends' names a template that does not exist: 'base/mnii' "
        f"(no file {mini / 'base/mnii.yaml'}); did you mean 'base/mini'?"
    ]


def test_extends_going_round_in_a_circle(configs):
    first = write(configs, "base/a.yaml", "template: {slug: a, name: A, source: Test}\nprocedure:\n  extends: base/b\n")
    second = write(configs, "base/b.yaml", "template: {slug: b, name: B, source: Test}\nprocedure:\n  extends: base/a\n")
    path = authority(configs, "  - extends: base/a\n")
    # a -> b -> a: reported where the circle closes, in b.yaml
    assert problems(path) == [f"{second}:3:12: 'extends' goes round in a circle: base/a -> base/b -> base/a"]
    assert [str(error) for error in validate_files([first])] == [
        f"{second}:3:12: 'extends' goes round in a circle: base/a -> base/b -> base/a"
    ]


def test_an_override_problem_points_into_the_authority_file(mini):
    path = authority(
        mini,
        """\
  - extends: base/mini
    stages:
      stage2:
        clocks:
          response: {from: stage1.respnded}
""",
    )
    assert problems(path) == [
        f"{path}:11:28: unknown event 'stage1.respnded': events are declared under 'events:'; did you mean 'stage1.responded'?"
    ]


def test_an_inherited_problem_points_into_the_template(mini):
    template = write(mini, "base/mini.yaml", TEMPLATE.replace("within 25 working days", "within 25 wrking days"))
    path = authority(mini, "  - extends: base/mini\n")
    found = problems(path)
    assert found == [
        f"{template}:28:73: cannot read 'within 25 wrking days' as a duration: "
        "expected a number then 'working days', 'days', 'weeks' or 'months'"
    ]


def test_removing_an_event_a_clock_still_needs_is_caught_at_the_clock_in_the_template(mini):
    path = authority(mini, "  - extends: base/mini\n    events:\n      stage1.responded: null\n")
    template = mini / "base/mini.yaml"
    found = problems(path)
    assert found == [
        f"{template}:24:19: unknown event 'stage1.responded': events are declared under 'events:'; did you mean 'stage2.responded'?",
        f"{template}:28:50: unknown event 'stage1.responded': events are declared under 'events:'; did you mean 'stage2.responded'?",
    ]


def test_the_seed_templates_resolve_from_the_package_when_the_folder_has_none(tmp_path):
    """A site's configs folder holds only its authority files: `extends: base/...` reads the
    template shipped inside the package."""
    folder = tmp_path / "elsewhere" / "process_configs"
    folder.mkdir(parents=True)
    shutil.copy(CONFIGS / "walsall.yaml", folder)
    assert load_authority_file(folder / "walsall.yaml").name == "Walsall Council"


def test_a_template_in_the_folder_overrides_the_packaged_one(tmp_path):
    folder = tmp_path / "process_configs"
    (folder / "base").mkdir(parents=True)
    shutil.copy(CONFIGS / "walsall.yaml", folder)
    template = (CONFIGS / "base" / "statutory-england-2006.yaml").read_text(encoding="utf-8")
    assert template.count("name: Local Government and Social Care Ombudsman") == 1
    (folder / "base" / "statutory-england-2006.yaml").write_text(
        template.replace("name: Local Government and Social Care Ombudsman", "name: The Overriding Ombudsman"), encoding="utf-8"
    )
    assert load_authority_file(folder / "walsall.yaml").procedures[0].ombudsman.name == "The Overriding Ombudsman"
    (folder / "base" / "statutory-england-2006.yaml").write_text("template: [not a template]\n", encoding="utf-8")
    with pytest.raises(ConfigInvalid):  # the folder's own file is read, not silently the packaged one
        load_authority_file(folder / "walsall.yaml")


def test_a_template_that_exists_nowhere_is_named(tmp_path):
    folder = tmp_path / "process_configs"
    folder.mkdir()
    text = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8").replace("extends: base/statutory-england-2006", "extends: base/statutory-england-2007")
    (folder / "walsall.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigInvalid) as caught:
        load_authority_file(folder / "walsall.yaml")
    message = caught.value.errors[0].message
    assert "'extends' names a template that does not exist: 'base/statutory-england-2007'" in message
    assert "did you mean 'base/statutory-england-2006'?" in message
