"""Every admin URL of the plugin is named in an area's namespace (``complaints_process.viewsets``).

Read from the URL configuration itself: a view registered by hand (a ``register_admin_urls``
hook, say) has no namespace and fails here.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

#: The namespaces of the plugin's admin areas.
AREAS = {
    "complaints_cases",
    "complaints_process_config",
    "complaints_reports",
    "complaints_diagrams",
    "complaints_subject_access",
    "complaints_authorities",
}


def walk(patterns, prefix="", namespace=""):
    """``(route, namespace, pattern)`` of every URL pattern, resolvers included."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def owner_module(callback) -> str:
    """The module a view comes from: its class's, for a class-based view or a bound method."""
    owner = getattr(callback, "view_class", None) or getattr(getattr(callback, "__self__", None), "__class__", None) or callback
    return owner.__module__


def plugin_admin_urls():
    for route, namespace, pattern in walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        if route.startswith("admin/complaints") or owner_module(pattern.callback).startswith("complaints_process"):
            yield route, namespace, pattern


def test_every_admin_url_of_the_plugin_is_named_in_an_areas_namespace():
    found = list(plugin_admin_urls())
    unnamed = [route for route, namespace, pattern in found if namespace not in AREAS or not pattern.name]
    assert unnamed == []
    names = {f"{namespace}:{pattern.name}" for _, namespace, pattern in found}
    assert {
        "complaints_cases:index",
        "complaints_cases:inspect",
        "complaints_cases:create",
        "complaints_cases:action",
        "complaints_cases:attachment",
        "complaints_cases:record",
        "complaints_process_config:index",
        "complaints_process_config:edit",
        "complaints_reports:index",
        "complaints_reports:csv",
        "complaints_diagrams:index",
        "complaints_subject_access:index",
        "complaints_authorities:edit",
    } <= names


def test_the_case_screens_keep_their_addresses():
    """wagtail-modeladmin's case screens moved into the cases area without moving their URLs."""
    routes = {f"{namespace}:{pattern.name}": route for route, namespace, pattern in plugin_admin_urls()}
    assert routes["complaints_cases:index"] == "admin/complaints/cases/^$"
    assert routes["complaints_cases:inspect"] == r"admin/complaints/cases/^inspect/(?P<instance_pk>[-\w]+)/$"
    assert routes["complaints_cases:action"] == "admin/complaints/cases/<int:pk>/action/<slug:action>/"
    assert routes["complaints_reports:report"] == "admin/complaints/reports/<slug:authority>/<slug:kind>/<str:year>/"
