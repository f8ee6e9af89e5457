"""`manage.py process_config`: the administrator's and the script's way in to configs."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from complaints_process.models import Authority, ProcessConfigVersion
from council_site.home.demo_content import SEED_REASON

ROOT = Path(__file__).resolve().parents[3]
CONFIGS = ROOT / "process_configs"
SEED_SLUGS = ["council-a", "family-advice", "council-b", "hampshire", "walsall"]
EXAMPLE_SLUGS = ["kinloch", "cwm-aur", "ashby-vale"]  # the fictional example councils


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("process_config", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def load(*args) -> tuple[str, str]:
    """``process_config load`` with the seeds' reason (some of them take a right the law gives)."""
    return run("load", *args, "--reason", SEED_REASON)


def test_validate_accepts_every_seed_config_and_template():
    out, err = run("validate")
    assert err == ""
    assert "valid" in out


def test_validate_reports_each_error_as_path_line_column_and_fails(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text((CONFIGS / "walsall.yaml").read_text().replace("nation: england", "nation: atlantis", 1))
    with pytest.raises(CommandError) as failure:
        run("validate", str(broken))
    assert failure.value.returncode == 1


def test_validate_from_the_shell_exits_1_with_located_errors_and_no_traceback(tmp_path):
    import subprocess
    import sys

    broken = tmp_path / "broken.yaml"
    broken.write_text("authority:\n  slug: x\n  nmae: X\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "process_config", "validate", str(broken)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{broken}:3:3: " in result.stderr or "broken.yaml:3:3: " in result.stderr


@pytest.mark.django_db
def test_load_creates_one_version_per_authority_and_reloading_creates_nothing(configs_copy):
    out, _ = load()
    assert sorted(Authority.objects.values_list("slug", flat=True)) == sorted(SEED_SLUGS + EXAMPLE_SLUGS)
    assert ProcessConfigVersion.objects.count() == 8
    out, _ = load()
    assert ProcessConfigVersion.objects.count() == 8
    assert out.count("unchanged") == 8


@pytest.mark.django_db
def test_loading_a_changed_file_creates_a_new_version_and_keeps_the_old_one(configs_copy):
    load()
    walsall = configs_copy / "walsall.yaml"
    walsall.write_text(walsall.read_text().replace("closures: []", "closures:\n      - {date: 2026-12-29, reason: Offices closed}"))
    load(str(walsall))
    numbers = list(ProcessConfigVersion.objects.filter(authority__slug="walsall").values_list("number", flat=True))
    assert sorted(numbers) == [1, 2]


@pytest.mark.django_db
def test_a_load_with_one_invalid_file_loads_nothing(configs_copy):
    (configs_copy / "zz-broken.yaml").write_text("authority: [not, a, mapping]\n")
    with pytest.raises(CommandError, match="nothing was loaded"):
        load()
    assert ProcessConfigVersion.objects.count() == 0


@pytest.mark.django_db
def test_export_gives_yaml_that_validates_on_its_own(tmp_path, configs_copy):
    load()
    out, _ = run("export", "walsall")
    exported = tmp_path / "exported.yaml"
    exported.write_text(out)
    run("validate", str(exported))  # raises CommandError if invalid


@pytest.mark.django_db
def test_export_of_an_unknown_authority_is_a_clear_error():
    with pytest.raises(CommandError, match="unknown authority 'nowhere'"):
        run("export", "nowhere")


def test_schema_is_json():
    out, _ = run("schema")
    schema = json.loads(out)
    assert schema.get("type") == "object"


@pytest.mark.django_db
def test_timeline_json_lists_key_label_due_and_rule(configs_copy):
    load()
    out, _ = run("timeline", "walsall", "--received", "2026-12-18", "--json")
    rows = json.loads(out)
    by_key = {row["key"]: row for row in rows}
    assert {"key", "label", "due", "rule"} <= set(rows[0])
    # Received Friday 18 December 2026 (day 0). Working days after it, skipping the weekend,
    # Christmas Day (Fri 25), Boxing Day (Sat 26, observed Mon 28): Mon 21 (1), Tue 22 (2),
    # Wed 23 (3), Thu 24 (4), Tue 29 (5), Wed 30 (6), Thu 31 (7), Fri 1 Jan is New Year's Day,
    # Mon 4 Jan (8), Tue 5 (9), Wed 6 (10).
    assert by_key["acknowledgement"]["due"] == "2026-12-29"  # "within 5 working days"
    assert by_key["stage1.response"]["due"] == "2027-01-06"  # "within 10 working days"


@pytest.mark.django_db
def test_timeline_rejects_a_bad_date_and_an_unknown_procedure(configs_copy):
    load()
    with pytest.raises(CommandError):
        run("timeline", "walsall", "--received", "18/12/2026")
    with pytest.raises(CommandError, match="no procedure"):
        run("timeline", "walsall", "--procedure", "nothing", "--received", "2026-12-18")


def test_simulate_help_names_the_draft_and_the_period():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "manage.py", "process_config", "simulate", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    assert "--draft" in done.stdout and "--from" in done.stdout and "--to" in done.stdout and "--json" in done.stdout


@pytest.mark.django_db
def test_simulate_json_counts_a_response_on_working_day_11_late_under_10_and_on_time_under_12(configs_copy, tmp_path):
    from complaints_process.services.cases import accept, acknowledge, respond
    from tests.factories import ComplaintFactory, UserFactory

    load()
    walsall = Authority.objects.get(slug="walsall")
    user = UserFactory(is_superuser=True)
    # Received Monday 2 March 2026 (day 0): working day 10 is Monday 16 March, 11 Tuesday 17.
    case = acknowledge(ComplaintFactory(authority=walsall, received_on=date(2026, 3, 2)), user=user, on=date(2026, 3, 3))
    case = accept(case, user=user, on=date(2026, 3, 3))
    respond(case, user=user, outcomes={1: "upheld", 2: "upheld"}, on=date(2026, 3, 17))
    draft = tmp_path / "walsall-draft.yaml"
    text = (configs_copy / "walsall.yaml").read_text()
    draft.write_text(
        text.replace("due: within 10 working days", "due: within 12 working days", 1).replace(
            "extended: up to 20 days", "extended: up to 30 days", 1
        )
    )

    out, _ = run("simulate", "walsall", "--draft", str(draft), "--from", "2026-03-01", "--to", "2026-03-31", "--json")
    result = json.loads(out)
    assert {"cases", "clocks", "escalations_refused", "lapses_avoided", "report"} <= set(result)
    assert result["cases"] == 1
    stage1 = next(c for c in result["clocks"] if c["key"] == "stage1.response")
    assert (stage1["moved"], stage1["later"], stage1["earlier"], stage1["on_time_to_late"], stage1["late_to_on_time"]) == (1, 1, 0, 0, 1)
    before = next(r for r in result["report"]["before"] if r["clock"] == "stage1.response")
    after = next(r for r in result["report"]["after"] if r["clock"] == "stage1.response")
    assert (before["late"], after["late"], after["on_time"]) == (1, 0, 1)
    # Outside the period: nothing to replay.
    out, _ = run("simulate", "walsall", "--draft", str(draft), "--from", "2026-04-01", "--to", "2026-04-30", "--json")
    assert json.loads(out)["cases"] == 0
    # The summary for people.
    out, _ = run("simulate", "walsall", "--draft", str(draft), "--from", "2026-03-01", "--to", "2026-03-31")
    assert "1 case(s) received" in out and "stage1.response" in out and "1 of 1 moved (1 later" in out


@pytest.mark.django_db
def test_simulate_refuses_a_bad_draft_another_authoritys_draft_and_a_backwards_period(configs_copy, tmp_path):
    load()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="nothing was simulated"):
        call_command("process_config", "simulate", "walsall", "--draft", str(tmp_path / "missing.yaml"), stdout=out, stderr=err)
    assert "missing.yaml" in err.getvalue()
    broken = tmp_path / "broken.yaml"
    broken.write_text((configs_copy / "walsall.yaml").read_text().replace("nation: england", "nation: atlantis", 1))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="nothing was simulated"):
        call_command("process_config", "simulate", "walsall", "--draft", str(broken), stdout=out, stderr=err)
    assert "broken.yaml:" in err.getvalue() and "atlantis" in err.getvalue()
    with pytest.raises(CommandError, match="the draft is for 'council-b', not 'walsall'"):
        run("simulate", "walsall", "--draft", str(configs_copy / "council-b.yaml"))
    with pytest.raises(CommandError, match="is after --to"):
        run("simulate", "walsall", "--draft", str(configs_copy / "walsall.yaml"), "--from", "2026-04-01", "--to", "2026-03-01")
    with pytest.raises(CommandError, match="unknown authority"):
        run("simulate", "nowhere", "--draft", str(configs_copy / "walsall.yaml"))


