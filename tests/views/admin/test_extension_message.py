"""Extending a response time: the message to the complainant is previewed, then emailed word
for word; the internal note stays with staff; what the procedure's extension ``requires`` is
asked.

Walsall (seed page 004): stage 1 "it might take up to 20 days" (``requires: [reason]``);
stage 2 "we may take up to 65 working days ... We'll keep you updated"
(``requires: [complainant_told]``).
"""

from datetime import UTC, date, datetime

import pytest

import complaints_process.services.cases as svc
from complaints_process.exceptions import InvalidAction
from complaints_process.modeladmin import case_url
from complaints_process.models import Notification
from complaints_process.services.notifications import render
from tests.factories import UserFactory
from tests.views.admin.test_case_actions import action_url, post_action, previewed_action

pytestmark = pytest.mark.django_db

MESSAGE = "We are waiting for the school's records, which we need to answer your second point."
NOTE = "Head teacher on leave until Friday; chase the office."
HOSTILE = "<script>alert(1)</script> Records are late."


def test_the_message_is_previewed_emailed_word_for_word_and_the_note_is_not(as_user, manager, walsall_case):
    client = as_user(manager)
    post_action(client, walsall_case, "acknowledge", on="2026-03-04")
    post_action(client, walsall_case, "accept", on="2026-03-04")
    form = client.get(action_url(walsall_case, "extend")).content.decode()
    assert "Message to the complainant" in form and "Emailed to the complainant word for word" in form
    assert "Internal note (optional)" in form and "Never sent to the complainant" in form

    first = post_action(client, walsall_case, "extend", reason=MESSAGE, note=NOTE)
    html = first.content.decode()
    assert first.status_code == 200 and "What the complainant will be sent" in html
    preview = html[html.index("data-preview") :]
    assert "Why: We are waiting for the school&#x27;s records" in preview
    assert "Head teacher" not in preview
    hostile = post_action(client, walsall_case, "extend", reason=HOSTILE).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Records are late." in hostile and "<script>alert" not in hostile
    walsall_case.refresh_from_db()
    assert not walsall_case.stage_response_deadline().is_extended  # nothing done before the confirmation

    # A message changed after its preview is previewed again, not sent.
    key = html.split('name="previewed" value="')[1].split('"')[0]
    again = post_action(client, walsall_case, "extend", reason=MESSAGE + " Sorry.", note=NOTE, previewed=key)
    assert again.status_code == 200 and "Sorry." in again.content.decode()

    assert previewed_action(client, walsall_case, "extend", reason=MESSAGE, note=NOTE).status_code == 302
    walsall_case.refresh_from_db()
    # "up to 20 days" from Monday 2 March: Sunday 22 March.
    assert walsall_case.deadlines.get(clock_key="stage1.response").extended_due == date(2026, 3, 22)
    sent = render(Notification.objects.get(case=walsall_case, kind="extension"))
    assert f"Why: {MESSAGE}" in sent.text and "22 March 2026" in sent.text
    assert "Head teacher" not in sent.text and "Head teacher" not in (sent.html or "")

    page = as_user(manager).get(case_url(walsall_case)).content.decode()
    timeline = page[page.index('id="cp-timeline"') :]
    assert "Told the complainant: We are waiting for the school&#x27;s records" in timeline
    assert f"Internal note: {NOTE}" in timeline


def test_walsall_stage2_extension_asks_that_the_complainant_was_told(frozen_today, as_user, manager, walsall_case):
    frozen_today.move_to(datetime(2026, 4, 20, 12, tzinfo=UTC))
    user = UserFactory(is_superuser=True)
    case = svc.acknowledge(walsall_case, user=user, on=date(2026, 3, 4))
    case = svc.accept(case, user=user, on=date(2026, 3, 4))
    case = svc.respond(case, user=user, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 13))
    case = svc.escalate(case, user=user, on=date(2026, 3, 20))
    case = svc.agree_statement(case, user=user, on=date(2026, 3, 23))

    with pytest.raises(InvalidAction, match="the complainant has been told about the extension"):
        svc.extend(case, user=user, reason="Three services to interview.", on=date(2026, 4, 20))

    client = as_user(manager)
    form = client.get(action_url(case, "extend")).content.decode()
    assert 'name="confirm_complainant_told"' in form and "The complainant has been told about the extension" in form
    refused = post_action(client, case, "extend", reason="Three services to interview.", on="2026-04-20")
    assert refused.status_code == 400 and "Confirm this before extending" in refused.content.decode()
    done = previewed_action(client, case, "extend", reason="Three services to interview.", on="2026-04-20", confirm_complainant_told="on")
    assert done.status_code == 302
    event = case.events.get(action="extend")
    assert event.data["confirmed"] == ["complainant_told"]
    # "up to 65 working days" of Monday 23 March: Friday 26 June 2026 (tests/services/cases/test_walks.py).
    assert case.deadlines.get(clock_key="stage2.response").extended_due == date(2026, 6, 26)
