"""The case a URL names, for a view: 404 unless the case policy lets the user see it.

Who sees which cases is ``permission_policies.cases`` (``view``); this module only turns its
answer into a response, the same 404 for a case of another authority as for one that does
not exist.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext

from complaints_process.models import Complaint
from complaints_process.permission_policies import cases


def get_visible_case(user, pk) -> Complaint:
    """The case ``pk`` if ``user`` may see it; Http404 otherwise (never 'exists elsewhere')."""
    case = cases.visible_case(user, pk)
    if case is None:
        raise Http404(gettext("No such case."))
    return case