@pytest.mark.django_db
def test_load_without_files_keeps_a_version_published_in_the_admin_and_loads_the_others(configs_copy):
    from complaints_process.core.config import load_authority_text
    from complaints_process.services.configs import publish_config

    load()
    walsall_text = (configs_copy / "walsall.yaml").read_text()
    edited = walsall_text.replace("due: within 5 working days", "due: within 3 working days")
    publish_config(load_authority_text(edited, name="walsall.yaml", configs_root=configs_copy), source_text=edited, source_name="admin")
    # Both files change afterwards: hampshire's loads, walsall's admin version stays.
    (configs_copy / "walsall.yaml").write_text(walsall_text.replace("within 25 working days", "within 24 working days"))
    hampshire = (configs_copy / "hampshire.yaml").read_text()
    assert "within 10 working days" in hampshire
    (configs_copy / "hampshire.yaml").write_text(hampshire.replace("within 10 working days", "within 11 working days", 1))

    out, err = load()

    assert "walsall: kept v2, published in the admin" in out and "--force" in out
    assert "hampshire: v2 (new version)" in out
    assert "council-a: v1 (unchanged, nothing created)" in out
    walsall = Authority.objects.get(slug="walsall").current_version()
    assert (walsall.number, walsall.source_name, walsall.source_text) == (2, "admin", edited)
    assert ProcessConfigVersion.objects.filter(authority__slug="hampshire").count() == 2


