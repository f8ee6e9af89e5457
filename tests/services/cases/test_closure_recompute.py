"""A closure day added to the calendar moves the open deadlines it falls inside (the one
exception to pinning), and is recorded on each case it moves."""

from datetime import date

from complaints_process.models import CaseEvent
from tests.factories import publish_seed


def add_closure(day: str):
    def change(text: str) -> str:
        return text.replace("closures: []", f"closures: [{{date: {day}, reason: Office move}}]", 1)

    return change


def test_a_closure_day_inside_an_open_stage1_window_moves_the_due_date_by_one_working_day(seed, make_case, superuser):
    walsall = seed("walsall")
    # Received Monday 2 March 2026: stage 1 due in 10 working days, Monday 16 March.
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    publish_seed("walsall", text_change=add_closure("2026-03-11"))
    deadline = case.deadlines.get(clock_key="stage1.response")
    # Wednesday 11 March is no longer a working day: the 10th is Tuesday 17 March.
    assert deadline.due == date(2026, 3, 17)
    # The acknowledgement (5 working days: Monday 9 March) ends before the closure.
    assert case.deadlines.get(clock_key="acknowledgement").due == date(2026, 3, 9)
    event = CaseEvent.objects.filter(case=case, action="recompute_deadlines").get()
    assert event.data["closures"] == {"added": ["2026-03-11"], "removed": []}
    assert event.data["deadlines"][0]["clock"] == "stage1.response"
    assert (event.data["deadlines"][0]["due_before"], event.data["deadlines"][0]["due_after"]) == ("2026-03-16", "2026-03-17")
    # The case stays pinned to its version for everything else.
    assert case.config_version.number == 1


def test_a_closed_case_is_untouched(seed, make_case, svc, superuser):
    walsall = seed("walsall")
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    case = svc.withdraw(case, user=superuser, on=date(2026, 3, 3))
    publish_seed("walsall", text_change=add_closure("2026-03-11"))
    assert case.deadlines.get(clock_key="stage1.response").due == date(2026, 3, 16)
    assert not CaseEvent.objects.filter(case=case, action="recompute_deadlines").exists()


def test_a_case_whose_deadline_is_before_the_closure_is_untouched(seed, make_case):
    walsall = seed("walsall")
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    # Friday 20 March is after every open deadline of the case (the latest is 22 March, the
    # extension limit in calendar days, which closures do not move).
    publish_seed("walsall", text_change=add_closure("2026-03-20"))
    assert case.deadlines.get(clock_key="stage1.response").due == date(2026, 3, 16)
    assert not CaseEvent.objects.filter(case=case, action="recompute_deadlines").exists()


def _recompute_queries(make_case, authority, closure_days: list[str], cases: int) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints_process.models import Complaint

    for _ in range(cases):
        make_case(authority=authority, received_on=date(2026, 3, 2))
    with CaptureQueriesContext(connection) as queries:
        closures = ", ".join(f"{{date: {day}, reason: Office move}}" for day in closure_days)
        publish_seed("walsall", text_change=lambda text: text.replace("closures: []", f"closures: [{closures}]", 1))
    moved = CaseEvent.objects.filter(action="recompute_deadlines", case__in=Complaint.objects.filter(authority=authority)).count()
    return len(queries), moved


def test_the_queries_of_a_calendar_change_do_not_grow_with_the_cases_it_moves(seed, make_case):
    """Locking, reading, updating and recording are each one statement (or one per batch)."""
    from wagtail.models import ModelLogEntry

    walsall = seed("walsall")
    few, moved_few = _recompute_queries(make_case, walsall, ["2026-03-11"], 2)
    many, moved_many = _recompute_queries(make_case, walsall, ["2026-03-11", "2026-03-12"], 8)
    assert (moved_few, moved_many) == (2, 2 + 10)  # the second change moves the first two cases again
    assert many == few
    # every moved case has its audit log entry, as a case action would leave
    assert ModelLogEntry.objects.filter(action="complaints_process.case.recompute_deadlines").count() == 12


def test_removing_the_closure_day_moves_the_due_date_back(seed, make_case):
    walsall = seed("walsall")
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    publish_seed("walsall", text_change=add_closure("2026-03-11"))
    assert case.deadlines.get(clock_key="stage1.response").due == date(2026, 3, 17)
    # The office opens after all on Wednesday 11 March: the 10th working day is Monday 16 March again.
    publish_seed("walsall")
    assert case.deadlines.get(clock_key="stage1.response").due == date(2026, 3, 16)
    removed = CaseEvent.objects.filter(case=case, action="recompute_deadlines").order_by("id").last()
    assert removed.data["closures"] == {"added": [], "removed": ["2026-03-11"]}


def test_a_closure_before_a_deadline_starts_does_not_move_it(seed, make_case, svc, superuser):
    walsall = seed("walsall")
    case = make_case(authority=walsall, received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=superuser, on=date(2026, 3, 3))
    case = svc.accept(case, user=superuser, on=date(2026, 3, 3))
    case = svc.respond(case, user=superuser, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 13))
    window = case.deadlines.get(clock_key="stage2.request")
    # Wednesday 11 March is before the stage 2 request window opened (Friday 13 March).
    publish_seed("walsall", text_change=add_closure("2026-03-11"))
    assert case.deadlines.get(pk=window.pk).due == window.due
    assert not CaseEvent.objects.filter(case=case, action="recompute_deadlines").exists()
