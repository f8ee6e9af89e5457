"""Recording who opened a case, and who may see that record.

``record_access`` is called by every admin view that shows a case's data, after the view has
checked the user may see the case (``views.admin_access``).  Complaints managers of the
case's authority (and superusers) see the record on the case page and may export a
complainant's data (``services.subject_access``).
"""

from __future__ import annotations

from complaints_process.models import AccessKind, CaseAccess, Complaint, TeamRole
from complaints_process.permissions import roles_at


def record_access(case: Complaint, user, kind: str, detail: str = "") -> CaseAccess:
    """Write one access row: ``user`` (None: a management command) viewed ``case``."""
    if kind not in AccessKind.values:
        raise ValueError(f"unknown access kind '{kind}'")
    account = user if user is not None and user.is_authenticated else None
    return CaseAccess.objects.create(case=case, user=account, kind=kind, detail=str(detail)[:80])


def is_complaints_manager(user, authority) -> bool:
    """A complaints manager of ``authority``, or a superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or TeamRole.COMPLAINTS_MANAGER in roles_at(user, authority)


def viewer_name(user) -> str:
    if user is None:
        return "A management command"
    return user.get_full_name() or user.get_username()
