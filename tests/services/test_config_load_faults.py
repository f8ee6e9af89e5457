"""A config load that fails half-way changes nothing.

Two changed files are loaded together (Hampshire's, then Walsall's, each adding a closure day
that moves open cases' deadlines).  The load fails after the first is fully published and
while the second is being published (its version row written, its cases' deadlines already
moved): by an unexpected error, or by the database going away.  Afterwards every version,
authority, team and deadline is as it was before the load, and loading again once the fault
is gone publishes both.
"""

import shutil
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.db import OperationalError

from complaints_process.models import Authority, AuthorityTeam, Deadline, ProcessConfigVersion
from complaints_process.services import configs as config_service
from council_site.home.demo_content import SEED_REASON
from tests.factories import ComplaintFactory

ROOT = Path(__file__).resolve().parents[2]
CLOSURE = "closures:\n      - {date: 2026-12-29, reason: Offices closed}"

pytestmark = pytest.mark.django_db


@pytest.fixture
def configs(tmp_path, settings):
    copy = tmp_path / "process_configs"
    shutil.copytree(ROOT / "process_configs", copy)
    settings.COMPLAINTS_PROCESS_CONFIGS_DIR = str(copy)
    return copy


def load(configs, *names):
    paths = [configs / name for name in names] if names else sorted(configs.glob("*.yaml"))
    return config_service.load_config_files(paths, configs_root=configs, reason=SEED_REASON)


def state():
    return {
        "versions": sorted(ProcessConfigVersion.objects.values_list("authority__slug", "number", "content_hash")),
        "authorities": sorted(Authority.objects.values_list("slug", "name", "reference_prefix")),
        "teams": AuthorityTeam.objects.count(),
        "deadlines": sorted((d.case_id, d.clock_key, d.due, d.effective_due) for d in Deadline.objects.all()),
    }


@pytest.mark.parametrize("fault", [RuntimeError("unexpected"), OperationalError("server closed the connection unexpectedly")])
def test_a_load_that_fails_half_way_changes_nothing(configs, monkeypatch, fault):
    load(configs)
    with time_machine.travel(date(2026, 12, 18), tick=False):
        for slug in ("hampshire", "walsall"):
            ComplaintFactory(authority=Authority.objects.get(slug=slug), received_on=date(2026, 12, 18))
    for name in ("hampshire.yaml", "walsall.yaml"):
        path = configs / name
        path.write_text(path.read_text().replace("closures: []", CLOSURE, 1))
    before = state()

    real = config_service.recompute_for_calendar_change
    published = []

    def recompute_then_fail(authority, current, version, user=None):
        real(authority, current, version, user=user)  # the cases' deadlines really move
        published.append(authority.slug)
        if authority.slug == "walsall":
            assert ProcessConfigVersion.objects.filter(authority__slug="hampshire").count() == 2  # the first is in
            raise fault

    monkeypatch.setattr(config_service, "recompute_for_calendar_change", recompute_then_fail)
    with pytest.raises(type(fault)):
        load(configs, "hampshire.yaml", "walsall.yaml")
    assert published == ["hampshire", "walsall"]  # it failed half-way, not before starting
    assert state() == before

    monkeypatch.undo()
    results = load(configs, "hampshire.yaml", "walsall.yaml")
    assert [(r.slug, r.created, r.version.number) for r in results] == [("hampshire", True, 2), ("walsall", True, 2)]
    assert state()["deadlines"] != before["deadlines"]  # the closure day now moves them
