"""Where the case screens live, and the plain 403 every admin view answers with.

The case list and case page are registered by ``modeladmin.py``; every other admin view
links to them through these functions, so no view imports the registration module.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.defaults import permission_denied

#: The case screens' path under the admin (``ComplaintAdmin.base_url_path``).
CASES_URL_PATH = "complaints/cases"
_URL_PREFIX = CASES_URL_PATH.replace("/", "_")


def case_index_url() -> str:
    return reverse(f"{_URL_PREFIX}_modeladmin_index")


def case_url(case) -> str:
    return reverse(f"{_URL_PREFIX}_modeladmin_inspect", args=[case.pk])


def forbidden(request):
    """A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    return permission_denied(request, PermissionDenied("You cannot see complaint cases."))
