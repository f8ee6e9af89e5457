"""The status page: by token or reference and email, identical refusals, the escalate button."""

from datetime import date

import pytest
import time_machine
from django.test import Client

from complaints_process import services
from complaints_process.models import CaseEvent, Complaint
from tests.factories import UserFactory
from tests.views.public.conftest import page_url, valid_post

pytestmark = pytest.mark.django_db


def file(client, slug="walsall", **changes):
    with time_machine.travel(date(2026, 3, 2), tick=False):
        response = client.post(page_url(slug), valid_post(slug, **changes))
        page = client.get(response["Location"]).content.decode()
    link = page.split('id="status-link"')[0].rsplit('href="', 1)[1].split('"')[0]
    return Complaint.objects.order_by("-id").first(), link


def respond_stage1(case, on=date(2026, 3, 10)):
    manager = UserFactory(is_superuser=True)
    with time_machine.travel(on, tick=False):
        services.cases.accept(case, user=manager, on=on)
        case = services.cases.acknowledge(Complaint.objects.get(pk=case.pk), user=manager, on=on)
        return services.cases.respond(case, user=manager, outcomes={1: "not_upheld"}, on=on)


def test_status_by_token_shows_no_staff_notes(client, demo):
    case, link = file(client)
    CaseEvent.objects.filter(case=case).update(reason="STAFF NOTE: internal")
    with time_machine.travel(date(2026, 3, 3), tick=False):
        response = Client().get(link, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(f"/complaints/status/{case.reference}/", 302)]  # the token exchanged
    assert response.status_code == 200 and case.reference in html and "Received" in html
    assert "STAFF NOTE" not in html and "Sam Example" not in html
    assert response["Referrer-Policy"] == "same-origin" and "no-store" in response["Cache-Control"]
    assert "Ask for" not in html  # nothing to escalate before a response


def test_wrong_token_and_unknown_reference_look_identical(client, demo):
    case, link = file(client)
    wrong = Client().get(f"/complaints/status/{case.reference}/?token=nope")
    unknown = Client().get("/complaints/status/WAL-2026-999999/?token=nope")
    bare = Client().get(f"/complaints/status/{case.reference}/")
    assert wrong.status_code == unknown.status_code == bare.status_code == 404
    assert wrong.content.replace(case.reference.encode(), b"") == unknown.content.replace(b"WAL-2026-999999", b"")


def test_status_by_reference_and_email(client, demo):
    case, _ = file(client)
    browser = Client()
    miss = browser.post("/complaints/status/", {"reference": case.reference, "email": "someone@example.org"})
    unknown = browser.post("/complaints/status/", {"reference": "WAL-2026-999999", "email": "sam@example.org"})
    assert miss.status_code == unknown.status_code == 400
    assert b"We could not find a complaint" in miss.content and b"We could not find a complaint" in unknown.content
    assert b'href="#f-reference"' in miss.content
    found = browser.post("/complaints/status/", {"reference": case.reference.lower(), "email": "SAM@example.org"})
    assert found.status_code == 302 and found["Location"] == f"/complaints/status/{case.reference}/"
    with time_machine.travel(date(2026, 3, 3), tick=False):
        assert browser.get(found["Location"]).status_code == 200


def test_status_lookups_are_rate_limited(client, demo, settings):
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"status": (3, 600)}
    browser = Client()
    codes = [browser.get("/complaints/status/WAL-2026-000001/?token=guess").status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]


def test_escalate_within_the_window(client, demo):
    case, link = file(client)
    respond_stage1(case)
    browser = Client()
    with time_machine.travel(date(2026, 3, 12), tick=False):
        html = browser.get(link, follow=True).content.decode()
        assert "Ask for" in html and "Stage 1 response sent" in html
        token = link.split("token=")[1]
        # The button opens a page to confirm, with an optional reason; nothing is done yet.
        asked = browser.post(f"/complaints/status/{case.reference}/escalate/", {"token": token})
        assert asked.status_code == 200
        page = asked.content.decode()
        assert "Why are you still unhappy? (optional)" in page and 'name="confirm" value="yes"' in page
        assert Complaint.objects.get(pk=case.pk).state == "stage1_responded"
        too_long = browser.post(
            f"/complaints/status/{case.reference}/escalate/", {"token": token, "confirm": "yes", "reason": "x" * 2001}
        )
        assert too_long.status_code == 400 and b"2000 characters or fewer" in too_long.content
        assert Complaint.objects.get(pk=case.pk).state == "stage1_responded"
        reason = "The response did not answer why the meetings were cancelled."
        response = browser.post(f"/complaints/status/{case.reference}/escalate/", {"token": token, "confirm": "yes", "reason": reason})
        assert response.status_code == 302
        html = browser.get(response["Location"]).content.decode()
    assert "We have received your request for the next stage" in html
    assert Complaint.objects.get(pk=case.pk).state == "stage2_requested"
    event = CaseEvent.objects.get(case=case, action="escalate", user=None)
    assert event.reason == reason and event.data["by"] == "complainant"
    from complaints_process.selectors.case_page import case_page_context

    entry = next(item for item in case_page_context(case)["timeline"] if item.get("reason") == reason)
    assert entry["who"] == "The complainant (online)"


def test_no_escalate_button_after_the_window(client, demo):
    case, link = file(client)
    respond_stage1(case)
    browser = Client()
    with time_machine.travel(date(2026, 12, 1), tick=False):
        assert "Ask for" not in browser.get(link, follow=True).content.decode()
        token = link.split("token=")[1]
        browser.post(f"/complaints/status/{case.reference}/escalate/", {"token": token})
    assert Complaint.objects.get(pk=case.pk).state == "stage1_responded"


def test_escalate_needs_the_token(client, demo):
    case, _ = file(client)
    respond_stage1(case)
    with time_machine.travel(date(2026, 3, 12), tick=False):
        response = Client().post(f"/complaints/status/{case.reference}/escalate/", {"token": "wrong"})
    assert response.status_code == 404 and Complaint.objects.get(pk=case.pk).state == "stage1_responded"


def test_system_may_escalate_but_not_accept():
    from complaints_process.permission_policies import cases

    assert cases.user_may_act(None, None, "escalate") and cases.user_may_act(None, None, "file")
    assert not cases.user_may_act(None, None, "accept") and not cases.user_may_act(None, None, "respond")


def test_a_closed_case_says_it_is_closed_before_pointing_to_the_ombudsman(client, demo):
    case, link = file(client)
    case = respond_stage1(case)
    with time_machine.travel(date(2026, 3, 12), tick=False):
        services.cases.close(case, user=UserFactory(is_superuser=True), on=date(2026, 3, 12))
        html = Client().get(link, follow=True).content.decode()
    text = " ".join(html.split())
    assert "We have closed your complaint. If you are still not happy with how we dealt with it, you can contact the" in text
    assert "You can also contact" not in text


def test_a_compliment_without_a_service_is_asked_for_the_service_of_the_compliment(client, demo):
    response = client.post(page_url("hampshire"), valid_post("hampshire", kind="compliment", service=""))
    html = response.content.decode()
    assert "Enter the service your compliment is about" in html
    assert "your message is about" not in html
