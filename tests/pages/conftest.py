"""The demo site built by setup_demo, from a private copy of process_configs/."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from complaints_process.models import GuidancePage

REPO = Path(__file__).resolve().parents[2]
SEED_SLUGS = ["council-a", "family-advice", "council-b", "hampshire", "walsall"]


@pytest.fixture
def configs(settings, tmp_path) -> Path:
    """A copy of process_configs/ that a test may edit; the site reads configs from it."""
    folder = tmp_path / "process_configs"
    shutil.copytree(REPO / "process_configs", folder)
    settings.COMPLAINTS_PROCESS_CONFIGS_DIR = str(folder)
    return folder


@pytest.fixture
def demo(db, settings, tmp_path, configs):
    settings.SITE_DIR = tmp_path  # the demo password file stays out of the project
    call_command("setup_demo", stdout=StringIO())
    return configs


def page_url(slug: str) -> str:
    return f"/{slug}/childrens-social-care-complaints/"


def guidance_page(slug: str) -> GuidancePage:
    return GuidancePage.objects.get(authority__slug=slug)


def block_id(page: GuidancePage, block_type: str) -> str:
    return next(child.id for child in page.body if child.block_type == block_type)
