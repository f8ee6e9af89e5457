"""Two officers acting on the same case at once: exactly one succeeds, the other is told the
case changed.  Needs real row locks, so PostgreSQL only."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from complaints_process.exceptions import CaseError, ConflictError
from complaints_process.models import CaseEvent, Complaint

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE); SQLite serialises writers instead",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/browser/conftest.py
def test_two_simultaneous_responses_yield_exactly_one_success(seed, make_case, svc, superuser):
    case = make_case(authority=seed("walsall"), received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 2))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 2))
    barrier = threading.Barrier(2)
    results = []

    def officer(outcome):
        try:
            mine = Complaint.objects.get(pk=case.pk)  # each officer has the case open
            barrier.wait()
            svc.respond(mine, user=superuser, outcomes={1: outcome, 2: outcome}, on=date(2026, 3, 5))
            results.append("ok")
        except CaseError as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=officer, args=(o,)) for o in ("upheld", "not_upheld")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results.count("ok") == 1
    loser = next(r for r in results if r != "ok")
    assert isinstance(loser, ConflictError)
    assert "Reload the case" in str(loser)
    assert CaseEvent.objects.filter(case_id=case.pk, action="respond").count() == 1
    assert Complaint.objects.get(pk=case.pk).state == "stage1_responded"
