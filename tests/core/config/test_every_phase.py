"""Validation reports every error of every phase in one run: a YAML problem (a duplicate key),
schema errors (an unknown key, a channel that does not exist, a duration that cannot be read),
cross-checks (a theme twice, an extension shorter than its limit) and the walk (a stage with
nothing to record), each at its ``file:line:column``.  A schema error in one part of a
procedure no longer hides the checks of the rest of it."""

from __future__ import annotations

from .conftest import problems, write

#: One error of each phase in one procedure.  Line numbers below are counted in this text.
EVERY_PHASE = """
authority:
  slug: phases
  name: Phases Council
  reference_prefix: PHS
  calendar: {nation: england}
procedures:
  - slug: corporate
    kind: corporate
    name: Every phase
    colour: blue
    channels: [email, pigeon]
    themes: [Delay, delay]
    events:
      received: {label: Complaint received}
      stage1.responded: {label: Stage 1 response sent}
      stage2.requested: {label: Stage 2 requested}
    stages:
      stage1:
        name: Stage 1
        name: Local resolution
        clocks:
          response:
            label: Stage 1 response
            from: received
            due: within 10 working days
            extended: up to 5 working days
            met_by: stage1.responded
          feedback:
            label: Feedback
            from: stage1.responded
            due: within 10 wrking days
            extended: up to 20 working days
            met_by: stage2.requested
      stage2:
        name: Stage 2
"""

ALLOWED = (
    "'slug', 'kind', 'name', 'summary', 'feedback', 'channels', 'eligibility', 'support', 'voice', 'service_users', "
    "'ombudsman', 'notifications', 'themes', 'retention', 'receipt', 'events', 'clocks', 'stages', 'extends'"
)
CHANNELS = "'online', 'email', 'letter', 'writing', 'phone', 'in_person', 'recorded_media'"


def every_phase_messages(path) -> list[str]:
    """What validating ``EVERY_PHASE`` at ``path`` must report, in file order."""
    return [
        # schema: line 10 "    colour: blue", the key at column 5
        f"{path}:10:5: unknown key 'colour' in a procedure: allowed keys are {ALLOWED}",
        # schema: line 11 "    channels: [email, pigeon]", 'pigeon' at column 23
        f"{path}:11:23: channels 'pigeon' is not one of {CHANNELS}",
        # cross-check: line 12 "    themes: [Delay, delay]", the second at column 21
        f"{path}:12:21: theme 'delay' is listed twice (first on line 12)",
        # YAML: line 20 "        name: Local resolution" repeats line 19's key, column 9
        f"{path}:20:9: duplicate key 'name': it is already set on line 19; "
        "YAML would silently keep only the last one, so remove one of them",
        # cross-check: line 26 "            extended: up to 5 working days", the value at column 23
        f"{path}:26:23: clock 'stage1.response': the extended limit 'up to 5 working days' must be longer than the "
        "clock's own limit 'within 10 working days': 'extended' is the total time allowed from 'received', not the extra time",
        # schema: line 31 "            due: within 10 wrking days", the value at column 18; the
        # clock's 'extended' (line 32) is not then reported as having "nothing to extend"
        f"{path}:31:18: cannot read 'within 10 wrking days' as a duration: "
        "expected a number then 'working days', 'days', 'weeks' or 'months'",
        # walk: line 34 "      stage2:", the key at column 7
        f"{path}:34:7: stage 'stage2' has no event of its own for officers to record (declare e.g. 'stage2.responded' "
        "under 'events'), so a case would be stuck: received -> stage1.responded -> stage2.requested "
        "-> nothing to record in 'stage2'",
    ]


def test_one_run_reports_the_yaml_schema_cross_check_and_walk_errors_of_a_procedure(configs):
    path = write(configs, "phases.yaml", EVERY_PHASE)
    assert problems(path) == every_phase_messages(path)


BROKEN_EVENT = """
authority: {slug: broken, name: Broken Council, reference_prefix: BRK, calendar: {nation: england}}
procedures:
  - slug: corporate
    kind: corporate
    name: An event without a label
    themes: [Delay, delay]
    events:
      received: {label: Complaint received}
      stage1.responded: {}
    stages:
      stage1:
        name: Stage 1
        clocks:
          response: {label: Response, from: received, due: within 10 working days, met_by: stage1.responded}
  - slug: corporate
    kind: corporate
    name: A second procedure with the same slug
    events:
      received: {label: Complaint received}
      stage1.responded: {label: Response sent}
    stages:
      stage1:
        name: Stage 1
        clocks:
          response: {label: Response, from: received, due: within 10 working days, met_by: stage1.responded}
"""


def test_a_refused_event_hides_only_the_checks_it_would_mislead(configs):
    path = write(configs, "broken.yaml", BROKEN_EVENT)
    assert problems(path) == [
        # line 6 "    themes: [Delay, delay]": still checked, the second theme at column 21
        f"{path}:6:21: theme 'delay' is listed twice (first on line 6)",
        # line 9 "      stage1.responded: {}": the event (its key at column 7) has no label.
        # The clock met by it is not then "met by an unknown event", nor the walk run.
        f"{path}:9:7: missing required key 'label' in an event",
        # line 15 "  - slug: corporate": the second procedure's slug, column 11 (the first: line 3)
        f"{path}:15:11: procedure slug 'corporate' is used twice (first on line 3 of {path})",
    ]
