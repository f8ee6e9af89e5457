"""Procedures whose shape differs from the English statutory one run end to end.

* A Scottish council on the SPSO model complaints handling procedure: its stage 2 is counted
  from the request itself ("within 20 working days of receipt at stage 2"), so the request
  starts the stage: nothing waits for an acknowledgement or a statement of complaint.
* A Welsh council under the 2014 Regulations: stage 1 has a step between the acknowledgement
  and the response (a discussion with the complainant), recordable by one action, in order.

Dates are counted by hand.  Scottish bank holidays used: St Andrew's Day, Monday 30 November
2026 and Tuesday 30 November 2027; Christmas Day, Friday 25 December 2026, and Boxing Day's
substitute, Monday 28 December 2026; Good Friday 26 March 2027 (Easter Monday, 29 March 2027,
is a working day in Scotland); the August bank holiday, Monday 2 August 2027.  Welsh bank
holidays are England's.
"""

from datetime import date

import pytest

from complaints_process.core.config import load_authority_text
from complaints_process.core.config.shape import stage_shapes
from complaints_process.exceptions import IllegalTransition, InvalidAction
from complaints_process.models import CaseState, DeadlineStatus
from complaints_process.services.configs import publish_config
from tests.factories import AFONWEN, CONFIGS, GLENMORAY

SCOTTISH, WELSH = GLENMORAY, AFONWEN


def publish(text):
    config = load_authority_text(text, name="test.yaml", configs_root=CONFIGS)
    return publish_config(config, source_text=text, source_name="test.yaml").version.authority


def due(case, key):
    return case.deadlines.exclude(status="cancelled").get(clock_key=key).due


@pytest.fixture
def after_2027(frozen_today):
    frozen_today.move_to("2028-01-10 12:00Z")


def test_shapes_read_from_the_templates():
    spso = load_authority_text(SCOTTISH, name="s.yaml", configs_root=CONFIGS).procedures[0]
    wales = load_authority_text(WELSH, name="w.yaml", configs_root=CONFIGS).procedures[0]
    stage1, stage2 = stage_shapes(spso)
    assert stage1.steps == ("stage1.responded",)
    assert (stage2.steps, stage2.starts_at_request) == (("stage2.acknowledged", "stage2.responded"), True)
    stage1, stage2 = stage_shapes(wales)
    assert stage1.steps == ("acknowledged", "stage1.discussion_held", "stage1.responded")
    assert (stage2.steps, stage2.starts_at_request) == (("stage2.responded",), True)


def test_spso_stage2_counted_from_the_request_runs_to_closure(db, make_case, svc, superuser, after_2027):
    case = make_case(authority=publish(SCOTTISH), received_on=date(2026, 11, 27))
    # CHP: "within five working days" of Friday 27 November 2026, St Andrew's Day (Monday
    # 30 November) not counted: 1 (1), 2, 3, 4 (4), Monday 7 December (5).  Extended "to no
    # more than ten working days in all": 8 (6), 9, 10, 11 (9), Monday 14 December (10).
    stage1 = case.deadlines.get(clock_key="stage1.response")
    assert (stage1.due, stage1.extension_limit) == (date(2026, 12, 7), date(2026, 12, 14))
    case = svc.accept(case, user=superuser, on=date(2026, 11, 27))
    case = svc.respond(case, user=superuser, outcomes={1: "not_upheld", 2: "upheld"}, on=date(2026, 11, 30))
    case = svc.escalate(case, user=superuser, on=date(2026, 12, 1))
    # The request starts stage 2: nothing to agree or acknowledge before the clock runs.
    assert case.state == CaseState.STAGE2
    # CHP: "within 20 working days" of receipt at stage 2, Tuesday 1 December 2026: 2-4 (3),
    # 7-11 (8), 14-18 (13), 21-24 (17), Christmas Day and Monday 28 December (Boxing Day's
    # substitute) not counted, 29, 30 (19), Thursday 31 December (20).
    assert due(case, "stage2.response") == date(2026, 12, 31)
    # "acknowledge ... within three working days": 2, 3, Friday 4 December.
    assert due(case, "stage2.acknowledgement") == date(2026, 12, 4)
    with pytest.raises(IllegalTransition, match="Investigation request acknowledged"):
        svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 12, 3))
    case = svc.acknowledge_escalation(case, user=superuser, on=date(2026, 12, 3))
    assert case.state == CaseState.STAGE2
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 12, 31))
    assert case.deadlines.get(clock_key="stage2.response").on_time is True
    with pytest.raises(IllegalTransition, match="no further stage"):
        svc.escalate(case, user=superuser, on=date(2027, 1, 4))
    case = svc.close(case, user=superuser, on=date(2027, 1, 4))
    assert (case.state, case.ombudsman_name) == (CaseState.CLOSED, "Scottish Public Services Ombudsman")
    assert not case.deadlines.open().exists()


