import shutil
from io import StringIO
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONFIGS = REPO / "process_configs"


@pytest.fixture(autouse=True)
def _private_media(request, tmp_path):
    """Uploaded files from Django tests go to a temporary folder, never into the project.

    The pure-Python core's tests run without Django (``-p no:django``), so this only
    touches settings when pytest-django is active.
    """
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.MEDIA_ROOT = str(tmp_path / "media")
        settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT = str(tmp_path / "private_media")


@pytest.fixture
def configs_copy(tmp_path, settings):
    """A private copy of process_configs/ a test may change (the commands read it too)."""
    copy = tmp_path / "process_configs"
    shutil.copytree(CONFIGS, copy)
    settings.COMPLAINTS_PROCESS_CONFIGS_DIR = str(copy)
    return copy


@pytest.fixture
def configs(configs_copy):
    """``configs_copy`` by the name the page, form and site tests use; the site reads configs from it."""
    return configs_copy


@pytest.fixture
def demo(db, settings, tmp_path, configs):
    """The demo site built by setup_demo, from a private copy of process_configs/."""
    from django.core.management import call_command

    settings.SITE_DIR = tmp_path  # the demo password file stays out of the project
    call_command("setup_demo", stdout=StringIO())
    return configs
