"""A YAML alias bomb ("billion laughs"): a few hundred bytes that expand to billions of values.

Every YAML reader (the loader, so ``process_config validate`` and the admin's YAML editor) reads
through ``yamlio.parse_yaml``, which refuses the first alias where it is written, before
anything is expanded: the document is never built, so there is nothing to expand.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaints_process.core.config import ConfigInvalid, load_authority_text
from complaints_process.core.config.yamlio import parse_yaml

LEVELS = "abcdefghi"
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n" for previous, name in zip(LEVELS, LEVELS[1:])
)  # 9**9 = 387,420,489 strings once expanded


def test_the_bomb_is_small_and_refused_at_its_first_alias_without_being_built():
    assert len(BOMB) < 500
    document = parse_yaml(BOMB, "bomb.yaml")
    assert document.root is None
    [error] = document.errors
    assert (error.line, error.column) == (2, 8)  # the "*" of "b: &b [*a, ..." (b, :, space, &, b, space, [, *)
    assert error.message.startswith("YAML aliases ('*name') are not supported")


def test_an_anchor_without_an_alias_is_harmless_and_a_single_alias_is_refused_too():
    assert parse_yaml("a: &x 1\nb: 2\n", "ok.yaml").errors == []
    assert "aliases" in parse_yaml("a: &x 1\nb: *x\n", "one.yaml").errors[0].message


def test_process_config_validate_refuses_the_bomb(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB)
    with pytest.raises(CommandError) as failure:
        call_command("process_config", "validate", str(path))
    assert failure.value.returncode == 1


def test_text_from_the_editor_with_the_bomb_is_refused():
    with pytest.raises(ConfigInvalid) as caught:
        load_authority_text(BOMB, name="editor")
    assert str(caught.value.errors[0]).startswith("editor:2:8: YAML aliases")


def test_the_comment_keeping_editor_refuses_the_bomb_too():
    from complaints_process.core.config.roundtrip import edit_source

    assert edit_source(BOMB, {}, {("a",): "x"}) is None  # "cannot carry the edits": the resolved text is used
    assert edit_source("a: 1  # kept\n", {"a": 1}, {("a",): 2}) == "a: 2  # kept\n"
