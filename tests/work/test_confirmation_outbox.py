"""The complainant's confirmation goes through the outbox: queued with the filing, never sent
inside the request, retried with back-off when the mail server fails, sent once; its status
link is derived when it is sent, so the token is stored nowhere."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.forms.models import model_to_dict
from django.test import Client

from complaints_process.models import CaseEvent, Complaint, Notification
from complaints_process.work import outbox
from tests.views.public.conftest import page_url, valid_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
FILED_AT = datetime(2026, 4, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def test_the_confirmation_is_queued_with_the_filing_and_retried_until_the_mail_server_takes_it(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    attempts = []

    def mail_server_down(message):
        attempts.append(message.to)
        raise TimeoutError("timed out")  # what EMAIL_TIMEOUT raises from a stuck server

    monkeypatch.setattr(outbox, "deliver", mail_server_down)
    with time_machine.travel(FILED_AT, tick=False):
        with django_capture_on_commit_callbacks(execute=False):
            response = client.post(page_url("walsall"), valid_post("walsall"))
        assert response.status_code == 302 and attempts == []  # nothing sent inside the filing request
        case = Complaint.objects.get()
        token = client.session["complaints_process_filed"][case.reference]
        queued = Notification.objects.get(case=case, kind="confirmation")
        assert queued.status == "queued" and queued.recipient_role == "complainant"
        assert token not in json.dumps(model_to_dict(queued), default=str)  # the link is not stored
        assert outbox.flush() == {"retry": 1} and len(attempts) == 1
        queued.refresh_from_db()
        assert (queued.status, queued.attempts, queued.last_error) == ("queued", 1, "TimeoutError")
        assert outbox.flush() == {}  # waiting out its back-off

    monkeypatch.undo()
    with time_machine.travel(FILED_AT + timedelta(minutes=3), tick=False):
        assert outbox.flush() == {"sent": 1}
        assert outbox.flush() == {}
    [message] = mail.outbox
    assert message.subject == f"Complaint {case.reference} received" and message.to == ["sam@example.org"]
    link = f"/complaints/status/{case.reference}/?token={token}"
    assert link in message.body
    assert CaseEvent.objects.filter(case=case, action="notification_sent", data__kind="confirmation").count() == 1
    opened = Client().get(link)
    assert opened.status_code == 302 and opened["Location"] == f"/complaints/status/{case.reference}/"


def test_a_replayed_filing_queues_no_second_confirmation(client, django_capture_on_commit_callbacks):
    from complaints_process.idempotency import new_form_key

    data = valid_post("walsall", submission_key=new_form_key())
    with time_machine.travel(FILED_AT, tick=False), django_capture_on_commit_callbacks(execute=True):
        first = client.post(page_url("walsall"), data)
        again = client.post(page_url("walsall"), data)
    assert first["Location"] == again["Location"]
    assert Notification.objects.filter(kind="confirmation").count() == 1
    assert [m.subject for m in mail.outbox] == [f"Complaint {Complaint.objects.get().reference} received"]
