"""The benchmark harness and the case generator, run at a tiny size so they cannot rot.

Timings at this size mean nothing and are not checked; what is checked is what the
benchmarks rely on: the generator's cases are consistent, the bulk calendar gives the same
answers as numpy, the sweep does the same work with a constant number of queries however
many pending rows there are, the list and case page ask a constant number of queries, and
the hand-written SQL of the closure benchmark writes exactly what the service wrote, and the
simulation of a draft replays the cases it chose.
"""

import json
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from complaints_process.models import FINAL_STATES, CaseEvent, Complaint, Deadline, DeadlineStatus, ReferenceSequence

pytest.importorskip("numpy")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/browser/conftest.py
def test_generate_cases_makes_consistent_cases_across_authorities():
    call_command("generate_cases", "--authorities", "7", "--cases", "700", "--today", "2026-03-10")
    assert Complaint.objects.count() == 700
    counts = Counter(Complaint.objects.values_list("authority__slug", flat=True))
    assert len(counts) == 7 and set(counts.values()) == {100}  # the five seeds and two copies
    assert "walsall-10" not in counts and "council-a-6" in counts
    states = Counter(Complaint.objects.values_list("state", flat=True))
    assert states["closed"] > 300 and sum(states.values()) - states["closed"] > 50  # mostly finished, some not
    # every case has its received event and starts where its events say
    assert CaseEvent.objects.filter(event_key="received").count() == 700
    # pending deadlines only on open cases; finished cases have a closing day
    assert not Deadline.objects.filter(status=DeadlineStatus.PENDING, case__state__in=FINAL_STATES).exists()
    assert not Complaint.objects.filter(state__in=FINAL_STATES, closed_on__isnull=True).exists()
    # deadlines met on or before their due date are on time
    for deadline in Deadline.objects.filter(status=DeadlineStatus.MET, due__isnull=False)[:200]:
        assert deadline.on_time == (deadline.met_on <= deadline.effective_due)
    # reference counters continue after the generated cases: the next filing does not collide
    latest = Complaint.objects.filter(authority__slug="walsall").order_by("-reference").values_list("reference", flat=True).first()
    year = int(latest.split("-")[1])
    assert ReferenceSequence.objects.get(authority__slug="walsall", year=year).last_number == int(latest.split("-")[2])
    from tests.factories import ComplaintFactory

    ComplaintFactory(authority=Complaint.objects.filter(authority__slug="walsall").first().authority, received_on=date(2026, 3, 2))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/browser/conftest.py
def test_the_harness_runs_at_a_tiny_size(tmp_path, settings):
    from benchmarks.run import run

    settings.ROOT_URLCONF = "benchmarks.urls"
    results = run("tiny", output=tmp_path, serve=False)
    assert results["calendar"]["identical_answers"]
    sweep = results["sweep"]
    assert sweep["small"]["pending"] >= 300 and sweep["big"]["pending"] >= 1500
    assert sweep["small"]["due_deadlines"] > 0 and sweep["small"]["due_deadlines"] == sweep["big"]["due_deadlines"]
    assert sweep["queries_constant"] and sweep["same_work"]
    admin = results["admin"]
    assert admin["big"]["cases"] > admin["small"]["cases"]
    assert admin["queries_constant"]
    assert results["closure"]["identical_rows"]
    simulation = results["simulation"]
    # Whole authorities until 300 cases; stage 1 answered within 15 working days moves every
    # stage 1 response deadline of those cases (the seeds give 10 to 20 working days or fewer).
    assert simulation["cases"] >= 300 and simulation["events"] > simulation["cases"]
    assert simulation["deadlines_moved"] > 0 and simulation["ratio"] is not None
    written = json.loads((tmp_path / "results.json").read_text())
    assert written["scale"] == "tiny"
    table = (tmp_path / "results.md").read_text()
    for name in (
        "1. Working-day arithmetic",
        "2. Deadline sweep",
        "3. Closure day",
        "4a. Case list",
        "4b. Case page",
        "7. Simulating a draft",
    ):
        assert name in table


def test_the_filing_benchmark_files_only_where_a_procedure_takes_complaints(db):
    from benchmarks.serving import taking_complaints
    from tests.factories import publish_seed

    for slug in ("council-a", "family-advice", "walsall"):
        publish_seed(slug)
    # The family-advice page is general advice to parents (voice: advice): no form, and the API
    # refuses a filing for it, so a benchmark sending it complaints would count them as lost.
    assert taking_complaints(["council-a", "family-advice", "walsall", "atlantis"]) == ["council-a", "walsall"]
