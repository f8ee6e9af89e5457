"""The JSON Schema editors use: well formed, and the seed files conform to it."""

from __future__ import annotations

import json

import pytest
import yaml

from complaints_process.core.config import json_schema

from . import schema_check
from .conftest import CONFIGS, SEEDS, TEMPLATES


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _seed(name: str):
    return schema_check.as_json_data(yaml.safe_load((CONFIGS / f"{name}.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("kind", ["authority", "template"])
def test_the_schema_is_plain_json_with_resolvable_references(kind):
    schema = json_schema(kind)
    assert json.loads(json.dumps(schema)) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in schema["$defs"], ref
    assert schema_check.unknown_keywords(schema) == []


def test_every_required_key_is_a_declared_property():
    for name, definition in json_schema()["$defs"].items():
        for key in definition.get("required", ()):
            assert key in definition["properties"], (name, key)


def test_the_schema_forbids_unknown_keys_everywhere():
    for name, definition in json_schema()["$defs"].items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, name


@pytest.mark.parametrize("slug", SEEDS)
def test_seed_authority_files_conform_to_the_schema(slug):
    assert schema_check.problems(_seed(slug), json_schema()) == []


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_conform_to_the_template_schema(name):
    assert schema_check.problems(_seed(name), json_schema("template")) == []


def test_the_schema_rejects_what_the_loader_rejects():
    schema = json_schema()
    data = _seed("walsall")
    data["authority"]["calendar"]["nation"] = "englnd"
    data["procedures"][0]["stages"]["stage1"]["clocks"]["response"]["dew"] = "within 10 working days"
    data["authority"]["reference_prefix"] = "wal"
    found = schema_check.problems(data, schema)
    assert any("/authority/calendar/nation" in problem for problem in found)
    assert any("/authority/reference_prefix" in problem for problem in found)
    assert any("/procedures/0" in problem for problem in found)  # the unknown 'dew'


def test_a_procedure_without_extends_must_be_complete():
    data = _seed("walsall")
    del data["procedures"][0]["extends"]
    found = schema_check.problems(data, json_schema())
    assert found  # no template to fill in kind, events...


def test_with_the_jsonschema_package_if_installed():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for slug in SEEDS:
        jsonschema.validate(_seed(slug), schema, cls=jsonschema.Draft202012Validator)
