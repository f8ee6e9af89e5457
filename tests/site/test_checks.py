"""`manage.py check` names each piece of a site's set-up the plugin needs, by id, with a hint."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

from complaints_process import checks

ROOT = Path(__file__).resolve().parents[2]


def ids(messages):
    return [message.id for message in messages]


def test_the_reference_site_passes_every_check():
    found = [m for m in run_checks(include_deployment_checks=False) if m.id.startswith("complaints_process.")]
    assert found == []


def test_a_missing_app_is_named_and_stops_the_check_command():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "site"), str(ROOT)])
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings", "tests.site.settings_missing_apps"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "(complaints_process.E001) 'wagtail_modeladmin' is not in INSTALLED_APPS" in result.stderr
    assert "(complaints_process.E001) 'django_q' is not in INSTALLED_APPS" in result.stderr
    assert "HINT: Add 'wagtail_modeladmin' to INSTALLED_APPS" in result.stderr


def test_urls_not_included(settings):
    settings.ROOT_URLCONF = "tests.site.urls_without_plugin"
    messages = checks.check_urls_included()
    assert ids(messages) == ["complaints_process.E002"]
    assert 'include("complaints_process.urls")' in messages[0].hint


def test_a_time_zone_other_than_london(settings):
    settings.TIME_ZONE = "UTC"  # what `wagtail start` writes
    messages = checks.check_time_zone()
    assert ids(messages) == ["complaints_process.E003"]
    assert messages[0].hint == 'Set TIME_ZONE = "Europe/London".'


def test_use_tz_off(settings):
    settings.USE_TZ = False
    messages = checks.check_time_zone()
    assert ids(messages) == ["complaints_process.E008"]
    assert messages[0].hint == "Set USE_TZ = True."


def test_a_relative_private_media_folder(settings):
    settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT = "private_media"
    messages = checks.check_private_media()
    assert ids(messages) == ["complaints_process.E004"]
    assert "relative path ('private_media')" in messages[0].msg
    assert "Set COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT to an absolute path outside MEDIA_ROOT" in messages[0].hint


def test_no_private_media_folder_and_no_base_dir(settings):
    del settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT
    settings.BASE_DIR = None
    messages = checks.check_private_media()
    assert ids(messages) == ["complaints_process.E004"]
    assert 'e.g. BASE_DIR / "private_media"' in messages[0].hint


def test_the_default_private_media_folder_is_beside_base_dir_not_the_current_directory(settings, tmp_path):
    del settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT
    settings.BASE_DIR = tmp_path / "mysite"
    settings.MEDIA_ROOT = str(tmp_path / "mysite" / "media")
    from complaints_process.conf import private_media_root

    assert private_media_root() == tmp_path / "mysite" / "private_media"
    assert checks.check_private_media() == []


@pytest.mark.parametrize("inside", ["media", "media/private"])
def test_a_private_media_folder_inside_media_root(settings, tmp_path, inside):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT = str(tmp_path / inside)
    messages = checks.check_private_media()
    assert ids(messages) == ["complaints_process.E005"]
    assert "which the site serves publicly" in messages[0].msg
    assert "absolute path outside MEDIA_ROOT" in messages[0].hint


def test_a_private_media_folder_beside_media_root_is_fine(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT = str(tmp_path / "media-private")  # a sibling, not a child
    assert checks.check_private_media() == []


@pytest.mark.parametrize("backend", ["django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"])
def test_a_per_process_cache_is_refused_by_the_deploy_check(settings, backend):
    settings.CACHES = {"default": {"BACKEND": backend}}
    messages = checks.check_shared_cache()
    assert ids(messages) == ["complaints_process.E006"]
    assert "createcachetable" in messages[0].hint
    assert "complaints_process.E006" not in ids(run_checks(include_deployment_checks=False))
    assert "complaints_process.E006" in ids(run_checks(include_deployment_checks=True))


def test_a_shared_cache_passes(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "complaints_cache"}}
    assert checks.check_shared_cache() == []


@pytest.mark.parametrize("backend", ["console", "filebased"])
def test_an_email_backend_that_sends_nothing_is_refused_by_the_deploy_check(settings, backend):
    settings.EMAIL_BACKEND = f"django.core.mail.backends.{backend}.EmailBackend"
    messages = checks.check_email_backend()
    assert ids(messages) == ["complaints_process.E007"]
    assert "django.core.mail.backends.smtp.EmailBackend" in messages[0].hint and "EMAIL_HOST" in messages[0].hint
    assert "complaints_process.E007" not in ids(run_checks(include_deployment_checks=False))
    assert "complaints_process.E007" in ids(run_checks(include_deployment_checks=True))


def test_production_settings_without_email_or_shared_cache_fail_the_deploy_check(tmp_path):
    """The reference site's production settings, with the console email backend and no REDIS_URL: the
    database cache is shared, the console backend is refused."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_BACKEND"}}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "council_site.settings.production",
        "SECRET_KEY": "kT3v9-Qx_7bLm2Wz8Rj4Np6Hc1Ys5Ud0Fa-Ge3Ko9Vi7Tw2Bq8Xn4Zp6Jr1Lh5Mf",
        "ALLOWED_HOSTS": "complaints.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "complaints_process.E007" in result.stderr
    assert "complaints_process.E006" not in result.stderr


def test_debug_is_refused_by_the_deploy_check(settings):
    settings.DEBUG = True
    messages = checks.check_debug()
    assert ids(messages) == ["complaints_process.E009"]
    assert messages[0].hint == "Turn DEBUG off in production (unset the DEBUG environment variable)."
    assert "complaints_process.E009" not in ids(run_checks(include_deployment_checks=False))
    assert "complaints_process.E009" in ids(run_checks(include_deployment_checks=True))
    settings.DEBUG = False
    assert checks.check_debug() == []
