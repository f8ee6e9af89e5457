"""The process editor's preview shows what the draft would have done to the authority's cases
(both editors), case by case for those who may see the cases, counts only otherwise.

Walsall (process_configs/walsall.yaml): stage 1 "We aim to respond within 10 working days".
Received Monday 2 March 2026 (day 0): working day 10 is Monday 16 March, 11 Tuesday 17 March,
12 Wednesday 18 March.
"""

from datetime import UTC, date, datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

import complaints_process.services.cases as svc
from complaints_process.views.admin_config import current_text
from complaints_process.views.admin_simulation import simulation_context
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
S1_DUE = "procedures__0__stages__stage1__clocks__response__due"
PERIOD = {"simulate_from": "2026-03-01", "simulate_to": "2026-03-31"}


@pytest.fixture
def late_case(walsall, frozen_today):
    """Answered on working day 11, Tuesday 17 March: late under 10 working days."""
    frozen_today.move_to(datetime(2026, 4, 1, 12, tzinfo=UTC))
    user = UserFactory(is_superuser=True)
    case = ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2))
    case = svc.acknowledge(case, user=user, on=date(2026, 3, 3))
    case = svc.accept(case, user=user, on=date(2026, 3, 3))
    return svc.respond(case, user=user, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 17))


def test_the_yaml_preview_shows_the_cases_the_draft_changes(as_user, process_admin, walsall, late_case):
    client = as_user(process_admin)
    # Within 12 working days, the extended limit ("up to 20 days") taken to 30 days to stay beyond it.
    draft = (
        current_text(walsall)
        .replace("due: within 10 working days", "due: within 12 working days", 1)
        .replace("extended: up to 20 days", "extended: up to 30 days", 1)
    )
    response = client.post(reverse("complaints_process_config:edit", args=[walsall.slug]), {"yaml": draft, "preview": "1", **PERIOD})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="cp-simulation"' in html
    simulation = response.context["simulation"]
    assert simulation["detail"] is True and simulation["cases"].value == 1
    row = next(c for c in simulation["clocks"] if c["key"] == "stage1.response")
    assert (row["moved"].text, row["later"].text, row["shift"], row["late_to_on_time"].text) == ("1", "1", "+2 days", "1")
    # Case by case: the reference links to the case, 16 March becomes 18 March, late becomes on time.
    [case] = simulation["case_rows"]
    assert case["reference"] == late_case.reference and f'href="{case["url"]}"' in html
    [change] = case["changes"]
    assert (change["due_before"], change["due_after"], change["before"], change["after"]) == (
        date(2026, 3, 16),
        date(2026, 3, 18),
        "late",
        "on time",
    )
    assert late_case.reference in html and "16 Mar 2026" in html and "18 Mar 2026" in html
    # The annual report's stage 1 timeliness: 0 of 1, then 1 of 1.
    [report] = [r for r in simulation["report"] if r["label"] == "Stage 1 response"]
    assert (report["before"]["timely"].text, report["after"]["timely"].text) == ("0", "1")
    assert walsall.config_versions.count() == 1  # nothing is published


def test_the_form_preview_shows_what_a_closure_day_would_have_moved(as_user, process_admin, walsall, late_case):
    client = as_user(process_admin)
    url = reverse("complaints_process_config:form", args=[walsall.slug])
    form = client.get(url).context["form"]
    values = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    # Wednesday 11 March closed: stage 1's 10th working day becomes Tuesday 17 March, the day
    # the response was sent, so it would have been on time.
    values.update({"closure_0_date": "2026-03-11", "closure_0_reason": "Office move"})
    response = client.post(url, {**values, "preview": "1", **PERIOD})
    simulation = response.context["simulation"]
    row = next(c for c in simulation["clocks"] if c["key"] == "stage1.response")
    assert (row["moved"].text, row["shift"], row["late_to_on_time"].text) == ("1", "+1 day", "1")
    ack = next(c for c in simulation["clocks"] if c["key"] == "acknowledgement")
    assert ack["moved"].text == "0"  # met on 3 March, due Monday 9 March: before the closure


def test_a_bad_period_is_said_and_the_default_used(as_user, process_admin, walsall, late_case):
    client = as_user(process_admin)
    response = client.post(
        reverse("complaints_process_config:edit", args=[walsall.slug]),
        {"yaml": current_text(walsall), "preview": "1", "simulate_from": "yesterday", "simulate_to": "2026-03-31"},
    )
    simulation = response.context["simulation"]
    # Today is 1 April 2026: the default is the 365 days up to and including it, from 2 April 2025.
    assert simulation["problems"] == ["The first date of the simulation is not a date: the default, 2 April 2025, is used."]
    assert simulation["start"] == date(2025, 4, 2) and simulation["cases"].value == 1


def test_counts_only_with_small_numbers_suppressed_for_someone_who_may_not_see_the_cases(walsall, late_case):
    from complaints_process.core.config import load_authority_text
    from tests.factories import CONFIGS

    text = (CONFIGS / "walsall.yaml").read_text().replace("due: within 10 working days", "due: within 12 working days", 1)
    text = text.replace("extended: up to 20 days", "extended: up to 30 days", 1)
    draft = load_authority_text(text, name="walsall.yaml", configs_root=CONFIGS)
    context = simulation_context(walsall, draft, PERIOD, detail=False)
    assert context["case_rows"] == []
    row = next(c for c in context["clocks"] if c["key"] == "stage1.response")
    # One case: under the published reports' threshold of 5, so hidden, and the shift with it.
    assert (row["moved"].text, row["late_to_on_time"].text, row["shift"]) == ("fewer than 5", "fewer than 5", "")
    assert context["cases"].text == "fewer than 5"
    html = render_to_string("complaints_process/admin/config/_simulation.html", {"simulation": context})
    assert late_case.reference not in html and "fewer than 5" in html and "only counts are shown" in html
