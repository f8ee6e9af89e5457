"""The plugin's settings, each with its default, read when used (so tests can override them)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def configs_dir() -> Path:
    """Folder holding one YAML file per authority, and templates under ``base/``."""
    value = getattr(settings, "COMPLAINTS_PROCESS_CONFIGS_DIR", None)
    if value:
        return Path(value)
    return Path(settings.BASE_DIR) / "process_configs"


def private_media_root() -> Path:
    """Where complainants' attachments are kept: never under MEDIA_ROOT, never served.

    ``COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT``; by default ``BASE_DIR / "private_media"``.  Without
    either (no absolute BASE_DIR), the check complaints_process.E004 stops the site; the
    current directory is used only so that nothing crashes before the check is read.
    """
    value = getattr(settings, "COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT", None)
    if value:
        return Path(value)
    return default_private_media_root() or Path.cwd() / "private_media"


def default_private_media_root() -> Path | None:
    """``BASE_DIR / "private_media"`` when the site has an absolute BASE_DIR (as ``wagtail start`` sets)."""
    base_dir = getattr(settings, "BASE_DIR", None)
    if base_dir and Path(base_dir).is_absolute():
        return Path(base_dir) / "private_media"
    return None


class PrivateStorage(FileSystemStorage):
    """Files under ``COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT``, read when used; no URL (never served)."""

    @property
    def base_location(self):
        return str(private_media_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage():
    """The attachments' storage (a callable, so migrations do not record a path)."""
    return PrivateStorage()


#: Attachment limits; override with COMPLAINTS_PROCESS_ATTACHMENT_MAX_BYTES / _MAX_COUNT.
def attachment_max_bytes() -> int:
    return int(getattr(settings, "COMPLAINTS_PROCESS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def attachment_max_count() -> int:
    return int(getattr(settings, "COMPLAINTS_PROCESS_ATTACHMENT_MAX_COUNT", 5))


#: (requests, seconds) per client for each rate-limited action.
DEFAULT_RATE_LIMITS = {"file": (10, 3600), "status": (30, 600)}


def rate_limit(action: str) -> tuple[int, int]:
    limits = {**DEFAULT_RATE_LIMITS, **(getattr(settings, "COMPLAINTS_PROCESS_RATE_LIMITS", None) or {})}
    return tuple(limits[action])
