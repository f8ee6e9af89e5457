"""The "what to expect" calculator: hand-counted dates, errors without a 500, no collisions."""

import pytest
import time_machine

from tests.demo import block_id, guidance_page, page_url

pytestmark = pytest.mark.django_db


def prefix(slug="walsall"):
    return f"received-{block_id(guidance_page(slug), 'what_to_expect')[:8]}"


def test_walsall_dates_for_a_complaint_received_on_friday_18_december_2026(demo, client):
    p = prefix()
    html = client.get(page_url("walsall"), {f"{p}-day": "18", f"{p}-month": "12", f"{p}-year": "2026"}).content.decode()
    assert "Friday 18 December 2026" in html
    # Acknowledgement, 5 working days: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4);
    # Fri 25 Christmas, Sat 26, Sun 27, Mon 28 Boxing Day (substitute) skipped; Tue 29 (5).
    assert "Tuesday 29 December 2026" in html
    # Stage 1 response, 10 working days: Wed 30 (6), Thu 31 (7), Fri 1 Jan is New Year's
    # Day, Mon 4 (8), Tue 5 (9), Wed 6 January (10).
    assert "Wednesday 6 January 2027" in html
    # If extended, "up to 20 days" is calendar days from receipt: 18 Dec + 20 = Thu 7 Jan.
    assert "Thursday 7 January 2027" in html


def test_iso_date_parameter_is_accepted(demo, client):
    html = client.get(page_url("walsall"), {prefix(): "2026-12-18"}).content.decode()
    assert "Wednesday 6 January 2027" in html


@time_machine.travel("2027-03-01 10:00 +0000", tick=False)
def test_default_is_today(demo, client):
    html = client.get(page_url("walsall")).content.decode()
    # Monday 1 March 2027; acknowledgement 5 working days later: Monday 8 March 2027.
    assert "Monday 1 March 2027" in html
    assert "Monday 8 March 2027" in html
    p = prefix()
    assert f'name="{p}-day" type="text" inputmode="numeric" value="1"' in html


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2027", "must be a real date"),
        ("x", "2", "2027", "must be a real date"),
        ("", "2", "2027", "must include a day"),
        ("1", "2", "99999", "The year must be between"),
    ],
)
def test_invalid_date_shows_a_govuk_error_not_a_500(demo, client, day, month, year, message):
    p = prefix()
    response = client.get(page_url("walsall"), {f"{p}-day": day, f"{p}-month": month, f"{p}-year": year})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-error-message"' in html and message in html
    assert "govuk-form-group--error" in html
    assert 'class="govuk-table' not in html


def test_bad_iso_date_shows_an_error(demo, client):
    response = client.get(page_url("walsall"), {prefix(): "2027-02-31"})
    assert response.status_code == 200 and "govuk-error-message" in response.content.decode()


def test_parameters_are_namespaced_per_block(demo, client):
    page = guidance_page("walsall")
    html = client.get(page_url("walsall"), {"received-day": "1", "received-month": "1", "received-year": "1999"}).content.decode()
    assert "1999" not in html  # another block's (or nobody's) parameters are ignored
    assert f'name="{prefix()}-day"' in html and page.pk
