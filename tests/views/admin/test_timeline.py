"""The case page's timeline keeps history as it was written, in the order it happened.

Walsall (seed page 004), received Monday 2 March 2026.  Dates counted by hand in
``tests/services/cases/test_walks.py``: the stage 2 response is due "within 25 working days" of the
statement agreed on Monday 23 March, so Wednesday 29 April 2026; extended ("up to 65 working
days") it is due Friday 26 June 2026.
"""

from datetime import UTC, date, datetime

import complaints_process.services.cases as svc
from complaints_process.modeladmin import case_url
from complaints_process.selectors.case_page import case_page_context
from tests.factories import UserFactory


def walk_to_stage2_extended(case, user):
    case = svc.acknowledge(case, user=user, on=date(2026, 3, 4))
    case = svc.accept(case, user=user, on=date(2026, 3, 4))
    case = svc.respond(case, user=user, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 13))
    case = svc.escalate(case, user=user, on=date(2026, 3, 20))
    case = svc.agree_statement(case, user=user, on=date(2026, 3, 23))
    return svc.extend(case, user=user, reason="Three services to interview.", on=date(2026, 4, 20), confirmed=["complainant_told"])


def entry(timeline, title):
    found = [item for item in timeline if item["title"] == title]
    assert len(found) == 1, [item["title"] for item in timeline]
    return found[0]


def test_an_entry_shows_the_due_date_it_started_with_not_the_extended_one(frozen_today, walsall_case, as_user, manager):
    frozen_today.move_to(datetime(2027, 6, 1, 12, tzinfo=UTC))
    user = UserFactory(is_superuser=True)
    case = walk_to_stage2_extended(walsall_case, user)
    assert case.deadlines.get(clock_key="stage2.response").effective_due == date(2026, 6, 26)  # extended now

    agreed = entry(case_page_context(case)["timeline"], "Statement of complaint agreed")
    assert [(row["label"], row["due_then"]) for row in agreed["clocks_started"]] == [("Stage 2 response", date(2026, 4, 29))]
    html = as_user(manager).get(case_url(case)).content.decode()
    timeline = html[html.index('id="cp-timeline"') :]
    assert "Stage 2 response (due 29 Apr 2026)" in timeline
    assert "Stage 2 response (due 26 Jun 2026)" not in timeline


def test_what_an_event_caused_follows_it_and_closing_comes_last_in_its_day(frozen_today, walsall_case):
    frozen_today.move_to(datetime(2027, 6, 1, 12, tzinfo=UTC))
    user = UserFactory(is_superuser=True)
    case = walk_to_stage2_extended(walsall_case, user)
    case = svc.respond(case, user=user, outcomes={1: "not_upheld", 2: "not_upheld"}, on=date(2026, 6, 26))
    case = svc.close(case, user=user, on=date(2026, 6, 26))

    day = [item["title"] for item in case_page_context(case)["timeline"] if item["day"] == date(2026, 6, 26)]
    # Recorded in this order on Friday 26 June: the stage 2 response (meeting its clock),
    # then the closure.
    sent = next(n for n, title in enumerate(day) if title.startswith("Stage 2 response") and title.endswith("sent"))
    assert sent < day.index("Met: Stage 2 response (on time)") < day.index("Closed"), day
