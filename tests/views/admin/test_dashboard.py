"""The dashboard panel on the Wagtail home page."""

from datetime import date

import pytest

from complaints_process.services.cases import accept, acknowledge, respond
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_panel_counts_own_cases_by_stage_overdue_and_this_week(as_user, manager, walsall, hampshire_case):
    ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))  # acknowledgement due 9 March: overdue
    ComplaintFactory(authority=walsall, received_on=date(2026, 3, 6))  # due Friday 13 March: this week
    done = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    done = acknowledge(done, user=manager, on=date(2026, 3, 3))
    done = accept(done, user=manager, on=date(2026, 3, 3))
    respond(done, user=manager, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 10))
    html = as_user(manager).get("/admin/").content.decode()
    assert 'id="cp-dashboard"' in html
    assert '<td data-stage="received">2</td>' in html
    assert '<td data-stage="stage1">1</td>' in html
    assert ">1 overdue<" in html and ">1 due this week<" in html
    assert "100% (1 of 1)" in html  # stage 1 response on time


def test_editors_get_no_panel(as_user, editor):
    assert 'id="cp-dashboard"' not in as_user(editor).get("/admin/").content.decode()
