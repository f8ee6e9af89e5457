"""Rules each written once and read everywhere they apply: a clock's name, a deadline's
effective due date in the annual report, and the recorded path (timeline event and audit log)
for what the system does to a case."""

from datetime import date

import pytest
from wagtail.models import ModelLogEntry

import complaints_process.services.cases as svc
from complaints_process.models import CaseEvent
from complaints_process.models.deadlines import clock_label
from complaints_process.reports import queries
from complaints_process.reports.period import parse_period
from complaints_process.services import subject_access
from complaints_process.signals import case_transitioned
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_a_clock_is_named_by_its_label_else_by_its_key(seed):
    walsall = seed("walsall")
    case = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    procedure = case.procedure()
    assert clock_label(procedure, "stage3.authority_response") == "Director of Children's Services' response to the panel"
    assert clock_label(procedure, "stage9.response") == "stage9.response"  # no longer in the procedure
    assert clock_label(None, "stage1.response") == "stage1.response"  # nor the procedure in the config
    assert case.deadlines.get(clock_key="acknowledgement").label == "Acknowledgement"


def test_the_report_counts_a_deadline_by_its_extended_date(seed, superuser):
    walsall = seed("walsall")
    case = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 3))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 3))
    svc.extend(case, user=superuser, reason="Waiting for a record from the school", new_due=date(2026, 3, 20), on=date(2026, 3, 4))
    rows = queries.collect(walsall, parse_period("2025-26"), "statutory").rows
    response = next(d for d in rows[0].deadlines if d.clock_key == "stage1.response")
    assert response.effective_due == date(2026, 3, 20)


def test_what_the_system_records_goes_through_the_one_recorded_path(seed, superuser):
    """A subject access export is on the timeline and in the audit log as every action is,
    and is announced like one (``case_transitioned``)."""
    walsall = seed("walsall")
    case = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    heard = []

    def listen(*, action, **_):
        heard.append(action)

    case_transitioned.connect(listen)
    try:
        subject_access.export(walsall, subject_access.Search(email="alex@example.test"), user=superuser, today=date(2026, 3, 10))
    finally:
        case_transitioned.disconnect(listen)
    event = CaseEvent.objects.get(case=case, action="subject_access_export")
    assert (event.occurred_on, event.data) == (date(2026, 3, 10), {"cases_in_export": 1})
    entry = ModelLogEntry.objects.get(action="complaints_process.case.subject_access_export", object_id=str(case.pk))
    assert entry.data == {"from": "received", "to": "received", "event": "", "on": "2026-03-10", "reason": ""}
    assert heard == ["subject_access_export"]
