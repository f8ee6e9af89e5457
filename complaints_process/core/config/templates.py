"""Where templates live: ``extends: base/NAME`` reads the authority's folder's own
``base/NAME.yaml`` first, then the one packaged with the plugin."""

from __future__ import annotations

import os
from pathlib import Path

#: The templates that ship with the package (``base/statutory-england-2006.yaml`` ...).  An
#: ``extends: base/NAME`` resolves from the authority's own folder first (``base/NAME.yaml`` there
#: overrides the packaged one), then from here.
PACKAGED_CONFIGS_ROOT = Path(__file__).resolve().parents[2] / "process_configs"


def default_configs_root() -> Path:
    """The repository's ``process_configs/`` directory when there is one, else the packaged templates' folder."""
    repository = Path(__file__).resolve().parents[3] / "process_configs"
    return repository if repository.is_dir() else PACKAGED_CONFIGS_ROOT


def find_configs_root(path: str | os.PathLike[str]) -> Path:
    """The ``process_configs`` directory a file belongs to (templates resolve from there).

    The nearest enclosing directory called ``process_configs``; failing that, the parent of
    a ``base/`` directory holding the file; failing that, the file's own directory.
    """
    folder = Path(path).resolve().parent
    for candidate in (folder, *folder.parents):
        if candidate.name == "process_configs":
            return candidate
    if folder.name == "base":
        return folder.parent
    return folder


def template_path(configs_root: Path, name: str) -> Path:
    """The file ``extends: NAME`` reads: the folder's own ``NAME.yaml``, else the packaged one.

    When neither exists, the folder's path (the one an error message should name)."""
    own = configs_root / f"{name}.yaml"
    if own.is_file():
        return own
    packaged = PACKAGED_CONFIGS_ROOT / f"{name}.yaml"
    return packaged if packaged.is_file() else own


def template_names(configs_root: Path) -> list[str]:
    """Templates in a folder: its ``*.yaml`` files in sub-folders such as ``base/``, as ``base/NAME``."""
    if not configs_root.is_dir():
        return []
    found = []
    for folder, _dirs, files in os.walk(configs_root, followlinks=True):  # base/ may be a link
        for file in files:
            relative = (Path(folder) / file).relative_to(configs_root)
            if file.endswith(".yaml") and len(relative.parts) > 1:
                found.append(relative.with_suffix("").as_posix())
    return sorted(found)


def template_files(configs_root: Path) -> list[Path]:
    """Every template an authority in the folder can extend: the packaged ones and the folder's own
    (which override packaged ones of the same name)."""
    names = sorted(set(template_names(configs_root)) | set(template_names(PACKAGED_CONFIGS_ROOT)))
    return [template_path(configs_root, name) for name in names]


def template_name_of(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).with_suffix("").as_posix()
    except ValueError:
        return path.stem
