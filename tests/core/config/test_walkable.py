"""``validate`` proves a procedure walkable: a procedure that would strand a case, or whose
clock could never start or be met, is refused at the line that causes it, with the path that
gets stuck.  Every shipped config and template walks (``test_seed_configs`` loads them all)."""

from complaints_process.core.config import load_authority_file
from complaints_process.core.config.shape import main_path, walk_problems

from .conftest import CONFIGS, problems, write

STRANDING = """
authority: {slug: stuck, name: Stuck Council, reference_prefix: STK, calendar: {nation: england}}
procedures:
  - slug: corporate
    kind: corporate
    name: A procedure that strands its cases
    events:
      received: {label: Complaint received}
      stage1.requested: {label: Asked for stage 1}
      stage1.responded: {label: Stage 1 response sent}
      stage1.feedback: {label: Feedback asked for}
      stage2.requested: {label: Stage 2 requested}
    stages:
      stage1:
        name: Stage 1
        clocks:
          response: {label: Stage 1 response, from: received, due: within 10 working days, met_by: stage1.responded}
          feedback: {label: Feedback, from: stage1.responded, due: within 10 working days, met_by: stage1.feedback}
      stage2:
        name: Stage 2
        clocks:
          request: {label: Request, kind: window, from: stage1.responded, due: within 20 working days, met_by: stage2.requested}
"""


def test_a_procedure_that_strands_its_cases_is_refused_with_every_problem_and_the_stuck_path(configs):
    path = write(configs, "stuck.yaml", STRANDING)
    found = problems(path)
    assert found == [
        f"{path}:8:7: the first stage starts when the complaint is received, so nothing records 'stage1.requested': "
        "remove it, or count from 'received'",
        f"{path}:17:100: clock 'stage1.feedback' can never be met: 'stage1.feedback' is recorded before 'stage1.responded' "
        "starts it, so the clock would run for ever (received -> stage1.feedback -> stage1.responded)",
        f"{path}:18:7: stage 'stage2' has no event of its own for officers to record (declare e.g. 'stage2.responded' "
        "under 'events'), so a case would be stuck: received -> stage1.feedback -> stage1.responded -> stage2.requested "
        "-> nothing to record in 'stage2'",
    ]


def test_more_than_four_stages_is_refused(configs):
    stages = "\n".join(
        f"      stage{n}:\n        name: Stage {n}\n        clocks:\n          response: "
        f"{{label: R{n}, from: {'received' if n == 1 else f'stage{n}.requested'}, due: within 10 working days, met_by: stage{n}.responded}}"
        for n in range(1, 6)
    )
    events = "\n".join(
        f"      stage{n}.responded: {{label: R{n}}}" + ("" if n == 1 else f"\n      stage{n}.requested: {{label: Q{n}}}") for n in range(1, 6)
    )
    text = (
        "authority: {slug: many, name: Many, reference_prefix: MNY, calendar: {nation: england}}\n"
        "procedures:\n  - slug: corporate\n    kind: corporate\n    name: Five stages\n    events:\n"
        f"      received: {{label: Received}}\n{events}\n    stages:\n{stages}\n"
    )
    path = configs / "many.yaml"
    path.write_text(text)
    assert any("at most 4 stages; this one has 5" in problem for problem in problems(path))


def test_every_shipped_procedure_has_no_walk_problem_and_the_statutory_path_is_in_order():
    for path in sorted(CONFIGS.glob("*.yaml")):
        for procedure in load_authority_file(path).procedures:
            assert walk_problems(procedure) == [], (path.name, procedure.slug)
    procedure = load_authority_file(CONFIGS / "walsall.yaml").procedure("childrens-statutory")
    assert main_path(procedure) == [
        "received",
        "acknowledged",
        "stage1.responded",
        "stage2.requested",
        "stage2.statement_agreed",
        "stage2.responded",
        "stage3.requested",
        "stage3.notice_sent",
        "stage3.panel_met",
        "stage3.panel_reported",
        "stage3.authority_responded",
    ]


def test_the_walk_is_checked_beside_the_procedures_other_errors_in_one_run(configs):
    # The same stranding procedure with one more mistake of another phase (a theme listed
    # twice, a cross-check): one run names that mistake and still every walk problem.
    text = STRANDING.replace(
        "    name: A procedure that strands its cases\n",
        "    name: A procedure that strands its cases\n    themes: [Delay, delay]\n",
    )
    path = write(configs, "stuck.yaml", text)
    found = problems(path)
    assert found[0] == f"{path}:6:21: theme 'delay' is listed twice (first on line 6)"
    assert [line.split(": ", 1)[0] for line in found[1:]] == [f"{path}:9:7", f"{path}:18:100", f"{path}:19:7"]



def test_a_walk_problem_caused_by_another_error_is_not_reported_twice(configs):
    # A clock met by an event nobody declared: the one error is the undeclared event, not also
    # "this clock can never be met" or a stage left with nothing to record.
    text = STRANDING.replace("met_by: stage1.feedback}", "met_by: stage1.feedbak}")
    found = problems(write(configs, "stuck.yaml", text))
    assert len(found) == 1 and "unknown event 'stage1.feedbak'" in found[0]


NOTICE_TOO_LONG = """
authority: {slug: notice, name: Notice Council, reference_prefix: NTC, calendar: {nation: england}}
procedures:
  - slug: corporate
    kind: corporate
    name: A meeting too soon for its notice
    events:
      received: {label: Complaint received}
      stage1.acknowledged: {label: Acknowledged}
      stage1.notice_sent: {label: Notice of the meeting sent}
      stage1.panel_met: {label: Meeting held}
      stage1.responded: {label: Response sent}
    stages:
      stage1:
        name: Stage 1
        clocks:
          response: {label: Response, from: received, due: within 20 working days, met_by: stage1.responded}
          meeting: {label: Meeting, from: stage1.acknowledged, due: within 3 working days, met_by: stage1.panel_met}
          notice: {label: Notice, kind: notice, from: stage1.panel_met, due: at least 7 days before, met_by: stage1.notice_sent}
"""


def test_a_notice_period_longer_than_the_meeting_allows_is_refused(configs):
    path = write(configs, "notice.yaml", NOTICE_TOO_LONG)
    # Notice is sent after the acknowledgement, but the meeting is due 3 working days after it
    # and notice 7 days before the meeting: the last day for notice is before the
    # acknowledgement itself, whatever day that is (the first day tried: 1 January).  Line 18,
    # the notice clock's "due" value at column 78.
    year = __import__("datetime").date.today().year
    assert problems(path) == [
        f"{path}:18:78: notice clock 'stage1.notice' can never be met with clock 'stage1.meeting': notice is given after "
        "'stage1.acknowledged', but the meeting is due within 3 working days of it and notice 'at least 7 days before', "
        f"so from {year}-01-01 there is no day to give notice in time"
    ]
