"""docs/config-reference.md documents every key and every allowed value of the schema."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from complaints_process.core.config import schema

from .conftest import REPO

REFERENCE = (REPO / "docs" / "config-reference.md").read_text(encoding="utf-8")

MODELS = [
    value for value in vars(schema).values() if isinstance(value, type) and issubclass(value, schema.Strict) and value is not schema.Strict
]


def _literal_values(annotation) -> list[str]:
    values = []
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    for argument in typing.get_args(annotation):
        values += _literal_values(argument)
    return values


def test_every_model_of_the_schema_is_seen():
    names = {model.__name__ for model in MODELS}
    assert {"AuthorityFile", "ProcedureModel", "ClockModel", "StageModel", "TemplateFile"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_key_appears_in_the_reference(model: type[BaseModel]):
    missing = [info.alias or name for name, info in model.model_fields.items() if f"`{info.alias or name}`" not in REFERENCE]
    assert missing == []


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_allowed_value_appears_in_the_reference(model: type[BaseModel]):
    missing = []
    for info in model.model_fields.values():
        for value in _literal_values(info.annotation):
            if f"`{value}`" not in REFERENCE:
                missing.append(value)
    assert missing == []


def test_extends_and_the_special_words_are_documented():
    for word in ("extends", "not stated", "no limit stated", "none", "null", "_extended", "received"):
        assert f"`{word}" in REFERENCE, word
