"""Where the case screens live, and the plain 403 every admin view answers with.

The case list and case page are wagtail-modeladmin's (``modeladmin.py``), in the cases
area (``viewsets.CasesViewSet``); every other admin view links to them through these
functions, so no view imports the registration modules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.defaults import permission_denied

#: The cases area's path under the admin, and the namespace of its URL names.
CASES_URL_PATH = "complaints/cases"
CASES_NAMESPACE = "complaints_cases"


def case_index_url() -> str:
    return reverse(f"{CASES_NAMESPACE}:index")


def case_url(case) -> str:
    return reverse(f"{CASES_NAMESPACE}:inspect", args=[case.pk])


def forbidden(request):
    """A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    return permission_denied(request, PermissionDenied("You cannot see complaint cases."))
