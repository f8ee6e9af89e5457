"""A case's owner: the officer reminders and overdue alerts go to, assigned through its service."""

from datetime import date

import pytest

from complaints_process.exceptions import InvalidAction, NotPermitted
from tests.factories import UserFactory


def test_an_officer_makes_a_colleague_the_owner_and_it_is_on_the_timeline(seed, make_case, svc):
    walsall = seed("walsall")
    officer = UserFactory(teams=[(walsall, "complaints_officer")])
    colleague = UserFactory(teams=[(walsall, "complaints_manager")])
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    case = svc.assign_owner(case, user=officer, owner=colleague, on=date(2026, 3, 3))
    case.refresh_from_db()
    assert case.owner == colleague
    event = case.events.get(action="assign_owner")
    assert (event.user, event.data["owner"]) == (officer, colleague.pk)


def test_the_owner_must_work_on_complaints_at_the_cases_authority(seed, make_case, svc):
    walsall, hampshire = seed("walsall"), seed("hampshire")
    manager = UserFactory(teams=[(walsall, "complaints_manager")])
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    for outsider in (
        UserFactory(teams=[(hampshire, "complaints_officer")]),  # another authority
        UserFactory(teams=[(walsall, "editor")]),  # an editor works on pages, not cases
        UserFactory(teams=[(walsall, "complaints_officer")], is_active=False),
    ):
        with pytest.raises(InvalidAction, match="owner must be"):
            svc.assign_owner(case, user=manager, owner=outsider, on=date(2026, 3, 3))
    case.refresh_from_db()
    assert case.owner is None


def test_an_editor_cannot_assign_an_owner(seed, make_case, svc):
    walsall = seed("walsall")
    editor = UserFactory(teams=[(walsall, "editor")])
    officer = UserFactory(teams=[(walsall, "complaints_officer")])
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    with pytest.raises(NotPermitted):
        svc.assign_owner(case, user=editor, owner=officer, on=date(2026, 3, 3))
