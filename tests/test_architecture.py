"""The package's shape, read from its source with ``ast`` (nothing is imported or run).

The import graph holds to the layers of ``complaints_process/__init__.py``:

* ``core`` imports nothing of Django, Wagtail or the rest of the package;
* models import no service, selector, view, worker, API or admin module (the guidance page
  model's own surfaces aside, named in ``PAGE_MODEL_SURFACES`` with the reason for each);
* services import no view, admin module (``modeladmin``, ``wagtail_hooks``, ``admin_views``,
  ``views/admin_*``), API or report;
* no two modules import each other, and there is no longer cycle either;
* admin views are registered only as ``ViewSet``s, through ``register_admin_viewset``: no
  module registers admin URLs or menu items by hand, nor calls wagtail-modeladmin's own
  registration (``HAND_REGISTRATION``);
* no view module decides a permission itself: who may see or do what is
  ``permission_policies``, and a view asks it (``VIEW_MODULES``, ``PERMISSION_READS``).

Every import counts, those inside functions too: an import moved into a function still ties
the two modules together.

No function or method of the package (migrations aside) is longer than ``LONGEST_FUNCTION``
lines, but those named in ``LONG_FUNCTIONS`` with the reason for each.

The tests mirror the package: each directory under ``tests/`` mirrors a package directory
(``tests/services/cases/`` tests ``complaints_process/services/cases/``), or is a named group of
one package's modules (``TEST_MODULE_GROUPS``), or one of the few cross-cutting directories
named in ``CROSS_CUTTING_TEST_DIRS``, each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "complaints_process"
PACKAGE_DIR = Path(__file__).resolve().parents[1] / PACKAGE
TESTS_DIR = Path(__file__).resolve().parent

#: What Django, Wagtail and the libraries built on them are imported as.
FRAMEWORKS = ("django", "wagtail", "modelcluster", "taggit", "rest_framework", "ninja", "django_fsm", "django_q")

#: The guidance page model is a Wagtail page: Wagtail asks the model itself for its editing
#: form, its edit panels, its StreamField blocks, its API fields and its response to a request.
#: These are the only imports of surfaces a model may make; each is named with its reason.
PAGE_MODEL_SURFACES = {
    ("complaints_process.models.pages", "complaints_process.forms.guidance_page"): "its editing form (base_form_class)",
    ("complaints_process.models.pages", "complaints_process.panels"): "its edit panel (the procedure diagram in content_panels)",
    (
        "complaints_process.models.pages",
        "complaints_process.blocks",
    ): "the StreamField blocks its body is made of (the package and its modules)",
    ("complaints_process.models.pages", "complaints_process.api.page_fields"): "its API fields (api_fields, read lazily)",
    ("complaints_process.models.pages", "complaints_process.views.intake"): (
        "serve() answers a POST of the page's own complaint form: Wagtail routes the page's requests there, after its view restrictions"
    ),
}

#: What a model must not import (the page model's surfaces above aside).
NOT_FROM_MODELS = (
    "services",
    "selectors",
    "views",
    "work",
    "api",
    "forms",
    "blocks",
    "panels",
    "reports",
    "management",
    "templatetags",
    "modeladmin",
    "wagtail_hooks",
    "admin_views",
)
#: What a service must not import: they are called by the surfaces, never the other way.
NOT_FROM_SERVICES = ("views", "api", "modeladmin", "wagtail_hooks", "admin_views", "panels", "templatetags", "reports", "management")


#: The surfaces that answer requests: views, the admin registrations and menus, the API.
VIEW_MODULES = ("views", "modeladmin", "admin_views", "wagtail_hooks", "viewsets", "api", "reports.views")
#: What deciding a permission looks like: reading a user's groups, flags or Django
#: permissions, or the team roles, directly.
PERMISSION_READS = frozenset({"is_superuser", "is_staff", "groups", "user_permissions", "has_perm", "has_perms", "roles_at", "TeamRole"})


#: The hooks and calls that register admin URLs or menu items outside a ``ViewSet``.
HAND_REGISTRATION = frozenset(
    {"register_admin_urls", "register_admin_menu_item", "register_settings_menu_item", "modeladmin_register", "register_with_wagtail"}
)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules(root: Path) -> dict[str, Path]:
    """Every module of the package at ``root`` but its migrations, by dotted name."""
    return {module_name(path, root): path for path in sorted(root.rglob("*.py")) if "migrations" not in path.relative_to(root).parts}


def imports_of(name: str, path: Path, modules, tree: ast.AST | None = None) -> dict[str, int]:
    """The modules ``name`` imports (anywhere in it, functions included, or only in ``tree``,
    a part of it), with a line of each.

    ``from a import b`` is an import of ``a.b`` when that is a module of the package, else of
    ``a``; relative imports are resolved against the module's package.
    """
    found: dict[str, int] = {}
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree or ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source for alias in node.names]
        else:
            continue
        for target in targets:
            found.setdefault(target, node.lineno)
    found.pop(name, None)
    return found


def import_graph(root: Path) -> dict[str, dict[str, int]]:
    modules = package_modules(root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def within(name: str, *prefixes: str) -> bool:
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in prefixes)


def allowed_edge(source: str, target: str, allowed) -> bool:
    """Is ``source -> target`` one of ``allowed`` (a module or a package and its modules)?"""
    return any(source == a and within(target, b) for a, b in allowed)


def layer_breaches(graph, package: str = PACKAGE, allowed=PAGE_MODEL_SURFACES) -> list[str]:
    """Every import that breaks a layer rule, as ``module -> imported (line n): rule``."""
    inside = [f"{package}.{name}" for name in ("core",)]
    found = []
    for source, targets in sorted(graph.items()):
        for target, line in sorted(targets.items()):
            rule = None
            if within(source, *inside):
                if within(target, *FRAMEWORKS) or (within(target, package) and not within(target, *inside)):
                    rule = "core imports nothing of Django, Wagtail or the rest of the package"
            elif within(source, f"{package}.models"):
                if within(target, *(f"{package}.{name}" for name in NOT_FROM_MODELS)) and not allowed_edge(source, target, allowed):
                    rule = "models import no service, selector, view, worker, API or admin module"
            elif within(source, f"{package}.services"):
                if within(target, *(f"{package}.{name}" for name in NOT_FROM_SERVICES)):
                    rule = "services import no view, admin module, hook, API or report"
            if rule:
                found.append(f"{source} -> {target} (line {line}): {rule}")
    return found


def mutual_imports(graph) -> list[str]:
    return sorted(f"{a} <-> {b}" for a, targets in graph.items() for b in targets if a < b and a in graph.get(b, {}))


def cycles(graph, ignored=PAGE_MODEL_SURFACES) -> list[list[str]]:
    """The import cycles (strongly connected groups of two or more modules) of the package,
    the edges in ``ignored`` left out."""
    edges = {a: [b for b in targets if b in graph and not allowed_edge(a, b, ignored)] for a, targets in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node):  # Tarjan's algorithm; the package is shallow enough for recursion
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def permission_decisions(root: Path, package: str = PACKAGE) -> list[str]:
    """Every place a view module reads what ``PERMISSION_READS`` names, as ``module:line name``."""
    found = []
    for name, path in sorted(package_modules(root).items()):
        if not within(name, *(f"{package}.{view}" for view in VIEW_MODULES)):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                read = node.attr
            elif isinstance(node, ast.Name):
                read = node.id
            elif isinstance(node, ast.alias):
                read = node.asname or node.name.rsplit(".", 1)[-1]
            else:
                continue
            if read in PERMISSION_READS:
                found.append(f"{name}:{getattr(node, 'lineno', 0)} {read}")
    return found


def hand_registrations(root: Path) -> list[str]:
    """Every ``hooks.register("<hook>")`` of a hook in ``HAND_REGISTRATION``, and every call
    of one of its functions, as ``module:line name``."""
    found = []
    for name, path in sorted(package_modules(root).items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            hook = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            if called in HAND_REGISTRATION or (called == "register" and hook in HAND_REGISTRATION):
                found.append(f"{name}:{node.lineno} {hook if called == 'register' else called}")
    return found


@pytest.fixture(scope="module")
def graph():
    return import_graph(PACKAGE_DIR)


def test_layers_hold(graph):
    assert layer_breaches(graph) == []


def test_no_two_modules_import_each_other(graph):
    assert mutual_imports(graph) == []


def test_no_import_cycles(graph):
    assert cycles(graph) == []


def test_no_view_decides_a_permission_itself():
    """Views ask ``permission_policies``; one that read a user's groups or superuser flag,
    or the team roles, would be writing a rule of its own."""
    assert permission_decisions(PACKAGE_DIR) == []


def test_admin_views_are_registered_only_as_viewsets():
    assert hand_registrations(PACKAGE_DIR) == []
    hooks = ast.parse((PACKAGE_DIR / "wagtail_hooks.py").read_text(encoding="utf-8"))
    registered = {
        decorator.args[0].value
        for node in ast.walk(hooks)
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call) and decorator.args and isinstance(decorator.args[0], ast.Constant)
    }
    assert "register_admin_viewset" in registered


def test_the_page_model_imports_each_surface_it_is_allowed(graph):
    """The allowed imports are the page model's real ones: a stale entry would hide nothing but
    would no longer be true."""
    for source, target in PAGE_MODEL_SURFACES:
        assert any(within(imported, target) for imported in graph[source]), (
            f"{source} no longer imports {target}: drop it from PAGE_MODEL_SURFACES"
        )


# The checks above, on a small package written here, so each is seen to fail.


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / PACKAGE


def test_the_checks_find_each_breach(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/calendar.py": "def holidays():\n    from django.conf import settings\n",
            "core/durations.py": "from ..models import cases\n",
            "models/__init__.py": "",
            "models/cases.py": "def later():\n    from complaints_process.services import filing\n",
            "models/pages.py": "from complaints_process.views import intake\nfrom complaints_process.forms import other\n",
            "services/__init__.py": "",
            "services/filing.py": "from complaints_process.views.admin_timeline import label\n",
            "views/__init__.py": "",
            "views/intake.py": "",
            "views/admin_timeline.py": "from complaints_process import wagtail_hooks\n",
            "forms/__init__.py": "",
            "forms/other.py": "",
            "wagtail_hooks.py": "from .views import admin_timeline\n",
        },
    )
    graph = import_graph(package)
    allowed = {("complaints_process.models.pages", "complaints_process.views.intake"): "its serve()"}
    assert [line.split(":")[0] for line in layer_breaches(graph, allowed=allowed)] == [
        "complaints_process.core.calendar -> django.conf (line 2)",
        "complaints_process.core.durations -> complaints_process.models.cases (line 1)",
        "complaints_process.models.cases -> complaints_process.services.filing (line 2)",
        "complaints_process.models.pages -> complaints_process.forms.other (line 2)",
        "complaints_process.services.filing -> complaints_process.views.admin_timeline (line 1)",
    ]
    assert mutual_imports(graph) == ["complaints_process.views.admin_timeline <-> complaints_process.wagtail_hooks"]
    assert cycles(graph, ignored={}) == [["complaints_process.views.admin_timeline", "complaints_process.wagtail_hooks"]]


def test_a_view_deciding_a_permission_is_found(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "permission_policies.py": "def allowed(user):\n    return user.is_superuser\n",
            "views/__init__.py": "",
            "views/admin_cases.py": "def view(request):\n    return request.user.groups.exists()\n",
            "views/admin_config.py": "from complaints_process.models import TeamRole\n",
            "reports/views.py": "def index(request):\n    return request.user.is_superuser\n",
            "reports/figures.py": "SUPER = 'is_superuser'\n",
        },
    )
    assert permission_decisions(package) == [
        "complaints_process.reports.views:2 is_superuser",
        "complaints_process.views.admin_cases:2 groups",
        "complaints_process.views.admin_config:1 TeamRole",
    ]


def test_an_admin_view_registered_by_hand_is_found(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "wagtail_hooks.py": (
                "from wagtail import hooks\n"
                "@hooks.register('register_admin_urls')\n"
                "def urls():\n    return []\n"
                "@hooks.register('register_admin_viewset')\n"
                "def areas():\n    return []\n"
            ),
            "modeladmin.py": "from wagtail_modeladmin.options import modeladmin_register\nmodeladmin_register(object)\n",
        },
    )
    assert hand_registrations(package) == [
        "complaints_process.modeladmin:2 modeladmin_register",
        "complaints_process.wagtail_hooks:2 register_admin_urls",
    ]


def test_a_longer_cycle_is_found(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from complaints_process import b\n",
            "b.py": "def later():\n    from complaints_process import c\n",
            "c.py": "from . import a\n",
            "d.py": "from complaints_process import a\n",
        },
    )
    graph = import_graph(package)
    assert mutual_imports(graph) == []
    assert cycles(graph) == [["complaints_process.a", "complaints_process.b", "complaints_process.c"]]


# Function length: a function longer than a screen does several things, each of which deserves
# a name. Counted from ``def`` to the last line (decorators aside), the docstring included.

#: The longest a function (or method) of the package may be, in lines.
LONGEST_FUNCTION = 60

#: The functions allowed to be longer, as ``(module, qualified name)``, each with its reason
#: (none today).
LONG_FUNCTIONS: dict[tuple[str, str], str] = {}


def function_lengths(root: Path) -> dict[tuple[str, str], int]:
    """Every function and method of the package at ``root`` (migrations aside), by module and
    qualified name (``Class.method``, ``outer.inner``), with its length in lines."""
    found: dict[tuple[str, str], int] = {}

    def visit(module: str, node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualified = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    found[(module, qualified)] = child.end_lineno - child.lineno + 1
                visit(module, child, f"{qualified}.")
            else:
                visit(module, child, prefix)

    for name, path in package_modules(root).items():
        visit(name, ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def too_long(lengths: dict[tuple[str, str], int], allowed=LONG_FUNCTIONS, longest: int = LONGEST_FUNCTION) -> list[str]:
    return sorted(
        f"{module}.{name}: {length} lines"
        for (module, name), length in lengths.items()
        if length > longest and (module, name) not in allowed
    )


def test_no_function_is_longer_than_a_screen():
    assert too_long(function_lengths(PACKAGE_DIR)) == []


def test_each_long_function_allowed_is_still_long():
    """An entry for a function since split (or renamed) would excuse the next long one there."""
    lengths = function_lengths(PACKAGE_DIR)
    stale = sorted(f"{module}.{name}" for module, name in LONG_FUNCTIONS if lengths.get((module, name), 0) <= LONGEST_FUNCTION)
    assert stale == []


def test_the_length_check_finds_a_long_method(tmp_path):
    body = "".join(f"        x = {n}\n" for n in range(59))
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "short.py": "def fine():\n" + "".join(f"    x = {n}\n" for n in range(59)),
            "cases.py": "class Case:\n    @property\n    def long(self):\n" + body + "        return x\n",
            "migrations/0001_initial.py": "def forwards():\n" + "".join(f"    x = {n}\n" for n in range(80)),
        },
    )
    lengths = function_lengths(package)
    assert lengths[("complaints_process.short", "fine")] == 60
    assert too_long(lengths, allowed={}) == ["complaints_process.cases.Case.long: 61 lines"]
    assert too_long(lengths, allowed={("complaints_process.cases", "Case.long"): "why"}) == []


# The tests' layout: a test directory is named after what it tests.

#: Test directories that mirror no package directory, with the reason for each (their
#: subdirectories too).
CROSS_CUTTING_TEST_DIRS = {
    "browser": "end-to-end journeys in Chromium, through every surface at once",
    "site": "the reference site (site/) and the install: settings, checks, packaging, the demo",
    "benchmarks": "the benchmark harness behind `make bench`, which ships in no package",
}

#: Test directories that group some modules of the package directory their parent mirrors:
#: {test directory: (the modules, as file patterns in that package directory; the reason)}.
TEST_MODULE_GROUPS = {
    "views/admin": (("admin_*.py",), "the admin views, which share the staff and case fixtures"),
    "views/public": (
        ("intake.py", "status.py"),
        "the complainant's views (the form and the status page), which share the demo site's forms",
    ),
}


def directories_holding_files(tests_root: Path) -> list[str]:
    """Every directory under ``tests_root`` that holds a file (bytecode caches aside), as a
    relative path with ``/``."""
    found = set()
    for path in tests_root.rglob("*"):
        relative = path.relative_to(tests_root)
        if path.is_file() and "__pycache__" not in relative.parts and relative.parent.parts:
            found.add(relative.parent.as_posix())
    return sorted(found)


def unmirrored(tests_root: Path, package_root: Path, cross_cutting=CROSS_CUTTING_TEST_DIRS, groups=TEST_MODULE_GROUPS) -> list[str]:
    """The test directories that mirror no package directory and are neither a group of a
    package's modules nor cross-cutting."""

    def allowed(directory: str) -> bool:
        if directory.split("/")[0] in cross_cutting or (package_root / directory).is_dir():
            return True
        if directory in groups:
            parent = (package_root / directory).parent
            return all(any(parent.glob(pattern)) for pattern in groups[directory][0])
        return False

    return [directory for directory in directories_holding_files(tests_root) if not allowed(directory)]


