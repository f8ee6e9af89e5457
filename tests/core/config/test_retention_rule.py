"""The `retention` of a procedure: read, inherited from the templates, overridden, refused
with file:line:column when it cannot be read."""

from __future__ import annotations

from complaints_process.core.config import dump_authority, load_authority_file, load_authority_text, load_template_file

from .conftest import CONFIGS, SEEDS, TEMPLATES, load_seed, problems, write
from .test_validation_errors import MINIMAL


def test_every_template_keeps_closed_cases_six_years_after_closure():
    for name in TEMPLATES:
        retention = load_template_file(CONFIGS / f"{name}.yaml").procedure.retention
        assert (retention.closed_cases.months, retention.closed_cases.text, retention.counted_from) == (72, "6 years", "closure")


def test_every_seed_procedure_inherits_the_templates_retention():
    for slug in SEEDS:
        for procedure in load_seed(slug).procedures:
            assert procedure.retention.closed_cases.months == 72, (slug, procedure.slug)


def test_a_procedure_without_retention_keeps_closed_cases(configs):
    config = load_authority_file(write(configs, "tiny.yaml", MINIMAL))
    assert config.procedure("complaints").retention is None


def test_an_authority_overrides_the_templates_period(configs):
    text = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8")
    extends = "    extends: base/statutory-england-2006\n"
    text = text.replace(extends, extends + "    retention: {closed_cases: 7 years}\n")
    retention = load_authority_text(text, configs_root=CONFIGS).procedure("childrens-statutory").retention
    assert (retention.closed_cases.months, retention.counted_from) == (84, "closure")


def test_null_removes_the_inherited_rule():
    text = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8")
    text = text.replace("    extends: base/statutory-england-2006\n", "    extends: base/statutory-england-2006\n    retention: null\n")
    assert load_authority_text(text, configs_root=CONFIGS).procedure("childrens-statutory").retention is None


def test_the_rule_survives_export_and_reload():
    config = load_seed("walsall")
    assert load_authority_text(dump_authority(config)) == config


def _with_retention(configs, rule: str):
    text = MINIMAL.replace("    events:\n", f"    retention:\n{rule}    events:\n", 1)
    return write(configs, "tiny.yaml", text)


def test_an_unreadable_period_is_refused_where_it_is_written(configs):
    path = _with_retention(configs, "      closed_cases: 6 yrs\n")
    assert problems(path) == [
        f"{path}:12:21: cannot read '6 yrs' as a retention period: expected a number of years or months, e.g. '6 years' or '72 months'"
    ]


def test_a_period_shorter_than_twelve_months_is_refused(configs):
    path = _with_retention(configs, "      closed_cases: 6 months\n")
    [problem] = problems(path)
    assert problem.startswith(f"{path}:12:21: a retention period of '6 months' is too short")


def test_an_unknown_starting_point_is_refused(configs):
    path = _with_retention(configs, "      closed_cases: 6 years\n      counted_from: received\n")
    [problem] = problems(path)
    assert problem.startswith(f"{path}:13:21: counted_from 'received' is not one of 'closure'")


def test_the_period_is_required(configs):
    path = _with_retention(configs, "      counted_from: closure\n")
    assert problems(path) == [f"{path}:11:5: missing required key 'closed_cases' in the retention rule"]


def test_every_template_keeps_compliments_and_comments_two_years():
    for name in TEMPLATES:
        feedback = load_template_file(CONFIGS / f"{name}.yaml").procedure.retention.feedback
        assert (feedback.months, feedback.text) == (24, "2 years")


def test_an_authority_sets_its_own_feedback_period_and_it_survives_export():
    text = (CONFIGS / "walsall.yaml").read_text(encoding="utf-8")
    extends = "    extends: base/statutory-england-2006\n"
    text = text.replace(extends, extends + "    retention: {closed_cases: 6 years, feedback: 3 months}\n")
    config = load_authority_text(text, configs_root=CONFIGS)
    assert config.procedure("childrens-statutory").retention.feedback.months == 3
    assert load_authority_text(dump_authority(config)) == config


def test_a_feedback_period_is_checked_where_it_is_written(configs):
    path = _with_retention(configs, "      closed_cases: 6 years\n      feedback: 0 months\n")
    assert problems(path) == [f"{path}:13:17: a retention period of '0 months' is too short: at least one month"]