def test_spso_working_days_follow_scottish_bank_holidays(db, make_case, svc, superuser, after_2027):
    authority = publish(SCOTTISH)
    # Received Thursday 25 March 2027: Good Friday not counted, Easter Monday counted in
    # Scotland: 29 (1), 30, 31 March, 1 April (4), Friday 2 April (5).
    assert due(make_case(authority=authority, received_on=date(2027, 3, 25)), "stage1.response") == date(2027, 4, 2)
    # Received Thursday 25 November 2027: 26 (1), 29 (2), St Andrew's Day (Tuesday 30
    # November) not counted, 1, 2 December (4), Friday 3 December (5).
    assert due(make_case(authority=authority, received_on=date(2027, 11, 25)), "stage1.response") == date(2027, 12, 3)
    case = make_case(authority=authority, received_on=date(2027, 7, 12))
    case = svc.accept(case, user=superuser, on=date(2027, 7, 12))
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2027, 7, 19))
    case = svc.escalate(case, user=superuser, on=date(2027, 7, 26))
    # From Monday 26 July 2027: 27-30 (4), the August bank holiday (Monday 2 August) not
    # counted, 3-6 (8), 9-13 (13), 16-20 (18), 23 (19), Tuesday 24 August (20).
    assert due(case, "stage2.response") == date(2027, 8, 24)
    # Acknowledgement, three working days: 27, 28, Thursday 29 July.
    assert due(case, "stage2.acknowledgement") == date(2027, 7, 29)


def test_welsh_discussion_between_acknowledgement_and_response(db, make_case, svc, superuser, after_2027):
    case = make_case(authority=publish(WELSH), received_on=date(2027, 1, 4))
    # Regulations: acknowledge "within two working days" of Monday 4 January 2027: Wednesday 6.
    assert due(case, "acknowledgement") == date(2027, 1, 6)
    case = svc.accept(case, user=superuser, on=date(2027, 1, 4))
    with pytest.raises(IllegalTransition, match="Complaint acknowledged"):
        svc.record_step(case, user=superuser, on=date(2027, 1, 5))
    case = svc.acknowledge(case, user=superuser, on=date(2027, 1, 5))
    # Offer a discussion "within ten working days of the acknowledgement", Tuesday 5 January:
    # 6-8 (3), 11-15 (8), 18, Tuesday 19 January (10).
    assert due(case, "stage1.discussion") == date(2027, 1, 19)
    # The response counts from the discussion: it cannot be sent before the discussion is held.
    with pytest.raises(IllegalTransition, match="Discussion held with the complainant"):
        svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2027, 1, 8))
    # A step cannot be dated before the step it follows.
    with pytest.raises(InvalidAction, match="cannot be before the step it follows, 'Complaint acknowledged' on 5 January 2027"):
        svc.record_step(case, user=superuser, on=date(2027, 1, 4))
    with pytest.raises(InvalidAction, match="next step"):
        svc.record_step(case, user=superuser, event_key="stage1.responded", on=date(2027, 1, 18))
    case = svc.record_step(case, user=superuser, event_key="stage1.discussion_held", note="Met at home.", on=date(2027, 1, 18))
    assert (case.state, case.last_step) == (CaseState.STAGE1, "stage1.discussion_held")
    assert case.deadlines.get(clock_key="stage1.discussion").status == DeadlineStatus.MET
    assert case.events.get(event_key="stage1.discussion_held").reason == "Met at home."
    # A written response "within five working days of the discussion", Monday 18 January:
    # 19-22 (4), Monday 25 January (5).
    assert due(case, "stage1.response") == date(2027, 1, 25)
    with pytest.raises(IllegalTransition):
        svc.record_step(case, user=superuser, on=date(2027, 1, 19))  # nothing left for it to record
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2027, 1, 22))
    case = svc.escalate(case, user=superuser, on=date(2027, 2, 1))
    assert case.state == CaseState.STAGE2
    # Stage 2 "within 25 working days" of its start, Monday 1 February 2027: 2-5 (4), 8-12 (9),
    # 15-19 (14), 22-26 (19), 1-5 March (24), Monday 8 March (25).
    assert due(case, "stage2.response") == date(2027, 3, 8)
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2027, 3, 8))
    case = svc.close(case, user=superuser, on=date(2027, 3, 9))
    assert (case.state, case.ombudsman_name) == (CaseState.CLOSED, "Public Services Ombudsman for Wales")
    assert [e for e in case.events.values_list("event_key", flat=True) if e] == [
        "received",
        "acknowledged",
        "stage1.discussion_held",
        "stage1.responded",
        "stage2.requested",
        "stage2.responded",
    ]
