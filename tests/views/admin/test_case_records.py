"""Recording themes, learning actions and Ombudsman referrals on the admin case page: one form
per record, each calling its service; errors shown on the form with nothing lost; read-only
for process administrators."""

from datetime import date

import pytest
from django.urls import reverse

import complaints_process.services.cases as svc
from complaints_process.modeladmin import case_url
from complaints_process.models import CaseEvent, CaseTheme, LearningAction, OmbudsmanReferral
from complaints_process.views.admin_records import item_token
from tests.factories import ComplaintFactory, publish_seed

pytestmark = pytest.mark.django_db


def url(case, record, item=None):
    if item is None:
        return reverse("complaints_cases:record", args=[case.pk, record])
    return reverse("complaints_cases:record_item", args=[case.pk, record, item.pk])


def test_the_case_page_lists_the_records_with_buttons_for_case_workers(as_user, officer, process_admin, walsall_case):
    svc.add_theme(walsall_case, user=officer, theme="Communication")
    action = svc.record_learning_action(
        walsall_case,
        user=officer,
        action="Call-backs checked weekly.",
        owner="Fostering service",
        due_on=date(2026, 3, 9),
        agreed_on=date(2026, 3, 5),
    )
    referral = svc.record_ombudsman_referral(walsall_case, user=officer, referred_on=date(2026, 3, 9), reference="25 000 001")

    html = as_user(officer).get(case_url(walsall_case)).content.decode()
    assert 'data-theme="Communication"' in html and "Call-backs checked weekly." in html and "Fostering service" in html
    assert "(overdue)" in html  # due 9 March, not done, today 10 March
    assert "25 000 001" in html and "Awaiting decision" in html
    for record in (
        "add_theme",
        "record_learning_action",
        "update_learning_action",
        "record_ombudsman_referral",
        "record_ombudsman_decision",
    ):
        assert f'data-record="{record}"' in html
    assert url(walsall_case, "update_learning_action", action) in html
    assert url(walsall_case, "record_ombudsman_decision", referral) in html
    assert "Theme added" in html and "Referred to the Ombudsman" in html  # on the timeline

    html = as_user(process_admin).get(case_url(walsall_case)).content.decode()
    assert 'data-theme="Communication"' in html and "Call-backs checked weekly." in html
    assert "data-record=" not in html and "/record/" not in html  # read only


def test_an_officer_adds_and_removes_a_free_text_theme(as_user, officer, walsall, walsall_case):
    earlier = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    svc.add_theme(earlier, user=officer, theme="Staff attitude")
    client = as_user(officer)

    form = client.get(url(walsall_case, "add_theme")).content.decode()
    assert 'list="id_theme-suggestions"' in form and '<option value="Staff attitude">' in form  # suggestions, free text
    response = client.post(url(walsall_case, "add_theme"), {"theme": "staff attitude"})
    assert response.status_code == 302 and response["Location"] == case_url(walsall_case) + "#cp-learning"
    theme = CaseTheme.objects.get(case=walsall_case)
    assert theme.theme == "Staff attitude"  # the spelling already in use
    assert CaseEvent.objects.filter(case=walsall_case, action="add_theme", user=officer).exists()

    response = client.post(url(walsall_case, "add_theme"), {"theme": "Staff Attitude"})
    assert response.status_code == 400
    assert "This case already has the theme" in response.content.decode()

    page = client.get(case_url(walsall_case)).content.decode()
    assert f'name="seen" value="{item_token(theme)}"' in page  # the case page's Remove button
    assert client.post(url(walsall_case, "remove_theme", theme), {"seen": item_token(theme)}).status_code == 302
    assert not CaseTheme.objects.filter(case=walsall_case).exists()
    assert CaseEvent.objects.filter(case=walsall_case, action="remove_theme", reason="Staff attitude").exists()


