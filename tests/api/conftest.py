"""Fixtures for the API tests: the seed configs loaded as published versions."""

import shutil

import pytest

from .helpers import CONFIGS, load_seed_configs


@pytest.fixture
def seed_configs(db):
    """Every seed authority loaded, as `manage.py process_config load` would: {slug: AuthorityConfig}."""
    return {result.slug: result.version.config() for result in load_seed_configs()}


@pytest.fixture
def configs_copy(tmp_path, settings):
    """A private copy of process_configs/ a test may change (the command reads it too)."""
    copy = tmp_path / "process_configs"
    shutil.copytree(CONFIGS, copy)
    settings.COMPLAINTS_PROCESS_CONFIGS_DIR = str(copy)
    return copy
