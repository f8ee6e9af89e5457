"""The complainant's window counts from the day they receive the response, not the day it is sent.

Walsall's page (seed 004): "You'll need to do this within 20 working days of receiving the
response letter."  The statutory template's receipt rules: email and by hand the same day;
"post: 2 working days after" (Interpretation Act 1978, s.7: a posted letter is received when it
"would be delivered in the ordinary course of post", read as the second working day after
posting for first class post).

Dates counted by hand, England 2027: Monday 31 May 2027 is the spring bank holiday.
A stage 1 response posted on Friday 28 May 2027, the Friday before it:
  deemed received: Mon 31 May (bank holiday, skipped), Tue 1 June (1), Wed 2 June (2).
  window, 20 working days from Wed 2 June: Thu 3 (1), Fri 4 (2), 7-11 June (7), 14-18 (12),
  21-25 (17), Mon 28 (18), Tue 29 (19), Wed 30 June 2027 (20).
Counted from the day of posting it would have closed on Monday 28 June 2027:
  1-4 June (4), 7-11 (9), 14-18 (14), 21-25 (19), Mon 28 June (20).

Every test runs twice: under Walsall's config as published, and under the same config changed
to take a posted letter as received the day it is posted (``receipt: {post: same day}``) and to
count the stage 2 request from sending (``from_receipt: false``), which would close the window
on Monday 28 June.  The law's floor (the statutory template: "within 20 working days", the
guidance, Getting the Best from Complaints, 2006) keeps its template's receipt rules, so the
case keeps the same window either way; ``process_config lawcheck`` lists the two changes
(tests/management/commands/test_lawcheck.py).
"""

from datetime import date

import pytest
from django.core import mail

from complaints_process.exceptions import InvalidAction
from complaints_process.models import CaseEvent, CaseState, DeadlineStatus
from complaints_process.services import cases as svc
from complaints_process.services.public import status_summary
from complaints_process.work import outbox
from tests.factories import publish_seed

pytestmark = pytest.mark.django_db

RECEIVED = date(2027, 5, 10)
POSTED = date(2027, 5, 28)  # the Friday before the spring bank holiday, Monday 31 May 2027
DEEMED_RECEIVED = date(2027, 6, 2)
WINDOW_CLOSES = date(2027, 6, 30)
IF_COUNTED_FROM_SENDING = date(2027, 6, 28)

REQUEST = """            # "You'll need to do this within 20 working days of receiving the response letter."
            due: within 20 working days
"""


def cut_receipt(text: str) -> str:
    """Walsall's config, receiving a posted letter the day it is posted and counting the
    stage 2 request from sending."""
    assert text.count("    channels: [letter]\n") == 1 and text.count(REQUEST) == 1
    text = text.replace("    channels: [letter]\n", "    channels: [letter]\n    receipt:\n      post: same day\n")
    return text.replace(REQUEST, REQUEST + "            from_receipt: false\n")


@pytest.fixture(params=["as published", "receipt cut"])
def walsall(request, db):
    """The work tests' Walsall, as published and with its receipt rule and window cut."""
    return publish_seed("walsall", text_change=cut_receipt if request.param == "receipt cut" else None)


def test_the_cut_config_really_counts_the_window_from_the_day_of_posting():
    procedure = publish_seed("walsall", text_change=cut_receipt).current_version().config().procedure("childrens-statutory")
    assert [rule.text for rule in procedure.receipt if rule.method == "post"] == ["same day"]
    assert procedure.clock("stage2.request").from_receipt is False


def posted_response(file_case, staff, clock, sent_by="post"):
    case = file_case(received_on=RECEIVED)
    case = svc.acknowledge(case, user=staff["admin"], on=RECEIVED)
    case = svc.accept(case, user=staff["admin"], on=RECEIVED)
    clock.day(POSTED)
    case = svc.respond(case, user=staff["admin"], outcomes={1: "upheld", 2: "not_upheld"}, sent_by=sent_by)
    outbox.flush()
    mail.outbox.clear()
    return case


def test_a_posted_response_leaves_the_whole_window_from_the_deemed_day_of_receipt(file_case, staff, clock):
    case = posted_response(file_case, staff, clock)
    window = case.escalation_window()
    assert window.clock_key == "stage2.request"
    assert (window.starts, window.due) == (DEEMED_RECEIVED, WINDOW_CLOSES)
    event = CaseEvent.objects.get(case=case, action="respond")
    assert (event.data["sent_by"], event.data["received_on"]) == ("post", "2027-06-02")


def test_an_emailed_response_counts_from_the_day_it_is_sent(file_case, staff, clock):
    case = posted_response(file_case, staff, clock, sent_by="email")
    window = case.escalation_window()
    assert (window.starts, window.due) == (POSTED, IF_COUNTED_FROM_SENDING)


def test_a_response_whose_sending_was_not_recorded_counts_from_the_latest_deemed_day(file_case, staff, clock):
    case = posted_response(file_case, staff, clock, sent_by=None)
    assert case.escalation_window().due == WINDOW_CLOSES
    assert CaseEvent.objects.get(case=case, action="respond").data["sent_by"] == "not_recorded"


def test_a_way_of_sending_the_procedure_has_no_rule_for_is_refused_and_nothing_changes(file_case, staff, clock):
    case = file_case(received_on=RECEIVED)
    case = svc.acknowledge(case, user=staff["admin"], on=RECEIVED)
    case = svc.accept(case, user=staff["admin"], on=RECEIVED)
    clock.day(POSTED)
    with pytest.raises(InvalidAction, match="Choose how the response was sent"):
        svc.respond(case, user=staff["admin"], outcomes={1: "upheld", 2: "upheld"}, sent_by="pigeon")
    case.refresh_from_db()
    assert case.state == CaseState.STAGE1
    assert not case.deadlines.filter(clock_key="stage2.request").exists()


def test_the_sweep_does_not_lapse_the_case_before_the_window_from_receipt_closes(file_case, staff, clock, run_sweep):
    case = posted_response(file_case, staff, clock)
    for day in (IF_COUNTED_FROM_SENDING, date(2027, 6, 29), WINDOW_CLOSES):
        assert run_sweep(day)["lapsed"] == 0
        case.refresh_from_db()
        assert case.state == CaseState.STAGE1_RESPONDED
    assert run_sweep(date(2027, 7, 1))["lapsed"] == 1
    case.refresh_from_db()
    assert (case.state, case.closure_reason, case.closed_on) == (CaseState.CLOSED, "lapsed", date(2027, 7, 1))
    assert case.deadlines.get(clock_key="stage2.request").status == DeadlineStatus.MISSED


def test_a_request_on_the_last_day_from_receipt_is_accepted_and_the_status_page_says_why(file_case, staff, clock):
    case = posted_response(file_case, staff, clock)
    clock.day(IF_COUNTED_FROM_SENDING)
    summary = status_summary(case)
    assert (summary["can_escalate"], summary["escalate_by"], summary["escalate_counted_from"]) == (True, WINDOW_CLOSES, DEEMED_RECEIVED)
    clock.day(WINDOW_CLOSES)
    case = svc.escalate(case, user=None)
    assert case.state == CaseState.STAGE2_REQUESTED


def test_a_request_after_the_window_from_receipt_is_refused_with_its_date(file_case, staff, clock):
    case = posted_response(file_case, staff, clock)
    clock.day(date(2027, 7, 1))
    with pytest.raises(InvalidAction, match="window closed on 30 June 2027"):
        svc.escalate(case, user=staff["admin"])
