"""Property: every procedure the config language accepts either is refused by validation, or
walks to a final state along every path through the real case services.

Hypothesis writes procedures of one to four stages, each with a random choice of steps
(acknowledgement, statement of complaint, discussion, report), with or without a response,
and with its response clock counted from the request (or receipt) or from any of its steps.
"""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints_process.core.config import ConfigInvalid, load_authority_text
from complaints_process.models import FINAL_STATES
from complaints_process.services.configs import publish_config
from complaints_process.services.walk import walk_procedure
from tests.factories import CONFIGS

EXTRA_STEPS = ("acknowledged", "statement_agreed", "discussion_held", "report_sent")


@st.composite
def procedures(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    events = ["      received: {label: Received}"]
    stages = []
    for number in range(1, count + 1):
        key = f"stage{number}"
        start = "received" if number == 1 else f"{key}.requested"
        if number > 1:
            events.append(f"      {start}: {{label: Asked for {key}}}")
        steps = [f"{key}.{name}" for name in draw(st.lists(st.sampled_from(EXTRA_STEPS), unique=True, max_size=3))]
        responded = draw(st.booleans()) or not steps and draw(st.booleans())
        events += [f"      {step}: {{label: {step}}}" for step in steps]
        clocks = []
        if responded:
            events.append(f"      {key}.responded: {{label: {key} answered}}")
            counted_from = draw(st.sampled_from([start, *steps]))
            clocks.append(
                f"          response: {{label: R, from: {counted_from}, due: within 10 working days, met_by: {key}.responded}}"
            )
        for index, step in enumerate(steps):
            before = start if index == 0 else steps[index - 1]
            clocks.append(f"          s{index}: {{label: S, from: {before}, due: within 5 working days, met_by: {step}}}")
        stages.append(f"      {key}:\n        name: Stage {number}\n        clocks:\n" + ("\n".join(clocks) or "          {}"))
    return (
        "authority: {slug: prop, name: Property Council, reference_prefix: PRP, calendar: {nation: england}}\n"
        "procedures:\n  - slug: complaints\n    kind: corporate\n    name: Generated\n    events:\n"
        + "\n".join(events)
        + "\n    stages:\n"
        + "\n".join(stages)
        + "\n"
    )


@pytest.mark.django_db
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=procedures())
def test_a_procedure_is_refused_or_walks_to_a_final_state_on_every_path(text):
    try:
        config = load_authority_text(text, name="generated.yaml", configs_root=CONFIGS)
    except ConfigInvalid:
        return
    with transaction.atomic():
        authority = publish_config(config, source_text=text, source_name="generated.yaml").version.authority
        paths = walk_procedure(authority, "complaints", date(2026, 3, 2))
        transaction.set_rollback(True)
    assert paths
    for path in paths:
        assert not path.stuck, (text, path.name, path.stuck)
        assert path.final_state in FINAL_STATES, (text, path.name)
