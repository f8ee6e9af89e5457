"""Forged and replayed status tokens, and no enumeration of references.

* The token is compared in constant time (``hmac.compare_digest`` on its SHA-256), and an
  unknown reference does the same work as a known one with a wrong token: one hash, one
  constant-time comparison.
* A forged token (random, made with another secret key, another case's, over-long, with a
  NUL) is refused; a replayed escalate request changes nothing the second time.
* A wrong token, an unknown reference and a malformed reference get the same answer on the
  page and the API, and every lookup counts towards the client's rate limit.
"""

import hmac
from datetime import date

import pytest
import time_machine
from django.test import Client, override_settings

from complaints_process import status_tokens
from complaints_process.models import CaseEvent, Complaint
from complaints_process.services.public import find_case
from tests.views.public.test_status import file, respond_stage1

pytestmark = pytest.mark.django_db


class Spy:
    def __init__(self, monkeypatch):
        self.compared, self.hashed = [], []
        real_compare, real_hash = hmac.compare_digest, status_tokens.hash_token
        monkeypatch.setattr(status_tokens.hmac, "compare_digest", lambda a, b: self.compared.append((a, b)) or real_compare(a, b))
        monkeypatch.setattr(status_tokens, "hash_token", lambda token: self.hashed.append(token) or real_hash(token))


def test_the_token_is_compared_in_constant_time_and_an_unknown_reference_does_the_same_work(client, demo, monkeypatch):
    case, link = file(client)
    token = link.split("token=")[1]
    spy = Spy(monkeypatch)
    assert find_case(case.reference, token=token) == case
    assert spy.compared == [(case.status_token, status_tokens.hash_token(token))] and len(spy.hashed) == 2
    for reference in (case.reference, "WAL-2026-999999", "not a reference!"):
        spy.compared.clear(), spy.hashed.clear()
        assert find_case(reference, token="forged-token") is None
        assert len(spy.compared) == 1 and len(spy.hashed) == 1, reference


@pytest.mark.parametrize(
    "forge",
    [
        lambda case, token: "A" * 43,
        lambda case, token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda case, token: token.upper() if token.upper() != token else token.lower(),
        lambda case, token: case.status_token,  # the stored hash is not the token
        lambda case, token: token + "\x00",
        lambda case, token: token * 10,
        lambda case, token: "",
    ],
)
def test_forged_tokens_are_refused(client, demo, forge):
    case, link = file(client)
    token = link.split("token=")[1]
    with time_machine.travel(date(2026, 3, 3), tick=False):
        response = Client().get(f"/complaints/status/{case.reference}/", {"token": forge(case, token)})
    assert response.status_code == 404 and b"Sam Example" not in response.content


def test_a_token_made_with_another_secret_key_is_refused(client, demo):
    case, link = file(client)
    with override_settings(SECRET_KEY="another-secret-key-that-is-long-enough-to-use-0123456789"):
        forged = status_tokens.token_for("any-key", case.reference)
    assert find_case(case.reference, token=forged) is None
    assert find_case(case.reference, token=link.split("token=")[1]) == case


def test_one_case_token_opens_no_other_case(client, demo):
    first, first_link = file(client)
    second, _ = file(client, complainant_email="other@example.org")
    assert find_case(second.reference, token=first_link.split("token=")[1]) is None


def test_a_replayed_escalate_request_changes_nothing_the_second_time(client, demo):
    case, link = file(client)
    respond_stage1(case)
    token = link.split("token=")[1]
    browser = Client()
    with time_machine.travel(date(2026, 3, 12), tick=False):
        browser.get(link)
        for _ in range(3):
            browser.post(f"/complaints/status/{case.reference}/escalate/", {"token": token, "confirm": "yes"})
    assert Complaint.objects.get(pk=case.pk).state == "stage2_requested"
    assert CaseEvent.objects.filter(case=case, action="escalate").count() == 1


def test_wrong_token_unknown_and_malformed_references_answer_identically(client, demo):
    case, _ = file(client)
    answers = []
    for reference in (case.reference, "WAL-2026-999999", "WAL-2026-00000' OR 1=1--"):
        response = Client().get(f"/complaints/status/{reference}/", {"token": "forged"})
        answers.append((response.status_code, response.content.decode().replace(reference, "REF")))
        assert case.complainant_name not in answers[-1][1]
    assert answers[0] == answers[1]
    assert answers[2][0] == 404
    api = [
        Client().post(f"/api/complaints/v1/complaints/{r}/status", {"token": "forged"}, content_type="application/json")
        for r in (case.reference, "WAL-2026-999999", "X' OR '1'='1")
    ]
    assert [r.status_code for r in api] == [404, 404, 404]
    assert api[0].json() == api[1].json() == api[2].json()


def _page_guess(client, ref):
    return client.get(f"/complaints/status/{ref}/?token=guess")


def _api_guess(client, ref):
    return client.post(f"/api/complaints/v1/complaints/{ref}/status", {"token": "guess"}, content_type="application/json")


@pytest.mark.parametrize("guess", [_page_guess, _api_guess])
def test_guessing_is_rate_limited_on_the_page_and_the_api(client, demo, settings, guess):
    settings.COMPLAINTS_PROCESS_RATE_LIMITS = {"status": (5, 600)}
    guesser = Client()
    codes = [guess(guesser, f"WAL-2026-{n:06d}").status_code for n in range(1, 8)]
    assert codes == [404] * 5 + [429, 429]
    assert guess(Client(REMOTE_ADDR="10.0.0.7"), "WAL-2026-000001").status_code == 404  # others are not limited
