"""Recording who opened a case.

``record_access`` is called by every admin view that shows a case's data, after the view has
asked the case policy whether the user may see the case (``permission_policies.cases``).  Who
may see the record, and export a complainant's data (``services.subject_access``), is the
data protection policy's (``permission_policies.data_protection``).
"""

from __future__ import annotations

from complaints_process.models import AccessKind, CaseAccess, Complaint


def record_access(case: Complaint, user, kind: str, detail: str = "") -> CaseAccess:
    """Write one access row: ``user`` (None: a management command) viewed ``case``."""
    if kind not in AccessKind.values:
        raise ValueError(f"unknown access kind '{kind}'")
    account = user if user is not None and user.is_authenticated else None
    return CaseAccess.objects.create(case=case, user=account, kind=kind, detail=str(detail)[:80])


def viewer_name(user) -> str:
    if user is None:
        return "A management command"
    return user.get_full_name() or user.get_username()
