"""A year of cases (financial year 2025-26) across two seed authorities, built with the case
services under time-machine, with outcomes and timings known by hand.

England bank holidays used: 2025: Good Friday 18 April, Easter Monday 21 April, 5 May, 26 May,
25 August; 2026: Good Friday 3 April, Easter Monday 6 April.  Day 0 is the day of the event;
working days taken count the working days after it up to and including the day met.

Walsall (statutory):
  W0 received Mon 31 Mar 2025, acknowledged that day; never answered: its stage 1 response was
     due Mon 14 Apr 2025 (in the period) -> overdue at the end of 2025-26.
  W1 child, Fostering, advocate; Mon 2 Jun 2025; ack Wed 4 Jun (2); stage 1 Fri 13 Jun
     (9, on time) upheld; closed Fri 20 Jun (signposted); Ombudsman referral 1 Sep 2025,
     decided (not upheld) 2 Apr 2026.  Theme Communication.
  W2 parent, Fostering; Mon 2 Jun 2025; ack Mon 9 Jun (5); extended 10 Jun to Sun 22 Jun;
     stage 1 Fri 20 Jun (14, within extension) partly; stage 2 asked Mon 30 Jun; statement
     Mon 7 Jul; stage 2 response Mon 18 Aug (30, due 11 Aug: late) upheld.  Themes
     Communication, Delay; learning action agreed 20 Aug 2025.
  W3 child, Residential care; Mon 3 Mar 2025 (before); ack Tue 4 Mar 2025; stage 1 Tue 1 Apr
     2025 (21, late) not upheld.  Theme Delay (not counted: received before); learning action
     agreed 31 Mar 2025 (not counted).
  W4 representative, Fostering; Tue 31 Mar 2026 (last day); ack Wed 1 Apr 2026 (next year).
  W5 parent, Children in need; Mon 1 Sep 2025; ack Tue 2 Sep (1); accepted; withdrawn Wed
     10 Sep at stage 1.
  W6 someone with an interest, Children in need; Mon 6 Oct 2025; not accepted Wed 8 Oct
     (out of time; signposted).
  W7 parent, Residential care; Mon 5 Jan 2026; ack same day (0); stage 1 Fri 13 Mar 2026
     (49, late) partly; stage 2 asked Wed 1 Apr 2026 (next year).
  W8 child, Fostering, advocate; Tue 1 Apr 2025 (first day); ack same day (0); stage 1
     Tue 15 Apr 2025 (10, on time, the due day) upheld.  Theme Communication.

Council A (statutory): A1 parent, Fostering; Mon 2 Jun 2025; ack Tue 3 Jun (1); stage 1
  Fri 13 Jun (9, on time) upheld.
Council A (corporate):
  C1 parent, Education transport; Mon 2 Jun 2025; ack Tue 3 Jun (1); stage 1 Tue 17 Jun
     (10 from the ack, on time) partly; stage 2 asked Mon 23 Jun, acknowledged Wed 25 Jun
     (2); extended to Fri 8 Aug; stage 2 Wed 6 Aug (30, within extension) not upheld; closed
     Fri 8 Aug (signposted).
  C2 child, Youth services; Mon 2 Feb 2026; ack Mon 9 Feb (5); stage 1 due Mon 23 Feb, sent
     Thu 2 Apr 2026 (late, next year) -> overdue at the end of 2025-26.
  C3 representative, Youth services; Tue 31 Mar 2026; ack same day (0).
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission

import complaints_process.services.cases as svc
from complaints_process.models import CaseTheme, LearningAction, OmbudsmanReferral
from tests.factories import ComplaintFactory, UserFactory, publish_seed

FROZEN_NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
U, P, N = "upheld", "partly_upheld", "not_upheld"

# Personal data put on every case, which must never reach a report or a CSV.
SECRETS = (
    "Alex Example",
    "alex@example.test",
    "07700 900123",
    "Sam Example",
    "Calls were not returned for three weeks.",
    "An apology and a named worker.",
    "The social worker did not return calls.",
    "Kept waiting by Jo Bloggs",
)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(FROZEN_NOW, tick=False) as traveller:
        yield traveller


def d(y, m, day):
    return date(y, m, day)


def file(authority, received, relationship, service, *, advocate=False, statutory=True, n=1):
    return ComplaintFactory(
        authority=authority,
        received_on=received,
        complainant_relationship=relationship,
        complainant_name=f"Alex Example {n}",
        complainant_phone="07700 900123",
        child_name=f"Sam Example {n}",
        service=service,
        needs_advocate=advocate,
        about_statutory_childrens_service=statutory,
        desired_outcome="An apology and a named worker.",
    )


def both(outcome_1, outcome_2):
    return {1: outcome_1, 2: outcome_2}


@pytest.fixture
def year(db):
    """Build the year; returns {"walsall": ..., "council_a": ..., "cases": {name: case}}."""
    walsall = publish_seed("walsall")
    council_a = publish_seed("council-a")
    su = UserFactory(is_superuser=True)
    cases = {}

    w0 = file(walsall, d(2025, 3, 31), "parent_or_carer", "Fostering", n=0)
    svc.acknowledge(w0, user=su, on=d(2025, 3, 31))
    cases["W0"] = w0

    w1 = file(walsall, d(2025, 6, 2), "child", "Fostering", advocate=True, n=1)
    w1 = svc.acknowledge(w1, user=su, on=d(2025, 6, 4))
    w1 = svc.accept(w1, user=su, on=d(2025, 6, 4))
    w1 = svc.respond(w1, user=su, outcomes=both(U, U), on=d(2025, 6, 13))
    w1 = svc.close(w1, user=su, reason="Kept waiting by Jo Bloggs", on=d(2025, 6, 20))
    OmbudsmanReferral.objects.create(case=w1, referred_on=d(2025, 9, 1), decision="not_upheld", decided_on=d(2026, 4, 2))
    CaseTheme.objects.create(case=w1, theme="Communication")
    cases["W1"] = w1

    w2 = file(walsall, d(2025, 6, 2), "parent_or_carer", "Fostering", n=2)
    w2 = svc.acknowledge(w2, user=su, on=d(2025, 6, 9))
    w2 = svc.accept(w2, user=su, on=d(2025, 6, 9))
    w2 = svc.extend(w2, user=su, reason="Kept waiting by Jo Bloggs", on=d(2025, 6, 10))
    w2 = svc.respond(w2, user=su, outcomes=both(N, U), on=d(2025, 6, 20))
    w2 = svc.escalate(w2, user=su, on=d(2025, 6, 30))
    w2 = svc.agree_statement(w2, user=su, on=d(2025, 7, 7))
    w2 = svc.respond(w2, user=su, outcomes=both(U, U), on=d(2025, 8, 18))
    CaseTheme.objects.create(case=w2, theme="Communication")
    CaseTheme.objects.create(case=w2, theme="Delay")
    LearningAction.objects.create(
        case=w2, theme="Communication", action="Team managers now check call-backs every week.", agreed_on=d(2025, 8, 20)
    )
    cases["W2"] = w2

    w3 = file(walsall, d(2025, 3, 3), "child", "Residential care", n=3)
    w3 = svc.acknowledge(w3, user=su, on=d(2025, 3, 4))
    w3 = svc.accept(w3, user=su, on=d(2025, 3, 4))
    w3 = svc.respond(w3, user=su, outcomes=both(N, N), on=d(2025, 4, 1))
    CaseTheme.objects.create(case=w3, theme="Delay")
    LearningAction.objects.create(case=w3, action="An action from the year before.", agreed_on=d(2025, 3, 31))
    cases["W3"] = w3

    w4 = file(walsall, d(2026, 3, 31), "representative", "Fostering", n=4)
    w4 = svc.acknowledge(w4, user=su, on=d(2026, 4, 1))
    cases["W4"] = w4

    w5 = file(walsall, d(2025, 9, 1), "parent_or_carer", "Children in need", n=5)
    w5 = svc.acknowledge(w5, user=su, on=d(2025, 9, 2))
    w5 = svc.accept(w5, user=su, on=d(2025, 9, 2))
    w5 = svc.withdraw(w5, user=su, reason="Kept waiting by Jo Bloggs", on=d(2025, 9, 10))
    cases["W5"] = w5

    w6 = file(walsall, d(2025, 10, 6), "someone_with_interest", "Children in need", n=6)
    w6 = svc.refuse(w6, user=su, ground="out_of_time", reason="Kept waiting by Jo Bloggs", on=d(2025, 10, 8))
    cases["W6"] = w6

    w7 = file(walsall, d(2026, 1, 5), "parent_or_carer", "Residential care", n=7)
    w7 = svc.acknowledge(w7, user=su, on=d(2026, 1, 5))
    w7 = svc.accept(w7, user=su, on=d(2026, 1, 5))
    w7 = svc.respond(w7, user=su, outcomes=both(U, P), on=d(2026, 3, 13))
    w7 = svc.escalate(w7, user=su, on=d(2026, 4, 1))
    cases["W7"] = w7

    w8 = file(walsall, d(2025, 4, 1), "child", "Fostering", advocate=True, n=8)
    w8 = svc.acknowledge(w8, user=su, on=d(2025, 4, 1))
    w8 = svc.accept(w8, user=su, on=d(2025, 4, 1))
    w8 = svc.respond(w8, user=su, outcomes=both(U, U), on=d(2025, 4, 15))
    CaseTheme.objects.create(case=w8, theme="Communication")
    cases["W8"] = w8

    a1 = file(council_a, d(2025, 6, 2), "parent_or_carer", "Fostering", n=11)
    a1 = svc.acknowledge(a1, user=su, on=d(2025, 6, 3))
    a1 = svc.accept(a1, user=su, on=d(2025, 6, 3))
    a1 = svc.respond(a1, user=su, outcomes=both(U, U), on=d(2025, 6, 13))
    cases["A1"] = a1

    c1 = file(council_a, d(2025, 6, 2), "parent_or_carer", "Education transport", statutory=False, n=21)
    c1 = svc.acknowledge(c1, user=su, on=d(2025, 6, 3))
    c1 = svc.accept(c1, user=su, on=d(2025, 6, 3))
    c1 = svc.respond(c1, user=su, outcomes=both(U, N), on=d(2025, 6, 17))
    c1 = svc.escalate(c1, user=su, on=d(2025, 6, 23))
    c1 = svc.acknowledge_escalation(c1, user=su, on=d(2025, 6, 25))
    c1 = svc.extend(c1, user=su, reason="Kept waiting by Jo Bloggs", new_due=d(2025, 8, 8), on=d(2025, 7, 15))
    c1 = svc.respond(c1, user=su, outcomes=both(N, N), on=d(2025, 8, 6))
    c1 = svc.close(c1, user=su, on=d(2025, 8, 8))
    cases["C1"] = c1

    c2 = file(council_a, d(2026, 2, 2), "child", "Youth services", statutory=False, n=22)
    c2 = svc.acknowledge(c2, user=su, on=d(2026, 2, 9))
    c2 = svc.accept(c2, user=su, on=d(2026, 2, 9))
    c2 = svc.respond(c2, user=su, outcomes=both(U, U), on=d(2026, 4, 2))
    cases["C2"] = c2

    c3 = file(council_a, d(2026, 3, 31), "representative", "Youth services", statutory=False, n=23)
    c3 = svc.acknowledge(c3, user=su, on=d(2026, 3, 31))
    cases["C3"] = c3

    for case in cases.values():
        case.refresh_from_db()
    return {"walsall": walsall, "council_a": council_a, "cases": cases, "superuser": su}


def admin_user(authority=None, role="complaints_officer"):
    user = UserFactory(teams=[(authority, role)] if authority else [])
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user
