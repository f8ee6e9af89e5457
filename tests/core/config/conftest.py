"""Shared helpers for the process-config tests (pure Python: run with -p no:django)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from complaints_process.core.config import ConfigInvalid, load_authority_file

REPO = Path(__file__).resolve().parents[3]
CONFIGS = REPO / "process_configs"
SOURCE_PAGES = REPO / "docs" / "seeds"

#: authority slug -> the published page its config reproduces (copied from the seed pages).
SEEDS = ("council-a", "family-advice", "council-b", "hampshire", "walsall")
TEMPLATES = (
    "base/statutory-england-2006",
    "base/corporate-lgsco-2024",
    "base/spso-model-chp",
    "base/social-services-wales-2014",
    "base/adult-social-care-england-2009",
)


def load_seed(slug: str):
    return load_authority_file(CONFIGS / f"{slug}.yaml")


def write(folder: Path, relative: str, text: str) -> Path:
    """Write a YAML file (dedented; a leading newline is dropped so line 1 is the first line)."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(path: Path, **kwargs) -> list[str]:
    """Every problem loading an authority file reports, as 'file:line:column: message'."""
    with pytest.raises(ConfigInvalid) as caught:
        load_authority_file(path, **kwargs)
    return [str(error) for error in caught.value.errors]


@pytest.fixture
def configs(tmp_path: Path) -> Path:
    """An empty process_configs/ folder for broken files and their templates."""
    folder = tmp_path / "process_configs"
    folder.mkdir()
    return folder
