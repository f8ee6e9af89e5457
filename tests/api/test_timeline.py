"""GET .../procedures/{procedure}/timeline?received=YYYY-MM-DD: the command's timeline, over HTTP."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints_process.core.config import build_timeline

from .helpers import API, assert_error_shape, command_timeline_json, load_seed_configs, seed_procedures

pytestmark = pytest.mark.django_db

SEED_PROCEDURES = seed_procedures()
# A Monday, Christmas Eve, Good Friday 2026 (a bank holiday) and a Saturday: day 0 whatever it is.
RECEIVED_DAYS = ["2026-01-05", "2025-12-24", "2026-04-03", "2026-05-23"]
HYPOTHESIS = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def timeline_url(authority: str, procedure: str) -> str:
    return f"{API}/authorities/{authority}/procedures/{procedure}/timeline"


@pytest.mark.parametrize(("authority", "procedure"), SEED_PROCEDURES)
@pytest.mark.parametrize("received", RECEIVED_DAYS)
def test_timeline_equals_the_management_commands_json(client, seed_configs, authority, procedure, received):
    response = client.get(timeline_url(authority, procedure), {"received": received})
    assert response.status_code == 200
    assert response.json() == command_timeline_json(authority, procedure, received)


def test_timeline_rows_have_the_commands_fields_in_its_order(client, seed_configs):
    rows = client.get(timeline_url("walsall", "childrens-statutory"), {"received": "2026-01-05"}).json()
    assert [list(row) for row in rows] == [["key", "label", "due", "rule", "from", "starts"]] * len(rows)
    first = rows[0]
    assert first == {
        "key": "acknowledgement",
        "label": first["label"],
        "due": "2026-01-12",  # 5 working days after Monday 5 January 2026
        "rule": "within 5 working days",
        "from": "received",
        "starts": "2026-01-05",
    }


def test_timeline_follows_a_new_closure_day_in_the_current_version(client, configs_copy):
    load_seed_configs(configs_copy)
    before = client.get(timeline_url("walsall", "childrens-statutory"), {"received": "2026-01-05"}).json()
    walsall = configs_copy / "walsall.yaml"
    walsall.write_text(walsall.read_text().replace("closures: []", "closures:\n      - {date: 2026-01-07, reason: Offices closed}", 1))
    load_seed_configs(configs_copy)
    after = client.get(timeline_url("walsall", "childrens-statutory"), {"received": "2026-01-05"}).json()
    assert before[0]["due"] == "2026-01-12" and after[0]["due"] == "2026-01-13"
    assert after == command_timeline_json("walsall", "childrens-statutory", "2026-01-05")


@pytest.mark.parametrize(
    "received",
    [
        "",
        "tomorrow",
        "2026-02-30",
        "2026-13-01",
        "0",
        "1700000000",
        "20260105",
        "2026-1-5",
        "2026-01-05T00:00:00",
        " 2026-01-05",
        "٢٠٢٦-٠١-٠٥",
    ],
)
def test_a_received_value_that_is_not_a_yyyy_mm_dd_date_is_a_422_on_the_query_parameter(client, seed_configs, received):
    assert_error_shape(client.get(timeline_url("walsall", "childrens-statutory"), {"received": received}), 422, ["query", "received"])


def test_missing_received_is_a_422(client, seed_configs):
    detail = assert_error_shape(client.get(timeline_url("walsall", "childrens-statutory")), 422, ["query", "received"])
    assert detail[0]["type"] == "missing"


def test_a_date_whose_deadlines_run_past_year_9999_is_a_422_not_a_500(client, seed_configs):
    detail = assert_error_shape(
        client.get(timeline_url("walsall", "childrens-statutory"), {"received": "9999-12-31"}), 422, ["query", "received"]
    )
    assert detail[0]["type"] == "date_out_of_range"


def test_unknown_authority_or_procedure_is_a_404_before_the_date_is_used(client, seed_configs):
    assert_error_shape(client.get(timeline_url("atlantis", "childrens-statutory"), {"received": "2026-01-05"}), 404, ["path", "authority"])
    assert_error_shape(client.get(timeline_url("walsall", "corporate"), {"received": "2026-01-05"}), 404, ["path", "procedure"])


# Fuzz: whatever is sent as `received`, the answer is a timeline or a JSON 422, never a 500.
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)  # Cs: lone surrogates cannot be URL-encoded
DATE_LIKE_TEXT = st.from_regex(r"\A[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}\Z")
ANY_DATE_TEXT = st.dates().map(dt.date.isoformat)


@HYPOTHESIS
@given(received=st.one_of(ANY_TEXT, DATE_LIKE_TEXT, ANY_DATE_TEXT))
def test_fuzzed_received_never_gives_a_server_error(client, seed_configs, received):
    response = client.get(timeline_url("council-a", "childrens-statutory"), {"received": received})
    assert response.status_code in (200, 422), (received, response.content)
    if response.status_code == 422:
        assert_error_shape(response, 422, ["query", "received"])
    else:
        assert isinstance(response.json(), list)
        dt.date.fromisoformat(received)
        assert len(received) == 10


@HYPOTHESIS
@given(received=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_any_date_gives_the_engines_timeline(client, seed_configs, received):
    config = seed_configs["walsall"]
    expected = [entry.as_dict() for entry in build_timeline(config.procedures[0], received, config.working_calendar())]
    response = client.get(timeline_url("walsall", "childrens-statutory"), {"received": received.isoformat()})
    assert response.json() == expected
