"""`manage.py process_config walk`: every path of a procedure through the real case services.

Expected dates are counted by hand from the configs' sources (quoted), day 0 the event's day.
England 2026-27 bank holidays: Christmas Day (Friday 25 December), Boxing Day (Saturday 26,
observed Monday 28 December), New Year's Day (Friday 1 January), Good Friday 26 March and
Easter Monday 29 March 2027.  Scotland adds St Andrew's Day and 2 January (a Saturday in 2027,
observed Monday 4 January).
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaints_process.core.config import load_authority_file, load_authority_text, walkable
from complaints_process.models import CaseEvent, Complaint
from complaints_process.services.configs import publish_config
from tests.factories import CONFIGS, GLENMORAY


# Stage 2 declares no step of its own: once it is asked for there is nothing an officer can
# record.  validate refuses it (tests/core/config/test_walkable.py); the test stores it as a
# version stored before that check could have been.
STUCK = """
authority: {slug: stuck, name: Stuck Council, reference_prefix: STK, calendar: {nation: england}}
procedures:
  - slug: corporate
    kind: corporate
    name: A procedure with an empty stage
    events:
      received: {label: Complaint received}
      stage1.responded: {label: Stage 1 response sent}
      stage2.requested: {label: Stage 2 requested}
    stages:
      stage1:
        name: Stage 1
        clocks:
          response: {label: Stage 1 response, from: received, due: within 10 working days, met_by: stage1.responded}
      stage2:
        name: Stage 2
        clocks:
          request: {label: Request, kind: window, from: stage1.responded, due: within 20 working days, met_by: stage2.requested}