@pytest.mark.django_db
def test_load_of_a_named_file_over_an_admin_version_stops_with_the_difference_and_no_traceback(configs_copy):
    from complaints_process.core.config import load_authority_text
    from complaints_process.services.configs import publish_config

    load()
    text = (configs_copy / "walsall.yaml").read_text()
    edited = text.replace("due: within 5 working days", "due: within 3 working days")
    publish_config(load_authority_text(edited, name="walsall.yaml", configs_root=configs_copy), source_text=edited, source_name="admin")
    with pytest.raises(CommandError) as stopped:
        load(str(configs_copy / "walsall.yaml"))
    assert "published in the admin" in str(stopped.value) and "--force" in str(stopped.value)
    assert Authority.objects.get(slug="walsall").current_version().number == 2


def test_validate_reports_every_phase_of_a_file_in_one_run_and_exits_1(tmp_path):
    from tests.core.config.conftest import write
    from tests.core.config.test_every_phase import EVERY_PHASE, every_phase_messages

    path = write(tmp_path / "process_configs", "phases.yaml", EVERY_PHASE)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("process_config", "validate", str(path), stdout=out, stderr=err)
    assert failure.value.returncode == 1
    assert str(failure.value) == "7 error(s) in 1 file(s)"
    reported = [line for line in err.getvalue().splitlines() if line]
    assert reported == every_phase_messages(path)


def test_export_keeps_the_translations(db):
    load(str(CONFIGS / "cwm-aur.yaml"))
    out, _ = run("export", "cwm-aur")
    assert "extends:" not in out
    from complaints_process.core.config.translations import read_translations

    table = read_translations(out)["cy"]
    assert table["Local resolution"] == "Datrys yn lleol"
    assert table["Cwm Aur County Council (example)"] == "Cyngor Sir Cwm Aur (enghraifft)"
