"""Case actions in the admin: buttons from the state machine, a form per action, refusals."""

import re
from datetime import date

import pytest
from django.urls import reverse

from complaints_process.modeladmin import case_url
from complaints_process.models import CaseEvent, CaseState
from complaints_process.views.admin_actions import available_actions, case_token

pytestmark = pytest.mark.django_db


def action_url(case, name):
    return reverse("complaints_cases:action", args=[case.pk, name])


def post_action(client, case, name, **data):
    case.refresh_from_db()
    payload = {"seen": case_token(case), "on": "2026-03-10", **data}
    return client.post(action_url(case, name), payload)


def previewed_action(client, case, name, **data):
    """Send an action's form, read the preview's key and send it again to confirm."""
    response = post_action(client, case, name, **data)
    assert response.status_code == 200, response.status_code
    key = re.search(r'name="previewed" value="([0-9a-f]+)"', response.content.decode()).group(1)
    return post_action(client, case, name, previewed=key, **data)


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
    assert 'name="sent_by"' in html and "Post (received 2 working days after)" in html
    response = post_action(client, walsall_case, "extend", reason="")
    assert response.status_code == 400
    assert previewed_action(client, walsall_case, "extend", reason="Waiting for records.").status_code == 302
    walsall_case.refresh_from_db()
    assert walsall_case.stage_response_deadline().is_extended
    response = post_action(client, walsall_case, "respond", point_1="upheld", point_2="not_upheld")
    assert response.status_code == 400  # how it was sent is asked: the complainant's window counts from its receipt
    response = post_action(client, walsall_case, "respond", point_1="upheld", point_2="not_upheld", sent_by="post")
    assert response.status_code == 302
    walsall_case.refresh_from_db()
    assert walsall_case.state == CaseState.STAGE1_RESPONDED


def test_unknown_action_is_404(as_user, officer, walsall_case):
    assert as_user(officer).get(action_url(walsall_case, "delete_everything")).status_code == 404


def test_panel_report_form_asks_the_panels_finding_on_every_point(as_user, manager, walsall):
    import complaints_process.services.cases as svc
    from tests.factories import ComplaintFactory

    case = ComplaintFactory(authority=walsall, received_on=date(2026, 1, 5))
    case = svc.acknowledge(case, user=manager, on=date(2026, 1, 6))
    case = svc.accept(case, user=manager, on=date(2026, 1, 6))
    case = svc.respond(case, user=manager, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 1, 12))
    case = svc.escalate(case, user=manager, on=date(2026, 1, 13))
    case = svc.agree_statement(case, user=manager, on=date(2026, 1, 14))
    case = svc.respond(case, user=manager, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 1, 30))
    case = svc.escalate(case, user=manager, on=date(2026, 2, 2))
    case = svc.convene_panel(case, user=manager, meeting_on=date(2026, 2, 24), notice_sent_on=date(2026, 2, 3))
    case = svc.record_panel_met(case, user=manager, on=date(2026, 2, 24))
    client = as_user(manager)
    html = client.get(action_url(case, "record_panel_report")).content.decode()
    assert "Choose the panel&#x27;s finding" in html and 'name="point_1"' in html and 'name="point_2"' in html
    # A finding left out: the form comes back with the error and the chosen finding kept.
    response = post_action(client, case, "record_panel_report", on="2026-02-26", point_1="partly_upheld")
    assert response.status_code == 400
    assert 'value="partly_upheld" selected' in response.content.decode()
    case.refresh_from_db()
    assert (case.state, case.last_step) == (CaseState.STAGE3, "stage3.panel_met")
    response = post_action(client, case, "record_panel_report", on="2026-02-26", point_1="partly_upheld", point_2="not_upheld")
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.last_step) == (CaseState.STAGE3, "stage3.panel_reported")
    assert {p.number: p.outcomes.get(stage="stage3").outcome for p in case.points.all()} == {1: "partly_upheld", 2: "not_upheld"}
    # The case page lists the panel's findings beside each point.
    page = client.get(case_url(case)).content.decode()
    assert "Review panel:</strong> Partly upheld" in page
