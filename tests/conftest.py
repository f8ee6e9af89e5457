import shutil
from pathlib import Path

import pytest

CONFIGS = Path(__file__).resolve().parents[1] / "process_configs"


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
