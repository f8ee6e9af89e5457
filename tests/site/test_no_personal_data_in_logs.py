"""No personal data in the logs, through a whole case's life.

Every logger is set to DEBUG and captured while two complaints are lived through: filed on the
guidance page's form (with an attachment), looked up by reference and email, searched for and
worked by staff in the admin (accept, acknowledge, extend with a reason, respond), reminded
about and chased as overdue by the worker's sweep, emails sent by the outbox (one send failing
with an error that quotes the address), escalated by the complainant on the status page, and
closed by the sweep when the other's escalation window lapsed; an API call that fails
unexpectedly with the name in its body is included.  The complainant's name, email address and
the child's name appear nowhere in what was logged.

SQL is logged (``django.db.backends``, with parameters) only when ``DEBUG`` is on; the test runs
as production does, with ``DEBUG`` off.  Django's template engine logs, at DEBUG, each variable it
could not resolve with the whole template context attached; ``complaints_process.log_filters``
drops that context, and this test failed before it did.
"""

import json
import logging
import smtplib
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from complaints_process.modeladmin import case_index_url, case_url
from complaints_process.models import Authority, Complaint
from complaints_process.views.admin_actions import case_token
from complaints_process.work import outbox
from complaints_process.work.sweep import run_deadline_sweep
from tests.factories import UserFactory
from tests.views.public.conftest import page_url, valid_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
LONDON = ZoneInfo("Europe/London")
NAME, FIRST_NAME = "Quintessa Marlowe-Fairweather", "Quintessa"
EMAIL = "quintessa.private@example.org"
CHILD, CHILD_FIRST = "Bartholomew Kinsley-Ortega", "Bartholomew"
SECRETS = [NAME, FIRST_NAME, "Marlowe", EMAIL, "quintessa.private", CHILD, CHILD_FIRST, "Kinsley"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Everything(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.records.append(f"{record.name} {record.levelname} {text}")


@pytest.fixture
def all_logs():
    handler = Everything()
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    levels = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
    logging.getLogger().addHandler(handler)
    yield handler.records
    logging.getLogger().removeHandler(handler)
    for logger, level, disabled in levels:
        logger.setLevel(level)
        logger.disabled = disabled


def on(day, traveller):
    traveller.move_to(datetime.combine(day, time(12), tzinfo=LONDON))
    return day


def act(client, case, name, day, **data):
    case.refresh_from_db()
    url = reverse("complaints_cases:action", args=[case.pk, name])
    payload = {"seen": case_token(case), "on": day.isoformat(), **data}
    response = client.post(url, payload)
    if response.status_code == 200 and 'name="previewed"' in response.content.decode():  # the message is previewed first
        key = response.content.decode().split('name="previewed" value="')[1].split('"')[0]
        response = client.post(url, {**payload, "previewed": key})
    assert response.status_code == 302, (name, response.content.decode()[:1500])


def test_a_whole_case_life_logs_no_name_email_or_child_name(all_logs, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.DEBUG = False
    run = django_capture_on_commit_callbacks
    walsall = Authority.objects.get(slug="walsall")
    manager = UserFactory(username="manager", email="manager@walsall.example", teams=[(walsall, "complaints_manager")])
    staff = Client()
    staff.force_login(manager)
    public = Client()
    person = {"complainant_name": NAME, "complainant_email": EMAIL, "child_name": CHILD, "what_happened": f"{CHILD} was not visited."}

    with time_machine.travel(datetime(2026, 3, 2, 12, tzinfo=LONDON), tick=False) as traveller:
        # Filed on the form, twice (the second case will lapse); the first with an attachment.
        links = []
        for n in range(2):
            data = valid_post("walsall", **person, submission_key=f"key-{n}")
            if n == 0:
                data["attachments"] = [SimpleUploadedFile("letter.pdf", PDF)]
            with run(execute=True):
                response = public.post(page_url("walsall"), data)
            assert response.status_code == 302
            page = public.get(response["Location"]).content.decode()
            links.append(page.split('id="status-link"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&"))
        first, second = Complaint.objects.order_by("id")
        public.get(links[0])
        Client().post("/complaints/status/", {"reference": first.reference, "email": EMAIL})
        Client().post("/complaints/status/", {"reference": first.reference, "email": "wrong-" + EMAIL})

        # Staff search by name and open the case.
        staff.post(case_index_url(), {"q": FIRST_NAME})
        assert first.reference in staff.get(case_index_url()).content.decode()
        staff.get(case_url(first))

        # The worker: reminders, then overdue alerts; one send fails quoting the address.
        real_deliver = outbox.deliver
        failures = []

        def flaky(message):
            if not failures:
                failures.append(1)
                raise smtplib.SMTPRecipientsRefused({EMAIL: (550, f"mailbox {EMAIL} for {NAME} unavailable".encode())})
            return real_deliver(message)

        monkeypatch.setattr(outbox, "deliver", flaky)
        for day in (date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 10), date(2026, 3, 12)):
            on(day, traveller)
            run_deadline_sweep(day.isoformat())
        outbox.flush()

        # Staff work both cases through stage 1.
        day = on(date(2026, 3, 13), traveller)
        for case in (first, second):
            with run(execute=True):
                act(staff, case, "accept", day)
                act(staff, case, "acknowledge", day)
                act(staff, case, "extend", day, reason=f"Waiting for records about {CHILD}.")
                act(staff, case, "respond", day, point_1="upheld", sent_by="email")
        outbox.flush()

        # The complainant escalates the first on the status page.
        on(date(2026, 3, 16), traveller)
        with run(execute=True):
            public.get(links[0])
            token = links[0].split("token=")[1]
            reason = f"Nobody answered about {CHILD}."
            confirm = public.post(f"/complaints/status/{first.reference}/escalate/", {"token": token})
            assert confirm.status_code == 200  # the page to confirm, with an optional reason
            assert public.post(f"/complaints/status/{first.reference}/escalate/", {"token": token, "confirm": "yes", "reason": reason}).status_code == 302
        outbox.flush()

        # The second's window lapses: the sweep closes it and tells the complainant.
        for day in (date(2026, 5, 20), date(2026, 6, 30)):
            on(day, traveller)
            with run(execute=True):
                run_deadline_sweep(day.isoformat())
        outbox.flush()

        # An unexpected failure in the API while a body full of personal data is being read.
        monkeypatch.setattr("complaints_process.api.filing.build_intake_form", lambda *a, **k: 1 / 0)
        Client().post(
            "/api/complaints/v1/complaints/",
            json.dumps({"authority": "walsall", **person}),
            content_type="application/json",
        )

    first.refresh_from_db(), second.refresh_from_db()
    assert first.state == "stage2_requested" and second.state == "closed"  # the whole life was lived
    assert failures, "the failing send was exercised"
    assert len(all_logs) > 20  # the logs were captured, at every level
    assert any(" DEBUG " in line for line in all_logs)
    names = {line.split(" ")[0] for line in all_logs}
    assert {"complaints_process.work.outbox", "complaints_process.work.sweep", "complaints_process.api", "django.template"} <= names
    for secret in SECRETS:
        leaks = [line[:300] for line in all_logs if secret.lower() in line.lower()]
        assert not leaks, f"{secret!r} was logged: {leaks[:3]}"