def test_each_test_directory_mirrors_a_package_directory():
    """A test goes in the directory of what it tests: ``tests/models/`` for ``models/``.  A
    directory named after a surface or a theme (``tests/admin/``, ``tests/domain/``) fails here;
    move its files to the directories of the packages they test."""
    assert unmirrored(TESTS_DIR, PACKAGE_DIR) == []


def test_each_cross_cutting_test_directory_is_still_needed():
    """An entry for a directory since removed, or one that now mirrors a package, would excuse
    the next stray directory of that name."""
    directories = directories_holding_files(TESTS_DIR)
    stale = sorted(
        name
        for name in CROSS_CUTTING_TEST_DIRS
        if (PACKAGE_DIR / name).is_dir() or not any(d == name or d.startswith(f"{name}/") for d in directories)
    )
    assert stale == []
    assert sorted(name for name in TEST_MODULE_GROUPS if name not in directories) == []


def test_the_layout_check_finds_a_directory_that_mirrors_nothing(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "models/__init__.py": "",
            "services/cases/__init__.py": "",
            "views/__init__.py": "",
            "views/admin_cases.py": "",
        },
    )
    tests = tmp_path / "tests"
    for name in (
        "conftest.py",
        "models/test_cases.py",
        "services/cases/test_walks.py",
        "views/admin/test_list.py",
        "views/public/test_form.py",
        "browser/journeys/test_admin.py",
        "domain/test_walks.py",
        "admin/__pycache__/test_list.pyc",
    ):
        (tests / name).parent.mkdir(parents=True, exist_ok=True)
        (tests / name).write_text("", encoding="utf-8")
    groups = {"views/admin": (("admin_*.py",), "the admin views"), "views/public": (("intake.py",), "the public views")}
    assert unmirrored(tests, package, cross_cutting={"browser": "end to end"}, groups=groups) == ["domain", "views/public"]


