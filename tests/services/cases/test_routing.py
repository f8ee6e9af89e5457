"""Routing between an authority's statutory and corporate procedures."""

from datetime import date

import pytest

from complaints_process.exceptions import IllegalTransition, InvalidAction


def test_a_complaint_about_a_statutory_childrens_service_follows_the_statutory_procedure(seed, make_case):
    case = make_case(authority=seed("council-a"), about_statutory_childrens_service=True)
    assert case.procedure_slug == "childrens-statutory"


def test_where_both_exist_any_other_complaint_goes_to_the_corporate_procedure(seed, make_case):
    case = make_case(authority=seed("council-a"), about_statutory_childrens_service=False)
    assert case.procedure_slug == "corporate"


def test_with_no_corporate_procedure_the_statutory_one_takes_every_complaint(seed, make_case):
    case = make_case(authority=seed("walsall"), about_statutory_childrens_service=False)
    assert case.procedure_slug == "childrens-statutory"


def test_a_case_moved_to_the_corporate_procedure_gets_its_clocks_with_a_recorded_reason(seed, make_case, svc, superuser):
    case = make_case(authority=seed("council-a"), received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 4))
    statutory_stage1 = case.deadlines.get(clock_key="stage1.response")
    case = svc.reroute(case, user=superuser, procedure_slug="corporate", reason="About council tax, not social care.", on=date(2026, 3, 5))
    assert case.procedure_slug == "corporate"
    statutory_stage1.refresh_from_db()
    assert statutory_stage1.status == "cancelled"
    # Corporate stage 1 counts 10 working days from the acknowledgement, Wednesday 4 March:
    # Wednesday 18 March.
    assert case.deadlines.get(clock_key="stage1.response", status="pending").due == date(2026, 3, 18)
    # The acknowledgement clock is remade from receipt and met on the day it was met.
    ack = case.deadlines.get(clock_key="acknowledgement", procedure_slug="corporate")
    assert (ack.due, ack.met_on) == (date(2026, 3, 9), date(2026, 3, 4))
    event = case.events.last()
    assert (event.action, event.reason) == ("reroute", "About council tax, not social care.")
    assert event.data == {"from_procedure": "childrens-statutory", "to_procedure": "corporate"}


def test_a_case_cannot_be_moved_without_a_reason_or_to_its_own_procedure(seed, make_case, svc, superuser):
    case = make_case(authority=seed("council-a"), received_on=date(2026, 3, 2))
    with pytest.raises(InvalidAction, match="reason"):
        svc.reroute(case, user=superuser, procedure_slug="corporate", reason="")
    with pytest.raises(InvalidAction, match="already"):
        svc.reroute(case, user=superuser, procedure_slug="childrens-statutory", reason="x")


def test_an_authority_with_one_procedure_cannot_move_cases(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    with pytest.raises(IllegalTransition, match="no other procedure"):
        svc.reroute(case, user=superuser, procedure_slug="corporate", reason="x")
