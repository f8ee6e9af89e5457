"""Property: every procedure the config language accepts either is refused by validation, or
walks to a final state along every path through the real case services.

Hypothesis writes procedures across the language: one to four stages; each stage a random
choice of steps (acknowledgement, statement of complaint, discussion, report, notice of a
meeting, the meeting), with or without a response; its response clock counted from any
declared event (the request, receipt, any step, an earlier stage's event) and perhaps
extendable (a longer limit, or no limit stated) and stoppable for the child's consent; a clock
for each step or not; a notice clock "at least N days before" a meeting; the complainant's
window to ask for each later stage present or not, in working or calendar days, perhaps
counted from receipt of the response; a procedure-wide acknowledgement clock; receipt rules;
the people it serves.  Whatever validation accepts must walk: a generated procedure that
validates but strands a case is a bug in validation or in the machine.

The run is derandomised (the same examples every run, for CI) and sized to stay near a minute
on a small machine: refused procedures cost almost nothing, each accepted one a walk of every
path.
"""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaints_process.core.config import ConfigInvalid, load_authority_text
from complaints_process.models import FINAL_STATES
from complaints_process.services.configs import publish_config
from complaints_process.services.walk import walk_procedure
from tests.factories import CONFIGS

EXTRA_STEPS = ("acknowledged", "statement_agreed", "discussion_held", "report_sent", "notice_sent", "panel_met")
UNITS = ("working days", "days")


@st.composite
def durations(draw, *, low=1, high=30):
    return f"within {draw(st.integers(low, high))} {draw(st.sampled_from(UNITS))}"


@st.composite
def extension(draw, due: str):
    """An ``extended`` limit for a clock due ``due`` (longer, or no limit stated), or nothing."""
    choice = draw(st.sampled_from(["none", "longer", "unbounded"]))
    if choice == "none":
        return ""
    if choice == "unbounded":
        return ", extended: no limit stated"
    amount, unit = due.removeprefix("within ").split(" ", 1)
    return f", extended: up to {int(amount) + draw(st.integers(1, 20))} {unit}"


@st.composite
def stage(draw, number: int, declared: list[str], previous_end: str | None, receipt: bool):
    """(events, clock lines) of stage ``number``; ``declared``: the events declared before it."""
    key = f"stage{number}"
    start = "received" if number == 1 else f"{key}.requested"
    events = [] if number == 1 else [start]
    steps = [f"{key}.{name}" for name in draw(st.lists(st.sampled_from(EXTRA_STEPS), unique=True, max_size=3))]
    events += steps
    clocks = []
    if draw(st.booleans()) or not steps:
        events.append(f"{key}.responded")
        due = draw(durations())
        counted_from = draw(st.sampled_from([start, *steps, *declared]))
        stops = ", stops: [child_consent]" if draw(st.booleans()) else ""
        clocks.append(f"response: {{label: R, from: {counted_from}, due: {due}{draw(extension(due))}, met_by: {key}.responded{stops}}}")
    for index, step in enumerate(steps):
        if draw(st.booleans()):
            before = start if index == 0 else steps[index - 1]
            clocks.append(f"s{index}: {{label: S, from: {before}, due: {draw(durations(high=10))}, met_by: {step}}}")
    if f"{key}.notice_sent" in steps and f"{key}.panel_met" in steps and draw(st.booleans()):
        days = draw(st.integers(1, 15))
        clocks.append(
            f"notice: {{label: N, kind: notice, from: {key}.panel_met, due: at least {days} days before, met_by: {key}.notice_sent}}"
        )
    if previous_end is not None and draw(st.booleans()):
        due = draw(st.one_of(durations(), st.just("not stated")))
        from_receipt = ", from_receipt: true" if receipt and draw(st.booleans()) else ""
        clocks.append(f"request: {{label: W, kind: window, from: {previous_end}, due: {due}, met_by: {start}{from_receipt}}}")
    return events, clocks