# Imports inside functions: one of the package's modules imported in a function body hides an
# edge of the import graph from whoever reads the module's head, and is usually a dodged cycle.
# The few that are needed are named here with the reason; any other fails.

#: ``(module, imported module)`` pairs allowed inside a function, each with its reason.  The
#: app's ``AppConfig.ready`` is allowed any (``READY``): it is Django's place for what needs
#: the apps loaded (system checks, signal receivers, policies, core's gettext).
FUNCTION_IMPORTS = {
    ("complaints_process.models.pages", "complaints_process.api.page_fields"): "the page model's API fields (PAGE_MODEL_SURFACES)",
    ("complaints_process.models.pages", "complaints_process.views.intake"): "the page model serves its form's POST (PAGE_MODEL_SURFACES)",
    ("complaints_process.blocks.complaint_form", "complaints_process.forms"): "the models import the blocks; the form imports the models",
    ("complaints_process.blocks.complaint_form", "complaints_process.idempotency"): "read with the form, when the block renders",
    ("complaints_process.forms.guidance_page", "complaints_process.services.teams"): "the page model's form class: the models import it",
}


READY = ("complaints_process.apps", "ready")


def function_imports(root: Path) -> dict[tuple[str, str], int]:
    """``(module, imported package module)`` for each import of the package inside a function
    (``AppConfig.ready`` aside, ``READY``)."""
    modules = package_modules(root)
    found: dict[tuple[str, str], int] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or (name, function.name) == READY:
                continue
            body = ast.Module(body=function.body, type_ignores=[])
            for target, line in imports_of(name, path, modules, tree=body).items():
                if within(target, PACKAGE):
                    found.setdefault((name, target), line)
    return found


def test_no_module_of_the_package_is_imported_inside_a_function():
    found = function_imports(PACKAGE_DIR)
    hidden = sorted(
        f"{module}:{line} imports {target}" for (module, target), line in found.items() if (module, target) not in FUNCTION_IMPORTS
    )
    assert hidden == []


def test_each_function_import_allowed_is_still_there():
    found = function_imports(PACKAGE_DIR)
    assert sorted(set(FUNCTION_IMPORTS) - set(found)) == []


def test_the_function_import_check_finds_one(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "import os\n\ndef f():\n    from complaints_process import b\n    from . import c\n    import json\n    return b, c\n",
            "b.py": "",
            "c.py": "",
        },
    )
    assert sorted(function_imports(package)) == [
        ("complaints_process.a", "complaints_process.b"),
        ("complaints_process.a", "complaints_process.c"),
    ]
