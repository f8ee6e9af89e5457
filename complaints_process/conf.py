"""The plugin's settings, each with its default, read when used (so tests can override them)."""

from pathlib import Path

from django.conf import settings


def configs_dir() -> Path:
    """Folder holding one YAML file per authority, and templates under ``base/``."""
    value = getattr(settings, "COMPLAINTS_PROCESS_CONFIGS_DIR", None)
    if value:
        return Path(value)
    return Path(settings.BASE_DIR) / "process_configs"
