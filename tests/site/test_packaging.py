"""What the package asks of a host site: only what the plugin imports; no benchmark tooling."""

import ast
import re
import tomllib
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SITE_PACKAGES = {"dj-database-url": "dj_database_url", "django-cors-headers": "corsheaders", "django-csp": "csp"}


def requirement_name(line: str) -> str:
    for separator in "<>=!~[; ":
        line = line.split(separator, 1)[0]
    return line.strip().lower()


def imported_modules(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_the_reference_sites_packages_are_an_extra_the_plugin_never_imports():
    required = {requirement_name(line) for line in PYPROJECT["project"]["dependencies"]}
    assert required.isdisjoint(SITE_PACKAGES)
    assert {requirement_name(line) for line in PYPROJECT["project"]["optional-dependencies"]["site"]} == set(SITE_PACKAGES)
    assert imported_modules(ROOT / "complaints_process").isdisjoint(SITE_PACKAGES.values())


def test_synthetic_data_generation_is_a_command_of_the_reference_site_not_the_plugin():
    assert get_commands()["generate_cases"] == "council_site.home"
    assert not (ROOT / "complaints_process" / "synthetic.py").exists()


def test_the_package_ships_the_templates_and_a_bsd_licence():
    assert "process_configs/**/*.yaml" in PYPROJECT["tool"]["setuptools"]["package-data"]["complaints_process"]
    packaged = {p.name for p in (ROOT / "complaints_process" / "process_configs" / "base").glob("*.yaml")}
    assert {
        "corporate-lgsco-2024.yaml",
        "statutory-england-2006.yaml",
        "spso-model-chp.yaml",
        "social-services-wales-2014.yaml",
        "adult-social-care-england-2009.yaml",
    } <= packaged
    assert PYPROJECT["project"]["license"] == "BSD-3-Clause"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("BSD 3-Clause License")
    assert PYPROJECT["project"]["readme"] == "docs/package.md"


def test_migrations_also_apply_on_the_oldest_supported_wagtail():
    """Wagtail 7.4 (the oldest supported, .ci/oldest) has wagtailcore migrations up to 0097 and no
    WAGTAIL_PAGE_MODEL setting: a migration made on Wagtail 8 must not name either."""
    newest_on_oldest = 97
    for folder in (ROOT / "complaints_process" / "migrations", ROOT / "site" / "council_site" / "home" / "migrations"):
        for path in folder.glob("0*.py"):
            text = path.read_text(encoding="utf-8")
            assert "settings.WAGTAIL_PAGE_MODEL" not in text, f"{path.name}: use PAGE_MODEL = getattr(settings, 'WAGTAIL_PAGE_MODEL', 'wagtailcore.Page')"
            for number in re.findall(r"\(\s*['\"]wagtailcore['\"]\s*,\s*['\"](\d{4})_", text):
                assert int(number) <= newest_on_oldest, f"{path.name} depends on wagtailcore {number}, which Wagtail 7.4 lacks"
