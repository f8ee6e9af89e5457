"""Each permission policy's rules, stated one by one (``complaints_process.permission_policies``).

Two authorities, Walsall and Hampshire, each with its four teams; a user per role at Walsall,
an officer and a manager at Hampshire.  The expected answers are written out here, not read
from the registry of case actions, so each test fails if its rule changes.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from complaints_process.models import Attachment, Authority, CaseAccess
from complaints_process.permission_policies import (
    ALL_ACTIONS,
    attachments,
    authorities,
    cases,
    data_protection,
    guidance_pages,
    process_configs,
    reports,
)
from tests.factories import ComplaintFactory, UserFactory, publish_seed

pytestmark = pytest.mark.django_db

#: Actions a complaints officer takes (a sample of each kind) and those kept for managers.
OFFICER_ACTIONS = ("accept", "acknowledge", "respond", "appoint", "add_theme", "record_step")
MANAGER_ONLY = ("refuse", "handle_outside", "extend", "close", "lapse", "reroute", "record_authority_response")
#: What the system (``user=None``: the worker, the public form and API) may do, and no more.
SYSTEM = {"file", "escalate", "lapse"}


@pytest.fixture
def walsall():
    return publish_seed("walsall")


@pytest.fixture
def hampshire():
    return publish_seed("hampshire")


@pytest.fixture
def staff(walsall, hampshire):
    def member(authority, role):
        return UserFactory(teams=[(authority, role)])

    return {
        "officer": member(walsall, "complaints_officer"),
        "manager": member(walsall, "complaints_manager"),
        "editor": member(walsall, "editor"),
        "administrator": member(walsall, "process_administrator"),
        "other_officer": member(hampshire, "complaints_officer"),
        "other_manager": member(hampshire, "complaints_manager"),
        "superuser": UserFactory(is_superuser=True),
        "nobody": UserFactory(),
    }


@pytest.fixture
def case(walsall):
    return ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))


def test_another_authoritys_team_sees_and_does_nothing(staff, walsall, case):
    attachment = Attachment.objects.create(case=case, file="attachments/letter.pdf", original_name="letter.pdf")
    for name in ("other_officer", "other_manager"):
        user = staff[name]
        assert not cases.instances_user_has_permission_for(user, "view").filter(pk=case.pk).exists()
        assert not cases.user_has_permission_for_instance(user, "view", case)
        assert cases.visible_case(user, case.pk) is None
        assert not any(cases.user_may_act(user, walsall, action) for action in ALL_ACTIONS)
        assert not attachments.instances_user_has_permission_for(user, "view").filter(pk=attachment.pk).exists()
        assert walsall not in reports.instances_user_has_permission_for(user, "view")
        assert not data_protection.user_has_permission_for_authority(user, "export", walsall)
        assert not process_configs.user_has_permission_for_authority(user, "change", walsall)


def test_the_authoritys_case_teams_see_its_cases(staff, walsall, case):
    for name in ("officer", "manager", "administrator"):
        assert cases.user_has_permission_for_instance(staff[name], "view", case), name
        assert list(cases.instances_user_has_permission_for(staff[name], "view")) == [case], name
        assert cases.visible_case(staff[name], str(case.pk)) == case, name


def test_editors_and_users_without_a_team_see_no_case(staff, case):
    for name in ("editor", "nobody"):
        assert not cases.user_has_permission(staff[name], "view"), name
        assert not cases.instances_user_has_permission_for(staff[name], "view").exists(), name
        assert cases.visible_case(staff[name], case.pk) is None, name


def test_a_manager_may_refuse_an_officer_may_not(staff, walsall):
    assert cases.user_may_act(staff["manager"], walsall, "refuse")
    assert not cases.user_may_act(staff["officer"], walsall, "refuse")


def test_officers_take_the_casework_and_managers_everything_officers_do(staff, walsall):
    for action in OFFICER_ACTIONS:
        assert cases.user_may_act(staff["officer"], walsall, action), action
        assert cases.user_may_act(staff["manager"], walsall, action), action
    for action in MANAGER_ONLY:
        assert not cases.user_may_act(staff["officer"], walsall, action), action
        assert cases.user_may_act(staff["manager"], walsall, action), action


def test_editors_and_process_administrators_take_no_case_action(staff, walsall):
    for name in ("editor", "administrator"):
        assert [action for action in sorted(ALL_ACTIONS) if cases.user_may_act(staff[name], walsall, action)] == [], name


def test_only_case_workers_record_complaints_and_own_cases(staff, walsall):
    assert [a.slug for a in cases.authorities_for_user(staff["officer"], "add")] == ["walsall"]
    assert [a.slug for a in cases.authorities_for_user(staff["manager"], "add")] == ["walsall"]
    for name in ("editor", "administrator", "nobody"):
        assert not cases.user_has_permission(staff[name], "add"), name
        assert not cases.user_has_permission_for_authority(staff[name], "own", walsall), name
    assert cases.user_has_permission_for_authority(staff["officer"], "own", walsall)


def test_a_superuser_may_see_and_do_everything(staff, walsall, hampshire, case):
    superuser = staff["superuser"]
    assert cases.visible_case(superuser, case.pk) == case
    assert all(cases.user_may_act(superuser, hampshire, action) for action in ALL_ACTIONS)
    assert set(reports.instances_user_has_permission_for(superuser, "view")) == {walsall, hampshire}
    assert data_protection.user_has_permission_for_authority(superuser, "export", hampshire)
    assert process_configs.user_has_permission_for_authority(superuser, "change", hampshire)
    assert process_configs.user_may_add_authority(superuser)


def test_the_system_takes_only_its_own_actions(walsall):
    assert {action for action in ALL_ACTIONS if cases.user_may_act(None, walsall, action)} == SYSTEM


def test_inactive_and_anonymous_users_hold_no_right(staff, walsall, case):
    manager = staff["manager"]
    manager.is_active = False
    for user in (manager, AnonymousUser()):
        assert cases.visible_case(user, case.pk) is None
        assert not cases.user_may_act(user, walsall, "accept")
        assert not reports.user_has_permission(user, "view")
        assert not data_protection.user_has_permission(user, "export")
        assert not process_configs.user_may_open(user)


def test_an_unknown_case_action_is_refused_by_name(staff, walsall):
    with pytest.raises(KeyError, match="unknown case action 'delete_everything'"):
        cases.user_may_act(staff["manager"], walsall, "delete_everything")


def test_reports_are_for_the_case_teams_not_editors(staff, walsall):
    for name in ("officer", "manager", "administrator"):
        assert list(reports.instances_user_has_permission_for(staff[name], "view")) == [walsall], name
    assert not reports.user_has_permission(staff["editor"], "view")


def test_only_managers_see_who_opened_a_case_and_export_a_complainants_data(staff, walsall, case):
    access = CaseAccess.objects.create(case=case, user=staff["officer"], kind="case_page")
    assert data_protection.user_has_permission_for_instance(staff["manager"], "view", access)
    assert [a.slug for a in data_protection.authorities_for_user(staff["manager"], "export")] == ["walsall"]
    for name in ("officer", "administrator", "editor"):
        assert not data_protection.user_has_permission_for_instance(staff[name], "view", access), name
        assert not data_protection.user_has_permission(staff[name], "export"), name


def test_process_administrators_change_their_own_authoritys_process(staff, walsall, hampshire):
    administrator = staff["administrator"]
    assert process_configs.user_has_permission_for_authority(administrator, "change", walsall)
    assert not process_configs.user_has_permission_for_authority(administrator, "change", hampshire)
    assert not process_configs.user_may_add_authority(administrator)
    for name in ("officer", "manager", "editor"):
        assert not process_configs.user_may_open(staff[name]), name


def test_adding_an_authority_is_djangos_add_permission(staff):
    user = staff["nobody"]
    user.user_permissions.add(Permission.objects.get(content_type__app_label="complaints_process", codename="add_authority"))
    user = type(user).objects.get(pk=user.pk)  # Django caches a user's permissions
    assert process_configs.user_may_add_authority(user) and process_configs.user_may_open(user)


def test_no_one_adds_or_deletes_an_authority_on_the_authorities_screen(staff):
    superuser = staff["superuser"]
    assert authorities.user_has_permission(superuser, "change")
    assert not authorities.user_has_permission(superuser, "add")
    assert not authorities.user_has_permission(superuser, "delete")
    assert not authorities.user_has_permission(staff["manager"], "change")
    assert Authority.objects.exists()


def test_a_guidance_page_may_show_any_authority_whose_team_the_user_is_in(staff, walsall, hampshire):
    for name in ("editor", "officer", "manager", "administrator"):
        assert list(guidance_pages.authorities_for_user(staff[name], "choose_authority")) == [walsall], name
    assert set(guidance_pages.authorities_for_user(staff["superuser"], "choose_authority")) == {walsall, hampshire}
    assert not guidance_pages.authorities_for_user(staff["nobody"], "choose_authority").exists()


def test_asking_about_a_row_reads_no_more_rows(staff, case, django_assert_num_queries):
    """The case list asks once per row: after the user's authorities are read, no query."""
    attachment = Attachment.objects.create(case=case, file="attachments/letter.pdf", original_name="letter.pdf")
    for user in (staff["officer"], staff["superuser"], staff["other_officer"]):
        cases.user_has_permission_for_instance(user, "view", case)
        attachments.user_has_permission_for_instance(user, "view", attachment)
        fresh = type(case).objects.get(pk=case.pk)
        with django_assert_num_queries(0):
            assert cases.user_has_permission_for_instance(user, "view", fresh) is (user is not staff["other_officer"])
            assert attachments.user_has_permission_for_instance(user, "view", attachment) is (user is not staff["other_officer"])
