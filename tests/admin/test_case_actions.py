"""Case actions in the admin: buttons from the state machine, a form per action, refusals."""

from datetime import date

import pytest
from django.urls import reverse

from complaints_process.modeladmin import case_url
from complaints_process.models import CaseEvent, CaseState
from complaints_process.views.admin_actions import available_actions, case_token

pytestmark = pytest.mark.django_db


def action_url(case, name):
    return reverse("complaints_process_case_action", args=[case.pk, name])


def post_action(client, case, name, **data):
    case.refresh_from_db()
    payload = {"seen": case_token(case), "on": "2026-03-10", **data}
    return client.post(action_url(case, name), payload)


def names(case, user):
    case.refresh_from_db()
    return [item["name"] for item in available_actions(case, user)]


def test_buttons_follow_state_and_role(walsall_case, officer, manager):
    assert names(walsall_case, officer) == ["accept", "acknowledge", "withdraw", "assign_owner", "pause_clock"]
    assert names(walsall_case, manager) == ["accept", "acknowledge", "refuse", "handle_outside", "withdraw", "assign_owner", "pause_clock"]


def test_officer_assigns_the_owner_through_the_form(as_user, officer, manager, walsall_case):
    client = as_user(officer)
    response = post_action(client, walsall_case, "assign_owner", owner=str(manager.pk))
    assert response.status_code == 302
    walsall_case.refresh_from_db()
    assert walsall_case.owner == manager


def test_case_page_shows_only_the_permitted_buttons(as_user, officer, walsall_case):
    html = as_user(officer).get(case_url(walsall_case)).content.decode()
    assert 'data-action="accept"' in html
    assert 'data-action="refuse"' not in html  # manager only


def test_officer_accepts_through_the_form(as_user, officer, walsall_case):
    client = as_user(officer)
    assert client.get(action_url(walsall_case, "accept")).status_code == 200
    response = post_action(client, walsall_case, "accept")
    assert response.status_code == 302
    walsall_case.refresh_from_db()
    assert walsall_case.state == CaseState.STAGE1
    assert CaseEvent.objects.filter(case=walsall_case, action="accept", user=officer).exists()


def test_refused_action_shows_a_message_and_changes_nothing(as_user, officer, walsall_case):
    client = as_user(officer)
    response = post_action(client, walsall_case, "refuse", ground="other", reason="No.")
    assert response.status_code == 302
    followed = client.get(response.url)
    assert "permission" in followed.content.decode()
    walsall_case.refresh_from_db()
    assert walsall_case.state == CaseState.RECEIVED


def test_illegal_action_shows_a_message_and_changes_nothing(as_user, manager, walsall_case):
    client = as_user(manager)
    response = client.get(action_url(walsall_case, "close"), follow=True)
    assert "not allowed while the case is" in response.content.decode()
    response = post_action(client, walsall_case, "close")
    walsall_case.refresh_from_db()
    assert walsall_case.state == CaseState.RECEIVED


def test_conflicting_action_is_refused(as_user, officer, manager, walsall_case):
    client = as_user(officer)
    stale = case_token(walsall_case)
    from complaints_process.services.cases import acknowledge

    acknowledge(walsall_case, user=manager, on=date(2026, 3, 4))
    response = client.post(action_url(walsall_case, "accept"), {"seen": stale, "on": "2026-03-10"}, follow=True)
    assert "Someone else changed this case" in response.content.decode()
    walsall_case.refresh_from_db()
    assert walsall_case.state == CaseState.RECEIVED


def test_invalid_input_is_shown_on_the_form(as_user, manager, walsall_case):
    client = as_user(manager)
    response = post_action(client, walsall_case, "accept", on="2026-04-01")  # the future
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    walsall_case.refresh_from_db()
    assert walsall_case.state == CaseState.RECEIVED


def test_respond_asks_an_outcome_per_point_and_extend_a_reason(as_user, manager, walsall_case):
    client = as_user(manager)
    post_action(client, walsall_case, "acknowledge", on="2026-03-04")
    post_action(client, walsall_case, "accept", on="2026-03-04")
    html = client.get(action_url(walsall_case, "respond")).content.decode()
    assert "point_1" in html and "point_2" in html
    response = post_action(client, walsall_case, "extend", reason="")
    assert response.status_code == 400
    assert post_action(client, walsall_case, "extend", reason="Waiting for records.").status_code == 302
    walsall_case.refresh_from_db()
    assert walsall_case.stage_response_deadline().is_extended
    response = post_action(client, walsall_case, "respond", point_1="upheld", point_2="not_upheld")
    assert response.status_code == 302
    walsall_case.refresh_from_db()
    assert walsall_case.state == CaseState.STAGE1_RESPONDED


def test_unknown_action_is_404(as_user, officer, walsall_case):
    assert as_user(officer).get(action_url(walsall_case, "delete_everything")).status_code == 404
