"""The deemed day of receipt (``core.clocks``): one function, counted by hand.

England 2027: Monday 31 May is the spring bank holiday.
"""

from datetime import date

import pytest

from complaints_process.core.calendar import WorkingDayCalendar
from complaints_process.core.clocks import ReceiptError, ReceiptRule, clock_start, deemed_receipt, earliest_receipt, parse_receipt
from complaints_process.core.durations import Duration

ENGLAND = WorkingDayCalendar("england")
RULES = (
    ReceiptRule("email", None, "same day"),
    ReceiptRule("post", parse_receipt("2 working days after"), "2 working days after"),
    ReceiptRule("by_hand", None, "same day"),
)
FRIDAY_BEFORE_BANK_HOLIDAY = date(2027, 5, 28)


def test_post_on_the_friday_before_a_bank_holiday_is_received_on_the_wednesday():
    # Saturday 29, Sunday 30, Monday 31 May (spring bank holiday) are not working days:
    # Tuesday 1 June (1), Wednesday 2 June (2).
    assert deemed_receipt(FRIDAY_BEFORE_BANK_HOLIDAY, "post", RULES, ENGLAND) == date(2027, 6, 2)


def test_email_and_by_hand_are_received_the_day_they_are_sent():
    assert deemed_receipt(FRIDAY_BEFORE_BANK_HOLIDAY, "email", RULES, ENGLAND) == FRIDAY_BEFORE_BANK_HOLIDAY
    assert deemed_receipt(FRIDAY_BEFORE_BANK_HOLIDAY, "by_hand", RULES, ENGLAND) == FRIDAY_BEFORE_BANK_HOLIDAY


def test_not_recorded_takes_the_latest_day_and_the_timeline_the_earliest():
    assert deemed_receipt(FRIDAY_BEFORE_BANK_HOLIDAY, None, RULES, ENGLAND) == date(2027, 6, 2)
    assert earliest_receipt(FRIDAY_BEFORE_BANK_HOLIDAY, RULES, ENGLAND) == FRIDAY_BEFORE_BANK_HOLIDAY
    assert deemed_receipt(FRIDAY_BEFORE_BANK_HOLIDAY, None, (), ENGLAND) == FRIDAY_BEFORE_BANK_HOLIDAY


def test_a_way_with_no_rule_is_refused_by_name():
    with pytest.raises(ReceiptError, match="no receipt rule for 'fax' \\(it has: email, post, by_hand\\)"):
        deemed_receipt(FRIDAY_BEFORE_BANK_HOLIDAY, "fax", RULES, ENGLAND)


def test_only_a_from_receipt_clock_moves_its_start():
    class Clock:
        from_receipt = False

    class Window:
        from_receipt = True

    assert clock_start(Clock(), FRIDAY_BEFORE_BANK_HOLIDAY, RULES, ENGLAND, "post") == FRIDAY_BEFORE_BANK_HOLIDAY
    assert clock_start(Window(), FRIDAY_BEFORE_BANK_HOLIDAY, RULES, ENGLAND, "post") == date(2027, 6, 2)


def test_a_window_the_law_counts_from_receipt_never_starts_before_the_templates_day_of_receipt():
    from complaints_process.core.config.model import LawConfig

    # The config: posted letters received the day they are posted, and the window from sending.
    config_rules = (ReceiptRule("email", None, "same day"), ReceiptRule("post", None, "same day"))

    class Window:
        from_receipt = False
        law = LawConfig("floor", "The Regulations, reg. 18", from_receipt=True, receipt=RULES)

    # The template's rule: posted on Friday 28 May 2027, received Wednesday 2 June (above).
    assert clock_start(Window(), FRIDAY_BEFORE_BANK_HOLIDAY, config_rules, ENGLAND, "post") == date(2027, 6, 2)
    assert clock_start(Window(), FRIDAY_BEFORE_BANK_HOLIDAY, config_rules, ENGLAND, None) == date(2027, 6, 2)
    assert clock_start(Window(), FRIDAY_BEFORE_BANK_HOLIDAY, config_rules, ENGLAND, "email") == FRIDAY_BEFORE_BANK_HOLIDAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [("same day", None), ("Same  Day", None), ("2 working days after", Duration(2, "working_days", "after", "2 working days after"))],
)
def test_receipt_rules_read(text, expected):
    assert parse_receipt(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("2 working days before", "cannot say 'before'"), ("next tuesday", "or write 'same day'"), (2, "expected 'same day'")],
)
def test_bad_receipt_rules_say_what_to_write(text, message):
    with pytest.raises(ReceiptError, match=message):
        parse_receipt(text)
