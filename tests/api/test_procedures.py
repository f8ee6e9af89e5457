"""GET authorities/{authority}/procedures/{procedure}/: the published procedure as data."""

import pytest

from .helpers import ALL_SLUGS, API, assert_error_shape, load_seed_configs, seed_procedures

pytestmark = pytest.mark.django_db

CLOCK_FIELDS = {
    "key", "stage", "label", "kind", "from", "due", "duration", "extended",
    "extended_duration", "extension", "met_by", "reminders",
}  # fmt: skip


def procedure_url(authority: str, procedure: str) -> str:
    return f"{API}/authorities/{authority}/procedures/{procedure}/"


SEED_PROCEDURES = seed_procedures()


def test_every_authority_has_a_procedure_to_test():
    assert {authority for authority, _ in SEED_PROCEDURES} == set(ALL_SLUGS)
    assert ("ashby-vale", "adult-social-care") in SEED_PROCEDURES
    assert ("council-a", "corporate") in SEED_PROCEDURES


@pytest.mark.parametrize(("authority", "slug"), SEED_PROCEDURES)
def test_procedure_detail_matches_the_published_config(client, seed_configs, authority, slug):
    procedure = seed_configs[authority].procedure(slug)
    response = client.get(procedure_url(authority, slug))
    assert response.status_code == 200
    body = response.json()
    assert (body["authority"], body["version"], body["slug"], body["name"], body["kind"]) == (
        authority,
        1,
        slug,
        procedure.name,
        procedure.kind,
    )
    assert [stage["key"] for stage in body["stages"]] == list(procedure.stage_keys)
    for stage_out, stage in zip(body["stages"], procedure.stages, strict=True):
        assert (stage_out["name"], stage_out["roles"]) == (stage.name, list(stage.roles))
        assert stage_out["clocks"] == [clock.key for clock in stage.clocks]
    assert [event["key"] for event in body["events"]] == [event.key for event in procedure.events]
    assert body["channels"] == list(procedure.channels)
    assert body["eligibility"]["time_limit"] == procedure.eligibility.time_limit_text
    assert body["support"] == {
        "advocate": procedure.support.advocate,
        "interpreter": procedure.support.interpreter,
        "signer": procedure.support.signer,
        "bsl_video": procedure.support.bsl_video,
    }
    assert body["feedback"] == {"compliments": procedure.feedback.compliments, "comments": procedure.feedback.comments}
    assert (body["ombudsman"] is None) == (procedure.ombudsman is None)


@pytest.mark.parametrize(("authority", "slug"), SEED_PROCEDURES)
def test_clocks_give_the_limit_as_written_and_as_data(client, seed_configs, authority, slug):
    procedure = seed_configs[authority].procedure(slug)
    clocks = client.get(procedure_url(authority, slug)).json()["clocks"]
    assert [clock["key"] for clock in clocks] == [clock.key for clock in procedure.clocks]
    for clock_out, clock in zip(clocks, procedure.clocks, strict=True):
        assert set(clock_out) == CLOCK_FIELDS
        assert (clock_out["from"], clock_out["met_by"], clock_out["due"]) == (clock.from_event, clock.met_by, clock.due_text)
        assert clock_out["extended"] == clock.extended_text
        if clock.due is None:
            assert clock_out["duration"] is None
        else:
            assert clock_out["duration"] == {"amount": clock.due.amount, "unit": clock.due.unit, "direction": clock.due.direction}
        if clock.extended is None:
            assert clock_out["extended_duration"] is None
        else:
            assert clock_out["extended_duration"]["amount"] == clock.extended.amount


def test_walsall_stage1_response_extension_is_in_calendar_days_as_written(client, seed_configs):
    clocks = {c["key"]: c for c in client.get(procedure_url("walsall", "childrens-statutory")).json()["clocks"]}
    response = clocks["stage1.response"]
    assert response["due"] == "within 10 working days"
    assert response["duration"] == {"amount": 10, "unit": "working_days", "direction": "after"}
    assert response["extended"] == "up to 20 days"
    assert response["extended_duration"] == {"amount": 20, "unit": "days", "direction": "after"}
    assert response["extension"] == {"when": None, "requires": ["reason"], "max_times": None}


def test_a_limit_that_is_not_stated_has_no_duration(client, seed_configs):
    clocks = {c["key"]: c for c in client.get(procedure_url("council-a", "childrens-statutory")).json()["clocks"]}
    assert clocks["acknowledgement"]["due"] == "not stated"
    assert clocks["acknowledgement"]["duration"] is None
    assert clocks["stage1.response"]["extended"] == "no limit stated"
    assert clocks["stage1.response"]["extended_duration"] is None


def test_procedure_detail_reports_the_current_version(client, configs_copy):
    load_seed_configs(configs_copy)
    walsall = configs_copy / "walsall.yaml"
    walsall.write_text(walsall.read_text().replace("due: within 5 working days", "due: within 3 working days", 1))
    load_seed_configs(configs_copy)
    body = client.get(procedure_url("walsall", "childrens-statutory")).json()
    assert body["version"] == 2
    assert body["clocks"][0]["due"] == "within 3 working days"


def test_unknown_procedure_is_a_json_404_naming_the_known_ones(client, seed_configs):
    detail = assert_error_shape(client.get(procedure_url("council-a", "nonexistent")), 404, ["path", "procedure"])
    assert "childrens-statutory, corporate" in detail[0]["msg"]


def test_unknown_authority_of_a_procedure_is_a_json_404(client, seed_configs):
    assert_error_shape(client.get(procedure_url("atlantis", "childrens-statutory")), 404, ["path", "authority"])
