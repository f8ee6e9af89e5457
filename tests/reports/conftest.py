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
  W9 representative, Fostering; Mon 3 Feb 2025 (the year before); ack Tue 4 Feb (1); stage 1
     Mon 17 Feb 2025 (10, on time) not upheld; stage 2 asked Mon 3 Mar 2025, statement Mon
     10 Mar; stage 2 response Tue 1 Apr 2025 (16, on time; first day of 2025-26) partly;
     review panel asked Tue 22 Apr 2025; notice sent Fri 2 May for a meeting on Wed 14 May
     (notice due Sun 4 May: on time); panel met Wed 14 May (15 working days, due Thu 22 May,
     30 calendar days: on time); panel's report Tue 20 May (4, due Mon 19 May, 5 calendar
     days: late); the Director's response Mon 2 Jun (8; 26 May is a bank holiday; due Wed
     4 Jun, 15 calendar days: on time); closed Tue 3 Jun 2025 (signposted).  Ombudsman
     referral 1 Sep 2025, decided (upheld, with a remedy to be carried out by Fri 24 Apr 2026)
     Fri 27 Mar 2026; the remedy carried out Wed 20 May 2026 (late, the next year).  Theme Delay (not
     counted: received the year before); learning action agreed 10 Jun 2025, done 15 Jul.

Council A lists its themes in its config (``COUNCIL_A_THEMES``); Walsall does not, so its
themes are free text.

Council A (statutory): A1 parent, Fostering; Mon 2 Jun 2025; ack Tue 3 Jun (1); stage 1
  Fri 13 Jun (9, on time) upheld.  Theme Communication.
Council A (corporate):
  C1 parent, Education transport; Mon 2 Jun 2025; ack Tue 3 Jun (1); stage 1 Tue 17 Jun
     (10 from the ack, on time) partly; stage 2 asked Mon 23 Jun, acknowledged Wed 25 Jun
     (2); extended to Fri 8 Aug; stage 2 Wed 6 Aug (30, within extension) not upheld; closed
     Fri 8 Aug (signposted).  Themes Transport, Delay; learning action agreed 8 Aug 2025,
     due 30 Sep 2025, not done (overdue on 1 June 2026); Ombudsman referral 1 Oct 2025,
     decided 15 Oct 2025 (premature: referred back, no remedy).
  C2 child, Youth services; Mon 2 Feb 2026; ack Mon 9 Feb (5); stage 1 due Mon 23 Feb, sent
     Thu 2 Apr 2026 (late, next year) -> overdue at the end of 2025-26.  Theme Delay.
  C3 representative, Youth services; Tue 31 Mar 2026; ack same day (0).

Themes, learning actions and Ombudsman referrals are recorded with the services
(``services/cases/learning.py``), as the admin records them.
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission

import complaints_process.services.cases as svc
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
    "Apology and £200 for time and trouble.",  # a remedy: recorded, counted, never shown
    "25 004 321",  # Ombudsman references
    "25 007 654",
)

COUNCIL_A_THEMES = {
    "base/statutory-england-2006": "[Communication, Delay, Decision-making, Staff conduct]",
    "base/corporate-lgsco-2024": "[Communication, Delay, Policy, Transport]",
}


