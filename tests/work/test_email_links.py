"""Emails link to the site where it really runs (the configured public address, else the
address ``make demo`` serves), tell the complainant how and by when to ask
for the next stage, and give the authority's contact details.

Walsall (seed page 004), received Monday 2 March 2026, stage 1 answered on Friday 13 March,
the way of sending not recorded, so taken as received on the latest day the procedure's
receipt rules give (post, two working days: Tuesday 17 March).  "Within 20 working days of
receiving the response letter" ends on Thursday 16 April 2026 (counted in the test).
Its contact: "Write to us: The Assurance Team, 1st Floor Civic Centre, Darwall Street,
Walsall WS1 1TP".
"""

import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core import mail

from complaints_process.models import Notification
from complaints_process.services import cases as svc
from complaints_process.work import outbox

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
PUBLIC = "https://complaints.walsall.example"
ADDRESS = "Write to: The Assurance Team, 1st Floor Civic Centre, Darwall Street, Walsall WS1 1TP"


def test_make_demo_gives_the_address_it_serves_to_the_site_and_the_worker():
    plan = subprocess.run(
        ["make", "-n", "demo", "PORT=8123", "HOST=127.0.0.1"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    commands = [line for line in plan.splitlines() if "manage.py setup_demo" in line or "manage.py rundemo" in line]
    assert len(commands) == 2, plan
    assert all("WAGTAILADMIN_BASE_URL=http://127.0.0.1:8123 " in line for line in commands), commands
    assert "8000" not in plan


@pytest.mark.parametrize(
    ("public", "admin", "expected"),
    [(PUBLIC, "http://127.0.0.1:8000", PUBLIC), (None, "http://127.0.0.1:8123", "http://127.0.0.1:8123")],
)
def test_the_stage_response_says_how_and_by_when_to_ask_for_the_next_stage(settings, file_case, staff, clock, public, admin, expected):
    settings.COMPLAINTS_PROCESS_PUBLIC_BASE_URL = public
    settings.WAGTAILADMIN_BASE_URL = admin
    admin = staff["admin"]
    case = file_case()
    clock.day(date(2026, 3, 13))
    case = svc.acknowledge(case, user=admin, on=date(2026, 3, 4))
    case = svc.accept(case, user=admin, on=date(2026, 3, 4))
    # Sent on Friday 13 March 2026, the way of sending not recorded: the window counts from the
    # latest deemed receipt the procedure's rules give ("post: 2 working days after"), Tuesday
    # 17 March.  "Within 20 working days of receiving the response letter": 18-20 March (3),
    # 23-27 (8), 30-31 (10), 1-2 April (12), Good Friday 3 and Easter Monday 6 April skipped,
    # 7-10 (16), 13-16 (20): Thursday 16 April 2026.
    svc.respond(case, user=admin, outcomes={1: "upheld", 2: "not_upheld"}, on=date(2026, 3, 13))
    mail.outbox.clear()
    outbox.flush()
    [message] = [m for m in mail.outbox if m.subject == f"Your complaint {case.reference}: our response"]
    assert Notification.objects.get(case=case, kind="stage_response").status == "sent"
    body = " ".join(message.body.split())
    assert "you can ask us to take your complaint to the next stage (Investigation)." in body
    assert "You must ask by 16 April 2026." in body
    assert f"To ask, go to {expected}/complaints/status/ and enter your reference, {case.reference}," in body
    assert ADDRESS in message.body
    html = message.alternatives[0][0]
    assert f'<a href="{expected}/complaints/status/">' in html and "16 April 2026" in html and "The Assurance Team" in html
