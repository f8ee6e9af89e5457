"""Appointing the people the procedure names for a stage."""

from datetime import date

import pytest

from complaints_process.exceptions import InvalidAction
from tests.services.cases.test_walks import _to_stage2


def test_stage2_has_one_investigating_officer_and_one_independent_person(seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed("walsall"), received_on=date(2026, 3, 2)), superuser)
    case = svc.appoint(case, user=superuser, role="investigating_officer", person_name="IO One", on=date(2026, 3, 24))
    case = svc.appoint(
        case, user=superuser, role="independent_person", person_name="IP One", person_email="ip@example.test", on=date(2026, 3, 24)
    )
    with pytest.raises(InvalidAction, match="already filled"):
        svc.appoint(case, user=superuser, role="independent_person", person_name="IP Two", on=date(2026, 3, 24))
    with pytest.raises(InvalidAction, match="not part of this stage"):
        svc.appoint(case, user=superuser, role="panel_chair", person_name="Chair", on=date(2026, 3, 24))


def test_the_stage2_independent_person_may_not_sit_on_the_review_panel(seed, make_case, svc, superuser):
    case = _to_stage2(svc, make_case(authority=seed("walsall"), received_on=date(2026, 3, 2)), superuser)
    case = svc.appoint(
        case, user=superuser, role="independent_person", person_name="IP One", person_email="ip@example.test", on=date(2026, 3, 24)
    )
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 4, 1))
    case = svc.escalate(case, user=superuser, on=date(2026, 4, 2))
    # Reg. 19(3): the stage 2 independent person may not sit on the panel.
    with pytest.raises(InvalidAction, match="cannot sit on the review panel") as error:
        svc.appoint(case, user=superuser, role="panel_member", person_name="I. P. One", person_email="IP@example.test", on=date(2026, 4, 3))
    assert "One" not in str(error.value)
    case = svc.appoint(case, user=superuser, role="panel_chair", person_name="Chair", on=date(2026, 4, 3))
    case = svc.appoint(case, user=superuser, role="panel_member", person_name="Member A", on=date(2026, 4, 3))
    case = svc.appoint(case, user=superuser, role="panel_member", person_name="Member B", on=date(2026, 4, 3))
    assert case.appointments.filter(stage="stage3").count() == 3
