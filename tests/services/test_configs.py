"""Loading configs into versions: immutable, created only on change, never silently replacing the admin's."""

from pathlib import Path

import pytest

from complaints_process.core.config import load_authority_file, load_authority_text
from complaints_process.models import ProcessConfigVersion
from complaints_process.models.config_versions import ImmutableVersionError
from complaints_process.services.configs import AdminVersionConflict, load_config_files, publish_config
from council_site.home.demo_content import SEED_REASON

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = ROOT / "process_configs"

pytestmark = pytest.mark.django_db


def load(*slugs):
    return load_config_files([CONFIGS / f"{slug}.yaml" for slug in slugs], configs_root=CONFIGS, reason=SEED_REASON)


def test_a_stored_version_reads_back_equal_to_its_file_with_stages_and_clocks_in_order():
    load("walsall", "council-a")
    for slug in ("walsall", "council-a"):
        stored = ProcessConfigVersion.objects.get(authority__slug=slug)
        stored = ProcessConfigVersion.objects.get(pk=stored.pk)  # fresh from the database
        assert stored.config() == load_authority_file(CONFIGS / f"{slug}.yaml")
    stage3 = ProcessConfigVersion.objects.get(authority__slug="walsall").config().procedure("childrens-statutory").stage("stage3")
    assert [clock.name for clock in stage3.clocks] == ["request", "panel_meeting", "panel_notice", "panel_report", "authority_response"]


def test_a_version_cannot_be_changed_or_deleted():
    [result] = load("walsall")
    version = result.version
    version.source_name = "tampered"
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()


def test_loading_a_file_over_a_version_published_in_the_admin_stops_and_shows_the_difference():
    text = (CONFIGS / "walsall.yaml").read_text()
    edited = text.replace("due: within 5 working days", "due: within 3 working days")
    admin_config = load_authority_text(edited, name="admin", configs_root=CONFIGS)
    load("walsall")
    publish_config(admin_config, source_text=edited, source_name="admin")
    with pytest.raises(AdminVersionConflict) as conflict:
        load("walsall")
    assert "within 3 working days" in conflict.value.diff and "within 5 working days" in conflict.value.diff
    assert ProcessConfigVersion.objects.filter(authority__slug="walsall").count() == 2
    load_config_files([CONFIGS / "walsall.yaml"], configs_root=CONFIGS, force=True, reason=SEED_REASON)
    assert ProcessConfigVersion.objects.filter(authority__slug="walsall").count() == 3


def test_loading_an_authority_creates_its_four_teams_each_able_to_log_in_to_the_admin():
    from complaints_process.models import AuthorityTeam

    load("walsall")
    teams = AuthorityTeam.objects.filter(authority__slug="walsall").select_related("group")
    assert sorted(team.role for team in teams) == ["complaints_manager", "complaints_officer", "editor", "process_administrator"]
    for team in teams:
        assert team.group.permissions.filter(content_type__app_label="wagtailadmin", codename="access_admin").exists()


@pytest.mark.django_db
def test_a_publish_that_fails_part_way_stores_nothing(monkeypatch):
    """publish_config is one transaction: a failure after the version is written leaves no version."""
    from complaints_process.core.config import load_authority_file
    from complaints_process.models import ProcessConfigVersion
    from complaints_process.services import configs as configs_service
    from tests.factories import CONFIGS

    def fails(*args, **kwargs):
        raise RuntimeError("part way")

    monkeypatch.setattr(configs_service, "free_stranded_cases", fails)
    config = load_authority_file(CONFIGS / "walsall.yaml", configs_root=CONFIGS)
    with pytest.raises(RuntimeError):
        configs_service.publish_config(config, source_text="", source_name="walsall.yaml")
    assert not ProcessConfigVersion.objects.exists()