@st.composite
def procedures(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    receipt = draw(st.booleans())
    events = ["received"]
    if draw(st.booleans()):
        events.append("acknowledged")
    stages = []
    previous_end = None
    for number in range(1, count + 1):
        stage_events, clocks = draw(stage(number, list(events), previous_end, receipt))
        events += stage_events
        previous_end = stage_events[-1] if stage_events else previous_end
        body = "\n".join(f"          {clock}" for clock in clocks) or "          {}"
        stages.append(f"      stage{number}:\n        name: Stage {number}\n        clocks:\n{body}")
    procedure_clocks = ""
    if "acknowledged" in events:
        procedure_clocks = (
            f"    clocks:\n      acknowledgement: {{label: A, from: received, due: {draw(durations(high=5))}, met_by: acknowledged}}\n"
        )
    return (
        "authority: {slug: prop, name: Property Council, reference_prefix: PRP, calendar: {nation: "
        + draw(st.sampled_from(["england", "wales", "scotland"]))
        + "}}\nprocedures:\n  - slug: complaints\n    kind: corporate\n    name: Generated\n"
        + f"    service_users: {draw(st.sampled_from(['children', 'adults', 'all']))}\n"
        + ("    eligibility: {child_consent: ask}\n" if draw(st.booleans()) else "")
        + ("    receipt: {email: same day, post: 2 working days after}\n" if receipt else "")
        + "    events:\n"
        + "\n".join(f"      {event}: {{label: {event}}}" for event in events)
        + "\n"
        + procedure_clocks
        + "    stages:\n"
        + "\n".join(stages)
        + "\n"
    )


# Found by this test.  A meeting no clock times was recorded before the day the panel was
# convened for (fixed in the walk).  A notice period longer than the time the meeting is
# allowed after the step before left no day the notice could be sent: validation now refuses
# it (the walk moves such a meeting on a version stored before).
MEETING_NO_CLOCK_TIMES = """
authority: {slug: prop, name: Property Council, reference_prefix: PRP, calendar: {nation: england}}
procedures:
  - slug: complaints
    kind: corporate
    name: Generated
    events:
      received: {label: received}
      stage1.notice_sent: {label: notice}
      stage1.panel_met: {label: met}
      stage1.responded: {label: responded}
    stages:
      stage1:
        name: Stage 1
        clocks:
          response: {label: R, from: received, due: within 10 working days, met_by: stage1.responded}
"""
NOTICE_LONGER_THAN_THE_MEETING_ALLOWS = """
authority: {slug: prop, name: Property Council, reference_prefix: PRP, calendar: {nation: scotland}}
procedures:
  - slug: complaints
    kind: corporate
    name: Generated
    events:
      received: {label: received}
      stage1.acknowledged: {label: acknowledged}
      stage1.panel_met: {label: met}
      stage1.notice_sent: {label: notice}
      stage1.responded: {label: responded}
    stages:
      stage1:
        name: Stage 1
        clocks:
          response: {label: R, from: stage1.panel_met, due: within 18 working days, met_by: stage1.responded}
          s0: {label: S, from: received, due: within 6 working days, met_by: stage1.acknowledged}
          s1: {label: S, from: stage1.acknowledged, due: within 3 working days, met_by: stage1.panel_met}
          notice: {label: N, kind: notice, from: stage1.panel_met, due: at least 7 days before, met_by: stage1.notice_sent}
"""


@pytest.mark.django_db
@settings(
    max_examples=28,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(text=procedures())
@example(text=MEETING_NO_CLOCK_TIMES)
@example(text=NOTICE_LONGER_THAN_THE_MEETING_ALLOWS)
def test_a_procedure_is_refused_or_walks_to_a_final_state_on_every_path(text):
    try:
        config = load_authority_text(text, name="generated.yaml", configs_root=CONFIGS)
    except ConfigInvalid as invalid:
        assert all(error.line >= 1 and error.column >= 1 for error in invalid.errors)
        return
    with transaction.atomic():
        authority = publish_config(config, source_text=text, source_name="generated.yaml").version.authority
        paths = walk_procedure(authority, "complaints", date(2026, 3, 2))
        transaction.set_rollback(True)
    assert paths
    for path in paths:
        assert not path.stuck, (text, path.name, path.stuck)
        assert path.final_state in FINAL_STATES, (text, path.name)