def test_configured_themes_are_offered_as_a_list(as_user, officer, walsall, walsall_case):
    def change(text):
        marker = "    extends: base/statutory-england-2006\n"
        return text.replace(marker, f"{marker}    themes: [Communication, Delay]\n", 1)

    publish_seed("walsall", text_change=change)
    client = as_user(officer)
    form = client.get(url(walsall_case, "add_theme")).content.decode()
    assert '<select name="theme"' in form and '<option value="Delay">' in form and "datalist" not in form
    response = client.post(url(walsall_case, "add_theme"), {"theme": "Money"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert client.post(url(walsall_case, "add_theme"), {"theme": "Delay"}).status_code == 302
    form = client.get(url(walsall_case, "add_theme")).content.decode()
    assert '<option value="Delay">' not in form  # already on the case
    svc.add_theme(walsall_case, user=officer, theme="Communication")
    assert 'data-record="add_theme"' not in client.get(case_url(walsall_case)).content.decode()  # nothing left to add


def test_a_learning_action_with_errors_keeps_what_was_typed(as_user, officer, walsall_case):
    client = as_user(officer)
    svc.add_theme(walsall_case, user=officer, theme="Communication")
    typed = {
        "action": "Team managers check call-backs every week.",
        "owner": "",
        "due_on": "2026-03-01",
        "theme": "Communication",
        "agreed_on": "2026-03-05",
    }
    response = client.post(url(walsall_case, "record_learning_action"), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "This field is required." in html
    assert "Team managers check call-backs every week." in html and 'value="2026-03-01"' in html
    assert not LearningAction.objects.exists()

    response = client.post(url(walsall_case, "record_learning_action"), typed | {"owner": "Fostering service"})
    assert response.status_code == 400  # the service's own check: due before agreed
    html = response.content.decode()
    assert "The due date cannot be before the day the action was agreed." in html
    assert 'value="Fostering service"' in html and "Team managers check call-backs every week." in html

    response = client.post(url(walsall_case, "record_learning_action"), typed | {"owner": "Fostering service", "due_on": "2026-06-30"})
    assert response.status_code == 302
    action = LearningAction.objects.get(case=walsall_case)
    assert (action.owner, action.theme, action.agreed_on, action.due_on, action.completed_on) == (
        "Fostering service",
        "Communication",
        date(2026, 3, 5),
        date(2026, 6, 30),
        None,
    )

    edit = client.get(url(walsall_case, "update_learning_action", action)).content.decode()
    assert 'value="Fostering service"' in edit and 'value="2026-06-30"' in edit
    done = typed | {"owner": "Fostering service", "due_on": "2026-06-30", "completed_on": "2026-03-10", "seen": item_token(action)}
    # Someone else changes it meanwhile: the form comes back with what was typed, nothing overwritten.
    svc.update_learning_action(
        walsall_case, user=officer, learning_action=action, action=action.action, owner="Fostering team", due_on=action.due_on
    )
    response = client.post(url(walsall_case, "update_learning_action", action), done)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone else changed this record" in html and 'value="2026-03-10"' in html and 'value="Fostering service"' in html
    action.refresh_from_db()
    assert action.owner == "Fostering team" and action.completed_on is None
    assert client.post(url(walsall_case, "update_learning_action", action), done | {"seen": item_token(action)}).status_code == 302
    action.refresh_from_db()
    assert action.completed_on == date(2026, 3, 10)
    assert "Learning action done" in client.get(case_url(walsall_case)).content.decode()


def test_an_ombudsman_referral_and_decision_on_a_closed_case(as_user, officer, manager, walsall_case):
    svc.withdraw(walsall_case, user=manager, on=date(2026, 3, 3))
    client = as_user(officer)
    response = client.post(url(walsall_case, "record_ombudsman_referral"), {"referred_on": "2026-03-09", "reference": "25 001 234"})
    assert response.status_code == 302 and response["Location"].endswith("#cp-ombudsman")
    referral = OmbudsmanReferral.objects.get(case=walsall_case)

    decision_url = url(walsall_case, "record_ombudsman_decision", referral)
    assert 'value="25 001 234"' in client.get(decision_url).content.decode()
    typed = {
        "decision": "upheld",
        "decided_on": "2026-03-08",
        "remedy": "An apology and a payment.",
        "reference": "25 001 234",
        "seen": item_token(referral),
    }
    response = client.post(decision_url, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be dated before the referral" in html and "An apology and a payment." in html
    assert client.post(decision_url, typed | {"decided_on": "2026-03-10"}).status_code == 302
    referral.refresh_from_db()
    assert (referral.decision, referral.decided_on, referral.remedy) == ("upheld", date(2026, 3, 10), "An apology and a payment.")
    html = client.get(case_url(walsall_case)).content.decode()
    assert "Upheld (fault found)" in html and "Change the decision" in html
    assert "No date set." in html and 'data-remedy="outstanding"' in html

    # The date the Ombudsman set for the remedy, then the day it was carried out.
    referral.refresh_from_db()
    assert (
        client.post(
            decision_url, typed | {"decided_on": "2026-03-10", "remedy_due_on": "2026-03-09", "seen": item_token(referral)}
        ).status_code
        == 400
    )
    assert (
        client.post(
            decision_url, typed | {"decided_on": "2026-03-10", "remedy_due_on": "2026-03-20", "seen": item_token(referral)}
        ).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.remedy_due_on == date(2026, 3, 20)
    compliance_url = url(walsall_case, "record_remedy_compliance", referral)
    assert compliance_url in client.get(case_url(walsall_case)).content.decode()
    response = client.post(compliance_url, {"complied_on": "2026-03-09", "seen": item_token(referral)})
    assert response.status_code == 400 and "before the decision" in response.content.decode()
    assert client.post(compliance_url, {"complied_on": "2026-03-10", "seen": item_token(referral)}).status_code == 302
    referral.refresh_from_db()
    assert referral.remedy_complied_on == date(2026, 3, 10)
    html = client.get(case_url(walsall_case)).content.decode()
    assert "To be carried out by 20 Mar 2026." in html and 'data-remedy="complied"' in html and "Carried out 10 Mar 2026." in html
    assert "Ombudsman&#x27;s remedy carried out" in html  # on the timeline

    response = client.post(url(walsall_case, "record_ombudsman_referral"), {"referred_on": "2026-04-01"})  # the future
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_a_process_administrator_may_see_but_not_record(as_user, process_admin, walsall_case):
    client = as_user(process_admin)
    for response in (
        client.get(url(walsall_case, "add_theme"), follow=True),
        client.post(url(walsall_case, "add_theme"), {"theme": "Delay"}, follow=True),
    ):
        assert response.redirect_chain[0][0] == case_url(walsall_case) + "#cp-learning"
        assert "You do not have permission to add theme" in response.content.decode()
    assert not CaseTheme.objects.exists()


def test_a_record_route_needs_its_row_and_only_its_row(as_user, officer, walsall_case):
    client = as_user(officer)
    theme = svc.add_theme(walsall_case, user=officer, theme="Delay")
    assert client.get(reverse("complaints_cases:record", args=[walsall_case.pk, "remove_theme"])).status_code == 404
    assert client.get(url(walsall_case, "add_theme", theme)).status_code == 404
    assert (
        client.get(reverse("complaints_cases:record_item", args=[walsall_case.pk, "remove_theme", theme.pk + 99])).status_code == 404
    )
