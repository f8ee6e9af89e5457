"""The Scottish (SPSO model CHP) and Welsh (2014 Regulations) templates mark each clock's legal
bound and state when a response is taken to be received, with their sources, so an authority
that extends them is checked by ``lawcheck`` as an English one is.

Dates counted by hand.  Wales, received (day 0) Friday 1 January 2027: 2 working days is Tuesday
5 January (Mon 4 (1), Tue 5 (2)); 3 working days, Wednesday 6 January: the first day of
receipt of 2027 already differs.
"""

from __future__ import annotations

import datetime as dt

from complaints_process.core.config import load_authority_file
from complaints_process.core.config.lawcheck import lawcheck

from .conftest import CONFIGS, write


def authority(tmp_path, template: str, slug: str, nation: str, procedure: str, clocks: str):
    (tmp_path / "process_configs" / "base").mkdir(parents=True)
    (tmp_path / "process_configs" / "base" / f"{template}.yaml").write_text((CONFIGS / "base" / f"{template}.yaml").read_text())
    path = write(
        tmp_path,
        f"process_configs/{slug}.yaml",
        f"""
        authority:
          slug: {slug}
          name: Test council
          reference_prefix: TST
          calendar: {{nation: {nation}, closures: []}}
        procedures:
          - slug: {procedure}
            extends: base/{template}
        {clocks}
        """,
    )
    return load_authority_file(path)


def test_a_welsh_authority_that_takes_longer_than_the_regulations_is_listed(tmp_path):
    config = authority(
        tmp_path,
        "social-services-wales-2014",
        "test-wales",
        "wales",
        "social-services",
        """
            clocks:
              acknowledgement:
                due: within 3 working days
        """,
    )
    procedure = config.procedure("social-services")
    # The template's law, clock by clock.
    laws = {clock.key: (clock.law.bound, clock.law.due_text) for clock in procedure.clocks if clock.law}
    assert laws == {
        "acknowledgement": ("ceiling", "within 2 working days"),
        "stage1.discussion": ("ceiling", "within 10 working days"),
        "stage1.response": ("ceiling", "within 5 working days"),
        "stage2.request": ("none", "not stated"),
        "stage2.response": ("ceiling", "within 25 working days"),
    }
    # Receipt: the Civil Procedure Rules, r.6.26 (email) and the Interpretation Act 1978, s.7 (post).
    assert {rule.method: rule.text for rule in procedure.receipt} == {
        "email": "same day",
        "post": "2 working days after",
        "by_hand": "same day",
    }
    [deviation] = lawcheck(config, 2027)
    assert (deviation.key, deviation.kind, deviation.config, deviation.law) == (
        "acknowledgement",
        "longer_time",
        "within 3 working days",
        "within 2 working days",
    )
    assert deviation.source == "The Regulations (acknowledgement)"
    # Received Friday 1 January 2027: 2 working days is Tuesday 5 January, 3 is Wednesday 6.
    assert deviation.first_start == dt.date(2027, 1, 1)


def test_a_scottish_authority_with_a_longer_frontline_time_and_an_uncapped_extension_is_listed(tmp_path):
    config = authority(
        tmp_path,
        "spso-model-chp",
        "test-scot",
        "scotland",
        "social-work",
        """
            stages:
              stage1:
                clocks:
                  response:
                    due: within 7 working days
                    extended: no limit stated
        """,
    )
    procedure = config.procedure("social-work")
    laws = {clock.key: (clock.law.bound, clock.law.due_text) for clock in procedure.clocks if clock.law}
    assert laws == {
        "stage1.response": ("ceiling", "within 5 working days"),
        "stage2.request": ("none", "not stated"),
        "stage2.acknowledgement": ("ceiling", "within 3 working days"),
        "stage2.response": ("ceiling", "within 20 working days"),
    }
    assert {rule.method: rule.text for rule in procedure.receipt} == {
        "email": "same day",
        "post": "2 working days after",
        "by_hand": "same day",
    }
    found = [(d.key, d.kind, d.config, d.law, d.source) for d in lawcheck(config, 2027)]
    assert found == [
        ("stage1.response", "longer_time", "within 7 working days", "within 5 working days", "The CHP, stage 1 (frontline response)"),
        ("stage1.response_extended", "cap_removed", "no limit stated", "up to 10 working days", "The CHP, stage 1 (frontline response)"),
    ]
