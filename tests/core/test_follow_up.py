"""When a learning action is overdue and a remedy carried out on time (``core.follow_up``):
the rule the case page, the models and the annual report all read."""

from datetime import date

from complaints_process.core.follow_up import learning_action_overdue, remedy_on_time
from complaints_process.reports.figures import LearningRow, ReferralRow

DUE = date(2026, 3, 9)


def test_a_learning_action_is_overdue_from_the_day_after_it_was_due_until_done():
    assert learning_action_overdue(due_on=DUE, completed_on=None, on=date(2026, 3, 9)) is False
    assert learning_action_overdue(due_on=DUE, completed_on=None, on=date(2026, 3, 10)) is True
    assert learning_action_overdue(due_on=DUE, completed_on=date(2026, 3, 20), on=date(2026, 4, 1)) is False
    assert learning_action_overdue(due_on=None, completed_on=None, on=date(2030, 1, 1)) is False


def test_a_remedy_is_on_time_when_carried_out_by_the_date_set_or_with_none_set():
    assert remedy_on_time(due_on=DUE, complied_on=date(2026, 3, 9)) is True
    assert remedy_on_time(due_on=DUE, complied_on=date(2026, 3, 10)) is False
    assert remedy_on_time(due_on=None, complied_on=date(2026, 3, 10)) is True
    assert remedy_on_time(due_on=DUE, complied_on=None) is None


def test_the_report_rows_read_the_same_rule():
    action = LearningRow(theme="Delay", action="Call back within a day", agreed_on=date(2026, 1, 5), due_on=DUE)
    assert (action.overdue(date(2026, 3, 9)), action.overdue(date(2026, 3, 10))) == (False, True)
    late = ReferralRow(date(2025, 6, 2), "upheld", date(2026, 1, 5), True, remedy_due_on=DUE, remedy_complied_on=date(2026, 3, 10))
    assert late.remedy_on_time is False
