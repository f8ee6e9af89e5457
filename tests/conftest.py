import pytest


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
