"""URLs of the complaints API.  Include before Wagtail's catch-all::

    path("api/complaints/v1/", include("complaints_process.api.urls")),

The API's own routes (namespace ``complaints_api``) come first, each answering a wrong
method with the API's JSON 405 (the OpenAPI document and its docs page take GET and HEAD); any other path under the prefix answers with the API's
JSON 404 instead of falling through to the page tree.
"""

from django.urls import path, re_path

from complaints_process.api import api
from complaints_process.api.errors import reading_only, unknown_path, with_json_method_not_allowed

#: ninja's views of the OpenAPI document and its docs page, which would answer any method.
READ_ONLY_VIEWS = {"openapi-json", "openapi-view"}

# (No module-level `app_name` here: include() would take it as this module's namespace.)
api_patterns, ninja_app_name, api_namespace = api.urls
for pattern in api_patterns:
    wrap = reading_only if pattern.name in READ_ONLY_VIEWS else with_json_method_not_allowed
    pattern.callback = wrap(pattern.callback)

urlpatterns = [
    path("", (api_patterns, ninja_app_name, api_namespace)),
    re_path(r"^.*$", unknown_path, name="complaints_api_unknown_path"),
]