"""


def run(*args) -> str:
    out = StringIO()
    call_command("process_config", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def by_name(paths):
    return {path["name"]: path for path in paths}


@pytest.mark.django_db
def test_walsall_walks_every_path_on_the_last_day_allowed_and_keeps_nothing(configs_copy):
    run("load", str(configs_copy / "walsall.yaml"))
    paths = json.loads(run("walk", "walsall", "--received", "2026-12-18", "--json"))
    for path in paths:
        assert {"path", "steps", "clocks", "final_state"} <= set(path)
        assert path["final_state"] in ("closed", "withdrawn", "not_accepted", "handled_outside"), path["name"]
        assert "stuck" not in path
        assert [step["action"] for step in path["steps"]] == path["path"]
    paths = by_name(paths)
    assert set(paths) == {
        "refused",
        "handled outside",
        "withdrawn",
        "closed after stage1",
        "lapsed after stage1",
        "closed after stage2",
        "lapsed after stage2",
        "every stage",
        "stage1 extended",
        "stage2 extended",
        "stage1 paused",
        "stage2 paused",
        "withdrawn at stage1",
        "withdrawn at stage2",
        "withdrawn at stage3",
    }
    full = paths["every stage"]
    assert [(s["action"], s["on"], s["state"]) for s in full["steps"]] == [
        # 004: "within 5 working days" of Friday 18 December 2026: 21-24 (4), Tuesday 29 (5).
        ("acknowledge", "2026-12-29", "received"),
        ("accept", "2026-12-29", "stage1"),
        # "We aim to respond within 10 working days": 30, 31 December (7), 4, 5, Wednesday 6 January (10).
        ("respond", "2027-01-06", "stage1_responded"),
        # The walk records no way of sending the response, so it is taken as received on the
        # latest day the receipt rules give (post, "2 working days after"): Friday 8 January.
        # "within 20 working days of receiving the response letter": 11-15 (5), 18-22 (10),
        # 25-29 (15), 1-5 February (20): Friday 5 February.
        ("escalate", "2027-02-05", "stage2_requested"),
        # The statement of complaint is agreed the same day (no clock times it).
        ("agree_statement", "2027-02-05", "stage2"),
        # "within 25 working days": 8-12 (5), 15-19 (10), 22-26 (15), 1-5 March (20),
        # 8-12 March (25): Friday 12 March.
        ("respond", "2027-03-12", "stage2_responded"),
        # Received (post) Tuesday 16 March.  "within 20 working days of receiving your Stage 2
        # response letter": 17-19 (3), 22-25 (7), Good Friday 26 and Easter Monday 29 March
        # skipped, 30 March-2 April (11), 5-9 (16), 12-15 April (20): Thursday 15 April.
        ("escalate", "2027-04-15", "stage3_requested"),
        # "The panel must meet within 30 days of getting your request": Saturday 15 May; notice
        # "at least 10 days before the meeting": Wednesday 5 May.  The panel meets on the day
        # it was convened for (never before it).
        ("convene_panel", "2027-05-05", "stage3"),
        ("record_panel_met", "2027-05-15", "stage3"),
        # "a report within 5 days of the meeting": Thursday 20 May.
        ("record_panel_report", "2027-05-20", "stage3"),
        # "respond to the panel's report within 15 days": Friday 4 June.
        ("record_authority_response", "2027-06-04", "stage3_responded"),
        ("close", "2027-06-04", "closed"),
    ]
    clocks = {clock["key"]: clock for clock in full["clocks"]}
    assert (clocks["stage2.response"]["starts"], clocks["stage2.response"]["due"]) == ("2027-02-05", "2027-03-12")
    # "it might take up to 20 days": calendar days from receipt, Thursday 7 January 2027.
    extended = by_name(json.loads(run("walk", "walsall", "--received", "2026-12-18", "--json")))["stage1 extended"]
    assert [(s["action"], s["on"]) for s in extended["steps"][2:4]] == [("extend", "2027-01-06"), ("respond", "2027-01-07")]
    paused = paths["stage1 paused"]
    # The template lets stage 1's clock stop while the child's consent is sought (the paused
    # path's complainant is a parent).  Stopped on Tuesday 29 December, restarted a week later,
    # Tuesday 5 January: 30, 31 December, 4, 5 January are the working days stopped (New
    # Year's Day is a bank holiday), so the response moves from Wednesday 6 January by four
    # working days: 7, 8, 11, Tuesday 12 January.
    assert [(s["action"], s["on"]) for s in paused["steps"][2:5]] == [
        ("pause_clock", "2026-12-29"),
        ("resume_clock", "2027-01-05"),
        ("respond", "2027-01-12"),
    ]
    assert paused["final_state"] == "closed"
    withdrawn = paths["withdrawn at stage2"]
    assert (withdrawn["path"][-2:], withdrawn["final_state"]) == (["escalate", "withdraw"], "withdrawn")
    lapsed = paths["lapsed after stage1"]
    # The window's last day is 5 February; the worker lapses the case the day after.
    assert (lapsed["path"][-1], lapsed["steps"][-1]["on"], lapsed["final_state"]) == ("lapse", "2027-02-06", "closed")
    # Rolled back: no case, no event is left.
    assert not Complaint.objects.exists() and not CaseEvent.objects.exists()


@pytest.mark.django_db
def test_spso_stage2_counted_from_the_request_walks_to_the_ombudsman(configs_copy):
    (configs_copy / "glenmoray.yaml").write_text(GLENMORAY)
    paths = by_name(json.loads(run("walk", "glenmoray", "--received", "2026-11-27", "--json")))
    full = paths["every stage"]
    assert [(s["action"], s["on"], s["state"]) for s in full["steps"]] == [
        ("accept", "2026-11-27", "stage1"),
        # CHP: "within five working days" of Friday 27 November 2026, St Andrew's Day (Monday
        # 30 November) not counted: 1-4 December (4), Monday 7 December (5).
        ("respond", "2026-12-07", "stage1_responded"),
        # No time is set for asking for stage 2: the request is taken the same day, and it
        # starts the stage.
        ("escalate", "2026-12-07", "stage2"),
        # "acknowledge ... within three working days": 8, 9, Thursday 10 December.
        ("acknowledge_escalation", "2026-12-10", "stage2"),
        # "within 20 working days" of receipt at stage 2, Monday 7 December: 8-11 (4),
        # 14-18 (9), 21-24 (13), 29-31 (16; Christmas and Boxing Day's Monday not counted),
        # 1 January and 2 January's Monday (4 January) not counted, 5-8 January (20).
        ("respond", "2027-01-08", "stage2_responded"),
        ("close", "2027-01-08", "closed"),
    ]
    assert "lapsed after stage1" not in paths  # the CHP sets no window, so nothing lapses


@pytest.mark.django_db
def test_a_procedure_that_strands_its_cases_exits_1_and_names_the_stuck_path(configs_copy, monkeypatch):
    monkeypatch.setattr(walkable, "walk_problems", lambda procedure: [])
    config = load_authority_text(STUCK, name="stuck.yaml", configs_root=configs_copy)
    publish_config(config, source_text=STUCK, source_name="stuck.yaml")
    with pytest.raises(CommandError) as failure:
        run("walk", "stuck", "--received", "2026-12-18")
    assert failure.value.returncode == 1
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("process_config", "walk", "stuck", "--received", "2026-12-18", "--json", stdout=out, stderr=StringIO())
    paths = by_name(json.loads(out.getvalue()))
    assert paths["every stage"]["final_state"] == "stage2"
    assert "no step left to record" in paths["every stage"]["stuck"]
    assert "stuck" not in paths["closed after stage1"]


@pytest.mark.django_db
def test_walk_refuses_an_unknown_authority_or_procedure(configs_copy):
    with pytest.raises(CommandError, match="unknown authority"):
        run("walk", "nowhere", "--received", "2026-12-18")
    with pytest.raises(CommandError, match="no procedure"):
        run("walk", "walsall", "--procedure", "nothing", "--received", "2026-12-18")


@pytest.mark.django_db
def test_ashby_vale_adults_procedure_walks_its_one_stage_to_the_ombudsman(configs_copy):
    paths = by_name(json.loads(run("walk", "ashby-vale", "--procedure", "adult-social-care", "--received", "2026-12-18", "--json")))
    assert all("stuck" not in path for path in paths.values())
    assert set(paths) == {"refused", "handled outside", "withdrawn", "every stage", "stage1 extended", "withdrawn at stage1"}
    assert [(s["action"], s["on"], s["state"]) for s in paths["every stage"]["steps"]] == [
        # The 2009 Regulations, reg. 13: acknowledge "not later than 3 working days after the day
        # on which it receives the complaint": Friday 18 December 2026, then 21 (1), 22 (2),
        # Wednesday 23 December (3).
        ("acknowledge", "2026-12-23", "received"),
        ("accept", "2026-12-23", "stage1"),
        # Reg. 14: a response within "the period of six months beginning on the day on which the
        # complaint was received": 18 December 2026 + 6 months = Friday 18 June 2027.
        ("respond", "2027-06-18", "stage1_responded"),
        # One stage: the response is the last step; the Ombudsman follows.
        ("close", "2027-06-18", "closed"),
    ]


def shipped_procedures():
    """(authority, procedure) for every procedure of every shipped config, read from the files."""
    pairs = []
    for path in sorted(CONFIGS.glob("*.yaml")):
        config = load_authority_file(path, configs_root=CONFIGS)
        pairs += [(config.slug, procedure.slug) for procedure in config.procedures]
    return pairs


FINAL = {"closed", "withdrawn", "not_accepted", "handled_outside"}


@pytest.mark.django_db
@pytest.mark.parametrize("authority,procedure", shipped_procedures())
def test_every_shipped_procedure_walks_every_path_to_a_final_state(configs_copy, authority, procedure):
    # Received on the Friday before Christmas, so paths cross bank holidays in every nation.
    paths = json.loads(run("walk", authority, "--procedure", procedure, "--received", "2026-12-18", "--json"))
    assert {"refused", "withdrawn", "every stage"} <= {path["name"] for path in paths}
    for path in paths:
        assert "stuck" not in path, (path["name"], path.get("stuck"))
        assert path["final_state"] in FINAL, path["name"]
        assert path["clocks"], path["name"]
        assert all(clock["key"].count(".") <= 1 for clock in path["clocks"])  # canonical keys
