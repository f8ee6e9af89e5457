"""Who may act, and what every action leaves behind: a CaseEvent, a Wagtail audit log entry
that reads well, and one case_transitioned signal; no personal data in errors or logs."""

from datetime import date

import pytest
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from complaints_process.exceptions import CaseError, NotPermitted
from complaints_process.signals import case_transitioned
from tests.factories import UserFactory


def test_an_officer_of_the_authority_may_accept_and_respond(seed, make_case, svc):
    walsall = seed("walsall")
    officer = UserFactory(teams=[(walsall, "complaints_officer")])
    case = make_case(authority=walsall)
    case = svc.acknowledge(case, user=officer, on=date(2026, 3, 2))
    case = svc.accept(case, user=officer, on=date(2026, 3, 2))
    case = svc.respond(case, user=officer, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 3, 3))
    assert case.state == "stage1_responded"


def test_only_a_manager_may_extend_refuse_or_close(seed, make_case, svc):
    walsall = seed("walsall")
    officer = UserFactory(teams=[(walsall, "complaints_officer")])
    manager = UserFactory(teams=[(walsall, "complaints_manager")])
    case = make_case(authority=walsall)
    with pytest.raises(NotPermitted):
        svc.refuse(case, user=officer, ground="out_of_time", reason="Late.", on=date(2026, 3, 2))
    case = svc.accept(case, user=officer, on=date(2026, 3, 2))
    with pytest.raises(NotPermitted):
        svc.extend(case, user=officer, reason="Complex.", on=date(2026, 3, 3))
    case = svc.extend(case, user=manager, reason="Complex.", on=date(2026, 3, 3))
    assert case.deadlines.get(clock_key="stage1.response").is_extended


@pytest.mark.parametrize("role", ["editor", "process_administrator"])
def test_editors_and_process_administrators_take_no_case_actions(role, seed, make_case, svc):
    walsall = seed("walsall")
    case = make_case(authority=walsall)
    with pytest.raises(NotPermitted):
        svc.accept(case, user=UserFactory(teams=[(walsall, role)]), on=date(2026, 3, 2))


def test_a_manager_of_another_authority_may_not_act(seed, make_case, svc):
    case = make_case(authority=seed("walsall"))
    outsider = UserFactory(teams=[(seed("hampshire"), "complaints_manager")])
    with pytest.raises(NotPermitted):
        svc.accept(case, user=outsider, on=date(2026, 3, 2))


def test_the_system_may_file_and_lapse_but_not_accept(seed, make_case, svc):
    case = make_case(authority=seed("walsall"), user=None)
    with pytest.raises(NotPermitted):
        svc.accept(case, user=None, on=date(2026, 3, 2))


def test_every_action_is_in_wagtails_audit_log_with_who_from_to_and_reason(seed, make_case, svc, superuser):
    case = make_case(authority=seed("council-b"))
    case = svc.handle_outside(case, user=superuser, reason="Safeguarding referral.", on=date(2026, 3, 3))
    entry = ModelLogEntry.objects.filter(object_id=str(case.pk)).order_by("id").last()
    assert entry.action == "complaints_process.case.handle_outside"
    assert entry.user_id == superuser.pk
    assert entry.data["from"] == "received" and entry.data["to"] == "handled_outside"
    assert entry.data["reason"] == "Safeguarding referral."
    assert entry.label == case.reference  # never the complainant's name
    assert entry.message == "Handled outside the procedure (Received → Handled outside the procedure)"
    assert registry.get_action_label("complaints_process.case.handle_outside") == "Handle outside the procedure"


def test_one_signal_per_action(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"))
    received = []

    def receiver(sender, **kwargs):
        received.append((kwargs["action"], kwargs["from_state"], kwargs["to_state"], kwargs["event"].pk))

    case_transitioned.connect(receiver)
    try:
        case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 2))
        case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    finally:
        case_transitioned.disconnect(receiver)
    assert [r[:3] for r in received] == [("acknowledge", "received", "received"), ("accept", "received", "stage1")]


def test_error_messages_name_no_person(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), complainant_name="Jordan Uniquename", child_name="Casey Uniquename")
    errors = []
    for call in (
        lambda: svc.respond(case, user=superuser, outcomes={}, on=date(2026, 3, 3)),
        lambda: svc.refuse(case, user=superuser, ground="x", reason="y", on=date(2026, 3, 3)),
        lambda: svc.accept(case, user=UserFactory(), on=date(2026, 3, 3)),
        lambda: svc.accept(case, user=superuser, on=date(2027, 12, 1)),
    ):
        with pytest.raises(CaseError) as error:
            call()
        errors.append(str(error.value))
    assert all("Uniquename" not in message for message in errors)
    assert str(case) == case.reference


def test_references_count_per_authority_per_year(seed, make_case):
    walsall, hampshire = seed("walsall"), seed("hampshire")
    assert make_case(authority=walsall, received_on=date(2026, 12, 31)).reference == "WAL-2026-000001"
    assert make_case(authority=walsall, received_on=date(2026, 1, 5)).reference == "WAL-2026-000002"
    assert make_case(authority=hampshire, received_on=date(2026, 1, 5)).reference == "HCC-2026-000001"
    assert make_case(authority=walsall, received_on=date(2027, 1, 4)).reference == "WAL-2027-000001"


def test_a_stale_copy_of_a_case_gets_a_conflict(seed, make_case, svc, superuser):
    from complaints_process.exceptions import ConflictError
    from complaints_process.models import Complaint

    case = make_case(authority=seed("walsall"))
    stale = Complaint.objects.get(pk=case.pk)
    svc.accept(case, user=superuser, on=date(2026, 3, 2))
    with pytest.raises(ConflictError, match="Reload"):
        svc.refuse(stale, user=superuser, ground="out_of_time", reason="Late.", on=date(2026, 3, 2))
