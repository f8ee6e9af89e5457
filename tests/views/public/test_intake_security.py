"""The web form and the site's edges from an attacker's side: chosen submission keys, replayed
form keys, rate limits that say when to come back, a dead database behind any path."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import OperationalError

from complaints_process.idempotency import form_key, new_form_key
from complaints_process.models import Complaint
from tests.views.public.conftest import page_url, valid_post

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 4, 1), tick=False):
        yield


def test_the_form_key_is_made_by_the_server_and_a_chosen_one_replays_nothing(client, demo):
    html = client.get(page_url("walsall")).content.decode()
    rendered = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    assert form_key(rendered) == rendered  # signed by this server
    assert form_key(rendered[:-1] + ("A" if rendered[-1] != "A" else "B")) is None  # and not forgeable
    chosen = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    victim = client.post(page_url("walsall"), valid_post("walsall", submission_key=chosen))
    attacker = client.post(page_url("walsall"), valid_post("walsall", submission_key=chosen, complainant_name="Mallory"))
    assert victim.status_code == attacker.status_code == 302
    assert victim["Location"] != attacker["Location"]  # the attacker got a case of their own, not the victim's
    assert Complaint.objects.count() == 2


def test_a_form_key_sent_again_with_other_answers_gets_nothing_of_the_first_filing(client, demo):
    key = new_form_key()
    first = client.post(page_url("walsall"), valid_post("walsall", submission_key=key))
    reference = Complaint.objects.get().reference
    again = client.post(page_url("walsall"), valid_post("walsall", submission_key=key, complainant_name="Mallory"))
    assert again.status_code == 409 and first.status_code == 302
    html = again.content.decode()
    assert "This form has already been sent" in html and reference not in html and "token" not in html
    assert Complaint.objects.count() == 1


def test_every_429_says_when_to_try_again(client, demo, settings):
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"file": (1, 3600), "status": (1, 600)}
    client.post(page_url("walsall"), valid_post("walsall", complainant_name=""))
    refused = client.post(page_url("walsall"), valid_post("walsall"))
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 3600
    client.post("/complaints/status/", {"reference": "WAL-2026-000001", "email": "a@example.org"})
    for response in (
        client.post("/complaints/status/", {"reference": "WAL-2026-000001", "email": "a@example.org"}),
        client.get("/complaints/status/WAL-2026-000001/?token=x"),
    ):
        assert response.status_code == 429 and 1 <= int(response["Retry-After"]) <= 600


def test_an_unknown_path_while_the_database_is_down_is_a_503_not_a_500(client, demo, monkeypatch):
    # Wagtail's redirect middleware looks every 404 up in the database, outside any view.
    from wagtail.contrib.redirects import middleware as redirects

    def database_gone(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(redirects, "get_redirect", database_gone)
    client.raise_request_exception = False
    response = client.get("/no-such-page/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Nothing you sent has been saved" in response.content.decode()
    api = client.get("/api/complaints/v1/no-such-endpoint")
    assert api.status_code == 503 and api.json()["detail"][0]["type"] == "unavailable"


def test_the_status_link_is_exchanged_for_a_short_session_and_no_page_url_carries_the_token(client, demo, settings):
    from django.test import Client

    from tests.views.public.test_status import file, respond_stage1

    settings.COMPLAINTS_PROCESS_STATUS_ACCESS_SECONDS = 1800
    case, link = file(client)
    token = link.split("token=")[1]
    respond_stage1(case)
    browser = Client()
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=LONDON), tick=False):
        exchanged = browser.get(link)
        assert exchanged.status_code == 302 and exchanged["Location"] == f"/complaints/status/{case.reference}/"
        page = browser.get(exchanged["Location"])
        html = page.content.decode()
        assert page.status_code == 200 and "Ask for" in html
        assert token not in html and 'name="token"' not in html  # the escalate form needs no token either
        assert Client().get(exchanged["Location"]).status_code == 404  # the clean URL alone opens nothing
    with time_machine.travel(datetime(2026, 3, 12, 9, 31, tzinfo=LONDON), tick=False):
        assert browser.get(exchanged["Location"]).status_code == 404  # the access was short-lived
        posted = browser.post(f"/complaints/status/{case.reference}/", {"token": token})  # the token in a body
        assert posted.status_code == 302 and posted["Location"] == f"/complaints/status/{case.reference}/"
        assert browser.get(posted["Location"]).status_code == 200
        escalated = browser.post(f"/complaints/status/{case.reference}/escalate/", {"confirm": "yes"})
        assert escalated["Location"] == f"/complaints/status/{case.reference}/"
    assert Complaint.objects.get(pk=case.pk).state == "stage2_requested"


def test_the_lookup_by_email_posts_it_and_redirects_to_a_url_without_it(client, demo):
    from django.test import Client

    from tests.views.public.test_status import file

    case, _ = file(client)
    browser = Client()
    assert b'method="post"' in browser.get("/complaints/status/").content
    found = browser.post("/complaints/status/", {"reference": case.reference, "email": "sam@example.org"})
    assert found.status_code == 302 and "sam" not in found["Location"] and "@" not in found["Location"]