def council_a_with_themes(text):
    for template, themes in COUNCIL_A_THEMES.items():
        marker = f"    extends: {template}\n"
        assert marker in text
        text = text.replace(marker, f"{marker}    themes: {themes}\n", 1)
    return text


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
    council_a = publish_seed("council-a", text_change=council_a_with_themes)
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
    referral = svc.record_ombudsman_referral(w1, user=su, referred_on=d(2025, 9, 1), reference="25 004 321")
    svc.record_ombudsman_decision(w1, user=su, referral=referral, decision="not_upheld", decided_on=d(2026, 4, 2))
    svc.add_theme(w1, user=su, theme="Communication")
    cases["W1"] = w1

    w2 = file(walsall, d(2025, 6, 2), "parent_or_carer", "Fostering", n=2)
    w2 = svc.acknowledge(w2, user=su, on=d(2025, 6, 9))
    w2 = svc.accept(w2, user=su, on=d(2025, 6, 9))
    w2 = svc.extend(w2, user=su, reason="Kept waiting by Jo Bloggs", on=d(2025, 6, 10))
    w2 = svc.respond(w2, user=su, outcomes=both(N, U), on=d(2025, 6, 20))
    w2 = svc.escalate(w2, user=su, on=d(2025, 6, 30))
    w2 = svc.agree_statement(w2, user=su, on=d(2025, 7, 7))
    w2 = svc.respond(w2, user=su, outcomes=both(U, U), on=d(2025, 8, 18))
    svc.add_theme(w2, user=su, theme="Communication")
    svc.add_theme(w2, user=su, theme="Delay")
    action = svc.record_learning_action(
        w2,
        user=su,
        theme="Communication",
        action="Team managers now check call-backs every week.",
        owner="Fostering service",
        due_on=d(2025, 10, 31),
        agreed_on=d(2025, 8, 20),
    )
    svc.update_learning_action(
        w2,
        user=su,
        learning_action=action,
        action=action.action,
        owner=action.owner,
        due_on=action.due_on,
        theme=action.theme,
        completed_on=d(2025, 10, 15),
    )
    cases["W2"] = w2

    w3 = file(walsall, d(2025, 3, 3), "child", "Residential care", n=3)
    w3 = svc.acknowledge(w3, user=su, on=d(2025, 3, 4))
    w3 = svc.accept(w3, user=su, on=d(2025, 3, 4))
    w3 = svc.respond(w3, user=su, outcomes=both(N, N), on=d(2025, 4, 1))
    svc.add_theme(w3, user=su, theme="delay ", on=d(2025, 3, 31))  # free text: stored as "Delay", W2's spelling
    svc.record_learning_action(
        w3,
        user=su,
        action="An action from the year before.",
        owner="Residential care service",
        due_on=d(2025, 6, 30),
        agreed_on=d(2025, 3, 31),
    )
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
    svc.add_theme(w8, user=su, theme="Communication")
    cases["W8"] = w8

    w9 = file(walsall, d(2025, 2, 3), "representative", "Fostering", n=9)
    w9 = svc.acknowledge(w9, user=su, on=d(2025, 2, 4))
    w9 = svc.accept(w9, user=su, on=d(2025, 2, 4))
    w9 = svc.respond(w9, user=su, outcomes=both(N, N), on=d(2025, 2, 17))
    w9 = svc.escalate(w9, user=su, on=d(2025, 3, 3))
    w9 = svc.agree_statement(w9, user=su, on=d(2025, 3, 10))
    w9 = svc.respond(w9, user=su, outcomes=both(U, N), on=d(2025, 4, 1))
    w9 = svc.escalate(w9, user=su, on=d(2025, 4, 22))
    w9 = svc.convene_panel(w9, user=su, meeting_on=d(2025, 5, 14), notice_sent_on=d(2025, 5, 2))
    w9 = svc.record_panel_met(w9, user=su, on=d(2025, 5, 14))
    w9 = svc.record_panel_report(w9, user=su, outcomes=both(P, N), on=d(2025, 5, 20))  # panel: partly upheld
    w9 = svc.record_authority_response(w9, user=su, on=d(2025, 6, 2))
    w9 = svc.close(w9, user=su, on=d(2025, 6, 3))
    svc.add_theme(w9, user=su, theme="Delay")
    action = svc.record_learning_action(
        w9,
        user=su,
        theme="Delay",
        action="The panel clerk tracks every panel report to be sent within 5 days.",
        owner="Complaints and assurance team",
        due_on=d(2025, 7, 31),
        agreed_on=d(2025, 6, 10),
    )
    svc.update_learning_action(
        w9,
        user=su,
        learning_action=action,
        action=action.action,
        owner=action.owner,
        due_on=action.due_on,
        theme=action.theme,
        completed_on=d(2025, 7, 15),
    )
    referral = svc.record_ombudsman_referral(w9, user=su, referred_on=d(2025, 9, 1), reference="25 007 654")
    referral = svc.record_ombudsman_decision(
        w9,
        user=su,
        referral=referral,
        decision="upheld",
        decided_on=d(2026, 3, 27),
        remedy="Apology and £200 for time and trouble.",
        remedy_due_on=d(2026, 4, 24),
    )
    svc.record_remedy_compliance(w9, user=su, referral=referral, complied_on=d(2026, 5, 20))
    cases["W9"] = w9

    a1 = file(council_a, d(2025, 6, 2), "parent_or_carer", "Fostering", n=11)
    a1 = svc.acknowledge(a1, user=su, on=d(2025, 6, 3))
    a1 = svc.accept(a1, user=su, on=d(2025, 6, 3))
    a1 = svc.respond(a1, user=su, outcomes=both(U, U), on=d(2025, 6, 13))
    svc.add_theme(a1, user=su, theme="communication")  # configured: stored as "Communication"
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
    svc.add_theme(c1, user=su, theme="Transport")
    svc.add_theme(c1, user=su, theme="Delay")
    svc.record_learning_action(
        c1,
        user=su,
        theme="Transport",
        action="Transport complaints go straight to the transport team's manager.",
        owner="Home to school transport",
        due_on=d(2025, 9, 30),
        agreed_on=d(2025, 8, 8),
    )
    referral = svc.record_ombudsman_referral(c1, user=su, referred_on=d(2025, 10, 1))
    svc.record_ombudsman_decision(c1, user=su, referral=referral, decision="premature", decided_on=d(2025, 10, 15))
    cases["C1"] = c1

    c2 = file(council_a, d(2026, 2, 2), "child", "Youth services", statutory=False, n=22)
    c2 = svc.acknowledge(c2, user=su, on=d(2026, 2, 9))
    c2 = svc.accept(c2, user=su, on=d(2026, 2, 9))
    c2 = svc.respond(c2, user=su, outcomes=both(U, U), on=d(2026, 4, 2))
    svc.add_theme(c2, user=su, theme="Delay")
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
